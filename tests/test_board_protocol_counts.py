"""The board's workbook counts the protocols of seed 003 (measures, calamities and, for the
board only, suspicions about staff), with the same suppression."""

from datetime import date

from meldcode_app.rules.board_figures import (
	SUMMARY_COLUMNS,
	SchoolYear,
	board_sheets,
	publish,
	summary_columns,
)

YEAR = SchoolYear.starting(2025)
TODAY = date(2026, 11, 22)
SCHOOLS = [("S1", "De Linde", "99AA"), ("S2", "Het Anker", "99BB")]
EVENTS = {
	"S1": [("measure:Suspension", date(2025, 9, 1))] * 6
	+ [("measure:Removal", date(2025, 10, 1)), ("staff_reports", date(2025, 11, 1))]
	+ [("calamities", date(2024, 5, 1))],  # the school year before
	"S2": [("calamities", date(2026, 3, 1))] * 5 + [("measure:Suspension", date(2025, 9, 1))] * 8,
}
# A calamity is an incident of the register too.
INCIDENTS = [("S2", date(2026, 3, 1), "Aggression and Violence")] * 5


def per_school(board_view=True):
	figures = publish(YEAR, TODAY, 5, SCHOOLS, {}, {}, {}, INCIDENTS, EVENTS)
	sheets = board_sheets(YEAR, figures, [], board_view=board_view)
	sheet = next(s for s in sheets if s.title == "Per school")
	return [dict(zip(sheet.header, row, strict=True)) for row in sheet.rows]


def test_counts_per_school_and_in_total_with_suppression():
	s1, s2, total = per_school()
	assert (s1["Measures: Suspension"], s2["Measures: Suspension"]) == (6, 8)
	assert total["Measures: Suspension"] == 14
	assert s1["Measures: Removal"] == "< 5" and total["Measures: Removal"] == "< 5"
	assert s1["Measures: Time-Out"] == "< 5"
	assert s1["Serious incidents (calamity)"] == "< 5"  # the one of the year before is not counted
	# S1's "< 5" (none) would follow from S2's 5 and the total for S2's own staff (round 154)
	assert "*" in (s2["Serious incidents (calamity)"], total["Serious incidents (calamity)"])
	assert s1["Suspicions about staff reported"] == "< 5"


def test_a_school_sees_no_column_about_staff():
	rows = per_school(board_view=False)
	assert all("Suspicions about staff reported" not in row for row in rows)
	assert len(summary_columns(False)) == len(SUMMARY_COLUMNS) - 1
