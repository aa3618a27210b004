"""The board's workbook, built and written without Frappe: suppression, formulas, columns,
no personal data, long texts kept whole."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from meldcode_app.rules.board_figures import (
	HIDDEN,
	SUMMARY_COLUMNS,
	Dossier,
	SchoolYear,
	Suppression,
	Term,
	board_sheets,
	present,
	present_board_total,
	school_counts,
)
from meldcode_app.rules.board_workbook import CELL_LIMIT, write
from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.route import REPORTED, STEP_1, STEP_2, STEP_4, UNFOUNDED

YEAR = SchoolYear.starting(2025)
TODAY = date(2026, 11, 22)
FIVE = Suppression(5)
PUPIL = "Sam de Vries"


def dossier(opened, closed=None, outcome=None, steps=()):
	return Dossier("S1", opened, closed, outcome, list(steps))


def report(**values):
	row = {
		"school": "S1",
		"report_date": date(2025, 10, 1),
		"subject": "Abuse",
		"subject_detail": "",
		"description": "Vermoeden van mishandeling.",
		"public_unrest": "None",
		"involved": "Pupils",
		"activities": "Gesprekken met ouders (3x)",
		"melding_made": "No",
		"informing_needed": "Yes",
		"external_organisations": "",
		"knelpunten": "Wachttijd jeugdhulp.",
		"remarks": "",
		# fields the board must never see, even if a caller passes them
		"dossier": "MD-2025-00007",
		"pupil_name": PUPIL,
		"contact_person": "af@school.nl",
	}
	row.update(values)
	return row


def workbook(reports=(), schools=(("S1", "De Linde", "99AA"),), dossiers=None, incidents=()):
	sheets = board_sheets(
		YEAR, TODAY, FIVE, list(schools), dossiers or {}, {}, {}, list(incidents), list(reports)
	)
	out = BytesIO()
	write(
		sheets,
		out,
		"Long texts",
		["Sheet", "Row", "Column", "Part", "Of", "Text"],
		"continued on {0} ({1} parts)",
	)
	out.seek(0)
	return load_workbook(out)


def all_cells(book):
	for ws in book.worksheets:
		for row in ws.iter_rows():
			yield from row


@pytest.mark.parametrize("value, shown", [(0, 0), (1, "< 5"), (4, "< 5"), (5, 5), (27, 27)])
def test_counts_below_the_threshold_are_not_shown(value, shown):
	assert FIVE.count(value) == shown


@pytest.mark.parametrize(
	"parts, shown",
	[([3, 10], HIDDEN), ([3, 2, 10], 15), ([0, 10], 10), ([1, 2], "< 5"), ([0, 0], 0), ([6, 7], 13)],
)
def test_a_total_that_would_reveal_a_suppressed_count_is_hidden(parts, shown):
	assert FIVE.total(parts) == shown


def test_an_average_over_too_few_dossiers_is_hidden():
	assert FIVE.average([3, 4, 5, 6]) == HIDDEN
	assert FIVE.average([2, 4, 6, 8, 10]) == 6.0


def test_the_board_row_hides_a_column_with_one_small_school():
	small = {"opened": 2, "meldingen": 6}
	big = {"opened": 12, "meldingen": 9}
	total = dict(zip([c.key for c in SUMMARY_COLUMNS], present_board_total(FIVE, [small, big]), strict=True))
	assert total["opened"] == HIDDEN
	assert total["meldingen"] == 15


def test_closed_total_hides_when_one_outcome_is_small():
	raw = {f"closed:{UNFOUNDED}": 2, "closed:Reported and Closed": 9}
	cells = dict(zip([c.key for c in SUMMARY_COLUMNS], present(FIVE, raw), strict=True))
	assert cells[f"closed:{UNFOUNDED}"] == "< 5"
	assert cells["closed"] == HIDDEN


def test_school_counts_follow_the_steps_and_terms():
	dossiers = [
		dossier(
			date(2025, 9, 1),
			steps=[(STEP_1, date(2025, 9, 1)), (STEP_2, date(2025, 9, 11)), (STEP_4, date(2025, 10, 1))],
		),
		dossier(date(2024, 3, 1), date(2025, 9, 30), UNFOUNDED, [(STEP_1, date(2024, 3, 1))]),
		dossier(date(2025, 10, 1), steps=[(STEP_1, date(2025, 10, 1)), (REPORTED, date(2025, 10, 2))]),
	]
	terms = [
		Term("S1", date(2025, 9, 20), "Kept", date(2025, 9, 19)),
		Term("S1", date(2025, 9, 20), "Kept", date(2025, 9, 25)),
		Term("S1", date(2025, 10, 20), "Open", None),
		Term("S1", date(2025, 10, 20), "Cancelled", None),
	]
	raw = school_counts(
		YEAR, TODAY, dossiers, [("Melding", date(2025, 10, 2)), ("Advice", date(2024, 1, 1))], terms
	)
	assert raw["opened"] == 2
	assert raw[f"closed:{UNFOUNDED}"] == 1
	assert raw[f"open:{STEP_4}"] == 1 and raw[f"open:{REPORTED}"] == 1
	assert raw["meldingen"] == 1 and raw["advice"] == 0
	assert (raw["terms_on_time"], raw["terms_late"], raw["terms_overdue"]) == (1, 1, 1)
	assert raw[f"days:{STEP_1}"] == [10, 1] and raw[f"days:{STEP_2}"] == [20]


def test_every_sheet_and_its_columns():
	book = workbook(reports=[report()])
	assert book.sheetnames == ["Explanation", "Per school", "Incidents", "Rapportage Meldcode", "Knelpunten"]
	header = [c.value for c in next(book["Per school"].iter_rows())]
	assert header[:4] == ["School", "BRIN Code", "Dossiers opened", "Dossiers closed"]
	assert len(header) == 2 + len(SUMMARY_COLUMNS)
	assert [c.value for c in next(book["Incidents"].iter_rows())] == [
		"School",
		"Month",
		"Kind of Incident",
		"Number",
	]
	assert [c.value for c in next(book["Knelpunten"].iter_rows())] == [
		"School",
		"Date",
		"Bottlenecks in Carrying Out the Meldcode",
	]
	for ws in book.worksheets:
		assert ws.freeze_panes == "A2" and ws.auto_filter.ref


def test_no_personal_field_anywhere():
	book = workbook(reports=[report()])
	values = " ".join(str(c.value) for c in all_cells(book))
	for personal in (PUPIL, "MD-2025-00007", "af@school.nl"):
		assert personal not in values


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+31 6 1234", "-2+3", "@SUM(A1)"])
def test_text_that_starts_like_a_formula_cannot_run(dangerous):
	book = workbook(reports=[report(description=dangerous, knelpunten=dangerous)])
	cells = list(all_cells(book))
	assert not [c for c in cells if c.data_type == "f"]
	assert "'" + dangerous in [c.value for c in cells]


def test_a_long_text_is_kept_whole():
	long_text = "".join(f"regel {n:05d} " for n in range(9000))  # 108,000 characters
	assert len(long_text) > 100_000
	book = workbook(reports=[report(description=long_text)])
	parts = [row for row in book["Long texts"].iter_rows(min_row=2, values_only=True)]
	assert "".join(part[-1] for part in parts if part[2] == "Description") == long_text
	assert all(len(str(c.value or "")) <= CELL_LIMIT for c in all_cells(book))


def test_a_year_without_data_is_a_clear_empty_workbook():
	book = workbook(schools=[])
	assert book.sheetnames == ["Explanation", "Per school", "Incidents", "Rapportage Meldcode", "Knelpunten"]
	assert book["Per school"].max_row == 1


def test_incidents_are_counted_per_month_and_kind_with_suppression():
	incidents = [("S1", date(2025, 9, d), "Bullying") for d in range(1, 8)] + [
		("S1", date(2025, 9, 3), "Threat")
	]
	rows = list(workbook(incidents=incidents)["Incidents"].iter_rows(min_row=2, values_only=True))
	assert rows == [("De Linde", "2025-09", "Bullying", 7), ("De Linde", "2025-09", "Threat", "< 5")]


@pytest.mark.parametrize("year", [999, 9999, 10**20, -1])
def test_a_year_no_record_can_have_is_refused(year):
	with pytest.raises(RuleViolation, match="is not a school year"):
		SchoolYear.starting(year)
