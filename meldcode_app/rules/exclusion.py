"""Time-out, schorsing en verwijdering of a pupil (seed 003, "Protocol schorsen en verwijderen";
Wet PO art. 40, 40c, 63): who decides, what comes first, and the terms."""

from dataclasses import dataclass
from datetime import date, timedelta

from meldcode_app.rules.errors import RuleViolation, _

TIME_OUT, SUSPENSION, REMOVAL = "Time-Out", "Suspension", "Removal"
MEASURES = (TIME_OUT, SUSPENSION, REMOVAL)
# The four grounds for a verwijdering (seed 003).
GROUNDS = (
	"The School Cannot Meet the Pupil's Support Needs",
	"Serious Misconduct of the Pupil",
	"Behaviour of the Parents or the Relationship with Them",
	"Conduct Contrary to the School's Foundation",
)
SUSPENSION_MAX_DAYS = 7  # "maximaal één week", the time-out included
APPEAL_DECISION_DAYS = 14  # schorsing: the board decides on the appeal within 14 days
OBJECTION_WEEKS = 6  # verwijdering: the parents object within six weeks of the decision
OBJECTION_DECISION_WEEKS = 4  # and the board decides within four weeks of the objection


@dataclass(frozen=True)
class Exclusion:
	measure: str
	start_date: date
	end_date: date | None = None
	director_approved: bool = False
	board_approved_on: date | None = None
	inspectie_informed_on: date | None = None
	ground: str | None = None
	teacher_heard_on: date | None = None
	director_heard_on: date | None = None
	other_school: str | None = None
	decision_on: date | None = None
	appeal_received_on: date | None = None
	appeal_decided_on: date | None = None


def days_of(exclusion: Exclusion) -> int:
	"""Calendar days from the first to the last day, both included."""
	return ((exclusion.end_date or exclusion.start_date) - exclusion.start_date).days + 1


def due_dates(exclusion: Exclusion) -> dict[str, date | None]:
	"""The terms of the measure: the inspectie from the second day of a schorsing, the decision
	on an appeal (schorsing, 14 days) or an objection (verwijdering: lodged within 6 weeks of the
	decision, decided within 4 weeks of it)."""
	received = exclusion.appeal_received_on
	suspension, removal = exclusion.measure == SUSPENSION, exclusion.measure == REMOVAL
	return {
		"inspectie_due": exclusion.start_date + timedelta(days=1)
		if suspension and days_of(exclusion) > 1
		else None,
		"objection_due": exclusion.decision_on + timedelta(weeks=OBJECTION_WEEKS)
		if removal and exclusion.decision_on
		else None,
		"appeal_decision_due": (
			received + timedelta(days=APPEAL_DECISION_DAYS)
			if suspension
			else received + timedelta(weeks=OBJECTION_DECISION_WEEKS)
			if removal
			else None
		)
		if received
		else None,
	}


def check_exclusion(exclusion: Exclusion, today: date) -> None:
	if exclusion.measure not in MEASURES:
		raise RuleViolation(_("{0} is not a time-out, suspension or removal."), exclusion.measure)
	if exclusion.end_date and exclusion.end_date < exclusion.start_date:
		raise RuleViolation(_("The last day cannot be before the first day."))
	for day, what in (
		(exclusion.board_approved_on, _("The board's approval")),
		(exclusion.inspectie_informed_on, _("Informing the inspectie")),
		(exclusion.teacher_heard_on, _("Hearing the teacher")),
		(exclusion.director_heard_on, _("Hearing the director")),
		(exclusion.decision_on, _("The decision")),
		(exclusion.appeal_received_on, _("Receiving the appeal or objection")),
		(exclusion.appeal_decided_on, _("The decision on the appeal or objection")),
	):
		if day and day > today:
			raise RuleViolation(_("{0} cannot be in the future."), what)
	{TIME_OUT: check_time_out, SUSPENSION: check_suspension, REMOVAL: check_removal}[exclusion.measure](
		exclusion
	)
	check_appeal(exclusion)


def check_time_out(exclusion: Exclusion) -> None:
	if not exclusion.director_approved:
		raise RuleViolation(_("A time-out is only applied after the school's director approved it."))
	if days_of(exclusion) > 1:
		raise RuleViolation(
			_(
				"A time-out is for the rest of the day. Extended by a day it becomes a suspension: record it as a suspension, with the board's approval and the inspectie informed from the second day."
			)
		)


def check_suspension(exclusion: Exclusion) -> None:
	if days_of(exclusion) > SUSPENSION_MAX_DAYS:
		raise RuleViolation(
			_(
				"A suspension lasts at most one week (Wet PO art. 40c), the time-out included; this one lasts {0} days."
			),
			days_of(exclusion),
		)
	if not exclusion.board_approved_on:
		raise RuleViolation(_("The board is informed and asked for approval before a suspension."))
	if exclusion.board_approved_on > exclusion.start_date:
		raise RuleViolation(_("The board approves a suspension beforehand, not after its first day."))


def check_removal(exclusion: Exclusion) -> None:
	if exclusion.ground not in GROUNDS:
		raise RuleViolation(_("A removal needs one of the four grounds for removal."))
	if exclusion.decision_on:
		if not (exclusion.teacher_heard_on and exclusion.director_heard_on):
			raise RuleViolation(
				_(
					"Before deciding on a removal the board hears the teacher and the director: record both first."
				)
			)
		heard = max(exclusion.teacher_heard_on, exclusion.director_heard_on)
		if exclusion.decision_on < heard:
			raise RuleViolation(
				_("The board decides on a removal after hearing the teacher and the director.")
			)
		if not (exclusion.other_school or "").strip():
			raise RuleViolation(
				_(
					"A pupil is removed only once another school is willing to admit them: record which school."
				)
			)


def check_appeal(exclusion: Exclusion) -> None:
	due = due_dates(exclusion)
	if exclusion.appeal_received_on and exclusion.measure == TIME_OUT:
		raise RuleViolation(_("Appeal and objection belong to a suspension or a removal."))
	if exclusion.measure == REMOVAL and exclusion.appeal_received_on:
		if not exclusion.decision_on:
			raise RuleViolation(_("An objection follows the board's decision: record the decision first."))
		if exclusion.appeal_received_on > due["objection_due"]:
			raise RuleViolation(
				_("The objection came in after the six weeks the parents have (until {0})."),
				due["objection_due"],
			)
	if exclusion.appeal_decided_on:
		if not exclusion.appeal_received_on:
			raise RuleViolation(_("Record when the appeal or objection was received."))
		if exclusion.appeal_decided_on < exclusion.appeal_received_on:
			raise RuleViolation(
				_("The decision on the appeal or objection cannot be before it was received.")
			)
		if exclusion.appeal_decided_on > due["appeal_decision_due"]:
			raise RuleViolation(
				_("The board decides on the appeal or objection within its term (by {0}); {1} is after it."),
				due["appeal_decision_due"],
				exclusion.appeal_decided_on,
			)


def ended_on(exclusion: Exclusion) -> date | None:
	"""The day a measure is over, from which its retention period runs: its last day, the board's
	decision, the end of the six weeks for an objection to a removal, the decision on an appeal or
	objection, whichever is last. None while it is not over (a removal not yet decided, an appeal
	or objection not yet decided)."""
	if exclusion.appeal_received_on and not exclusion.appeal_decided_on:
		return None
	if exclusion.measure == REMOVAL and not exclusion.decision_on:
		return None
	days = [
		exclusion.end_date or exclusion.start_date,
		exclusion.decision_on,
		exclusion.appeal_decided_on,
		due_dates(exclusion)["objection_due"],
	]
	return max(day for day in days if day)
