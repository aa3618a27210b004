"""Opvang van leerlingen en personeel bij voorvallen (seed 003): the director's terms on the clock,
on the director's ToDo list, reminded the day before and told to the board once when overdue."""

import frappe
from frappe.utils import add_days, getdate, today

from meldcode_app.record_terms import remind_and_escalate
from meldcode_app.tests.factories import as_user
from meldcode_app.tests.test_board import incident
from meldcode_app.tests.utils import BOARD_USER, MeldcodeTestCase, staff_user

DOCTYPE = "Safety Incident"
VICTIM = {"victim_pupil": 1, "victim_initials": "A.B."}


def open_todos(name, user=None):
	filters = {"reference_type": DOCTYPE, "reference_name": name, "status": "Open"}
	if user:
		filters["allocated_to"] = user
	return frappe.get_all(
		"ToDo", filters=filters, fields=["allocated_to", "date", "description"], order_by="date"
	)


def told(user, name):
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_name": name},
		pluck="subject",
		order_by="creation",
	)


def record(user, name, **values):
	def save():
		doc = frappe.get_doc(DOCTYPE, name)
		doc.update(values)
		doc.save()
		return doc

	return as_user(user)(save)


class TestOpvang(MeldcodeTestCase):
	def setUp(self):
		super().setUp()
		self.director = staff_user("A", "Director")

	def test_the_terms_open_from_the_incident_and_the_return(self):
		day = add_days(today(), -4)
		doc = incident(incident_date=day, **VICTIM)
		self.assertEqual(str(doc.victim_contact_due), add_days(day, 3))  # 72 hours
		self.assertEqual(str(doc.follow_up_due), add_days(day, 21))
		self.assertIsNone(doc.safety_check_due)
		doc = record(self.director, doc.name, returned_on=add_days(day, 2))
		self.assertEqual(str(doc.safety_check_due), add_days(day, 16))

	def test_no_victim_no_terms_and_no_todo(self):
		doc = incident()
		self.assertEqual((doc.victim_contact_due, doc.follow_up_due, doc.safety_check_due), (None,) * 3)
		self.assertEqual(open_todos(doc.name), [])

	def test_the_terms_are_on_the_directors_todo_list_carrying_no_names(self):
		day = add_days(today(), -1)
		doc = incident(incident_date=day, **VICTIM)
		todos = open_todos(doc.name)
		self.assertEqual(
			[(t.allocated_to, str(t.date)) for t in todos],
			[(self.director, add_days(day, 3)), (self.director, add_days(day, 21))],
		)
		for todo in todos:
			self.assertIn(doc.name, todo.description)
			self.assertNotIn("A.B.", todo.description)
		self.assertIn("Contact met het slachtoffer binnen 72 uur", todos[0].description)
		self.assertEqual(open_todos(doc.name, staff_user("A", "Aandachtsfunctionaris")), [])
		self.assertEqual(open_todos(doc.name, staff_user("B", "Director")), [])

	def test_a_kept_term_closes_its_todo_and_is_not_told(self):
		day = add_days(today(), -1)
		doc = incident(incident_date=day, **VICTIM)
		record(self.director, doc.name, victim_contacted_on=today())
		(left,) = open_todos(doc.name, self.director)
		self.assertEqual(str(left.date), add_days(day, 21), "the follow-up is still open")
		remind_and_escalate(add_days(day, 10))
		self.assertEqual(told(self.director, doc.name) + told(BOARD_USER, doc.name), [])
		record(self.director, doc.name, follow_up_on=today())
		self.assertEqual(open_todos(doc.name), [])

	def test_the_daily_job_reminds_the_director_then_tells_the_board_once(self):
		day = add_days(today(), -1)
		doc = incident(incident_date=day, **VICTIM)
		due = getdate(doc.victim_contact_due)
		frappe.db.set_value("User", self.director, "language", "nl")  # each in their own language
		frappe.db.set_value("User", BOARD_USER, "language", "en")
		remind_and_escalate(add_days(due, -2))
		self.assertEqual(told(self.director, doc.name), [])
		remind_and_escalate(add_days(due, -1))
		remind_and_escalate(due)
		(reminder,) = told(self.director, doc.name)
		self.assertIn("verloopt op", reminder)
		self.assertEqual(told(BOARD_USER, doc.name), [])
		remind_and_escalate(add_days(due, 1))
		remind_and_escalate(add_days(due, 2))
		remind_and_escalate(add_days(due, 10))
		(overdue,) = told(BOARD_USER, doc.name)
		self.assertIn("is overdue since", overdue)
		self.assertEqual(len(told(self.director, doc.name)), 1, "the director was reminded once")
		self.assertIn("Contact met het slachtoffer binnen 72 uur", reminder)
		self.assertIn("Contact with the Victim Within 72 Hours", overdue)
		for subject in (reminder, overdue):
			self.assertIn(doc.name, subject)
			self.assertNotIn("A.B.", subject)
			self.assertNotIn("Schoolplein", subject)
		self.assertEqual(frappe.db.get_value(DOCTYPE, doc.name, "victim_contact_escalation"), 2)
		self.assertEqual(frappe.db.get_value(DOCTYPE, doc.name, "follow_up_escalation"), 0)
		self.assertEqual(told(staff_user("B", "Director"), doc.name), [])

	def test_a_date_before_the_incident_is_refused_in_dutch(self):
		day = add_days(today(), -5)
		self.assertRefused(
			lambda: incident(incident_date=day, victim_contacted_on=add_days(day, -1), **VICTIM),
			"Het contact met het slachtoffer kan niet vóór het incident",
		)
		doc = incident(incident_date=day, **VICTIM)
		self.assertRefused(
			lambda: record(self.director, doc.name, bestuurder_informed_on=add_days(day, -2)),
			"Het inlichten van de bestuurder kan niet vóór het incident",
		)
		self.assertRefused(
			lambda: record(self.director, doc.name, returned_on=today(), safety_check_on=add_days(day, 1)),
			"De veiligheidscheck kan niet vóór de terugkeer",
		)

	def test_the_victim_by_initials_only(self):
		self.assertRefused(
			lambda: incident(victim_pupil=1, victim_initials="Anna Bakker"), "initialen", "Anna"
		)
		self.assertRefused(lambda: incident(victim_contacted_on=today()), "leerling of een personeelslid")
		doc = incident(victim_staff=1, victim_initials="C.D.")
		self.assertEqual(str(doc.victim_contact_due), add_days(today(), 3))
