"""The board's workbook and figures count seed 003's protocols: measures, calamities and, for the
board only, suspicions about staff; a school's own functions never see a count about staff."""

import frappe
from frappe.desk.query_report import run
from frappe.utils import today

from meldcode_app.api import export_board_workbook
from meldcode_app.meldcode_app.doctype.meldcode_exclusion.test_meldcode_exclusion import exclusion
from meldcode_app.meldcode_app.doctype.meldcode_staff_report.test_meldcode_staff_report import report
from meldcode_app.tests.factories import as_user
from meldcode_app.tests.test_board import incident, open_workbook, school_year_of, year_ended
from meldcode_app.tests.utils import BOARD_USER, MeldcodeTestCase, staff_user

STAFF = "Vermoedens over medewerkers gemeld"


class TestBoardProtocols(MeldcodeTestCase):
	def make_records(self):
		for _ in range(5):
			exclusion("Time-Out", director_approved=1)
		incident(calamity=1)
		report()

	def per_school(self, user):
		year = school_year_of(today())
		with year_ended(self):
			book = as_user(user)(lambda: open_workbook(export_board_workbook(year)))
		rows = list(book["Per school"].iter_rows(values_only=True))
		return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

	def test_the_board_counts_measures_calamities_and_staff_reports(self):
		self.make_records()
		ours = next(r for r in self.per_school(BOARD_USER) if r["School"] == "Testschool De Linde")
		# Shown, or hidden as "*" where with the total it would give another school's small count away.
		self.assertIn(ours["Maatregelen: Time-out"], (5, "*"))
		self.assertEqual(ours["Maatregelen: Schorsing"], "< 5")
		self.assertEqual(ours["Ernstige incidenten (calamiteit)"], "< 5")
		self.assertEqual(ours[STAFF], "< 5")

	def test_a_school_sees_its_measures_and_no_count_about_staff(self):
		self.make_records()
		(ours,) = self.per_school(staff_user("A", "Director"))
		self.assertEqual(ours["Maatregelen: Time-out"], 5)
		self.assertNotIn(STAFF, ours)
		frappe.set_user(staff_user("A", "Aandachtsfunctionaris"))
		try:
			figures = run("Meldcode Board Figures", filters={"year": school_year_of(today())})["result"]
		finally:
			frappe.set_user("Administrator")
		self.assertNotIn("staff_reports", figures[0])
		self.assertEqual(figures[0]["measure:Time-Out"], 5)
