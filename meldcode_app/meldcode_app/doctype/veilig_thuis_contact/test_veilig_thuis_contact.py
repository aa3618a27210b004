import frappe
from frappe.utils import add_days, add_years, getdate, today

from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.settings import term_due_date
from meldcode_app.tests.factories import melding, open_dossier
from meldcode_app.tests.utils import MeldcodeTestCase

test_ignore = LINKED_DOCTYPES


class TestVeiligThuisContact(MeldcodeTestCase):
	def test_melding_without_parents_informed_answer_is_refused(self):
		dossier = open_dossier()
		self.assertRefused(
			lambda: melding(dossier, parents_informed=None), "vermeldt of de ouders vooraf zijn geïnformeerd"
		)
		self.assertFalse(frappe.db.exists("Veilig Thuis Contact", {"dossier": dossier.name}))

	def test_parents_informed_needs_when_by_whom_and_their_reaction(self):
		"""H13: before a melding the school tells the parents and asks their reaction and objections."""
		dossier = open_dossier()
		self.assertRefused(
			lambda: melding(dossier, parents_reaction=None, parents_informed_by=""),
			"Nog nodig",
			"Reactie en bezwaren van de ouders",
		)
		self.assertFalse(frappe.db.exists("Veilig Thuis Contact", {"dossier": dossier.name}))
		melding(dossier)  # with them, the positive control

	def test_parents_not_informed_needs_an_allowed_reason(self):
		dossier = open_dossier()
		values = {
			"parents_informed": "No",
			"parents_informed_on": None,
			"parents_informed_by": None,
			"parents_reaction": None,
		}
		self.assertRaises(frappe.ValidationError, lambda: melding(dossier, **values))
		doc = melding(
			dossier,
			not_informed_reason="Urgency",
			not_informed_explanation="Sam durfde niet naar huis.",
			**values,
		)
		self.assertEqual(doc.docstatus, 1)

	def test_every_fact_needs_its_source(self):
		facts = [{"fact": "Blauwe plek", "fact_date": today(), "source": ""}]
		self.assertRaises(frappe.ValidationError, lambda: melding(open_dossier(), facts=facts))

	def test_a_child_of_twelve_needs_the_child_conversation_answer(self):
		dossier = open_dossier()
		dossier.pupil_date_of_birth = add_years(today(), -12)
		dossier.save()
		self.assertRefused(lambda: melding(dossier), "Het kind is 12")
		doc = melding(dossier, child_conversation="Yes")
		self.assertEqual(doc.child_age, 12)

	def test_anonymous_melding_needs_a_reason(self):
		self.assertRefused(lambda: melding(open_dossier(), identified="Anonymous"), "anonieme melding")

	def test_the_decision_is_expected_within_five_working_days(self):
		doc = melding(open_dossier())
		self.assertEqual(getdate(doc.decision_due), term_due_date("veilig_thuis_decision", today()))

	def test_feedback_keeps_the_decision_term(self):
		dossier = open_dossier()
		doc = melding(dossier)
		doc = frappe.get_doc("Veilig Thuis Contact", doc.name)
		doc.feedback_received_on = today()
		doc.feedback = "Veilig Thuis start een onderzoek."
		doc.save()
		term = next(
			t
			for t in frappe.get_doc("Meldcode Dossier", dossier.name).terms
			if t.term_code == "veilig_thuis_decision"
		)
		self.assertEqual(term.status, "Kept")

	def test_contact_in_the_future_is_refused(self):
		self.assertRefused(
			lambda: melding(open_dossier(), contact_datetime=f"{add_days(today(), 3)} 10:00:00"),
			"in de toekomst",
		)

	def test_information_for_veilig_thuis_records_consent_and_approval(self):
		request = {
			"contact_type": "Information Request",
			"parents_informed": None,
			"facts": [],
			"information_provided": "Aanwezigheid en welbevinden van de leerling in de klas.",
		}
		self.assertRefused(lambda: melding(open_dossier(), submit=False, **request), "instemming")
		self.assertRefused(
			lambda: melding(open_dossier(), submit=False, veilig_thuis_has_consent="No", **request),
			"afgewogen",
		)
		self.assertRefused(
			lambda: melding(open_dossier(), veilig_thuis_has_consent="Yes", **request), "geaccordeerd"
		)
		doc = melding(open_dossier(), veilig_thuis_has_consent="Yes", report_approved="Yes", **request)
		self.assertEqual(doc.docstatus, 1)

	def test_advice_records_the_question_the_advice_and_the_next_steps(self):
		advice = {"contact_type": "Advice", "parents_informed": None, "facts": []}
		self.assertRaises(
			frappe.ValidationError,
			lambda: melding(
				open_dossier(), question="Hoe nu verder?", advice="Gesprek voorbereiden.", **advice
			),
		)
		doc = melding(
			open_dossier(),
			question="Hoe nu verder?",
			advice="Gesprek voorbereiden.",
			next_steps="AF belt terug.",
			**advice,
		)
		self.assertEqual((doc.docstatus, doc.anonymous), (1, 1))
