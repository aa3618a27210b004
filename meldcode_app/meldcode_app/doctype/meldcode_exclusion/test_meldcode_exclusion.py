"""Time-out, schorsing en verwijdering of a pupil (seed 003): the school's case team records
them with their conditions and terms; refusals are clear and in Dutch; the same need-to-know."""

import frappe
from frappe.utils import add_days, getdate, today

from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.record_terms import remind_and_escalate
from meldcode_app.settings import working_day_calendar
from meldcode_app.tests.factories import PUPIL, as_user, open_dossier
from meldcode_app.tests.utils import BOARD_USER, FUNCTIONS, MeldcodeTestCase, counted_queries, staff_user

test_ignore = LINKED_DOCTYPES
DOCTYPE = "Meldcode Exclusion"


def exclusion(measure, user=None, school="A", **values):
	doc = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"measure": measure,
			"school": {"A": "99AA", "B": "99BB"}[school],
			"pupil_name": PUPIL,
			"start_date": today(),
			"reasons": "Sloeg een klasgenoot met een stoel.",
			**values,
		}
	)
	return as_user(user or staff_user(school, "Director"))(doc.insert)


class TestMeldcodeExclusion(MeldcodeTestCase):
	def test_a_time_out_with_the_directors_approval(self):
		self.assertRefused(lambda: exclusion("Time-Out"), "na goedkeuring door de directeur")
		doc = exclusion("Time-Out", director_approved=1, parents_told_at=frappe.utils.now())
		self.assertIsNone(doc.inspectie_due)
		self.assertRefused(
			lambda: exclusion("Time-Out", director_approved=1, end_date=add_days(today(), 1)),
			"schorsing",
		)

	def test_a_suspension_longer_than_a_week_is_refused(self):
		start = add_days(today(), -10)
		approved = {"board_approved_on": start, "start_date": start}
		self.assertRefused(
			lambda: exclusion("Suspension", end_date=add_days(start, 7), **approved),
			"ten hoogste één week",
			"8 dagen",
		)
		doc = exclusion("Suspension", end_date=add_days(start, 6), **approved)
		self.assertEqual(str(doc.inspectie_due), add_days(start, 1))
		self.assertRefused(
			lambda: exclusion("Suspension", end_date=add_days(start, 2), start_date=start),
			"goedkeuring",
		)

	def test_an_appeal_decided_after_14_days_is_refused(self):
		start = add_days(today(), -30)
		values = {"start_date": start, "board_approved_on": start, "appeal_received_on": add_days(start, 1)}
		self.assertRefused(
			lambda: exclusion("Suspension", appeal_decided_on=add_days(start, 16), **values),
			"binnen de termijn",
		)
		doc = exclusion("Suspension", appeal_decided_on=add_days(start, 15), **values)
		self.assertEqual(str(doc.appeal_decision_due), add_days(start, 15))

	def test_the_inspectie_term_is_on_the_todo_list_until_informed(self):
		start = add_days(today(), -2)
		doc = exclusion("Suspension", start_date=start, end_date=today(), board_approved_on=start)
		director = staff_user("A", "Director")
		filters = {"reference_name": doc.name, "allocated_to": director, "status": "Open"}
		(todo,) = frappe.get_all("ToDo", filters=filters, fields=["date", "description"])
		self.assertEqual(str(todo.date), add_days(start, 1))
		self.assertNotIn(PUPIL, todo.description)

		def informed():
			stored = frappe.get_doc("Meldcode Exclusion", doc.name)
			stored.inspectie_informed_on = today()
			stored.save()

		as_user(director)(informed)
		self.assertEqual(frappe.get_all("ToDo", filters=filters), [])

	def test_an_overdue_inspectie_term_goes_to_the_director_then_the_board(self):
		start = add_days(today(), -1)
		recorder = staff_user("A", "Aandachtsfunctionaris")
		doc = exclusion(
			"Suspension",
			user=recorder,
			start_date=start,
			end_date=add_days(start, 2),
			board_approved_on=start,
		)
		due = getdate(doc.inspectie_due)
		director = staff_user("A", "Director")

		def told(user):
			return frappe.get_all(
				"Notification Log",
				filters={"for_user": user, "document_name": doc.name},
				pluck="subject",
				order_by="creation",
			)

		for user in (recorder, director, BOARD_USER):  # told in the reader's language
			frappe.db.set_value("User", user, "language", "nl")
		remind_and_escalate(add_days(due, -1))
		(reminder,) = told(recorder)
		self.assertIn("verloopt op", reminder)
		self.assertEqual(told(director), [])
		remind_and_escalate(add_days(due, 1))
		remind_and_escalate(add_days(due, 2))
		(overdue,) = told(director)
		self.assertIn("is verlopen sinds", overdue)
		self.assertEqual(told(BOARD_USER), [])
		later = working_day_calendar().add_working_days(due, 4)
		remind_and_escalate(later)
		remind_and_escalate(add_days(later, 1))
		(escalated,) = told(BOARD_USER)
		for subject in (reminder, overdue, escalated):
			self.assertIn(doc.name, subject)
			self.assertNotIn(PUPIL, subject)
			self.assertNotIn("Sam", subject)
		self.assertEqual(frappe.db.get_value(DOCTYPE, doc.name, "inspectie_escalation"), 3)
		self.assertEqual(told(staff_user("B", "Director")), [])

	def test_a_form_opened_before_the_job_ran_keeps_the_jobs_level(self):
		start = add_days(today(), -2)
		doc = exclusion("Suspension", start_date=start, end_date=today(), board_approved_on=start)
		stale = frappe.get_doc(DOCTYPE, doc.name)
		remind_and_escalate(add_days(getdate(doc.inspectie_due), 1))
		stale.learning_measures = "Huiswerkpakket van de leerkracht"
		as_user(staff_user("A", "Director"))(stale.save)
		self.assertEqual(frappe.db.get_value(DOCTYPE, doc.name, "inspectie_escalation"), 2)
		remind_and_escalate(add_days(getdate(doc.inspectie_due), 2))
		self.assertEqual(
			len(
				frappe.get_all(
					"Notification Log",
					filters={"document_name": doc.name, "for_user": staff_user("A", "Director")},
				)
			),
			1,
			"told once that it is overdue",
		)

	def test_a_time_out_never_goes_to_the_board_and_a_kept_term_is_not_told(self):
		start = add_days(today(), -20)
		doc = exclusion(
			"Suspension",
			start_date=start,
			end_date=add_days(start, 2),
			board_approved_on=start,
			inspectie_informed_on=add_days(start, 1),
		)
		exclusion("Time-Out", director_approved=1)
		remind_and_escalate(add_days(today(), 30))
		self.assertFalse(frappe.db.exists("Notification Log", {"document_name": doc.name}))
		self.assertFalse(
			frappe.db.exists("Notification Log", {"document_type": DOCTYPE, "for_user": BOARD_USER})
		)

	def test_the_daily_job_asks_a_fixed_number_of_queries(self):
		on = add_days(today(), 1)
		remind_and_escalate(on)  # whatever else on the site is due that day is told first

		def queries_for(count):
			start = add_days(today(), -3)
			names = [
				exclusion("Suspension", start_date=start, end_date=today(), board_approved_on=start).name
				for _ in range(count)
			]
			frappe.db.sql(
				"update `tabMeldcode Exclusion` set inspectie_escalation = 0 where name in %s", (names,)
			)
			with counted_queries() as queries:
				remind_and_escalate(on)
			return queries[0]

		self.assertEqual(queries_for(2), queries_for(6))

	def test_the_report_prints_in_dutch_for_the_parents_to_sign(self):
		start = add_days(today(), -2)
		doc = exclusion("Suspension", start_date=start, end_date=today(), board_approved_on=start)
		frappe.local.lang = "en"
		html = as_user(staff_user("A", "Director"))(lambda: frappe.get_print(DOCTYPE, doc.name))
		for text in (
			"Schorsing",
			"Goedgekeurd door het bevoegd gezag op",
			"Voor gezien",
			"Sloeg een klasgenoot",
		):
			self.assertIn(text, html)

	def letter(self, name, print_format):
		frappe.local.lang = "en"  # the letter is Dutch whatever the session's language
		html = as_user(staff_user("A", "Director"))(lambda: frappe.get_print(DOCTYPE, name, print_format))
		self.assertIn("Modelbrief van de Meldcode-app", html)
		self.assertIn("Geachte ouders/verzorgers", html)
		return html

	def test_the_time_out_letter_tells_the_parents_in_writing(self):
		start = add_days(today(), -1)
		doc = exclusion(
			"Time-Out", director_approved=1, start_date=start, parents_told_at=f"{start} 11:15:00"
		)
		html = self.letter(doc.name, "Brief Time-out")
		for text in (
			f"van {PUPIL}",
			"voor de rest van die dag de toegang tot de school is ontzegd",
			frappe.utils.formatdate(start, "dd-mm-yyyy") + " 11:15",
			"Sloeg een klasgenoot met een stoel.",
			"voor gezien te tekenen",
			"contact op met de directeur",
		):
			self.assertIn(text, html)

	def test_the_suspension_letter_names_period_reasons_and_the_appeal_with_its_term(self):
		start = add_days(today(), -3)
		doc = exclusion(
			"Suspension",
			start_date=start,
			end_date=add_days(start, 2),
			board_approved_on=start,
			learning_measures="Huiswerkpakket & dagelijks contact <b>met de leerkracht</b>",
		)
		html = self.letter(doc.name, "Brief Schorsing")
		for text in (
			f"tot en met {frappe.utils.formatdate(add_days(start, 2), 'dd-mm-yyyy')}",
			"ten hoogste één week",
			"inspectie van het onderwijs schriftelijk",
			"beroep aantekenen bij het bevoegd gezag",
			"binnen 14 dagen",
			"Huiswerkpakket &amp; dagelijks contact &lt;b&gt;met de leerkracht&lt;/b&gt;",
		):
			self.assertIn(text, html)

	def test_the_removal_letter_names_ground_other_school_and_the_objection_term(self):
		start = add_days(today(), -10)
		doc = exclusion(
			"Removal",
			start_date=start,
			ground="Serious Misconduct of the Pupil",
			teacher_heard_on=start,
			director_heard_on=start,
			decision_on=add_days(start, 1),
			other_school="SBO De Brug",
		)
		html = self.letter(doc.name, "Brief Verwijdering")
		for text in (
			"Ernstig wangedrag van de leerling",
			"SBO De Brug is daartoe bereid",
			"binnen zes weken",
			f"uiterlijk {frappe.utils.formatdate(doc.objection_due, 'dd-mm-yyyy')}",
			"binnen vier weken na ontvangst",
		):
			self.assertIn(text, html)
		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			as_user(staff_user("B", "Director"))(
				lambda: frappe.get_print(DOCTYPE, doc.name, "Brief Verwijdering")
			)

	def test_a_removal_without_a_ground_is_refused(self):
		self.assertRefused(lambda: exclusion("Removal"), "vier gronden")

	def test_a_removal_after_hearing_with_another_school_and_the_objection_terms(self):
		start = add_days(today(), -60)
		removal = {
			"start_date": start,
			"ground": "Serious Misconduct of the Pupil",
			"teacher_heard_on": start,
			"director_heard_on": start,
			"decision_on": add_days(start, 1),
		}
		self.assertRefused(lambda: exclusion("Removal", **removal), "andere school")
		removal["other_school"] = "SBO De Brug"
		objected = {"appeal_received_on": add_days(start, 10)}
		self.assertRefused(
			lambda: exclusion("Removal", appeal_decided_on=add_days(start, 39), **removal, **objected),
			"binnen de termijn",
		)
		doc = exclusion("Removal", appeal_decided_on=add_days(start, 38), **removal, **objected)
		self.assertEqual(str(doc.objection_due), add_days(start, 43))
		self.assertRefused(
			lambda: exclusion("Removal", appeal_received_on=add_days(start, 44), **removal), "zes weken"
		)

	def test_the_school_and_the_pupil_come_from_the_dossier(self):
		dossier = open_dossier()
		doc = exclusion("Time-Out", director_approved=1, dossier=dossier.name, pupil_name=None)
		self.assertEqual((doc.school, doc.pupil_name), (self.school_a, dossier.pupil_name))

	def test_need_to_know_the_case_team_of_its_school_only(self):
		doc = exclusion("Time-Out", director_approved=1)
		readers = {staff_user("A", f) for f in ("Intern Begeleider", "Aandachtsfunctionaris", "Director")}
		for user in [staff_user(s, f) for s in ("A", "B") for f in FUNCTIONS] + [BOARD_USER]:
			frappe.set_user(user)
			can_read = frappe.has_permission(DOCTYPE, "read", doc.name)
			listed = doc.name in frappe.get_list(DOCTYPE, pluck="name") if can_read else False
			self.assertEqual((can_read, listed), (user in readers,) * 2, user)
			frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			exclusion("Time-Out", user=staff_user("A", "Teacher"), director_approved=1)
		with self.assertRaises(frappe.PermissionError):
			exclusion("Time-Out", user=staff_user("B", "Director"), director_approved=1)
