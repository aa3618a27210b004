"""Each setting has a largest value, by its unit; a non-working period lasts at most three months."""

import json
from datetime import date, timedelta
from pathlib import Path

from meldcode_app.rules.settings_limits import largest, period_too_long, year_too_full

SETTINGS_JSON = (
	Path(__file__).parent.parent
	/ "meldcode_app/meldcode_app/doctype/meldcode_settings/meldcode_settings.json"
)
SETTINGS = [
	f["fieldname"] for f in json.loads(SETTINGS_JSON.read_text())["fields"] if f["fieldtype"] == "Int"
]


def test_every_number_of_the_settings_has_a_largest_value_above_the_seeds():
	seeds = {"data_gathering_weeks": 3, "veilig_thuis_decision_working_days": 5, "pupil_request_age": 16}
	assert len(SETTINGS) > 10, "the check found the settings' numbers"
	assert [field for field in SETTINGS if largest(field) is None] == []
	assert all(largest(field) >= value for field, value in seeds.items())
	assert largest("veilig_thuis_decision_working_days") == 60, "not the '_days' limit"


def test_a_summer_holiday_fits_and_a_period_to_the_year_9999_does_not():
	assert not period_too_long(date(2027, 7, 10), date(2027, 8, 22))
	assert period_too_long(date(2026, 12, 1), date(9999, 12, 31))


def test_a_school_years_holidays_fit_and_periods_back_to_back_do_not():
	"""Round 73: forty periods of 92 days back to back stopped every term for ten years."""
	holidays = [
		(date(2027, 2, 13), date(2027, 2, 21)),
		(date(2027, 4, 24), date(2027, 5, 9)),
		(date(2027, 7, 10), date(2027, 8, 22)),
		(date(2027, 10, 16), date(2027, 10, 24)),
		(date(2027, 12, 18), date(2028, 1, 2)),
	]
	assert year_too_full(holidays) is None
	start = date(2026, 12, 1)
	back_to_back = [(start + timedelta(days=92 * n), start + timedelta(days=92 * n + 91)) for n in range(40)]
	assert year_too_full(back_to_back) == start
	assert year_too_full([*holidays, (date(2027, 9, 1), date(2027, 11, 30))]), "overlaps once"
	# Round 74: around New Year, each calendar year within the limit, 240 days in a row.
	around = [
		(date(2026, 9, 3), date(2026, 9, 30)),
		(date(2026, 10, 1), date(2026, 12, 31)),
		(date(2027, 1, 1), date(2027, 4, 2)),
		(date(2027, 4, 3), date(2027, 4, 30)),
	]
	assert year_too_full(around) == date(2026, 9, 3)
	assert (
		year_too_full(
			[*holidays, *[(a.replace(year=a.year + 1), b.replace(year=b.year + 1)) for a, b in holidays]]
		)
		is None
	), "two years' holidays"
