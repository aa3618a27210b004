import json
from datetime import date

import frappe
from frappe.utils import add_days, add_years, today

from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.settings import term_due_date
from meldcode_app.tests.factories import as_user
from meldcode_app.tests.utils import BOARD_USER, MeldcodeTestCase, make_user

test_ignore = LINKED_DOCTYPES

SEED_DEFAULTS = {
	"data_gathering_weeks": 3,
	"next_consultation_weeks": 3,
	"support_team_meeting_weeks": 1,
	"veilig_thuis_decision_working_days": 5,
	"aftercare_months": 4,
	"behaviour_rules_first_evaluation_weeks": 2,
	"behaviour_rules_evaluation_months": 1,
	"correction_request_weeks": 4,
	"small_count_threshold": 5,
}


class TestMeldcodeSettings(MeldcodeTestCase):
	def test_install_stored_the_seeds_terms(self):
		for fieldname, value in SEED_DEFAULTS.items():
			self.assertEqual(frappe.db.get_single_value("Meldcode Settings", fieldname), value, fieldname)

	def test_zero_or_negative_term_is_refused_and_nothing_is_saved(self):
		for value in (0, -3):
			settings = frappe.get_doc("Meldcode Settings")
			settings.data_gathering_weeks = value
			settings.aftercare_months = 6
			self.assertRefused(
				settings.save, "Gegevens verzamelen (weken)", "moet een geheel getal groter dan nul zijn"
			)
			self.assertEqual(frappe.db.get_single_value("Meldcode Settings", "data_gathering_weeks"), 3)
			self.assertEqual(frappe.db.get_single_value("Meldcode Settings", "aftercare_months"), 4)

	def without_holidays(self):
		"""The settings as a school starts: whatever periods this site has configured are set aside
		(the test is rolled back)."""
		settings = frappe.get_doc("Meldcode Settings")
		settings.non_working_days = []
		settings.save()
		return frappe.get_doc("Meldcode Settings")

	def test_holiday_ending_before_it_starts_is_refused(self):
		settings = self.without_holidays()
		settings.append("non_working_days", {"from_date": "2026-12-31", "to_date": "2026-12-19"})
		self.assertRefused(settings.save, "Rij 1: een vrije periode kan niet eindigen voordat zij begint.")

	def test_working_day_terms_skip_the_configured_holidays(self):
		# Thursday 17 December 2026 + 5 working days, with the Christmas holiday configured.
		settings = self.without_holidays()
		self.assertEqual(term_due_date("veilig_thuis_decision", "2026-12-17"), date(2026, 12, 24))
		settings.append(
			"non_working_days",
			{"from_date": "2026-12-19", "to_date": "2027-01-03", "description": "Kerstvakantie"},
		)
		settings.save()
		self.assertEqual(term_due_date("veilig_thuis_decision", "2026-12-17"), date(2027, 1, 7))

	def test_a_shortened_retention_period_waits_and_the_board_is_told(self):
		"""Round 61: a System Manager set the dossiers' retention from 5 years to 1, and the next
		night's destruction removed a dossier closed two years before, with no one told."""
		from meldcode_app.destruction import apply_retention_periods
		from meldcode_app.tests.factories import close_as_unfounded, conversation, move, open_dossier

		manager = make_user("systeembeheer.bewaren@meldcode.test", "Systeem", "System Manager")
		dossier = open_dossier()
		for action in ("Start Collegial Consultation", "Plan Conversation"):
			move(dossier, action)
		conversation(dossier)
		move(dossier, "Start Weighing")
		dossier = close_as_unfounded(dossier, "Niet gegrond.")
		frappe.db.set_value("Meldcode Dossier", dossier.name, "closed_on", add_years(today(), -2))
		frappe.clear_document_cache("Meldcode Settings", "Meldcode Settings")
		settings = frappe.get_doc("Meldcode Settings")
		settings.dossier_retention_years = 1
		as_user(manager)(settings.save)
		kept = json.loads(frappe.db.get_single_value("Meldcode Settings", "shortened_retention"))
		self.assertEqual(kept["dossier_retention_years"], 5)
		settings = frappe.get_doc("Meldcode Settings")
		settings.working_note_retention_months = 1
		settings.save()
		kept = json.loads(frappe.db.get_single_value("Meldcode Settings", "shortened_retention"))
		self.assertNotIn("working_note_retention_months", kept, "working notes go at once (H23)")
		told = frappe.get_all(
			"Notification Log", filters={"document_type": "Meldcode Settings"}, pluck="for_user"
		)
		self.assertIn(BOARD_USER, told)
		apply_retention_periods()
		self.assertTrue(frappe.db.exists("Meldcode Dossier", dossier.name), "kept for the grace period")
		# The grace period over: the shortened period applies (the positive control).
		yesterday = add_days(today(), -1)
		frappe.db.set_single_value(
			"Meldcode Settings", "shortened_retention", json.dumps({**kept, "until": yesterday})
		)
		frappe.clear_document_cache("Meldcode Settings", "Meldcode Settings")
		apply_retention_periods()
		self.assertFalse(frappe.db.exists("Meldcode Dossier", dossier.name))

	def test_the_settings_saved_anew_keep_the_grace_period(self):
		"""Round 62: Frappe's insert of a single writes over the stored one with no copy before it,
		and a System Manager's "new" Meldcode Settings shortened the retention at once, untold."""
		manager = make_user("systeembeheer.bewaren@meldcode.test", "Systeem", "System Manager")
		frappe.clear_document_cache("Meldcode Settings", "Meldcode Settings")
		values = frappe.get_doc("Meldcode Settings").as_dict()
		self.assertEqual(values.dossier_retention_years, 5)
		anew = frappe.get_doc({**values, "dossier_retention_years": 1, "shortened_retention": None})
		as_user(manager)(anew.insert)
		kept = json.loads(frappe.db.get_single_value("Meldcode Settings", "shortened_retention"))
		self.assertEqual(kept["dossier_retention_years"], 5)

	def test_no_term_or_non_working_period_stops_the_terms(self):
		"""Round 63: a System Manager's non-working period to the year 9999 (or a term of 600,000
		weeks) made every due date fail, for every dossier and the daily reminders."""
		for change in (
			{"data_gathering_weeks": 600000},
			{"non_working_days": [{"from_date": "2026-12-01", "to_date": "9999-12-31"}]},
			# Round 73: forty periods of 92 days back to back, each within the limit
			{
				"non_working_days": [
					{
						"from_date": add_days("2026-12-01", 92 * n),
						"to_date": add_days("2026-12-01", 92 * n + 91),
					}
					for n in range(40)
				]
			},
		):
			settings = self.without_holidays()
			settings.update(change)
			self.assertRaises(frappe.ValidationError, settings.save)
		settings = self.without_holidays()
		settings.append("non_working_days", {"from_date": "2027-07-10", "to_date": "2027-08-22"})
		settings.data_gathering_weeks = 4
		settings.save()  # the positive control: a summer holiday, a longer term
		self.assertEqual(term_due_date("veilig_thuis_decision", "2026-12-17"), date(2026, 12, 24))

	def test_a_term_shown_as_text_keeps_its_limit(self):
		"""Round 64: a Property Setter made a term a text field, which the limits then passed by
		(set up here by the bench's Administrator: a System Manager's is refused)."""
		setter = {
			"doctype": "Property Setter",
			"doctype_or_field": "DocField",
			"doc_type": "Meldcode Settings",
			"field_name": "data_gathering_weeks",
			"property": "fieldtype",
			"property_type": "Select",
			"value": "Data",
		}
		manager = make_user("systeembeheer.termijnen@meldcode.test", "Systeem", "System Manager")
		self.assertRaises(frappe.PermissionError, as_user(manager), frappe.get_doc(setter).insert)
		frappe.get_doc(setter).insert()
		self.addCleanup(frappe.clear_cache, doctype="Meldcode Settings")  # after the rollback
		frappe.clear_cache(doctype="Meldcode Settings")
		self.assertEqual(
			frappe.get_meta("Meldcode Settings").get_field("data_gathering_weeks").fieldtype, "Data"
		)
		for weeks, saves in (("600000", False), ("-5", False), ("4", True)):  # 4: the positive control
			settings = self.without_holidays()
			settings.data_gathering_weeks = weeks
			if saves:
				settings.save()
			else:
				self.assertRaises(frappe.ValidationError, settings.save)

	def test_a_school_year_keeps_the_threshold_it_was_published_with(self):
		"""Round 150: the board read a school year's figures at thresholds 5, 6 and 7, and the
		three publications together told that school B had opened one dossier. A change applies
		from the next school year; each year keeps one threshold. The control: the next year
		takes the new one."""
		from meldcode_app.board_export import small_count_threshold
		from meldcode_app.rules.board_figures import SchoolYear

		self.addCleanup(frappe.db.set_single_value, "Meldcode Settings", "kept_thresholds", None)
		self.addCleanup(frappe.db.set_single_value, "Meldcode Settings", "small_count_threshold", 5)
		years = {start: SchoolYear.starting(start) for start in (2026, 2027, 2028)}

		def change(threshold):
			settings = frappe.get_doc("Meldcode Settings")
			settings.small_count_threshold = threshold
			settings.save()

		with self.freeze_time("2026-12-07 10:00:00"):
			self.assertEqual(small_count_threshold(years[2026]), 5)
			for threshold in (6, 7):
				change(threshold)
				self.assertEqual(small_count_threshold(years[2026]), 5, threshold)
			self.assertEqual(small_count_threshold(years[2027]), 7, "the control: the next school year")
		with self.freeze_time("2027-09-01 10:00:00"):
			change(8)
		found = {start: small_count_threshold(year) for start, year in years.items()}
		self.assertEqual(found, {2026: 5, 2027: 7, 2028: 8})

	def test_the_small_count_threshold_is_at_least_five(self):
		settings = frappe.get_doc("Meldcode Settings")
		settings.small_count_threshold = 1
		self.assertRaises(frappe.ValidationError, settings.save)
		settings = frappe.get_doc("Meldcode Settings")
		settings.small_count_threshold = 6
		settings.save()
		self.assertEqual(frappe.db.get_single_value("Meldcode Settings", "small_count_threshold"), 6)
