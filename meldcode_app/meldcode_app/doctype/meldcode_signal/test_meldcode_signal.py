import frappe
from frappe.utils import add_days, today

from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.tests.factories import as_user, make_signal
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

test_ignore = LINKED_DOCTYPES


def signals():
	return frappe.db.count("Meldcode Signal")


class TestMeldcodeSignal(MeldcodeTestCase):
	def test_signalled_by_is_the_user_and_cannot_be_set_or_changed(self):
		signal = make_signal(signalled_by=staff_user("A", "Director"))
		self.assertEqual(signal.signalled_by, staff_user("A", "Teacher"))
		full_name = frappe.db.get_value("User", signal.signalled_by, "full_name")
		self.assertEqual(signal.signalled_by_name, full_name, "the list shows who signalled by name")
		signal.signalled_by = staff_user("A", "Director")
		self.assertRaises(frappe.ValidationError, as_user(staff_user("A", "Teacher")), signal.save)

	def test_a_signal_in_the_future_is_refused(self):
		before = signals()
		self.assertRefused(
			lambda: make_signal(signal_date=add_days(today(), 1)),
			"De datum van een signaal kan niet in de toekomst liggen.",
		)
		self.assertEqual(signals(), before)

	def test_a_signal_of_today_where_the_teacher_is_is_recorded(self):
		"""The desk fills in today in the user's time zone: late in the evening at the site,
		it is already tomorrow for a teacher whose clock is ahead."""
		teacher = staff_user("A", "Teacher")
		frappe.db.set_value("User", teacher, "time_zone", "Pacific/Kiritimati")  # UTC+14
		with self.freeze_time("2026-03-10 23:00:00"):
			self.assertEqual(today(), "2026-03-10")
			self.assertTrue(make_signal(signal_date="2026-03-11").name)
			self.assertRefused(
				lambda: make_signal(signal_date="2026-03-12"),
				"De datum van een signaal kan niet in de toekomst liggen.",
			)

	def test_third_party_information_needs_source_and_consent(self):
		self.assertRefused(lambda: make_signal(from_third_party=1), "vraagt om de bron")
		self.assertRefused(lambda: make_signal(from_third_party=1, source="Buurvrouw"), "toestemming")
		self.assertTrue(make_signal(from_third_party=1, source="Buurvrouw", source_consent=1).name)

	def test_other_people_by_initials_only(self):
		self.assertTrue(make_signal(others_involved="J.D., K.L. en M").name)
		self.assertRefused(lambda: make_signal(others_involved="J.D., Karel"), "niet Karel")

	def test_signal_from_the_seeds_lists(self):
		indicator = frappe.get_all("Meldcode Signal Indicator", pluck="name", limit=1)
		self.assertTrue(indicator, "the seeds' signal lists are shipped")
		signal = make_signal(indicators=[{"indicator": indicator[0]}])
		self.assertEqual(signal.indicators[0].indicator, indicator[0])

	def test_a_diagnosis_needs_the_big_registered_professional(self):
		self.assertRefused(
			lambda: make_signal(contains_diagnosis=1, diagnosed_by="Orthopedagoog J. de Wit"),
			"BIG-geregistreerd",
		)
		self.assertTrue(
			make_signal(contains_diagnosis=1, diagnosed_by="Orthopedagoog J. de Wit", big_registered=1).name
		)

	def test_a_signal_states_the_nature_of_its_information(self):
		before = signals()
		self.assertRaises(frappe.ValidationError, lambda: make_signal(nature=None))
		self.assertEqual(signals(), before)
