"""Meldplicht (seed 003, "Protocol misbruik door professionals"): the board's route and terms."""

from dataclasses import replace
from datetime import date

import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.staff_report import CLOSED, StaffReportRoute, check_route, due_dates
from meldcode_app.rules.working_days import WorkingDayCalendar

MONDAY = date(2026, 11, 23)
TODAY = date(2026, 11, 27)
CALENDAR = WorkingDayCalendar([(date(2026, 11, 24), date(2026, 11, 24))])
FULL = StaffReportRoute(
	received_on=MONDAY,
	inspector_consulted_on=MONDAY,
	reasonable_suspicion="Yes",
	suspicion_established_on=date(2026, 11, 25),
	complainant_parents_informed_on=date(2026, 11, 25),
	accused_informed_on=date(2026, 11, 25),
	aangifte_on=date(2026, 11, 25),
	aangifte_with="Politie Hilversum",
	status=CLOSED,
)


def refused(route, fragment):
	with pytest.raises(RuleViolation) as error:
		check_route(route, TODAY)
	assert fragment in str(error.value)


def test_a_complete_route_with_aangifte_closes():
	check_route(FULL, TODAY)


def test_closing_with_a_reasonable_suspicion_needs_the_aangifte():
	refused(replace(FULL, aangifte_on=None), "must file an aangifte")
	refused(replace(FULL, aangifte_with=" "), "must file an aangifte")


def test_closing_needs_the_parents_and_the_accused_informed():
	refused(replace(FULL, accused_informed_on=None), "were informed")


def test_closing_needs_the_suspicion_established():
	route = StaffReportRoute(received_on=MONDAY, status=CLOSED)
	refused(route, "reasonable suspicion")


def test_no_reasonable_suspicion_closes_without_aangifte():
	route = StaffReportRoute(
		received_on=MONDAY,
		inspector_consulted_on=MONDAY,
		reasonable_suspicion="No",
		suspicion_established_on=MONDAY,
		status=CLOSED,
	)
	check_route(route, TODAY)
	refused(replace(route, aangifte_on=MONDAY), "follows a reasonable suspicion")


def test_a_false_accusation_records_the_rehabilitation_before_closing():
	route = StaffReportRoute(
		received_on=MONDAY,
		inspector_consulted_on=MONDAY,
		reasonable_suspicion="No",
		suspicion_established_on=MONDAY,
		proved_false=True,
		status=CLOSED,
	)
	refused(route, "rehabilitation")
	check_route(replace(route, rehabilitation="Brief aan de ouders en een teamgesprek."), TODAY)


def test_the_suspicion_is_established_after_the_vertrouwensinspecteur():
	refused(replace(FULL, inspector_consulted_on=None, status="Open"), "consulting the vertrouwensinspecteur")
	refused(
		replace(FULL, inspector_consulted_on=date(2026, 11, 26), status="Open"),
		"before the vertrouwensinspecteur",
	)
	refused(replace(FULL, suspicion_established_on=None, status="Open"), "date on which")


def test_dates_are_not_in_the_future_nor_before_the_report():
	refused(replace(FULL, aangifte_on=date(2026, 11, 28)), "cannot be in the future")
	refused(replace(FULL, inspector_consulted_on=date(2026, 11, 20)), "before the board received")


def test_terms_direct_on_the_working_day():
	due = due_dates(FULL, CALENDAR)
	assert due["inspector_consultation_due"] == MONDAY
	assert due["aangifte_due"] == date(2026, 11, 25)
	saturday = date(2026, 11, 28)
	assert due_dates(replace(FULL, received_on=saturday), CALENDAR)["inspector_consultation_due"] == date(
		2026, 11, 30
	)
	# a day off (the Tuesday) moves "direct" to the next working day
	on_day_off = replace(FULL, suspicion_established_on=date(2026, 11, 24))
	assert due_dates(on_day_off, CALENDAR)["aangifte_due"] == date(2026, 11, 25)
	assert due_dates(replace(FULL, reasonable_suspicion="No"), CALENDAR)["aangifte_due"] is None


def test_the_accused_is_never_named_as_a_reader():
	from meldcode_app.rules.staff_report import check_named_readers

	check_named_readers(["ib@school.test"], "leerkracht@school.test")
	check_named_readers([], None)
	with pytest.raises(RuleViolation, match="accused"):
		check_named_readers(["ib@school.test", "leerkracht@school.test"], "leerkracht@school.test")
	with pytest.raises(RuleViolation, match="more than once"):
		check_named_readers(["ib@school.test", "ib@school.test"], None)
