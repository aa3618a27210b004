"""Meldplicht: a suspicion of abuse of a pupil by someone working at the school (seed 003,
"Protocol misbruik door professionals"; DOMAIN 1.1 bevoegd gezag, Appendix B).

Every staff member reports immediately to the board (bevoegd gezag); the board consults the
vertrouwensinspecteur at once, establishes whether there is a reasonable suspicion of a criminal
offence, informs (the parents of) the complainant and the accused, and files the aangifte when the
suspicion is reasonable. A false accusation may be followed by rehabilitation.
"""

from dataclasses import dataclass
from datetime import date

from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.working_days import WorkingDayCalendar

YES, NO = "Yes", "No"
OPEN, CLOSED = "Open", "Closed"


@dataclass(frozen=True)
class StaffReportRoute:
	received_on: date
	inspector_consulted_on: date | None = None
	reasonable_suspicion: str | None = None  # "Yes" / "No" / None (not yet established)
	suspicion_established_on: date | None = None
	complainant_parents_informed_on: date | None = None
	accused_informed_on: date | None = None
	aangifte_on: date | None = None
	aangifte_with: str | None = None
	proved_false: bool = False
	rehabilitation: str | None = None
	status: str = OPEN


def due_dates(route: StaffReportRoute, calendar: WorkingDayCalendar) -> dict[str, date | None]:
	""" "Direct": the vertrouwensinspecteur is consulted on the working day the board received the
	report; once a reasonable suspicion is established, informing those involved and the aangifte
	follow on that same working day (the protocol's steps the school "acuut moet nemen")."""
	return {
		"inspector_consultation_due": same_working_day(route.received_on, calendar),
		"aangifte_due": same_working_day(route.suspicion_established_on, calendar)
		if route.reasonable_suspicion == YES and route.suspicion_established_on
		else None,
	}


def same_working_day(day: date | None, calendar: WorkingDayCalendar) -> date | None:
	"""``day`` when it is a working day, else the first working day after it."""
	if day is None:
		return None
	return day if calendar.is_working_day(day) else calendar.add_working_days(day, 1)


def check_route(route: StaffReportRoute, today: date) -> None:
	"""The board's route, in the protocol's order; a closed case has run it to the end."""
	steps = (
		(route.inspector_consulted_on, _("The consultation of the vertrouwensinspecteur")),
		(route.suspicion_established_on, _("Establishing the reasonable suspicion")),
		(route.complainant_parents_informed_on, _("Informing the complainant's parents")),
		(route.accused_informed_on, _("Informing the accused")),
		(route.aangifte_on, _("The aangifte")),
	)
	for day, what in steps:
		if day and day > today:
			raise RuleViolation(_("{0} cannot be in the future."), what)
		if day and day < route.received_on:
			raise RuleViolation(_("{0} cannot be dated before the board received the report."), what)
	if route.reasonable_suspicion and not route.inspector_consulted_on:
		raise RuleViolation(
			_(
				"Whether there is a reasonable suspicion is established after consulting the vertrouwensinspecteur: record that consultation first."
			)
		)
	if route.reasonable_suspicion and not route.suspicion_established_on:
		raise RuleViolation(_("Record the date on which the reasonable suspicion was established."))
	if (
		route.inspector_consulted_on
		and route.suspicion_established_on
		and route.suspicion_established_on < route.inspector_consulted_on
	):
		raise RuleViolation(
			_(
				"The reasonable suspicion cannot be established before the vertrouwensinspecteur was consulted."
			)
		)
	if route.aangifte_on and route.reasonable_suspicion != YES:
		raise RuleViolation(_("An aangifte follows a reasonable suspicion: record that suspicion first."))
	if route.status == CLOSED:
		check_closing(route)


def check_closing(route: StaffReportRoute) -> None:
	if not route.reasonable_suspicion:
		raise RuleViolation(
			_(
				"The case cannot be closed before the board has established whether there is a reasonable suspicion."
			)
		)
	if route.reasonable_suspicion == YES:
		if not (route.aangifte_on and (route.aangifte_with or "").strip()):
			raise RuleViolation(
				_(
					"With a reasonable suspicion of a criminal offence the board must file an aangifte: record when and where before closing the case."
				)
			)
		if not (route.complainant_parents_informed_on and route.accused_informed_on):
			raise RuleViolation(
				_("Before closing, record when the complainant's parents and the accused were informed.")
			)
	if route.proved_false and not (route.rehabilitation or "").strip():
		raise RuleViolation(
			_("The accusation proved false: record the rehabilitation offered (or why none) before closing.")
		)


def check_named_readers(readers: list[str], accused_user: str | None) -> None:
	"""Whom the board names to read its case: each once, and never the accused."""
	if accused_user and accused_user in readers:
		raise RuleViolation(
			_("{0} is the accused and is never named as a reader of this report."), accused_user
		)
	duplicates = sorted({user for user in readers if readers.count(user) > 1})
	if duplicates:
		raise RuleViolation(_("{0} is named as a reader more than once."), duplicates[0])
