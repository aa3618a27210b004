"""Opvang van leerlingen en personeel bij voorvallen (seed 003): the terms and the refusals."""

from dataclasses import replace
from datetime import date

import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.opvang import (
	KEPT,
	KEPT_LATE,
	OPEN,
	OVERDUE,
	Opvang,
	applies,
	check_opvang,
	due_dates,
	term_states,
)

FRIDAY = date(2026, 11, 6)
TODAY = date(2026, 12, 31)
PUPIL_HURT = Opvang(FRIDAY, victim_pupil=True, victim_initials="A.B.")


def refused(opvang, fragment):
	with pytest.raises(RuleViolation) as error:
		check_opvang(opvang, TODAY)
	assert fragment in str(error.value)


def test_no_victim_no_opvang_and_no_terms():
	nobody = Opvang(FRIDAY)
	assert not applies(nobody)
	assert due_dates(nobody) == {"victim_contact_due": None, "follow_up_due": None, "safety_check_due": None}
	assert term_states(nobody, TODAY) == {}
	check_opvang(nobody, TODAY)
	assert applies(replace(nobody, victim_staff=True))


def test_contact_within_72_hours_and_a_follow_up_within_three_weeks_of_the_incident():
	due = due_dates(PUPIL_HURT)
	assert due["victim_contact_due"] == date(2026, 11, 9)  # Friday + 72 hours: calendar days, not school days
	assert due["follow_up_due"] == date(2026, 11, 27)
	assert due["safety_check_due"] is None, "no return yet, no safety check"


def test_the_safety_check_two_weeks_after_the_return():
	returned = replace(PUPIL_HURT, returned_on=date(2026, 11, 16))
	assert due_dates(returned)["safety_check_due"] == date(2026, 11, 30)


def test_which_terms_are_open_overdue_or_kept():
	assert term_states(PUPIL_HURT, date(2026, 11, 9)) == {"victim_contact_due": OPEN, "follow_up_due": OPEN}
	assert term_states(PUPIL_HURT, date(2026, 11, 10)) == {
		"victim_contact_due": OVERDUE,
		"follow_up_due": OPEN,
	}
	kept = replace(
		PUPIL_HURT,
		victim_contacted_on=date(2026, 11, 8),
		follow_up_on=date(2026, 11, 30),
		returned_on=date(2026, 11, 16),
	)
	assert term_states(kept, date(2026, 12, 1)) == {
		"victim_contact_due": KEPT,
		"follow_up_due": KEPT_LATE,
		"safety_check_due": OVERDUE,
	}


def test_a_step_before_the_incident_or_in_the_future_is_refused():
	check_opvang(replace(PUPIL_HURT, bestuurder_informed_on=FRIDAY, victim_contacted_on=FRIDAY), TODAY)
	refused(replace(PUPIL_HURT, bestuurder_informed_on=date(2026, 11, 5)), "before the incident")
	refused(replace(PUPIL_HURT, victim_contacted_on=date(2026, 11, 5)), "The contact with the victim")
	refused(replace(PUPIL_HURT, board_registered_on=date(2027, 1, 1)), "cannot be in the future")
	refused(replace(PUPIL_HURT, returned_on=date(2026, 10, 1)), "The return cannot be before")


def test_the_victim_by_initials_only():
	refused(replace(PUPIL_HURT, victim_initials=None), "initials only")
	refused(replace(PUPIL_HURT, victim_initials="Anna Bakker"), "not Anna")
	check_opvang(replace(PUPIL_HURT, victim_pupil=False, victim_staff=True, victim_initials="C.D."), TODAY)


def test_steps_without_a_victim_are_refused():
	refused(Opvang(FRIDAY, victim_contacted_on=FRIDAY), "pupil or a staff member")
	refused(Opvang(FRIDAY, victim_initials="A.B."), "pupil or a staff member")


def test_the_follow_up_after_the_contact_and_the_safety_check_after_the_return():
	contacted = replace(PUPIL_HURT, victim_contacted_on=date(2026, 11, 9))
	refused(replace(PUPIL_HURT, follow_up_on=date(2026, 11, 20)), "record that contact first")
	refused(replace(contacted, follow_up_on=date(2026, 11, 8)), "cannot be before the first contact")
	check_opvang(replace(contacted, follow_up_on=date(2026, 11, 20)), TODAY)
	refused(replace(PUPIL_HURT, safety_check_on=date(2026, 12, 1)), "record the return first")
	returned = replace(PUPIL_HURT, returned_on=date(2026, 11, 16))
	refused(replace(returned, safety_check_on=date(2026, 11, 13)), "before the return")
	check_opvang(replace(returned, safety_check_on=date(2026, 11, 30)), TODAY)
