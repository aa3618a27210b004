"""Which dossiers a form's dossier link offers, and which school a new form starts with.

A weighing is made at stap 4 or 5; a melding to Veilig Thuis at stap 5, or on the acute path
before the dossier was reported (DOMAIN 2; H36). Advice and information requests may concern any
open dossier."""

from meldcode_app.rules.route import (
	HELP_ORGANISED,
	OPEN_STATES,
	STEP_1,
	STEP_2,
	STEP_3,
	STEP_4,
	STEP_5,
)

WEIGHING, MELDING, OPEN = "weighing", "melding", "open"
PURPOSES = (WEIGHING, MELDING, OPEN)

WEIGHING_STATES = (STEP_4, STEP_5)
MELDING_STATES = (STEP_5,)
ACUTE_MELDING_STATES = (STEP_1, STEP_2, STEP_3, STEP_4, STEP_5, HELP_ORGANISED)


def candidate_states(purpose: str) -> tuple[str, ...]:
	"""The states a database filter may narrow to before ``fits`` decides."""
	return {
		WEIGHING: WEIGHING_STATES,
		MELDING: ACUTE_MELDING_STATES,
		OPEN: OPEN_STATES,
	}[purpose]


def fits(purpose: str, state: str | None, acute: bool) -> bool:
	"""Whether a dossier in ``state`` is offered for ``purpose``."""
	if purpose == WEIGHING:
		return state in WEIGHING_STATES
	if purpose == MELDING:
		return state in MELDING_STATES or (acute and state in ACUTE_MELDING_STATES)
	return state in OPEN_STATES


def default_school(schools: list[str]) -> str | None:
	"""A user who works at one school starts every form at that school; at several, they pick."""
	return schools[0] if len(set(schools)) == 1 else None
