"""A dossier walked through every outcome of the route, and each guard refusing."""

import frappe
from frappe.utils import add_days, add_months, getdate, today

from meldcode_app.api import start_acute_path
from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.rules import route
from meldcode_app.tests.factories import (
	as_user,
	close_as_unfounded,
	conversation,
	make_signal,
	melding,
	move,
	open_dossier,
	reload,
	weighing,
)
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

test_ignore = LINKED_DOCTYPES


def open_terms(dossier):
	return {row.term_code: row for row in reload(dossier).terms if row.status == "Open"}


class TestDossierRoute(MeldcodeTestCase):
	def walk_to_weighing(self):
		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		move(dossier, "Plan Conversation")
		conversation(dossier, "Parents")
		move(dossier, "Start Weighing")
		return reload(dossier)

	def test_opening_from_a_signal_makes_the_teacher_casemanager(self):
		signal = make_signal()
		dossier = open_dossier(signals=[signal.name])
		self.assertEqual(dossier.workflow_state, route.STEP_1)
		self.assertEqual(dossier.casemanager, staff_user("A", "Teacher"))
		self.assertEqual(frappe.db.get_value("Meldcode Signal", signal.name, "dossier"), dossier.name)

	def test_unfounded(self):
		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		dossier = reload(dossier)
		self.assertEqual(dossier.casemanager, staff_user("A", "Aandachtsfunctionaris"))
		self.assertEqual(open_terms(dossier)["data_gathering"].due_date, getdate(add_days(today(), 21)))
		move(dossier, "Plan Conversation")
		conversation(dossier, "Parents")
		self.assertEqual(open_terms(dossier)["support_team_meeting"].due_date, getdate(add_days(today(), 7)))
		move(dossier, "Start Weighing")
		self.assertEqual(reload(dossier).casemanager, staff_user("A", "Director"))
		kept = [(t.term_code, t.status) for t in reload(dossier).terms if t.term_code == "data_gathering"]
		self.assertEqual(kept, [("data_gathering", "Kept")], "the weighing rests on the data gathered (H17)")
		weighing(dossier, "No")
		move(dossier, "Decide")
		dossier = reload(dossier)
		dossier.update({"closing_outcome": "Unfounded", "closing_reason": "De plek had een andere oorzaak."})
		as_user(staff_user("A", "Aandachtsfunctionaris"))(dossier.save)
		move(dossier, "Close")
		dossier = reload(dossier)
		self.assertEqual((dossier.workflow_state, str(dossier.closed_on)), (route.CLOSED, today()))
		self.assertFalse(open_terms(dossier))
		self.assertFalse(
			frappe.db.exists(
				"ToDo",
				{"reference_name": dossier.name, "status": "Open", "description": ("like", "Termijn%")},
			)
		)

	def test_help_then_monitoring(self):
		dossier = self.walk_to_weighing()
		weighing(dossier, "Yes", "No", "Yes", "Yes")
		move(dossier, "Decide")
		move(dossier, "Organise Help")
		self.assertEqual(reload(dossier).workflow_state, route.HELP_ORGANISED)
		self.assertIn("help_effect", open_terms(dossier))
		move(dossier, "Weigh Again")
		weighing(dossier, "Yes", "No", "Yes", "Yes", "Yes")
		self.assertNotIn("help_effect", open_terms(dossier))
		move(dossier, "Decide")
		move(dossier, "Start Aftercare")
		dossier = reload(dossier)
		dossier.update(
			{
				"evaluation_date": today(),
				"closing_outcome": "Help Closed With Monitoring",
				"closing_reason": "Hulp werkt.",
			}
		)
		as_user(staff_user("A", "Director"))(dossier.save)
		self.assertEqual(reload(dossier).aftercare_until, getdate(add_months(today(), 4)))
		self.assertIn("aftercare", open_terms(dossier))
		self.assertRefused(lambda: move(dossier, "Close", staff_user("A", "Director")), "Nazorg loopt tot")
		# the H21 audit: an end of aftercare sent with the form (a read-only field) counted as it was sent
		dossier = reload(dossier)
		dossier.update({"evaluation_date": None, "aftercare_until": "2020-01-01"})
		as_user(staff_user("A", "Director"))(dossier.save)
		self.assertIsNone(reload(dossier).aftercare_until)
		self.assertRefused(lambda: move(dossier, "Close", staff_user("A", "Director")), "evaluatiedatum")
		dossier = reload(dossier)
		dossier.evaluation_date = add_months(today(), -5)
		dossier.save()
		move(dossier, "Close", staff_user("A", "Director"))
		self.assertEqual(reload(dossier).workflow_state, route.CLOSED)

	def test_help_fails_then_report(self):
		dossier = self.walk_to_weighing()
		weighing(dossier, "Yes", "No", "Yes", "Yes")
		move(dossier, "Decide")
		move(dossier, "Organise Help")
		move(dossier, "Weigh Again")
		weighing(dossier, "Yes", "No", "Yes", "Yes", "No")
		move(dossier, "Decide")
		self.assertRefused(
			lambda: move(dossier, "Report to Veilig Thuis"),
			"Gemeld bij Veilig Thuis vraagt om een ingediende melding.",
		)
		contact = melding(dossier)
		move(dossier, "Report to Veilig Thuis")
		dossier = reload(dossier)
		self.assertEqual(dossier.workflow_state, route.REPORTED)
		self.assertEqual(open_terms(dossier)["veilig_thuis_decision"].due_date, getdate(contact.decision_due))
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_name": dossier.name, "description": ("like", "%Rapportage Meldcode%")},
			pluck="allocated_to",
		)
		self.assertEqual(todos, [staff_user("A", "Aandachtsfunctionaris")])

	def test_acute_report_the_same_day(self):
		dossier = open_dossier()
		as_user(staff_user("A", "Aandachtsfunctionaris"))(start_acute_path, dossier.name)
		dossier = reload(dossier)
		self.assertTrue(dossier.acute)
		self.assertEqual(dossier.casemanager, staff_user("A", "Director"))
		terms = open_terms(dossier)
		self.assertEqual(
			{str(terms[c].due_date) for c in ("same_day_conversation", "same_day_melding")}, {today()}
		)
		self.assertRefused(lambda: move(dossier, "Acute Melding", staff_user("A", "Director")), "vandaag")
		melding(dossier)
		move(dossier, "Acute Melding", staff_user("A", "Director"))
		dossier = reload(dossier)
		self.assertEqual(dossier.workflow_state, route.REPORTED)
		self.assertNotIn("same_day_melding", open_terms(dossier))

	def test_guards_name_what_is_missing(self):
		dossier = frappe.get_doc(
			{"doctype": "Meldcode Dossier", "school": self.school_a, "pupil_name": "Kind zonder signaal"}
		)
		as_user(staff_user("A", "Aandachtsfunctionaris"))(dossier.insert)
		self.assertRefused(
			lambda: move(dossier, "Start Collegial Consultation"), "minstens één vastgelegd signaal"
		)

		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		move(dossier, "Plan Conversation")
		self.assertRefused(lambda: move(dossier, "Start Weighing"), "ondertekend gesprek met de ouders")
		self.assertRefused(lambda: move(dossier, "Acute Melding"), "acute route")
		dossier = reload(dossier)
		dossier.update(
			{
				"no_parents_conversation_reason": "Safety of Someone Involved at Risk",
				"no_parents_conversation_explanation": "Vader heeft gedreigd.",
			}
		)
		dossier.save()
		move(dossier, "Start Weighing")
		self.assertRefused(lambda: move(dossier, "Decide"), "ingediende weging")
		weighing(dossier, "No")
		move(dossier, "Decide")
		self.assertRefused(lambda: move(dossier, "Organise Help"), "De laatste weging leidt naar Afgesloten")
		self.assertRefused(lambda: move(dossier, "Close"), "uitkomst van het dossier")
		self.assertEqual(reload(dossier).workflow_state, route.STEP_5)

	def test_a_new_signal_reopens_a_closed_dossier_at_step_4(self):
		dossier = close_as_unfounded(self.walk_to_weighing())
		make_signal(dossier=dossier.name)
		dossier = reload(dossier)
		self.assertEqual(dossier.workflow_state, route.STEP_4)
		self.assertFalse(dossier.closing_outcome)
		event = dossier.events[-1]
		self.assertEqual(
			(event.event_type, event.recorded_by), ("Reopened by New Signal", staff_user("A", "Teacher"))
		)
		# H39: the new signal is weighed before a decision; the earlier weighing decided nothing more
		self.assertRefused(lambda: move(dossier, "Decide"), "vraagt om een ingediende weging")
		weighing(dossier, "No")
		move(dossier, "Decide")
		self.assertEqual(reload(dossier).workflow_state, route.STEP_5)

	def test_a_closed_dossier_cannot_be_edited(self):
		dossier = close_as_unfounded(self.walk_to_weighing())
		dossier = reload(dossier)
		dossier.closing_reason = "Anders opgeschreven"
		self.assertRefused(dossier.save, "Een afgesloten dossier kan niet worden gewijzigd")

	def test_events_start_their_terms(self):
		dossier = open_dossier()
		dossier.append(
			"events", {"event_date": f"{today()} 09:00:00", "event_type": "Extra Behaviour Rules Started"}
		)
		dossier.append(
			"events", {"event_date": f"{today()} 09:30:00", "event_type": "Threat of School Withdrawal"}
		)
		dossier.save()
		terms = open_terms(dossier)
		self.assertEqual(terms["behaviour_rules_first_evaluation"].due_date, getdate(add_days(today(), 14)))
		self.assertEqual(str(terms["consult_veilig_thuis"].due_date), today())
		self.assertEqual(terms["consult_veilig_thuis"].responsible, staff_user("A", "Aandachtsfunctionaris"))
		dossier = reload(dossier)
		dossier.append(
			"events", {"event_date": f"{add_days(today(), 14)} 09:00:00", "event_type": "Evaluation Meeting"}
		)
		dossier.save()
		terms = open_terms(dossier)
		self.assertNotIn("behaviour_rules_first_evaluation", terms)
		self.assertEqual(
			terms["behaviour_rules_evaluation"].due_date, getdate(add_months(add_days(today(), 14), 1))
		)

	def test_a_pupil_known_at_veilig_thuis_who_leaves_starts_a_term_to_tell_them(self):
		dossier = open_dossier()
		dossier.append(
			"events", {"event_date": f"{today()} 10:00:00", "event_type": "Pupil Leaves the School"}
		)
		dossier.save()
		self.assertNotIn("inform_veilig_thuis", open_terms(dossier))
		melding(dossier)
		dossier = reload(dossier)
		dossier.append(
			"events", {"event_date": f"{today()} 11:00:00", "event_type": "Pupil Leaves the School"}
		)
		dossier.save()
		self.assertEqual(str(open_terms(dossier)["inform_veilig_thuis"].due_date), today())


class TestEventsAreFacts(MeldcodeTestCase):
	def test_an_event_stores_who_and_in_which_function_not_a_sentence(self):
		dossier = reload(open_dossier())
		(changed,) = [e for e in dossier.events if e.event_type == "Casemanager Changed"]
		self.assertEqual(
			(changed.person, changed.function), (dossier.casemanager, dossier.casemanager_function)
		)
		self.assertFalse(changed.description, "the form says it in the reader's language")

	def test_older_sentences_become_facts_and_typed_words_stay(self):
		from meldcode_app.patches import dossier_events_as_facts

		dossier = reload(open_dossier())
		teacher = staff_user("A", "Teacher")
		sentences = (
			f"{teacher} becomes casemanager as Teacher",
			frappe._("{0} becomes casemanager as {1}", "nl").format(teacher, frappe._("Director", "nl")),
			"Moeder belde de school.",  # typed by someone
		)
		for description in sentences:
			dossier.append(
				"events",
				{
					"event_date": frappe.utils.now(),
					"event_type": "Casemanager Changed",
					"description": description,
				},
			)
		dossier.save()
		dossier_events_as_facts.execute()
		events = {e.description or e.function: e for e in reload(dossier).events}
		self.assertEqual((events["Teacher"].person, events["Teacher"].description), (teacher, None))
		self.assertEqual(events["Director"].person, teacher)
		self.assertIn("Moeder belde de school.", events)
