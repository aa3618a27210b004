import frappe

from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.tests.factories import as_user, conversation, move, open_dossier, reload, weighing
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

test_ignore = LINKED_DOCTYPES


class TestMeldcodeWeighing(MeldcodeTestCase):
	def dossier_at_step_4(self):
		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		move(dossier, "Plan Conversation")
		conversation(dossier)
		move(dossier, "Start Weighing")
		return reload(dossier)

	def test_outcome_and_decisions_are_derived(self):
		doc = weighing(self.dossier_at_step_4(), "Yes", "Doubt", "Yes", submit=False)
		self.assertEqual((doc.outcome, doc.report_required, doc.meldnorm), ("Report to Veilig Thuis", 1, "A"))
		self.assertTrue(doc.answered_with_veilig_thuis)
		doc.outcome, doc.report_required = "Close Dossier", 0
		doc.save()
		self.assertEqual((doc.outcome, doc.report_required), ("Report to Veilig Thuis", 1))

	def test_answers_out_of_order_are_refused_and_nothing_is_saved(self):
		dossier = self.dossier_at_step_4()
		self.assertRefused(
			lambda: weighing(dossier, None, "No", submit=False),
			"Vraag 2 is beantwoord terwijl vraag 1 nog open staat.",
		)
		self.assertRefused(
			lambda: weighing(dossier, "No", "No", submit=False),
			"Vraag 2 wordt na het antwoord op vraag 1 niet meer gesteld.",
		)
		self.assertFalse(frappe.db.exists("Meldcode Weighing", {"dossier": dossier.name}))

	def test_each_answer_needs_its_records(self):
		dossier = self.dossier_at_step_4()
		self.assertRefused(
			lambda: weighing(dossier, "Yes", board_informed_on=None, submit=False),
			"bevoegd gezag is geïnformeerd",
		)
		self.assertRefused(
			lambda: weighing(dossier, "Yes", "Yes", reported_by_phone_on=None, submit=False),
			"telefonische melding",
		)
		self.assertRefused(
			lambda: weighing(dossier, "Yes", "No", "Yes", "Yes", casemanager_tasks="", submit=False),
			"de taken van de casemanager",
		)
		self.assertRefused(  # H6
			lambda: weighing(dossier, "Yes", "No", "Yes", "Yes", help_term=None, help_tasks=[], submit=False),
			"de termijn waarop het effect van de hulp meetbaar is",
			"de taken van alle betrokkenen",
		)
		self.assertRefused(  # H7
			lambda: weighing(
				dossier, "Yes", "No", "Yes", "Yes", "Yes", monitoring_agreements=[], submit=False
			),
			"de monitoringafspraken met hun termijnen",
		)
		weighing(dossier, "Yes", "No", "Yes", "Yes", "Yes", submit=False)  # with them, it is saved

	def test_decision_two_needs_all_five_requirements(self):
		requirements = {
			r: 1
			for r in (
				"req_insight_in_safety",
				"req_agreements_on_cooperation",
				"req_insight_in_patterns",
				"req_focus_on_safety",
				"req_attention_for_recovery",
			)
		}
		dossier = self.dossier_at_step_4()
		doc = weighing(dossier, "Yes", "No", "Yes", "Yes", submit=False, parents_cooperate=1, **requirements)
		self.assertTrue(doc.help_possible)
		doc.req_focus_on_safety = 0
		doc.save()
		self.assertFalse(doc.help_possible)

	def test_re_weighing_keeps_the_earlier_weighing(self):
		dossier = self.dossier_at_step_4()
		first = weighing(dossier, "Yes", "No", "Yes", "Yes")
		move(dossier, "Decide")
		move(dossier, "Organise Help")
		move(dossier, "Weigh Again")
		second = weighing(dossier, "Yes", "No", "Yes", "Yes", "No")
		self.assertEqual(
			frappe.db.get_value("Meldcode Weighing", first.name, ["docstatus", "outcome"]),
			(1, "Organise Help"),
		)
		self.assertEqual(second.outcome, "Report to Veilig Thuis")
		first = frappe.get_doc("Meldcode Weighing", first.name)
		first.q1_suspicion = "No"
		self.assertRaises(frappe.ValidationError, first.save)

	def test_weighing_is_submitted_only_in_step_4(self):
		dossier = open_dossier()
		doc = weighing(dossier, "No", submit=False)
		self.assertRefused(
			lambda: as_user(staff_user("A", "Aandachtsfunctionaris"))(doc.submit), "in stap 4 ingediend"
		)
