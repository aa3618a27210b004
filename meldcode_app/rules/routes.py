"""A school's werkinstructie as configuration (DOMAIN 1.3, 9): its phases mapped onto the national
steps, who leads and who is casemanager in each, and its own terms. A dossier keeps a snapshot of
the route it started with, so changing the route later does not rewrite running dossiers."""

from collections.abc import Iterable
from dataclasses import dataclass

from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.roles import FUNCTION_ROLES
from meldcode_app.rules.route import (
	CASEMANAGER_FUNCTION,
	CLOSED,
	HELP_ORGANISED,
	REPORTED,
	STATES,
	STEP_4,
	STEP_5,
)
from meldcode_app.rules.settings_limits import largest
from meldcode_app.rules.terms import TERM_RULES

PHASE_STEPS = tuple(s for s in STATES if s != CLOSED)
# Steps whose terms name the weighing, the decision, the melding or the help: a teacher led or
# managing them would read the case's course among her ToDos (round 74). She signals, may hold the
# conversation and does the aftercare, as the school documents' routes have it.
DECIDING_STEPS = (STEP_4, STEP_5, HELP_ORGANISED, REPORTED)


@dataclass(frozen=True)
class Phase:
	name: str
	national_step: str | None
	lead_function: str | None
	casemanager_function: str | None
	before_meldcode: bool = False


def check_route(
	phases: Iterable[Phase], terms: Iterable[tuple[str, int | None]], acute_casemanager: str | None = None
) -> None:
	"""Refuse a route a school could not work with: each phase led, mapped onto a national step,
	its terms within the settings' limits; the acute path's terms go to the case team (a teacher
	made its casemanager read "same-day melding to Veilig Thuis" among her ToDos, round 73)."""
	phases = list(phases)
	if not phases:
		raise RuleViolation(_("A route needs at least one phase."))
	if acute_casemanager == "Teacher":
		raise RuleViolation(_("The acute path is the case team's: its casemanager is not the teacher."))
	for phase in phases:
		if phase.national_step in DECIDING_STEPS and "Teacher" in (
			phase.lead_function,
			phase.casemanager_function,
		):
			raise RuleViolation(
				_("Phase {0} weighs or acts on the decision: the case team's, not the teacher's."),
				phase.name or phase.national_step,
			)
	for n, phase in enumerate(phases, start=1):
		label = phase.name or str(n)
		if not phase.lead_function or not phase.casemanager_function:
			raise RuleViolation(_("Phase {0} needs who leads it and who is casemanager."), label)
		for function in (phase.lead_function, phase.casemanager_function):
			if function not in FUNCTION_ROLES:
				raise RuleViolation(_("{0} is not a function at a school."), function)
		if phase.national_step not in PHASE_STEPS:
			raise RuleViolation(
				_("Phase {0} is mapped to {1}, which is not a step of the meldcode."),
				label,
				phase.national_step or "-",
			)
	for setting, amount in terms:
		if setting not in {rule.setting for rule in TERM_RULES.values()}:
			raise RuleViolation(_("{0} is not a term of the meldcode."), setting)
		if amount is None or int(amount) <= 0:
			raise RuleViolation(
				_("The term {0} of a route must be a whole number greater than zero."), setting
			)
		if (limit := largest(setting)) is not None and int(amount) > limit:
			raise RuleViolation(_("The term {0} of a route is at most {1}."), setting, limit)


def snapshot(
	name: str,
	version: int,
	phases: Iterable[Phase],
	terms: Iterable[tuple[str, int]],
	acute_casemanager: str,
	same_day: bool,
	support_team_first: bool = False,
) -> dict:
	"""What a dossier keeps of its route: casemanager per national step and the route's terms."""
	casemanagers = {}
	for phase in phases:
		casemanagers[phase.national_step] = phase.casemanager_function  # a later phase of the same step wins
	return {
		"route": name,
		"version": version,
		"casemanager": casemanagers,
		"terms": {setting: int(amount) for setting, amount in terms},
		"acute_casemanager": acute_casemanager,
		"same_day": bool(same_day),
		"support_team_first": bool(support_team_first),
	}


def casemanager_function(route_snapshot: dict | None, state: str, acute: bool) -> str:
	"""Who is casemanager in ``state``: the route's phase for that step, else the phase of the
	latest earlier step, else the national default; on the acute path the route's choice."""
	if not route_snapshot:
		return "Director" if acute else CASEMANAGER_FUNCTION[state]
	if acute:
		return route_snapshot.get("acute_casemanager") or "Director"
	mapped = route_snapshot.get("casemanager", {})
	for step in reversed(STATES[: STATES.index(state) + 1]):
		if step in mapped:
			return mapped[step]
	return CASEMANAGER_FUNCTION[state]
