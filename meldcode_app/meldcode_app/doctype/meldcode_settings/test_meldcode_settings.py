from datetime import date

import frappe

from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.settings import term_due_date
from meldcode_app.tests.utils import MeldcodeTestCase

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
