"""The board's picture from the board's side: figures yes, a child never."""

from io import BytesIO

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, formatdate, getdate, today
from openpyxl import load_workbook

from meldcode_app.api import export_board_workbook
from meldcode_app.meldcode_app.doctype.meldcode_monitoring_report.test_meldcode_monitoring_report import (
	report,
)
from meldcode_app.tests.factories import PUPIL, as_user, move, open_dossier
from meldcode_app.tests.utils import BOARD_USER, MeldcodeTestCase, staff_user


def school_year_of(day) -> int:
	day = getdate(day)
	return day.year if day.month >= 8 else day.year - 1


def year_ended(test):
	"""The day after this school year ends: the board gets a school year's figures from then on
	(``board_export.not_yet_published``)."""
	return test.freeze_time(f"{school_year_of(today()) + 1}-08-01 10:00:00")


def incident(school="A", **values):
	from meldcode_app.tests.utils import SCHOOLS

	doc = frappe.get_doc(
		{
			"doctype": "Safety Incident",
			"school": SCHOOLS[school][0],
			"incident_date": today(),
			"location": "Schoolplein",
			"category": "Bullying",
			"description": "Twee leerlingen duwden een derde tegen het hek.",
			"reported_by": "Pleinwacht",
			"involved": "J.D., K.L.",
			**values,
		}
	)
	return as_user(staff_user(school, "Aandachtsfunctionaris"))(doc.insert)


def open_workbook(url: str):
	return load_workbook(BytesIO(frappe.get_doc("File", {"file_url": url}).get_content()))


class TestBoard(MeldcodeTestCase):
	def test_the_board_exports_figures_and_opens_no_record_of_a_child(self):
		for _ in range(6):
			move(open_dossier(), "Start Collegial Consultation")
		open_dossier(school="B")
		incident()
		report(open_dossier())
		year = school_year_of(today())
		with self.set_user(BOARD_USER), year_ended(self):
			url = export_board_workbook(year)
			book = open_workbook(url)
			for doctype in (
				"Meldcode Dossier",
				"Meldcode Signal",
				"Safety Incident",
				"Meldcode Monitoring Report",
			):
				self.assertRaises(frappe.PermissionError, frappe.get_list, doctype)
		rows = {r[0]: r for r in book["Per school"].iter_rows(min_row=2, values_only=True)}
		# School A's 7 dossiers are shown unless, with the total, they would give away B's one.
		self.assertIn(rows["Testschool De Linde"][2], (7, "*"))
		self.assertEqual(rows["Testschool Het Anker"][2], "< 5")
		self.assertIn("Alle scholen", rows)
		with self.set_user(BOARD_USER), year_ended(self):
			figures = run("Meldcode Board Figures", filters={"year": year})["result"]
		self.assertEqual(
			{r["school"]: r["opened"] for r in figures}, {school: row[2] for school, row in rows.items()}
		)
		with year_ended(self):
			book = open_workbook(as_user(BOARD_USER)(export_board_workbook, year, self.school_a))
		everything = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row)
		self.assertNotIn(PUPIL, everything)
		self.assertNotIn("MD-", everything)
		file = frappe.get_doc("File", {"file_url": url})
		self.assertTrue(file.is_private)
		self.assertTrue(
			frappe.db.exists("Access Log", {"user": BOARD_USER, "report_name": "Meldcode Board Workbook"})
		)

	def test_a_running_school_year_goes_to_each_schools_own_case_team_only(self):
		"""Round 162: the board downloaded the running year's workbook on two days; a school that
		reached 5 incidents of a kind in between, with the total shown on the first day and the other
		schools' "*" shown on the second, gave its earlier "< 5" away as 4 (and a difference between
		two downloads is a small number of the days between them). A running school year's figures
		go to each school's own case team only; the board gets them when the year has ended."""
		incident()
		year = school_year_of(today())
		refused = f"worden gepubliceerd vanaf {formatdate(f'{year + 1}-08-01')}"
		with self.set_user(BOARD_USER):
			self.assertRefused(lambda: export_board_workbook(year), refused)
			answer = run("Meldcode Board Figures", filters={"year": year})
			self.assertEqual(answer["result"], [])
			self.assertIn(refused, answer["message"])
			self.assertRefused(lambda: export_board_workbook(year, self.school_a), refused)
		with self.set_user(staff_user("A", "Director")):
			book = open_workbook(export_board_workbook(year))
		self.assertEqual(book["Incidenten"]["A2"].value, "Testschool De Linde", "the control: its own school")
		with self.set_user(BOARD_USER), year_ended(self):
			book = open_workbook(export_board_workbook(year))
		schools = [row[0] for row in book["Incidenten"].iter_rows(min_row=2, values_only=True)]
		self.assertIn("Testschool Het Anker", schools, "the control: when the year has ended")

	def test_an_ended_years_figures_stay_as_first_published(self):
		"""Round 165: an ended year's figures changed when a term was kept, a dossier reopened or an
		incident registered after the year had ended, and two downloads pinned a "< 5". The board
		gets an ended year as it was first published; the school's own staff see theirs as they are
		(the control)."""
		day = today()
		for _ in range(4):
			incident(incident_date=day)
		year = school_year_of(day)

		def bullying(user):
			book = open_workbook(as_user(user)(export_board_workbook, year))
			rows = list(book["Incidenten"].iter_rows(values_only=True))
			column = rows[0].index("Pesten")
			return {row[0]: row[column] for row in rows[1:]}

		with year_ended(self):
			first = bullying(BOARD_USER)
			incident(incident_date=day)  # registered after the year had ended, dated in it
			self.assertEqual(bullying(BOARD_USER), first)
			own = bullying(staff_user("A", "Director"))
		self.assertEqual(first["Testschool De Linde"], "< 5")
		self.assertEqual(own["Testschool De Linde"], 5, "the control: the school's own figures as they are")

	def test_the_desks_report_keeps_an_ended_year_too(self):
		"""Round 168: the desk asks for the report with a GET, whose changes Frappe rolls back, so
		the report never kept an ended year and showed it as it now is. The kept figures are saved
		by a GET as well."""
		from meldcode_app.tests.test_request_guard import api_token, request_as

		label = f"{school_year_of(today()) - 1}-{school_year_of(today())}"
		frappe.db.delete("Meldcode Published Figures", {"name": label})
		token = api_token(BOARD_USER)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Meldcode Published Figures", {"name": label})
		filters = {"year": school_year_of(today()) - 1}
		status, answer = request_as(
			token,
			"frappe.desk.query_report.run",
			"get",
			report_name="Meldcode Board Figures",
			filters=filters,
		)
		self.assertEqual(status, 200, answer)
		self.assertTrue(answer["result"], "the control: the board gets the ended year")
		frappe.db.rollback()
		self.assertTrue(frappe.db.exists("Meldcode Published Figures", label))

	def test_the_case_team_exports_its_own_school_only(self):
		open_dossier(school="B")
		af_a = staff_user("A", "Aandachtsfunctionaris")
		with self.set_user(af_a):
			book = open_workbook(export_board_workbook(school_year_of(today())))
			self.assertRaises(
				frappe.PermissionError, export_board_workbook, school_year_of(today()), self.school_b
			)
		schools = [r[0] for r in book["Per school"].iter_rows(min_row=2, values_only=True)]
		self.assertEqual(schools, ["Testschool De Linde"])
		with self.set_user(staff_user("A", "Teacher")):
			self.assertRaises(frappe.PermissionError, export_board_workbook, school_year_of(today()))

	def test_the_boards_export_is_its_makers_and_no_file_field_takes_it(self):
		"""An unattached private file went to whichever record's file field named it first."""
		url = as_user(BOARD_USER)(export_board_workbook, school_year_of(today()) - 1)
		file = frappe.get_doc("File", {"file_url": url})
		self.assertEqual((file.attached_to_doctype, file.is_private), ("Meldcode Export", 1))
		self.assertNotIn(str(school_year_of(today()) - 1) + ".xlsx", url, "a name nobody can guess")
		teacher = staff_user("A", "Teacher")

		def point_own_picture_at_it():
			user = frappe.get_doc("User", teacher)
			user.user_image = url
			user.save()

		try:
			as_user(teacher)(point_own_picture_at_it)
		except (frappe.PermissionError, frappe.DoesNotExistError):
			pass  # refused, or saved without the file changing hands

		def may_download(user):
			rows = frappe.get_all("File", filters={"file_url": url}, pluck="name")
			return as_user(user)(lambda: any(frappe.has_permission("File", "read", doc=r) for r in rows))

		self.assertFalse(may_download(teacher))
		self.assertFalse(may_download(staff_user("A", "Director")))
		self.assertTrue(may_download(BOARD_USER), "the positive control: its maker downloads it")
		self.assertEqual(frappe.db.get_value("File", file.name, "attached_to_doctype"), "Meldcode Export")

	def test_the_patch_attaches_an_older_export_to_its_maker(self):
		from meldcode_app.patches.exports_attached_to_their_maker import execute

		older = as_user(BOARD_USER)(
			lambda: frappe.get_doc(
				{"doctype": "File", "file_name": "meldcode-2024-2025.xlsx", "is_private": 1, "content": b"x"}
			).insert()
		)
		execute()
		older.reload()
		self.assertEqual(older.attached_to_doctype, "Meldcode Export")
		export = frappe.get_doc("Meldcode Export", older.attached_to_name)
		self.assertEqual((export.owner, export.school_year), (BOARD_USER, "2024-2025"))

	def test_a_year_without_data_gives_a_clear_empty_workbook(self):
		with self.set_user(BOARD_USER):
			book = open_workbook(export_board_workbook(1999))
		self.assertIn("Toelichting", book.sheetnames)
		opened = [r[2] for r in book["Per school"].iter_rows(min_row=2, values_only=True)]
		self.assertEqual(set(opened), {"< 5"})
		self.assertEqual(book["Rapportage Meldcode"].max_row, 1)

	def test_an_incident_in_the_future_is_refused(self):
		before = frappe.db.count("Safety Incident")
		self.assertRefused(
			lambda: incident(incident_date=add_days(today(), 1)),
			"De datum van een incident kan niet in de toekomst liggen.",
		)
		self.assertEqual(frappe.db.count("Safety Incident"), before)

	def test_a_text_of_100000_characters_is_kept_whole(self):
		long_text = "".join(f"zin {n:05d}. " for n in range(10_000))
		self.assertGreater(len(long_text), 100_000)
		doc = incident(description=long_text)
		self.assertEqual(frappe.db.get_value("Safety Incident", doc.name, "description"), long_text)
		report(open_dossier(), description=long_text)
		year = school_year_of(today())
		with self.set_user(BOARD_USER), year_ended(self):
			book = open_workbook(export_board_workbook(year))
		parts = [r for r in book["Lange teksten"].iter_rows(min_row=2, values_only=True)]
		self.assertEqual("".join(p[-1] for p in parts), long_text)

	def test_sexual_behaviour_is_weighed_with_the_vlaggensysteem(self):
		doc = incident(category="Sexually Transgressive Behaviour", flag="Yellow", not_context_appropriate=1)
		self.assertEqual(doc.pedagogical_reaction, "Waarschuwen of begrenzen")
		self.assertRefused(lambda: incident(involved="Jan de Boer"), "niet Jan")

	def test_an_incident_cannot_be_deleted(self):
		doc = incident()
		self.assertRaises(frappe.PermissionError, frappe.delete_doc, "Safety Incident", doc.name)


class TestReports(MeldcodeTestCase):
	def run_report(self, name, filters=None):
		return run(name, filters=filters or {})

	def test_the_case_team_sees_its_own_school_only_in_the_reports_and_cards(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		mine, theirs = open_dossier(), open_dossier(school="B")
		with self.set_user(staff_user("A", "Aandachtsfunctionaris")):
			rows = self.run_report("Meldcode Open Dossiers")["result"]
			self.assertEqual([r["name"] for r in rows], [mine.name])
			self.assertEqual(rows[0]["school"], "Testschool De Linde", "the school by its name")
			self.assertTrue(mine.casemanager_name)
			self.assertEqual(rows[0]["casemanager_name"], mine.casemanager_name, "the casemanager by name")
			self.assertNotIn("@", str(rows[0]), "no e-mail address in the case team's report")
			figures = self.run_report("Meldcode Board Figures", {"year": school_year_of(today())})["result"]
			self.assertEqual([r["school"] for r in figures], ["Testschool De Linde"])
			card = frappe.get_doc("Number Card", "Open Meldcode Dossiers")
			self.assertEqual(get_result(card, "[]"), 1)
		self.assertNotIn(theirs.name, [r["name"] for r in rows])

	def test_the_board_sees_figures_of_all_schools_and_no_dossier_list(self):
		open_dossier()
		year = school_year_of(today())
		with self.set_user(BOARD_USER), year_ended(self):
			figures = self.run_report("Meldcode Board Figures", {"year": year})["result"]
			ours = {r["school"]: r["opened"] for r in figures if r["school"].startswith("Testschool")}
			self.assertEqual(ours, {"Testschool De Linde": "< 5", "Testschool Het Anker": "< 5"})
			self.assertRaises(frappe.PermissionError, self.run_report, "Meldcode Open Dossiers")
			from frappe.desk.desktop import get_workspace_sidebar_items

			pages = [p.name for p in get_workspace_sidebar_items()["pages"]]
			self.assertIn("Meldcode Board", pages)
			self.assertNotIn("Meldcode", pages)

	def test_how_dossiers_ended_is_shown_for_all_schools_together_only(self):
		"""Issue 21: per school the outcomes of a small school's few closed dossiers could be worked
		out from the totals; per school only how many closed, the outcomes over all schools."""
		open_dossier()
		year = school_year_of(today())
		with self.set_user(BOARD_USER), year_ended(self):
			result = self.run_report("Meldcode Board Figures", {"year": year})
			book = open_workbook(export_board_workbook(year))
		fields = [c["fieldname"] for c in result["columns"]]
		self.assertIn("closed", fields)
		self.assertFalse([f for f in fields if f.startswith("closed:")])
		summary = result["report_summary"]
		self.assertEqual(len(summary), 3)
		self.assertTrue(all(s["label"].endswith("(alle scholen)") for s in summary), summary)
		self.assertEqual({s["value"] for s in summary}, {"< 5"})
		per_school = [c.value for c in next(book["Per school"].iter_rows())]
		self.assertFalse([c for c in per_school if c.startswith("Afgesloten:")], per_school)
		self.assertEqual(
			[c.value for c in next(book["Per uitkomst"].iter_rows())], ["Uitkomst", "Dossiers afgesloten"]
		)

	def test_overdue_terms_card_counts_the_users_dossiers(self):
		from meldcode_app.terms import overdue_terms_count

		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		frappe.db.set_value(
			"Meldcode Dossier Term", {"parent": dossier.name}, "due_date", add_days(today(), -2)
		)
		with self.set_user(staff_user("A", "Director")):
			self.assertEqual(overdue_terms_count(), 1)
		with self.set_user(staff_user("B", "Director")):
			self.assertEqual(overdue_terms_count(), 0)


class TestYearlyBundle(MeldcodeTestCase):
	def bundle_text(self, user):
		import io

		from pypdf import PdfReader

		from meldcode_app.api import export_yearly_bundle

		year = school_year_of(today())
		with self.set_user(user), year_ended(self):
			url = export_yearly_bundle(year)
		pdf = frappe.get_doc("File", {"file_url": url}).get_content()
		return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)

	def test_the_school_gets_its_register_and_the_board_the_counts(self):
		report(open_dossier(), informing_note="Vader is vooraf ingelicht.")
		incident(description="Duwen bij het hek, lichte verwonding.")
		school_text = self.bundle_text(staff_user("A", "Director"))
		self.assertIn("Rapportage Meldcode", school_text)
		self.assertIn("Duwen bij het hek", school_text)
		self.assertNotIn("Het Anker", school_text)
		board_text = self.bundle_text(BOARD_USER)
		self.assertIn("Testschool Het Anker", board_text)
		self.assertIn("Knelpunten", board_text)
		self.assertNotIn("Duwen bij het hek", board_text)
		# The bundle shows the Rapportage Meldcode in the workbook's columns: no note on who was
		# informed, no contact person.
		self.assertIn("Het oudergesprek kon pas na twee weken plaatsvinden.", board_text)
		self.assertNotIn("Vader is vooraf ingelicht", board_text)
		self.assertNotIn(
			frappe.db.get_value("User", staff_user("A", "Aandachtsfunctionaris"), "full_name"), board_text
		)
		self.assertIn("< 5", board_text)
