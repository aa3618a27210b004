"""Forms open ready: a weighing's and a melding's dossier link offers only what fits, in Dutch with
the pupil and the step and no e-mail address; the school link offers the user's own schools; a
new signal starts now, at the user's one school."""

import frappe
from frappe.desk.search import search_link
from frappe.utils import getdate, today

from meldcode_app.link_queries import boot_session, dossiers, schools
from meldcode_app.rules import route
from meldcode_app.tests.factories import PUPIL, as_user, make_signal, open_dossier
from meldcode_app.tests.utils import BOARD_USER, SCHOOLS, MeldcodeTestCase, staff_user

AF_A = staff_user("A", "Aandachtsfunctionaris")
TEACHER_A = staff_user("A", "Teacher")


class TestLinkQueries(MeldcodeTestCase):
	def dossier_in(self, state, school="A", acute=0):
		dossier = open_dossier(school)
		frappe.db.set_value("Meldcode Dossier", dossier.name, {"workflow_state": state, "acute": acute})
		return dossier.name

	def offered(self, purpose, user=AF_A, **filters):
		rows = as_user(user)(dossiers, "Meldcode Dossier", "", None, 0, 100, {"purpose": purpose, **filters})
		return {row[0]: row for row in rows}

	def test_a_weighing_offers_dossiers_at_step_4_or_5_described_in_dutch(self):
		at = {state: self.dossier_in(state) for state in route.STATES}
		other_school = self.dossier_in(route.STEP_4, school="B")
		offered = self.offered("weighing")
		self.assertIn(at[route.STEP_4], offered)
		self.assertIn(at[route.STEP_5], offered)
		for state in set(route.STATES) - {route.STEP_4, route.STEP_5}:
			self.assertNotIn(at[state], offered, state)
		self.assertNotIn(other_school, offered)
		self.assertEqual(offered[at[route.STEP_4]][1:3], (PUPIL, "Stap 4 Wegen"))

	def test_a_melding_offers_step_5_and_the_acute_path(self):
		step_4 = self.dossier_in(route.STEP_4)
		step_5 = self.dossier_in(route.STEP_5)
		acute = self.dossier_in(route.STEP_2, acute=1)
		reported = self.dossier_in(route.REPORTED, acute=1)
		offered = self.offered("melding")
		self.assertIn(step_5, offered)
		self.assertIn(acute, offered)
		self.assertNotIn(step_4, offered)
		self.assertNotIn(reported, offered)
		self.assertEqual(offered[acute][2:], ("Stap 2 Collegiale consultatie", "Acute route"))

	def test_the_desk_search_describes_dossiers_without_an_e_mail_address(self):
		name = self.dossier_in(route.STEP_4)
		for query, filters in (
			("meldcode_app.link_queries.dossiers", {"purpose": "weighing"}),
			(None, None),  # any dossier link: the app's standard query
		):
			results = as_user(AF_A)(search_link, "Meldcode Dossier", name, query=query, filters=filters)
			self.assertEqual([r["value"] for r in results], [name])
			self.assertIn("Stap 4 Wegen", results[0]["description"])
			self.assertNotIn("@", results[0]["description"])

	def test_a_pupils_name_is_a_line_of_text_wherever_it_is_shown(self):
		"""Round 82: Frappe puts a link's description into the page as markup, and a teacher's
		unclosed "<img … onerror=…" in a pupil's name ran in the aandachtsfunctionaris's desk when
		she picked a dossier. A line of a case record holds no markup; a name stored before that
		rule is described as text."""
		unclosed = "Kim <img src=x onerror=document.title=1 "
		for field, value in (("pupil_name", unclosed), ("location", 'Plein <img src="/p.png">')):
			with self.assertRaises(frappe.ValidationError, msg=field):
				make_signal(**{"pupil" if field == "pupil_name" else field: value})
		frappe.db.rollback()
		# the controls: a name with the characters names hold, and markup in the text of a signal
		kept = make_signal(pupil="Zoë d'Ancona-Çelik & broer", situation=f"Schreef {unclosed}")
		self.assertEqual(kept.situation, f"Schreef {unclosed}")
		name = self.dossier_in(route.STEP_4)
		frappe.db.set_value("Meldcode Dossier", name, "pupil_name", unclosed)  # as stored before
		results = as_user(AF_A)(search_link, "Meldcode Dossier", name)
		self.assertEqual([r["value"] for r in results], [name])
		self.assertIn("Kim &lt;img src=x", results[0]["description"])

	def test_who_may_not_read_a_dossier_is_offered_none(self):
		self.dossier_in(route.STEP_4)
		self.assertEqual(self.offered("weighing", user=TEACHER_A), {})
		self.assertEqual(self.offered("weighing", user=BOARD_USER), {})

	def test_a_search_for_something_else_is_refused(self):
		for doctype, filters in (("Meldcode Signal", None), ("Meldcode Dossier", {"purpose": "x"})):
			with self.assertRaises(frappe.ValidationError):
				as_user(AF_A)(dossiers, doctype, "", None, 0, 10, filters)
		with self.assertRaises(frappe.ValidationError):
			as_user(AF_A)(dossiers, "Meldcode Dossier", "", None, 0, 10, {"workflow_state": "Closed"})

	def test_the_school_link_offers_the_users_own_schools(self):
		def offered(user):
			return [row[0] for row in as_user(user)(schools, "Meldcode School", "", None, 0, 50, None)]

		self.assertEqual(offered(TEACHER_A), [SCHOOLS["A"][0]])
		self.assertTrue({SCHOOLS["A"][0], SCHOOLS["B"][0]} <= set(offered(BOARD_USER)))

	def test_a_new_form_starts_at_the_users_one_school(self):
		def default_for(user):
			bootinfo = frappe._dict(user=frappe._dict(defaults={}))
			as_user(user)(boot_session, bootinfo)
			return bootinfo.user.defaults.get("school")

		self.assertEqual(default_for(TEACHER_A), SCHOOLS["A"][0])
		self.assertIsNone(default_for(BOARD_USER))
		school_b = frappe.get_doc("Meldcode School", SCHOOLS["B"][0])
		school_b.append("staff", {"user": TEACHER_A, "function": "Teacher"})
		school_b.save(ignore_permissions=True)
		self.assertIsNone(default_for(TEACHER_A), "at two schools the user picks")

	def test_a_new_signal_starts_now(self):
		signal = as_user(TEACHER_A)(frappe.new_doc, "Meldcode Signal")
		self.assertTrue(signal.signal_date)
		self.assertEqual(getdate(signal.signal_date), getdate(today()))
		self.assertTrue(signal.signal_time)

	def test_every_record_of_a_dossier_starts_today(self):
		for doctype, field in (
			("Meldcode Conversation", "conversation_date"),
			("Meldcode Weighing", "weighing_date"),
			("Veilig Thuis Contact", "contact_datetime"),
			("Meldcode Exclusion", "start_date"),
			("Safety Incident", "incident_date"),
			("Meldcode Correction Request", "received_on"),
		):
			doc = as_user(AF_A)(frappe.new_doc, doctype)
			self.assertTrue(
				doc.get(field), f"a new {doctype} starts without {field}"
			)  # getdate(None) is today
			self.assertEqual(getdate(doc.get(field)), getdate(today()), doctype)

	def test_the_casemanagers_name_follows_the_casemanager(self):
		dossier = open_dossier()
		self.assertEqual(
			dossier.casemanager_name, frappe.db.get_value("User", dossier.casemanager, "full_name")
		)
