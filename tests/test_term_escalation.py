"""The protocols' records' terms: a reminder the day before, then overdue, then escalated once."""

from datetime import date

from meldcode_app.rules.term_escalation import (
	ACTOR,
	BOARD,
	DIRECTOR,
	ESCALATED,
	NONE,
	OVERDUE,
	RECORD_TERMS,
	REMINDED,
	audience,
	may_escalate,
	next_level,
)

DUE = date(2026, 11, 25)


def test_a_reminder_the_day_before_and_on_the_day_not_earlier():
	assert next_level(NONE, DUE, date(2026, 11, 23), 0, True) == NONE
	assert next_level(NONE, DUE, date(2026, 11, 24), 0, True) == REMINDED
	assert next_level(NONE, DUE, DUE, 0, True) == REMINDED


def test_overdue_then_escalated_after_three_working_days_when_someone_is_next_in_line():
	assert next_level(REMINDED, DUE, date(2026, 11, 26), 1, True) == OVERDUE
	assert next_level(OVERDUE, DUE, date(2026, 11, 30), 3, True) == OVERDUE
	assert next_level(OVERDUE, DUE, date(2026, 12, 1), 4, True) == ESCALATED
	assert next_level(OVERDUE, DUE, date(2026, 12, 1), 4, False) == OVERDUE


def test_a_level_never_goes_down():
	assert next_level(ESCALATED, DUE, date(2026, 11, 24), 0, True) == ESCALATED
	assert next_level(OVERDUE, DUE, date(2026, 11, 24), 0, True) == OVERDUE


def test_who_is_told():
	staff = "Meldcode Staff Report"
	assert [audience(staff, level) for level in (REMINDED, OVERDUE, ESCALATED)] == [BOARD, BOARD, None]
	assert not may_escalate(staff)
	exclusion = "Meldcode Exclusion"
	assert [audience(exclusion, level, "Suspension") for level in (REMINDED, OVERDUE, ESCALATED)] == [
		ACTOR,
		DIRECTOR,
		BOARD,
	]
	assert audience(exclusion, ESCALATED, "Removal") == BOARD
	assert not may_escalate(exclusion, "Time-Out")


def test_the_opvang_reminds_the_director_and_tells_the_board_once_when_overdue():
	incident = "Safety Incident"
	assert [audience(incident, level) for level in (REMINDED, OVERDUE, ESCALATED)] == [DIRECTOR, BOARD, None]
	assert not may_escalate(incident)
	assert next_level(OVERDUE, DUE, date(2026, 12, 10), 11, may_escalate(incident)) == OVERDUE
	opvang = {t.due_field for t in RECORD_TERMS if t.doctype == incident}
	assert opvang == {"victim_contact_due", "follow_up_due", "safety_check_due"}


def test_every_record_term_has_its_own_level_field():
	assert len({(t.doctype, t.level_field) for t in RECORD_TERMS}) == len(RECORD_TERMS)
	assert all(t.level_field.endswith("_escalation") for t in RECORD_TERMS)
