"""The route of a Meldcode dossier: its states, who is casemanager in each, and what each
move needs (DOMAIN 2, hard rules H2, H15, H21, H36, H39)."""

from dataclasses import dataclass
from datetime import date

from meldcode_app.rules.afwegingskader import (
	CLOSE_DOSSIER,
	CLOSE_HELP_WITH_MONITORING,
	ORGANISE_HELP,
	REPORT,
)
from meldcode_app.rules.errors import RuleViolation, _

STEP_1 = "Step 1 Signalling"
STEP_2 = "Step 2 Collegial Consultation"
STEP_3 = "Step 3 Conversation"
STEP_4 = "Step 4 Weighing"
STEP_5 = "Step 5 Deciding"
HELP_ORGANISED = "Help Organised"
REPORTED = "Reported to Veilig Thuis"
STEP_6 = "Step 6 Evaluation and Aftercare"
CLOSED = "Closed"
STATES = (STEP_1, STEP_2, STEP_3, STEP_4, STEP_5, HELP_ORGANISED, REPORTED, STEP_6, CLOSED)
OPEN_STATES = STATES[:-1]
# A new signal reopens a dossier in these states at stap 4 (H39).
REOPENED_BY_SIGNAL = (HELP_ORGANISED, REPORTED, STEP_6, CLOSED)

UNFOUNDED = "Unfounded"
HELP_CLOSED_WITH_MONITORING = "Help Closed With Monitoring"
REPORTED_AND_CLOSED = "Reported and Closed"
CLOSING_OUTCOMES = (UNFOUNDED, HELP_CLOSED_WITH_MONITORING, REPORTED_AND_CLOSED)

# Default casemanager per state (the KMS route of the school documents): the teacher signals,
# the aandachtsfunctionaris coordinates consultation and conversation, the director is the
# final casemanager from the weighing on (DOMAIN 1.3).
CASEMANAGER_FUNCTION = {
	STEP_1: "Teacher",
	STEP_2: "Aandachtsfunctionaris",
	STEP_3: "Aandachtsfunctionaris",
	STEP_4: "Director",
	STEP_5: "Director",
	HELP_ORGANISED: "Director",
	REPORTED: "Director",
	STEP_6: "Director",
	CLOSED: "Director",
}

# Outcome of the afwegingskader -> the state stap 5 leads to.
DECISION_STATE = {
	REPORT: REPORTED,
	ORGANISE_HELP: HELP_ORGANISED,
	CLOSE_HELP_WITH_MONITORING: STEP_6,
	CLOSE_DOSSIER: CLOSED,
}


@dataclass(frozen=True)
class DossierFacts:
	"""What the guards look at, gathered by the Frappe layer in a few queries."""

	signals: int = 0
	parents_conversation_signed: bool = False
	parents_conversation_exception: bool = False
	latest_weighing_outcome: str | None = None
	melding_submitted: bool = False
	melding_today: bool = False
	aftercare_until: date | None = None
	today: date | None = None
	closing_outcome: str | None = None
	acute: bool = False
	reopened_by_signal: bool = False
	support_team_required: bool = (
		False  # the school's route: the support team consults before each step (H46)
	)
	support_team_since_step: bool = False  # a support-team conversation was signed since entering this step


def transition_blockers(old: str, new: str, facts: DossierFacts) -> list[RuleViolation]:
	"""What is missing for the move from ``old`` to ``new``; empty when the move is allowed.
	Which moves exist at all is the workflow's business; this checks their preconditions."""
	if old == new:
		return []
	if facts.reopened_by_signal and new == STEP_4:
		# The meldcode's own move (H39), not the team's: whoever added the signal (a teacher who
		# may not read the dossier) is never refused by what the team has still to do (round 39).
		return []
	if old == CLOSED:
		return [RuleViolation(_("A closed dossier is reopened only by a new signal."))]
	if facts.acute and new == REPORTED:
		if facts.melding_today:
			return []
		return [RuleViolation(_("The acute path needs a melding to Veilig Thuis submitted today."))]
	missing = []
	if facts.support_team_required and not facts.support_team_since_step and new != CLOSED:
		missing.append(
			RuleViolation(
				_(
					"The school's route has the support team consult before every step; record that consultation first."
				)
			)
		)
	if new == STEP_2 and facts.signals < 1:
		missing.append(RuleViolation(_("Collegial consultation needs at least one recorded signal.")))
	if (
		new == STEP_4
		and old == STEP_3
		and not (facts.parents_conversation_signed or facts.parents_conversation_exception)
	):
		missing.append(
			RuleViolation(
				_(
					"Weighing needs a signed conversation with the parents, or the recorded reason why it was not held."
				)
			)
		)
	if (new == STEP_5 or old == STEP_5) and not facts.latest_weighing_outcome:
		missing.append(RuleViolation(_("A decision needs a submitted weighing (afwegingskader).")))
	elif old == STEP_5 and DECISION_STATE[facts.latest_weighing_outcome] != new:
		missing.append(
			RuleViolation(
				_("The latest weighing leads to {0}, not to {1}."),
				DECISION_STATE[facts.latest_weighing_outcome],
				new,
			)
		)
	if new == REPORTED and old not in (STEP_5, REPORTED) and not facts.acute:
		missing.append(
			RuleViolation(
				_("Outside step 5 only the acute path leads to a melding; start the acute path first.")
			)
		)
	if new == REPORTED and not facts.melding_submitted:
		missing.append(RuleViolation(_("Reported to Veilig Thuis needs a submitted melding.")))
	if new == CLOSED:
		missing += closing_blockers(old, facts)
	return missing


def closing_blockers(old: str, facts: DossierFacts) -> list[RuleViolation]:
	if facts.closing_outcome not in CLOSING_OUTCOMES:
		return [RuleViolation(_("Closing needs the outcome of the dossier and its reason."))]
	if old == STEP_5 and facts.closing_outcome != UNFOUNDED:
		return [
			RuleViolation(
				_("A dossier closed at step 5 closes as unfounded; otherwise it goes through aftercare.")
			)
		]
	if facts.closing_outcome == UNFOUNDED:
		return []
	if not facts.aftercare_until:
		return [RuleViolation(_("Closing needs the evaluation date, from which aftercare runs."))]
	if facts.today and facts.today < facts.aftercare_until:
		return [
			RuleViolation(
				_("Aftercare runs until {0}; the dossier cannot close before then."), facts.aftercare_until
			)
		]
	return []
