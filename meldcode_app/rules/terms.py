"""The legal and agreed terms of the Meldcode route (DOMAIN 2.2) and their arithmetic."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.working_days import WorkingDayCalendar

DAYS, WEEKS, WORKING_DAYS, MONTHS = "days", "weeks", "working days", "months"


@dataclass(frozen=True)
class TermRule:
	code: str
	label: str
	setting: str  # fieldname in Meldcode Settings holding the amount
	unit: str
	source: str  # DOMAIN 2.2 row


TERM_RULES = {
	rule.code: rule
	for rule in (
		TermRule("data_gathering", _("All data gathered and recorded"), "data_gathering_weeks", WEEKS, "T4"),
		TermRule("next_consultation", _("Next consultation"), "next_consultation_weeks", WEEKS, "T5"),
		TermRule(
			"support_team_meeting",
			_("Support team meets after the parents' conversation"),
			"support_team_meeting_weeks",
			WEEKS,
			"T6",
		),
		TermRule(
			"veilig_thuis_decision",
			_("Veilig Thuis decision expected"),
			"veilig_thuis_decision_working_days",
			WORKING_DAYS,
			"T7",
		),
		TermRule("aftercare", _("Aftercare by the teacher until"), "aftercare_months", MONTHS, "T11"),
		TermRule(
			"behaviour_rules_first_evaluation",
			_("First evaluation of extra behaviour rules"),
			"behaviour_rules_first_evaluation_weeks",
			WEEKS,
			"T12",
		),
		TermRule(
			"behaviour_rules_evaluation",
			_("Next evaluation of extra behaviour rules"),
			"behaviour_rules_evaluation_months",
			MONTHS,
			"T12",
		),
		TermRule(
			"correction_request_answer",
			_("Written answer to a correction request"),
			"correction_request_weeks",
			WEEKS,
			"T13",
		),
	)
}


def add_months(start: date, months: int) -> date:
	"""Same day ``months`` later; the last day of the month when that day does not exist."""
	month_index = start.month - 1 + months
	year, month = start.year + month_index // 12, month_index % 12 + 1
	return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_term(start: date, amount: int, unit: str, working_days: WorkingDayCalendar) -> date:
	if amount < 0:
		raise RuleViolation(_("A term cannot be negative ({0})."), amount)
	if unit == DAYS:
		return start + timedelta(days=amount)
	if unit == WEEKS:
		return start + timedelta(weeks=amount)
	if unit == WORKING_DAYS:
		return working_days.add_working_days(start, amount)
	if unit == MONTHS:
		return add_months(start, amount)
	raise RuleViolation(_("Unknown unit of a term: {0}."), unit)


def due_date(code: str, start: date, amounts: dict[str, int], working_days: WorkingDayCalendar) -> date:
	"""The due date of term ``code`` that starts on ``start``; ``amounts`` maps setting fieldnames to values."""
	rule = TERM_RULES[code]
	return add_term(start, int(amounts[rule.setting]), rule.unit, working_days)


# Terms that do not come from a setting: their due date follows from the case itself.
SAME_DAY_CONVERSATION = "same_day_conversation"
SAME_DAY_MELDING = "same_day_melding"
CONSULT_VEILIG_THUIS = "consult_veilig_thuis"
HELP_EFFECT = "help_effect"
INFORM_VEILIG_THUIS = "inform_veilig_thuis"
TERM_LABELS = {
	**{code: rule.label for code, rule in TERM_RULES.items()},
	SAME_DAY_CONVERSATION: _("Same-day conversation of teacher, intern begeleider and director"),
	SAME_DAY_MELDING: _("Same-day melding to Veilig Thuis"),
	CONSULT_VEILIG_THUIS: _("Consult Veilig Thuis about the threat to take the child out of school"),
	HELP_EFFECT: _("Effect of the help measurable"),
	INFORM_VEILIG_THUIS: _("Tell Veilig Thuis that the pupil changes school"),
}


def next_deadline(open_due_dates, on: date) -> tuple[date | None, bool]:
	"""The earliest due date among a dossier's open terms, and whether it has passed on ``on``
	(a term due today is not overdue yet)."""
	dates = [d for d in open_due_dates if d]
	if not dates:
		return None, False
	first = min(dates)
	return first, first < on
