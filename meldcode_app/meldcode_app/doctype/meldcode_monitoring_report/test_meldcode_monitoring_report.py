import frappe
import frappe.client

from meldcode_app.api import make_monitoring_report
from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.tests.factories import as_user, make_signal, melding, open_dossier
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

test_ignore = LINKED_DOCTYPES

AF_A = staff_user("A", "Aandachtsfunctionaris")


def report(dossier, /, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Meldcode Monitoring Report",
			**as_user(AF_A)(make_monitoring_report, dossier.name),
			"subject": "Abuse",
			"description": "Vermoeden van mishandeling van een leerling uit groep 6; melding gedaan.",
			"public_unrest": "None",
			"informing_needed": "Yes",
			"knelpunten": "Het oudergesprek kon pas na twee weken plaatsvinden.",
			"activities": [{"activity": "Gesprekken met ouders", "times": 3}],
			**values,
		}
	)
	return as_user(AF_A)(doc.insert)


class TestMonitoringReport(MeldcodeTestCase):
	def test_prefilled_from_the_dossier(self):
		dossier = open_dossier()
		melding(dossier)
		values = as_user(AF_A)(make_monitoring_report, dossier.name)
		self.assertEqual(
			(values["school"], values["contact_person"], values["melding_made"]),
			(self.school_a, AF_A, "Yes, Child Abuse"),
		)

	def test_written_without_the_pupils_name(self):
		dossier = open_dossier()
		self.assertRefused(
			lambda: report(dossier, description="Sam werd geslagen."),
			"zonder de naam van de leerling",
			"Omschrijving",
		)
		self.assertTrue(report(dossier).name)

	def test_no_initials_class_birth_date_or_name_without_its_dossier(self):
		"""Round 196: the board read a report that named the pupil and left its dossier out, and one
		with the pupil's initials, class and date of birth. The controls: the same reports without."""
		dossier = open_dossier()
		frappe.db.set_value(
			"Meldcode Dossier", dossier.name, {"pupil_class": "groep 6b", "pupil_date_of_birth": "2017-03-12"}
		)
		for text in ("Leerling T.S.d.V. vertelde over thuis.", "Uit groep 6b.", "Geboren 12-03-2017."):
			with self.subTest(text=text):
				self.assertRefused(lambda t=text: report(dossier, description=t), "initialen, groep")
		unlinked = {"dossier": None, "description": "Testkind vertelde over thuis."}
		self.assertRefused(lambda: report(dossier, **unlinked), "zonder de naam van de leerling")
		self.assertTrue(report(dossier, dossier=None).name, "the control: without a name")

	def test_no_other_pupil_or_record_name_beside_its_dossier(self):
		"""Round 199: a report on one dossier named another pupil of the school, spelled past the
		check, and a dossier's record name. The control: the report without them."""
		dossier = open_dossier()
		other = open_dossier("A", [make_signal("A", pupil="Geheimkind Bram Verborgen").name])
		for text in ("Ook Brám-Verborgen is betrokken.", f"Zie {other.name}.", "Overleg met Brammetje."):
			with self.subTest(text=text):
				self.assertRefused(lambda t=text: report(dossier, description=t), "zonder de naam")
		self.assertTrue(report(dossier).name, "the control")

	def test_a_pupil_spelled_around_the_check_or_known_later_is_not_shown_to_the_board(self):
		"""Round 203: a report named the pupil in Cyrillic letters, and the class of another
		dossier with a hyphen; one written before a pupil's case began went to the board with her
		name. What the board is given is read again against the school's case records as they stand.
		The controls: the report without them, and its other texts."""
		from meldcode_app.board_export import read_reports
		from meldcode_app.rules.board_figures import SchoolYear

		dossier = open_dossier()
		other = open_dossier("A", [make_signal("A", pupil="Geheimkind Bram Verborgen").name])
		frappe.db.set_value("Meldcode Dossier", other.name, "pupil_class", "groep 6b")
		for text in ("Вram Vеrborgen werd geslagen.", "Een leerling uit groep 6-b."):
			with self.subTest(text=text):
				self.assertRefused(lambda t=text: report(dossier, description=t), "zonder de naam")
		written = report(dossier, dossier=None, remarks="Sanne Jansen, zus van de leerling.")
		make_signal("A", pupil="Sanne Jansen")  # her case begins after the report was written
		today = frappe.utils.getdate(written.report_date)
		year = SchoolYear.starting(today.year if today.month >= 8 else today.year - 1)
		[row] = [row for row in read_reports(year, [self.school_a]) if row.knelpunten == written.knelpunten]
		self.assertNotIn("Sanne", row.remarks)
		self.assertEqual(row.description, written.description, "the control: its other texts")

	def test_dated_on_or_after_its_dossier_was_opened(self):
		"""Round 196: a report dated before its dossier went into an ended year's figures for the
		board while the case was in the running year."""
		dossier = open_dossier()
		opened = frappe.db.get_value("Meldcode Dossier", dossier.name, "opened_on")
		before = frappe.utils.add_days(opened, -1)
		self.assertRefused(lambda: report(dossier, report_date=before), "op of na de opening")
		self.assertTrue(report(dossier, report_date=opened).name, "the control: the day it opened")

		# round 199: the dossier's opening day set back first
		def set_value(field, value):
			return as_user(AF_A)(frappe.client.set_value, dossier.doctype, dossier.name, field, value)

		self.assertRefused(lambda: set_value("opened_on", before), "verandert niet")
		self.assertTrue(set_value("pupil_class", "groep 7"), "the control: another field")

	def test_the_board_reads_no_report_and_the_other_school_neither(self):
		doc = report(open_dossier())
		for user in (
			"board@meldcode.test",
			staff_user("B", "Aandachtsfunctionaris"),
			staff_user("A", "Teacher"),
		):
			self.assertFalse(
				frappe.has_permission("Meldcode Monitoring Report", "read", doc.name, user=user), user
			)

	def test_it_stays_when_the_dossier_is_destroyed(self):
		from meldcode_app.destruction import RETENTION_PERIOD, destroy_dossier

		dossier = open_dossier()
		doc = report(dossier)
		destroy_dossier(dossier.name, RETENTION_PERIOD)
		self.assertEqual(
			frappe.db.get_value("Meldcode Monitoring Report", doc.name, ["school", "dossier"]),
			(self.school_a, None),
		)
