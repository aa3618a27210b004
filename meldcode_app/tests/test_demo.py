from unittest.mock import patch

import frappe

from meldcode_app import demo
from meldcode_app.demo import DEMO_PASSWORD, create_demo_data
from meldcode_app.rules import route
from meldcode_app.tests.utils import ADMIN_USER, MeldcodeTestCase, make_user

# A school of its own, so that the test starts fresh even on a site that already has the demo.
SCHOOL = ("00YY", "Basisschool De Fictieve Test")


def snapshot():
	return {
		doctype: sorted(frappe.get_all(doctype, filters={"school": SCHOOL[0]}, pluck="name"))
		for doctype in (
			"Meldcode Dossier",
			"Meldcode Signal",
			"Meldcode Conversation",
			"Meldcode Weighing",
			"Veilig Thuis Contact",
			"Safety Incident",
			"Meldcode Monitoring Report",
			"Meldcode Exclusion",
			"Meldcode Staff Report",
		)
	}


@patch.object(demo, "SCHOOL", SCHOOL)
class TestDemoData(MeldcodeTestCase):
	def test_a_dossier_in_every_state_and_twice_changes_nothing(self):
		result = create_demo_data()
		self.assertEqual(result["password"], DEMO_PASSWORD)
		states = set(
			frappe.get_all("Meldcode Dossier", filters={"school": SCHOOL[0]}, pluck="workflow_state")
		)
		self.assertEqual(states, set(route.STATES))
		first = snapshot()
		self.assertTrue(first["Safety Incident"] and first["Meldcode Monitoring Report"])
		measures = frappe.get_all("Meldcode Exclusion", filters={"school": SCHOOL[0]}, pluck="measure")
		self.assertEqual(sorted(measures), ["Suspension", "Time-Out"])
		self.assertEqual(len(first["Meldcode Staff Report"]), 1)
		serious = frappe.get_doc("Safety Incident", {"school": SCHOOL[0], "calamity": 1})
		actieplan = frappe.get_doc("Meldcode Protocol Run", {"safety_incident": serious.name})
		ticked = [row for row in actieplan.steps if row.done]
		self.assertTrue(0 < len(ticked) < len(actieplan.steps))
		self.assertTrue(all(row.done_by and row.done_on for row in ticked))
		self.assertTrue(serious.victim_contacted_on and not serious.follow_up_on)
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{"reference_name": serious.name, "date": serious.follow_up_due, "status": "Open"},
			)
		)
		create_demo_data()
		self.assertEqual(snapshot(), first)
		self.assertEqual(frappe.session.user, "Administrator")

	def test_every_role_can_log_in_with_the_demo_password(self):
		from frappe.utils.password import check_password

		users = create_demo_data()["users"]
		self.assertEqual(
			set(users),
			{
				"Teacher",
				"Intern Begeleider",
				"Aandachtsfunctionaris",
				"Director",
				"Board",
				"Administrator",
				"Office",
				"New Teacher",
			},
		)
		for user in users.values():
			self.assertEqual(check_password(user, DEMO_PASSWORD), user)

	def test_only_the_bench_administrator_makes_it(self):
		"""Round 73: the Meldcode Administrator's call left demo accounts with the README's password
		on the site (the other tests here are the positive control: the bench's Administrator)."""
		for user in (make_user("demo.beheer@meldcode.test", "Demo", "System Manager"), ADMIN_USER):
			frappe.set_user(user)
			try:
				self.assertRaises(frappe.PermissionError, create_demo_data)
			finally:
				frappe.set_user("Administrator")
