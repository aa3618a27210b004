"""Working days across weekends and configured school holidays, and the terms of DOMAIN 2.2."""

from datetime import date

import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.terms import (
	MONTHS,
	TERM_RULES,
	WEEKS,
	add_months,
	add_term,
	due_date,
	next_deadline,
)
from meldcode_app.rules.working_days import WorkingDayCalendar

AUTUMN_HOLIDAY = (date(2026, 10, 17), date(2026, 10, 25))  # Saturday to Sunday
NO_HOLIDAYS = WorkingDayCalendar()
DEFAULTS = {
	"data_gathering_weeks": 3,
	"next_consultation_weeks": 3,
	"support_team_meeting_weeks": 1,
	"veilig_thuis_decision_working_days": 5,
	"aftercare_months": 4,
	"behaviour_rules_first_evaluation_weeks": 2,
	"behaviour_rules_evaluation_months": 1,
	"correction_request_weeks": 4,
}


def test_five_working_days_from_a_thursday_skip_the_weekend():
	assert NO_HOLIDAYS.add_working_days(date(2026, 11, 19), 5) == date(2026, 11, 26)


def test_a_melding_on_friday_is_decided_the_next_friday():
	assert NO_HOLIDAYS.add_working_days(date(2026, 11, 20), 5) == date(2026, 11, 27)


def test_a_melding_on_saturday_counts_from_monday():
	assert NO_HOLIDAYS.add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)


def test_school_holidays_are_not_working_days():
	calendar = WorkingDayCalendar([AUTUMN_HOLIDAY])
	# Thursday 15 October + 5 working days: Fri 16, then the holiday week, Mon 26 .. Thu 29.
	assert calendar.add_working_days(date(2026, 10, 15), 5) == date(2026, 10, 29)
	assert not calendar.is_working_day(date(2026, 10, 21))


def test_single_closing_day_in_the_middle_of_a_week():
	calendar = WorkingDayCalendar([(date(2026, 11, 25), date(2026, 11, 25))])
	assert calendar.add_working_days(date(2026, 11, 23), 3) == date(2026, 11, 27)


def test_working_days_between_counts_both_directions():
	calendar = WorkingDayCalendar([AUTUMN_HOLIDAY])
	assert calendar.working_days_between(date(2026, 10, 15), date(2026, 10, 29)) == 5
	assert calendar.working_days_between(date(2026, 10, 29), date(2026, 10, 15)) == -5


def test_period_ending_before_it_starts_is_refused():
	with pytest.raises(RuleViolation, match="cannot end"):
		WorkingDayCalendar([(date(2026, 10, 25), date(2026, 10, 17))])


def test_negative_terms_are_refused():
	with pytest.raises(RuleViolation):
		NO_HOLIDAYS.add_working_days(date(2026, 11, 19), -1)
	with pytest.raises(RuleViolation):
		add_term(date(2026, 11, 19), -3, WEEKS, NO_HOLIDAYS)


def test_months_keep_the_day_or_take_the_last_of_the_month():
	assert add_months(date(2026, 10, 31), 4) == date(2027, 2, 28)
	assert add_months(date(2027, 10, 31), 4) == date(2028, 2, 29)
	assert add_months(date(2026, 11, 22), 1) == date(2026, 12, 22)
	assert add_term(date(2026, 9, 15), 4, MONTHS, NO_HOLIDAYS) == date(2027, 1, 15)


@pytest.mark.parametrize(
	"code, start, due",
	[
		("data_gathering", date(2026, 11, 2), date(2026, 11, 23)),
		("next_consultation", date(2026, 11, 2), date(2026, 11, 23)),
		("support_team_meeting", date(2026, 11, 2), date(2026, 11, 9)),
		("veilig_thuis_decision", date(2026, 10, 15), date(2026, 10, 29)),
		("aftercare", date(2026, 11, 2), date(2027, 3, 2)),
		("behaviour_rules_first_evaluation", date(2026, 11, 2), date(2026, 11, 16)),
		("behaviour_rules_evaluation", date(2026, 11, 16), date(2026, 12, 16)),
		("correction_request_answer", date(2026, 11, 2), date(2026, 11, 30)),
	],
)
def test_every_term_of_the_domain_with_the_seeds_defaults(code, start, due):
	assert due_date(code, start, DEFAULTS, WorkingDayCalendar([AUTUMN_HOLIDAY])) == due


def test_every_term_rule_has_a_default():
	assert {rule.setting for rule in TERM_RULES.values()} == set(DEFAULTS)


def test_next_deadline_is_the_earliest_open_term_and_overdue_only_after_its_day():
	on = date(2026, 11, 25)
	assert next_deadline([], on) == (None, False)
	assert next_deadline([None, date(2026, 12, 1)], on) == (date(2026, 12, 1), False)
	assert next_deadline([date(2026, 12, 1), date(2026, 11, 25)], on) == (date(2026, 11, 25), False)
	assert next_deadline([date(2026, 12, 1), date(2026, 11, 24)], on) == (date(2026, 11, 24), True)
