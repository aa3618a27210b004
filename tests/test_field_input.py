"""Typed values are checked against their column before the database sees them."""

from datetime import date, datetime, time, timedelta

import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.field_input import TEXT_BYTES, check_value, normalised, parse_time


@pytest.mark.parametrize(
	"text, expected",
	[
		("10:15", time(10, 15)),
		(" 10:15 ", time(10, 15)),
		("9:05:30", time(9, 5, 30)),
		("23:59:59.5", time(23, 59, 59, 500000)),
		# The desk sends a default time unpadded, with microseconds.
		("7:42:9.554855", time(7, 42, 9, 554855)),
		("2:12:6.192849", time(2, 12, 6, 192849)),
	],
)
def test_a_time_of_day_is_read(text, expected):
	assert parse_time("Time", text) == expected


@pytest.mark.parametrize(
	"text", ["25:99", "24:00", "10:60", "10:15:61", "10", "kwart over tien", "", "١٠:١٥"]
)
def test_a_time_that_is_no_time_of_day_is_refused_with_its_field(text):
	with pytest.raises(RuleViolation, match="Signal Time is not a valid time"):
		parse_time("Signal Time", text)


@pytest.mark.parametrize("value", [time(8), timedelta(hours=8, minutes=30), "08:30:00"])
def test_times_as_frappe_passes_them_are_accepted(value):
	check_value("Time", "Time", value)


def test_a_duration_of_a_day_or_more_is_no_time_of_day():
	with pytest.raises(RuleViolation, match="not a time of day"):
		check_value("Time", "Time", timedelta(hours=25))


@pytest.mark.parametrize(
	"fieldtype, value",
	[
		("Date", "2026-02-28"),
		("Date", date(2026, 2, 28)),
		("Date", "2026-02-28 00:00:00"),
		("Datetime", "2026-02-28 10:15:00.123456"),
		("Datetime", "2026-02-28T10:15"),
		("Datetime", datetime(2026, 2, 28, 10, 15)),
	],
)
def test_real_dates_are_accepted(fieldtype, value):
	check_value(fieldtype, "Date", value)


@pytest.mark.parametrize(
	"fieldtype, value, message",
	[
		("Date", "2026-02-30", r"not a valid date \(2026-02-30\)"),
		("Date", "28-02-2026", "write it as YYYY-MM-DD"),
		("Date", "0999-01-01", "not a valid date"),
		("Date", date(1, 1, 1), "not a valid date"),
		("Datetime", "2026-02-28 25:99", "not a valid time"),
		("Datetime", "gisteren", "not a valid date"),
		("Date", "٢٠٢٦-٠٢-٢٨", "not a valid date"),
	],
)
def test_dates_the_database_would_refuse_are_refused_first(fieldtype, value, message):
	with pytest.raises(RuleViolation, match=message):
		check_value(fieldtype, "Date", value)


def test_a_text_column_holds_64_kb_and_the_refusal_names_the_limit_and_the_size():
	check_value("Text", "Situation", "a" * 65_535)
	with pytest.raises(RuleViolation) as refused:
		check_value("Text", "Situation", "a" * 70_000)
	assert str(refused.value).startswith("Situation is too long: it holds at most 65535 bytes")
	assert "70000 characters (70000 bytes)" in str(refused.value)


def test_the_limit_counts_bytes_so_accents_take_more_room():
	with pytest.raises(RuleViolation, match="40000 characters \\(80000 bytes\\)"):
		check_value("Small Text", "Goal", "é" * 40_000)


def test_long_text_holds_a_million_characters():
	check_value("Long Text", "Report", "a" * 1_000_000)
	with pytest.raises(RuleViolation, match="at most 2000000 bytes"):
		check_value("Long Text", "Report", "a" * (TEXT_BYTES["Long Text"] + 1))


def test_a_data_field_holds_140_characters_or_its_own_length():
	check_value("Data", "Location", "x" * 140)
	with pytest.raises(RuleViolation, match="Location is too long: at most 140 characters, this has 141"):
		check_value("Data", "Location", "x" * 141)
	with pytest.raises(RuleViolation, match="at most 10 characters"):
		check_value("Data", "Code", "x" * 11, length=10)


def test_text_that_cannot_be_encoded_is_refused():
	with pytest.raises(RuleViolation, match="cannot be stored"):
		check_value("Data", "Location", "lone surrogate \ud800")


@pytest.mark.parametrize("value", [{"a": 1}, ["a"], b"bytes"])
def test_a_structure_is_not_a_field_value(value):
	with pytest.raises(RuleViolation, match="must be a single value"):
		check_value("Data", "Location", value)


def test_an_int_beyond_the_column_is_refused():
	check_value("Int", "Age", 2_147_483_647)
	with pytest.raises(RuleViolation, match="Age is too large: at most 2147483647"):
		check_value("Int", "Age", 2_147_483_648)


@pytest.mark.parametrize("fieldtype", ["Date", "Time", "Text", "Data", "Int"])
def test_empty_values_are_left_to_the_mandatory_check(fieldtype):
	check_value(fieldtype, "Field", None)
	check_value(fieldtype, "Field", "")


@pytest.mark.parametrize(
	"fieldtype, value, expected",
	[
		("Data", 12, "12"),
		("Small Text", True, "1"),
		("Long Text", 1.5, "1.5"),
		("Date", 12, 12),
		("Int", "7", "7"),
	],
)
def test_a_number_in_a_text_field_becomes_its_text(fieldtype, value, expected):
	assert normalised(fieldtype, value) == expected


def test_a_json_field_holds_json_only():
	check_value("JSON", "Route Snapshot", '{"version": 1}')
	check_value("JSON", "Route Snapshot", {"version": 1})
	for value in ("{", 12, ["x"]):
		with pytest.raises(RuleViolation, match="Route Snapshot is not valid JSON"):
			check_value("JSON", "Route Snapshot", value)
