"""The dossier's timeline draws only what its reader may read: the case team its school's dossier,
a named case-team member the dossier they are named on, a teacher and another school's team
nothing; through the whitelisted method as a request too."""

import frappe

from meldcode_app import api, timeline
from meldcode_app.tests.factories import as_user, conversation, make_signal, open_dossier
from meldcode_app.tests.test_request_guard import api_token, remove_records_of_school, request_as
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

AF_A, AF_B = staff_user("A", "Aandachtsfunctionaris"), staff_user("B", "Aandachtsfunctionaris")


def drawn(user, dossier) -> set[str] | None:
	"""The records the timeline links to for ``user``; None when it refuses to draw."""
	try:
		items = as_user(user)(timeline.items_of, dossier)
	except frappe.PermissionError:
		return None
	return {item.url.rsplit("/", 1)[1] for item in items}


class TestTimeline(MeldcodeTestCase):
	def test_the_case_team_sees_the_dossiers_records_and_terms(self):
		dossier = open_dossier()
		talk = conversation(dossier)
		records = set(frappe.get_all("Meldcode Signal", {"dossier": dossier.name}, pluck="name"))
		seen = drawn(AF_A, dossier.name)
		self.assertTrue(records | {talk.name, dossier.name} <= seen, seen)
		items = as_user(AF_A)(timeline.items_of, dossier.name)
		lanes = {item.lane for item in items}
		self.assertTrue({"signals", "conversations", "steps", "terms"} <= lanes, lanes)
		signed = next(i for i in items if i.url.endswith(talk.name))
		self.assertEqual(signed.state, "done")
		html = as_user(AF_A)(api.dossier_timeline, dossier.name)
		self.assertIn("<svg", html)
		self.assertNotIn(dossier.pupil_name, html, "the picture names no pupil")
		self.assertIn("Vandaag", html, "in Dutch")

	def test_a_teacher_and_another_schools_team_get_nothing(self):
		dossier = open_dossier()
		own_signal = make_signal().name  # the teacher wrote signals of this school
		self.assertIsNotNone(drawn(AF_A, dossier.name), "the positive control")
		self.assertIsNone(drawn(staff_user("A", "Teacher"), dossier.name))
		self.assertIsNone(drawn(AF_B, dossier.name))
		self.assertIsNone(drawn(staff_user("B", "Director"), dossier.name))
		self.assertIsNone(drawn(AF_A, own_signal), "only a dossier is drawn")

	def test_a_named_case_team_member_sees_their_dossier_only(self):
		named, other = open_dossier(), open_dossier()
		school = frappe.get_doc("Meldcode School", named.school)
		school.append("staff", {"user": AF_B, "function": "Teacher"})
		school.save()
		self.assertIsNone(drawn(AF_B, named.name), "not yet named")
		named.append("case_team", {"user": AF_B, "function": "Aandachtsfunctionaris"})
		named.save()
		seen = drawn(AF_B, named.name)
		signals = set(frappe.get_all("Meldcode Signal", {"dossier": named.name}, pluck="name"))
		self.assertTrue(signals <= seen, seen)
		self.assertIsNone(drawn(AF_B, other.name))

	def test_the_method_as_a_request(self):
		dossier = open_dossier("B")
		tokens = {user: api_token(user) for user in (AF_B, AF_A, staff_user("B", "Teacher"))}
		frappe.db.commit()
		method = "meldcode_app.api.dossier_timeline"
		try:
			status, html = request_as(tokens[AF_B], method, "post", dossier=dossier.name)
			self.assertEqual(status, 200, "the positive control")
			self.assertIn("<svg", html)
			for user in (AF_A, staff_user("B", "Teacher")):
				status, answer = request_as(tokens[user], method, "post", dossier=dossier.name)
				self.assertNotEqual(status, 200, user)
				self.assertNotIn("<svg", str(answer))
		finally:
			remove_records_of_school("B")
			frappe.db.commit()
