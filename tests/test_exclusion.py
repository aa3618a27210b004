"""Time-out, schorsing en verwijdering (seed 003, "Protocol schorsen en verwijderen")."""

from dataclasses import replace
from datetime import date

import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.exclusion import (
	GROUNDS,
	REMOVAL,
	SUSPENSION,
	TIME_OUT,
	Exclusion,
	check_exclusion,
	due_dates,
	ended_on,
)

MONDAY = date(2026, 11, 2)
TODAY = date(2026, 12, 31)
TIME_OUT_TODAY = Exclusion(TIME_OUT, MONDAY, director_approved=True)
SUSPENDED = Exclusion(SUSPENSION, MONDAY, date(2026, 11, 6), board_approved_on=MONDAY)
REMOVED = Exclusion(
	REMOVAL,
	MONDAY,
	ground=GROUNDS[1],
	teacher_heard_on=MONDAY,
	director_heard_on=MONDAY,
	other_school="SBO De Brug",
	decision_on=date(2026, 11, 9),
)


def refused(exclusion, fragment):
	with pytest.raises(RuleViolation) as error:
		check_exclusion(exclusion, TODAY)
	assert fragment in str(error.value)


def test_a_time_out_needs_the_director_and_lasts_the_day():
	check_exclusion(TIME_OUT_TODAY, TODAY)
	refused(replace(TIME_OUT_TODAY, director_approved=False), "director approved")
	refused(replace(TIME_OUT_TODAY, end_date=date(2026, 11, 3)), "becomes a suspension")


def test_a_suspension_lasts_at_most_a_week_and_is_approved_beforehand():
	check_exclusion(replace(SUSPENDED, end_date=date(2026, 11, 8)), TODAY)
	refused(replace(SUSPENDED, end_date=date(2026, 11, 9)), "at most one week")
	refused(replace(SUSPENDED, board_approved_on=None), "asked for approval before")
	refused(replace(SUSPENDED, board_approved_on=date(2026, 11, 3)), "beforehand")


def test_the_inspectie_from_the_second_day_of_a_suspension():
	assert due_dates(SUSPENDED)["inspectie_due"] == date(2026, 11, 3)
	assert due_dates(replace(SUSPENDED, end_date=MONDAY))["inspectie_due"] is None


def test_an_appeal_against_a_suspension_is_decided_within_14_days():
	appealed = replace(SUSPENDED, appeal_received_on=date(2026, 11, 4))
	assert due_dates(appealed)["appeal_decision_due"] == date(2026, 11, 18)
	check_exclusion(replace(appealed, appeal_decided_on=date(2026, 11, 18)), TODAY)
	refused(replace(appealed, appeal_decided_on=date(2026, 11, 19)), "within its term")


def test_a_removal_needs_a_ground_the_hearings_and_another_school():
	check_exclusion(REMOVED, TODAY)
	refused(replace(REMOVED, ground=None), "four grounds")
	refused(replace(REMOVED, director_heard_on=None), "hears the teacher and the director")
	refused(replace(REMOVED, teacher_heard_on=date(2026, 11, 10)), "after hearing")
	refused(replace(REMOVED, other_school=" "), "another school is willing")


def test_an_objection_within_six_weeks_decided_within_four():
	assert due_dates(REMOVED)["objection_due"] == date(2026, 12, 21)
	objected = replace(REMOVED, appeal_received_on=date(2026, 11, 20))
	assert due_dates(objected)["appeal_decision_due"] == date(2026, 12, 18)
	check_exclusion(replace(objected, appeal_decided_on=date(2026, 12, 18)), TODAY)
	refused(replace(objected, appeal_decided_on=date(2026, 12, 19)), "within its term")
	refused(replace(REMOVED, appeal_received_on=date(2026, 12, 22)), "after the six weeks")
	refused(replace(objected, decision_on=None), "decision first")


def test_dates_in_order_and_not_in_the_future():
	refused(replace(SUSPENDED, end_date=date(2026, 11, 1)), "before the first day")
	refused(replace(REMOVED, decision_on=date(2027, 1, 4)), "cannot be in the future")
	refused(replace(TIME_OUT_TODAY, appeal_received_on=MONDAY), "belong to a suspension or a removal")
	refused(replace(TIME_OUT_TODAY, measure="Strafwerk"), "not a time-out")


def test_a_measure_is_over_after_its_last_day_decision_and_appeal():
	start = date(2026, 3, 2)
	assert ended_on(Exclusion(TIME_OUT, start)) == start
	suspension = Exclusion(SUSPENSION, start, end_date=date(2026, 3, 4), board_approved_on=start)
	assert ended_on(suspension) == date(2026, 3, 4)
	appealed = Exclusion(
		SUSPENSION,
		start,
		end_date=date(2026, 3, 4),
		board_approved_on=start,
		appeal_received_on=date(2026, 3, 5),
	)
	assert ended_on(appealed) is None
	decided = replace(appealed, appeal_decided_on=date(2026, 3, 10))
	assert ended_on(decided) == date(2026, 3, 10)
	assert ended_on(Exclusion(REMOVAL, start, ground=GROUNDS[1])) is None
	removed = Exclusion(REMOVAL, start, ground=GROUNDS[1], decision_on=date(2026, 3, 9))
	assert ended_on(removed) == date(2026, 4, 20), "the six weeks for an objection run first"
