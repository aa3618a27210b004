"""The daily job reminds, then escalates overdue terms, with links only and a fixed number of queries."""

import frappe
from frappe.utils import add_days, getdate, today

from meldcode_app.settings import working_day_calendar
from meldcode_app.terms import remind_and_escalate, renew_next_deadlines
from meldcode_app.tests.factories import PUPIL, move, open_dossier, reload
from meldcode_app.tests.utils import MeldcodeTestCase, counted_queries, staff_user


def notifications_for(user):
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": "Meldcode Dossier"},
		fields=["subject", "document_name"],
	)


class TestDailyTermJob(MeldcodeTestCase):
	def dossier_with_data_gathering_term(self):
		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		return reload(dossier)

	def test_responsible_is_reminded_the_day_before(self):
		dossier = self.dossier_with_data_gathering_term()
		term = next(t for t in dossier.terms if t.term_code == "data_gathering")
		remind_and_escalate(add_days(term.due_date, -1))
		director = staff_user("A", "Director")
		self.assertEqual([n.document_name for n in notifications_for(director)], [dossier.name])
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"allocated_to": director, "reference_name": dossier.name, "status": "Open"}
			)
		)

	def test_overdue_goes_to_the_aandachtsfunctionaris_then_the_director(self):
		dossier = self.dossier_with_data_gathering_term()
		due = getdate(next(t for t in dossier.terms if t.term_code == "data_gathering").due_date)
		af, director = staff_user("A", "Aandachtsfunctionaris"), staff_user("A", "Director")
		calendar = (
			working_day_calendar()
		)  # overdue counts working days: a term due on a Friday is overdue on Monday
		remind_and_escalate(calendar.add_working_days(due, 1))
		self.assertEqual(len(notifications_for(af)), 1)
		remind_and_escalate(calendar.add_working_days(due, 2))
		self.assertEqual(len(notifications_for(af)), 1, "an escalation is sent once")
		later = calendar.add_working_days(due, 4)
		remind_and_escalate(later)
		subjects = [n.subject for n in notifications_for(director)]
		self.assertEqual(len(subjects), 1)
		self.assertIn(dossier.name, subjects[0])
		self.assertNotIn(PUPIL, subjects[0], "a notification carries a link, never the pupil's name")
		self.assertFalse(notifications_for(staff_user("B", "Aandachtsfunctionaris")))

	def test_each_reader_gets_the_notification_in_their_own_language(self):
		dossier = self.dossier_with_data_gathering_term()
		due = getdate(next(t for t in dossier.terms if t.term_code == "data_gathering").due_date)
		director = staff_user("A", "Director")
		frappe.db.set_value("User", director, "language", "nl")
		lang, frappe.local.lang = frappe.local.lang, "en"  # the job runs in the site's language
		try:
			remind_and_escalate(add_days(due, -1))
		finally:
			frappe.local.lang = lang
			frappe.db.set_value("User", director, "language", None)
		[notification] = notifications_for(director)
		self.assertIn(
			f"Termijn Alle gegevens verzameld en vastgelegd van dossier {dossier.name} verloopt op",
			notification.subject,
		)

	def test_a_kept_term_is_not_escalated(self):
		dossier = self.dossier_with_data_gathering_term()
		for row in dossier.terms:
			row.status = "Kept"
		dossier.save()
		remind_and_escalate(add_days(today(), 60))
		self.assertFalse(notifications_for(staff_user("A", "Aandachtsfunctionaris")))

	def test_the_number_of_queries_does_not_grow_with_the_dossiers(self):
		def queries_for(dossiers):
			for _ in range(dossiers):
				self.dossier_with_data_gathering_term()
			frappe.db.sql("update `tabMeldcode Dossier Term` set escalation_level = 0")
			with counted_queries() as count:
				remind_and_escalate(add_days(today(), 40))
			return count[0]

		self.assertEqual(queries_for(2), queries_for(6))


class TestNextDeadlineInTheList(MeldcodeTestCase):
	def test_the_dossier_shows_its_next_deadline_and_falls_overdue_by_the_date_alone(self):
		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		dossier = reload(dossier)
		due = min(getdate(t.due_date) for t in dossier.terms if t.status == "Open")
		self.assertEqual(getdate(dossier.next_due_date), due)
		self.assertFalse(dossier.overdue)
		modified = dossier.modified
		renew_next_deadlines(due)
		self.assertFalse(
			frappe.db.get_value("Meldcode Dossier", dossier.name, "overdue"), "due today is not overdue"
		)
		renew_next_deadlines(add_days(due, 1))
		self.assertTrue(frappe.db.get_value("Meldcode Dossier", dossier.name, "overdue"))
		self.assertEqual(frappe.db.get_value("Meldcode Dossier", dossier.name, "modified"), modified)
		overdue = frappe.get_list("Meldcode Dossier", filters={"overdue": 1}, pluck="name")
		self.assertIn(dossier.name, overdue, "the list's filter finds it")

	def test_keeping_every_term_clears_the_deadline(self):
		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		dossier = reload(dossier)
		for row in dossier.terms:
			row.status = "Kept"
		dossier.save()
		self.assertIsNone(dossier.next_due_date)
		self.assertFalse(dossier.overdue)
