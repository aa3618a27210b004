"""The actieplan bij calamiteiten on a serious incident: the checklist of seed 003, each item
ticked with who and when, read only by who may read the incident."""

import frappe

from meldcode_app.rules.calamity import CHECKLIST
from meldcode_app.tests.factories import as_user
from meldcode_app.tests.test_board import incident
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user


class TestCalamityChecklist(MeldcodeTestCase):
	def tick(self, user, name, index, done=1):
		def save():
			doc = frappe.get_doc("Safety Incident", name)
			doc.calamity_actions[index].done = done
			doc.save()
			return doc

		return as_user(user)(save)

	def test_a_serious_incident_gets_the_checklist_ticked_with_who_and_when(self):
		self.assertEqual(incident().calamity_actions, [])
		doc = incident(calamity=1)
		self.assertEqual([(r.phase, r.item) for r in doc.calamity_actions], list(CHECKLIST))
		director, af = staff_user("A", "Director"), staff_user("A", "Aandachtsfunctionaris")
		doc = self.tick(director, doc.name, 1)
		first = doc.calamity_actions[1]
		self.assertEqual((first.done, first.done_by), (1, director))
		self.assertTrue(first.done_on)
		self.assertEqual(first.done_by_name, frappe.db.get_value("User", director, "full_name"))
		self.assertNotIn("@", first.done_by_name, "the checklist shows who ticked by name")
		doc = self.tick(af, doc.name, 2)
		self.assertEqual(doc.calamity_actions[1].done_by, director)  # kept
		self.assertEqual(str(doc.calamity_actions[1].done_on), str(first.done_on))
		self.assertEqual(doc.calamity_actions[2].done_by, af)
		doc = self.tick(af, doc.name, 1, done=0)
		unticked = doc.calamity_actions[1]
		self.assertEqual((unticked.done_by, unticked.done_by_name, unticked.done_on), (None, None, None))

	def test_the_checklist_rows_are_read_with_the_incident_only(self):
		doc = incident(calamity=1)
		for user, expected in (
			(staff_user("A", "Director"), len(CHECKLIST)),
			(staff_user("A", "Teacher"), 0),
			(staff_user("B", "Director"), 0),
		):
			frappe.set_user(user)
			try:
				rows = frappe.get_list(
					"Meldcode Calamity Action",
					filters={"parent": doc.name},
					parent_doctype="Safety Incident",
					pluck="name",
				)
			except frappe.PermissionError:
				rows = []
			finally:
				frappe.set_user("Administrator")
			self.assertEqual(len(rows), expected, user)
