import frappe
from frappe.utils import add_days, getdate, today

from meldcode_app.api import start_acute_path
from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.tests.factories import as_user, conversation, move, open_dossier, reload
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

test_ignore = LINKED_DOCTYPES

AF_A = staff_user("A", "Aandachtsfunctionaris")


def use_route(school, name):
	frappe.db.set_value("Meldcode School", school, "route", name)


def open_terms(dossier):
	return {t.term_code: t for t in reload(dossier).terms if t.status == "Open"}


class TestMeldcodeRoute(MeldcodeTestCase):
	def test_each_shipped_route_sets_the_casemanager_per_phase(self):
		expected = {
			"KMS Meldcode 2019": ("Teacher", "Aandachtsfunctionaris", "Director"),
			"Stappenplan ongewenst opvoedgedrag": ("Teacher", "Teacher", "Intern Begeleider"),
			"Stappenplan huiselijk geweld / incest / seksueel misbruik": ("Teacher", "Teacher", "Director"),
			"Opvoedingsondersteuning en meldcode": ("Teacher", "Aandachtsfunctionaris", "Director"),
			"Kernteam en grijze gebied": ("Teacher", "Aandachtsfunctionaris", "Director"),
		}
		for name, (step1, step2, step4) in expected.items():
			use_route(self.school_a, name)
			dossier = open_dossier()
			self.assertEqual((dossier.route, dossier.casemanager_function), (name, step1), name)
			move(dossier, "Start Collegial Consultation")
			self.assertEqual(reload(dossier).casemanager_function, step2, name)
			move(dossier, "Plan Conversation")
			conversation(dossier)
			move(dossier, "Start Weighing")
			self.assertEqual(reload(dossier).casemanager_function, step4, name)

	def test_a_routes_own_terms_apply(self):
		route = frappe.get_doc("Meldcode Route", "KMS Meldcode 2019")
		route.append("terms", {"setting": "Data gathering (weeks)", "amount": 2})
		route.save()
		use_route(self.school_a, route.name)
		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		self.assertEqual(open_terms(dossier)["data_gathering"].due_date, getdate(add_days(today(), 14)))

	def test_changing_the_route_leaves_running_dossiers_on_their_version(self):
		use_route(self.school_a, "Stappenplan ongewenst opvoedgedrag")
		running = open_dossier()
		route = frappe.get_doc("Meldcode Route", "Stappenplan ongewenst opvoedgedrag")
		for phase in route.phases:
			if phase.national_step == "Step 4 Weighing":
				phase.casemanager_function = "Director"
		route.save()
		self.assertEqual(route.version, 2)
		self.assertEqual(running.route_version, 1)
		move(running, "Start Collegial Consultation")
		move(running, "Plan Conversation")
		conversation(running)
		move(running, "Start Weighing")
		self.assertEqual(reload(running).casemanager_function, "Intern Begeleider")
		new = open_dossier()
		self.assertEqual(new.route_version, 2)

	def test_the_same_day_path_sets_same_day_terms(self):
		use_route(self.school_a, "Stappenplan huiselijk geweld / incest / seksueel misbruik")
		dossier = open_dossier()
		as_user(AF_A)(start_acute_path, dossier.name)
		terms = open_terms(dossier)
		self.assertEqual(
			{str(terms[c].due_date) for c in ("same_day_conversation", "same_day_melding")}, {today()}
		)
		use_route(self.school_a, "KMS Meldcode 2019")
		other = open_dossier()
		as_user(AF_A)(start_acute_path, other.name)
		self.assertNotIn("same_day_conversation", open_terms(other))
		self.assertEqual(reload(other).casemanager_function, "Director")

	def test_bad_routes_are_refused(self):
		def route(**changes):
			doc = frappe.copy_doc(frappe.get_doc("Meldcode Route", "KMS Meldcode 2019"))
			doc.route_name = "Eigen route"
			for fieldname, value in changes.items():
				doc.phases[0].set(fieldname, value)
			return doc

		self.assertRefused(route(lead_function=None).insert, "Fase", "wie de fase leidt")
		self.assertRefused(route(national_step="Stap 9").insert, "is geen stap van de meldcode")
		negative = route()
		negative.append("terms", {"setting": "Aftercare by the teacher (months)", "amount": -1})
		self.assertRefused(negative.insert, "groter dan nul")
		# Round 73: a term past the settings' limit stopped a dossier at its next step for good,
		# and a teacher on the acute path read its melding terms among her ToDos.
		endless = route()
		endless.append("terms", {"setting": "Aftercare by the teacher (months)", "amount": 999999999})
		self.assertRefused(endless.insert, "ten hoogste 60")
		acute = route()
		acute.acute_casemanager_function = "Teacher"
		self.assertRefused(acute.insert, "niet de leerkracht")
		deciding = route()
		weighing = next(p for p in deciding.phases if p.national_step == "Step 4 Weighing")
		weighing.casemanager_function = "Teacher"
		self.assertRefused(deciding.insert, "niet aan de leerkracht")
		self.assertFalse(frappe.db.exists("Meldcode Route", "Eigen route"))

	def test_a_route_can_have_the_support_team_consult_before_every_step(self):
		route = frappe.get_doc("Meldcode Route", "KMS Meldcode 2019")
		route.support_team_before_each_step = 1
		route.save()
		use_route(self.school_a, route.name)
		dossier = open_dossier()
		self.assertRefused(lambda: move(dossier, "Start Collegial Consultation"), "ondersteuningsteam")
		frappe.db.set_value(
			"Meldcode Dossier Step", {"parent": dossier.name}, "entered_on", add_days(today(), -2)
		)
		conversation(dossier, "Support Team", conversation_date=add_days(today(), -1))
		move(dossier, "Start Collegial Consultation")  # the consultation of yesterday was in step 1
		self.assertRefused(lambda: move(dossier, "Plan Conversation"), "ondersteuningsteam")
