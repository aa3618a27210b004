"""The board's workbook, built and written without Frappe: suppression, formulas, columns,
no personal data, long texts kept whole."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from meldcode_app.rules.board_figures import (
	ALL,
	HIDDEN,
	INCIDENT_KINDS,
	SUMMARY_COLUMNS,
	Dossier,
	SchoolYear,
	Term,
	board_sheets,
	publish,
	school_counts,
	step_counts,
)
from meldcode_app.rules.board_workbook import CELL_LIMIT, write
from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.route import (
	HELP_CLOSED_WITH_MONITORING,
	REPORTED,
	REPORTED_AND_CLOSED,
	STEP_1,
	STEP_2,
	STEP_4,
	UNFOUNDED,
)

YEAR = SchoolYear.starting(2025)
TODAY = date(2026, 11, 22)
PUPIL = "Sam de Vries"
ONE_SCHOOL = (("S1", "De Linde", "99AA"),)


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


def figures(schools=ONE_SCHOOL, dossiers=None, incidents=(), events=None):
	return publish(YEAR, TODAY, 5, list(schools), dossiers or {}, {}, {}, list(incidents), events)


def workbook(reports=(), schools=ONE_SCHOOL, dossiers=None, incidents=(), only=None):
	sheets = board_sheets(YEAR, figures(schools, dossiers, incidents), list(reports), only=only)
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


def rows_of(book, sheet):
	ws = book[sheet]
	header = [c.value for c in next(ws.iter_rows())]
	return [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)]


TWO_SCHOOLS = (("S1", "De Linde", "99AA"), ("S2", "Het Anker", "99BB"))


def opened(school, n, day=date(2025, 9, 1)):
	return [Dossier(school, day, None, None, [(STEP_1, day)]) for _ in range(n)]


@pytest.mark.parametrize("value, shown", [(0, "< 5"), (1, "< 5"), (4, "< 5"), (5, 5), (27, 27)])
def test_counts_below_the_threshold_none_included_are_not_shown(value, shown):
	book = workbook(schools=TWO_SCHOOLS, dossiers={"S1": opened("S1", value), "S2": opened("S2", 30)})
	# A count of 5 or more shows, unless it is hidden ("*") to keep a small one from being worked out.
	assert rows_of(book, "Per school")[0]["Dossiers opened"] in (shown, HIDDEN if value >= 5 else shown)


def test_a_total_minus_its_shown_parts_gives_no_small_count_away():
	# 12 dossiers in all: 7 at one school, 5 spread over two. The total or the 7 goes.
	dossiers = {"S1": opened("S1", 7), "S2": opened("S2", 3), "S3": opened("S3", 2)}
	schools = TWO_SCHOOLS + (("S3", "De Esch", "99CC"),)
	s1, s2, s3, total = rows_of(workbook(schools=schools, dossiers=dossiers), "Per school")
	assert (s2["Dossiers opened"], s3["Dossiers opened"]) == ("< 5", "< 5")
	assert HIDDEN in (total["Dossiers opened"], s1["Dossiers opened"])


def test_an_average_over_too_few_dossiers_is_hidden():
	def left(n):
		return [
			Dossier(
				"S1", date(2025, 9, 1), None, None, [(STEP_1, date(2025, 9, 1)), (STEP_2, date(2025, 9, 4))]
			)
			for _ in range(n)
		]

	assert figures(dossiers={"S1": left(4)}).average_days(STEP_1) == HIDDEN
	assert figures(dossiers={"S1": left(5)}).average_days(STEP_1) == 3.0


def test_an_export_of_one_school_shows_what_the_export_of_all_shows_for_it():
	dossiers = {"S1": opened("S1", 7), "S2": opened("S2", 3)}
	everything = rows_of(workbook(schools=TWO_SCHOOLS, dossiers=dossiers), "Per school")
	alone = rows_of(workbook(schools=TWO_SCHOOLS, dossiers=dossiers, only="S1"), "Per school")
	assert alone == everything[:1]
	sheets = workbook(schools=TWO_SCHOOLS, dossiers=dossiers, only="S1").sheetnames
	assert "Per step" not in sheets and "Per outcome" not in sheets


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
	assert raw[f"closed:{UNFOUNDED}"] == 1 and raw["closed"] == 1
	assert raw["meldingen"] == 1 and raw["advice"] == 0
	assert (raw["terms_on_time"], raw["terms_late"], raw["terms_overdue"]) == (1, 1, 1)
	steps, days = step_counts(YEAR, TODAY, dossiers)
	assert steps["open_at_start"] == 1
	assert steps[f"open:{STEP_4}"] == 1 and steps[f"open:{REPORTED}"] == 1 and steps["open"] == 2
	assert days[STEP_1] == [10, 1] and days[STEP_2] == [20]


SHEETS = [
	"Explanation",
	"Per school",
	"Per step",
	"Per outcome",
	"Incidents",
	"Rapportage Meldcode",
	"Knelpunten",
]


def test_every_sheet_and_its_columns():
	book = workbook(reports=[report()])
	assert book.sheetnames == SHEETS
	header = [c.value for c in next(book["Per school"].iter_rows())]
	assert header[:4] == ["School", "BRIN Code", "Dossiers opened", "Dossiers closed"]
	assert len(header) == 2 + len(SUMMARY_COLUMNS)
	assert [c.value for c in next(book["Incidents"].iter_rows())] == ["School", "BRIN Code", *INCIDENT_KINDS]
	assert [c.value for c in next(book["Per step"].iter_rows())] == [
		"Step",
		"Open at year end",
		"Average days in step",
	]
	assert [c.value for c in next(book["Per outcome"].iter_rows())] == ["Outcome", "Dossiers closed"]
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
	assert book.sheetnames == SHEETS
	assert book["Per school"].max_row == 1


def test_incidents_are_counted_per_kind_over_the_year_with_suppression():
	incidents = [("S1", date(2025, 9, d), "Bullying") for d in range(1, 8)] + [
		("S1", date(2025, 9, 3), "Threat")
	]
	(row,) = rows_of(workbook(incidents=incidents), "Incidents")
	assert row["Bullying"] == 7 and row["Threat"] == "< 5" and row["Death"] == "< 5"
	assert figures(incidents=incidents).values[(ALL, "incident:Bullying")] == 7


@pytest.mark.parametrize("year", [999, 9999, 10**20, -1])
def test_a_year_no_record_can_have_is_refused(year):
	with pytest.raises(RuleViolation, match="is not a school year"):
		SchoolYear.starting(year)


def test_how_the_dossiers_closed_ended_is_shown_for_all_schools_together_only():
	"""Per school the few closed dossiers of a small school, its row's total and the columns'
	totals together once gave its outcomes away (issue 21): per school only how many closed."""
	closed_on = date(2026, 3, 2)
	ends = [UNFOUNDED] * 6 + [HELP_CLOSED_WITH_MONITORING] * 7 + [REPORTED_AND_CLOSED] * 5
	dossiers = {
		"S1": [Dossier("S1", date(2025, 9, 1), closed_on, o, []) for o in ends],
		"S2": [Dossier("S2", date(2025, 9, 1), closed_on, HELP_CLOSED_WITH_MONITORING, [])],
	}
	book = workbook(schools=TWO_SCHOOLS, dossiers=dossiers)
	per_school = rows_of(book, "Per school")
	assert not [c for c in per_school[0] if c.startswith("Closed")]
	# the total is hidden too: S1's own staff would take S2's one from it (round 154)
	assert [row["Dossiers closed"] for row in per_school] in ([18, "< 5", "*"], ["*", "< 5", "*"])
	assert {row["Outcome"]: row["Dossiers closed"] for row in rows_of(book, "Per outcome")} == {
		# S1's own staff know S1's outcomes: each total would tell S2's part of it (round 156)
		UNFOUNDED: "*",
		HELP_CLOSED_WITH_MONITORING: "*",
		REPORTED_AND_CLOSED: "*",
		"All outcomes": per_school[-1]["Dossiers closed"],
	}
	assert ("S1", f"closed:{UNFOUNDED}") not in figures(TWO_SCHOOLS, dossiers).values
