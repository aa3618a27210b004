"""Seed 003's protocols as runs: the actieplan calamiteit on a serious incident, a professional's
report of unwanted behaviour read by them and the director only, terms on the ToDo list, and the
patch that brought the old checklist over."""

import frappe
from frappe.client import insert, save
from frappe.utils import add_days, getdate, today

from meldcode_app import protocol_runs
from meldcode_app.patches import calamity_actions_as_protocol_runs
from meldcode_app.rules.calamity import CHECKLIST
from meldcode_app.rules.protocols import ACTIEPLAN_CALAMITEIT, UNWANTED_BEHAVIOUR_PROTOCOL
from meldcode_app.tests.factories import as_user
from meldcode_app.tests.test_board import incident
from meldcode_app.tests.utils import ADMIN_USER, BOARD_USER, SCHOOLS, MeldcodeTestCase, staff_user

RUN = "Meldcode Protocol Run"
SHOCK = "Stappenplan na een schokkende gebeurtenis"


def readers(name: str) -> dict[str, bool]:
	"""Who finds the run in a list and who may open it, for each test user."""
	found = {}
	for user in [
		staff_user(s, f)
		for s in "AB"
		for f in ("Teacher", "Intern Begeleider", "Aandachtsfunctionaris", "Director")
	] + [BOARD_USER]:
		frappe.set_user(user)
		try:
			listed = name in frappe.get_list(RUN, pluck="name")
		except frappe.PermissionError:
			listed = False  # no role on runs at all (the board)
		try:
			opened = frappe.has_permission(RUN, "read", name)
		finally:
			frappe.set_user("Administrator")
		found[user] = listed and opened
		assert listed == opened, user
	return found


class TestProtocolRuns(MeldcodeTestCase):
	def setUp(self):
		super().setUp()
		protocol_runs.add_missing_templates()

	def test_a_serious_incident_gets_the_actieplan_ticked_with_who_and_when(self):
		self.assertFalse(frappe.db.exists(RUN, {"safety_incident": incident().name}))
		doc = incident(calamity=1)
		run = frappe.get_doc(RUN, {"safety_incident": doc.name})
		self.assertEqual(run.protocol, ACTIEPLAN_CALAMITEIT)
		self.assertEqual([(r.section, r.step_text) for r in run.steps], list(CHECKLIST))
		director, af = staff_user("A", "Director"), staff_user("A", "Aandachtsfunctionaris")

		def tick(user, index, done=1):
			def save():
				run = frappe.get_doc(RUN, {"safety_incident": doc.name})
				run.steps[index].done = done
				run.save()
				return run

			return as_user(user)(save)

		run = tick(director, 1)
		first = run.steps[1]
		self.assertEqual((first.done, first.done_by), (1, director))
		self.assertEqual(first.done_by_name, frappe.db.get_value("User", director, "full_name"))
		# The actieplan's steps are the director's: the AF neither ticks one nor unticks theirs.
		self.assertRefused(lambda: tick(af, 2), "Stap 3 wordt alleen afgevinkt", "Directeur")
		self.assertRefused(lambda: tick(af, 1, done=0), "Stap 2 wordt alleen afgevinkt")
		run = tick(director, 2)
		self.assertEqual((run.steps[1].done_by, str(run.steps[1].done_on)), (director, str(first.done_on)))
		self.assertEqual(run.steps[2].done_by, director)
		run = tick(director, 1, done=0)
		self.assertEqual((run.steps[1].done_by, run.steps[1].done_on), (None, None))
		doc.save()  # saved again: still one run
		self.assertEqual(frappe.db.count(RUN, {"safety_incident": doc.name}), 1)

	def test_the_director_ticks_a_step_from_the_desks_form(self):
		"""The request the desk's form sends (savedocs), through the request guard: the run's own
		field "safety_incident" had made the guard read it as a second DocType and refuse."""
		from meldcode_app.tests.test_request_guard import api_token, remove_records_of_school, request_as

		doc = incident(calamity=1)
		director = staff_user("A", "Director")
		token = api_token(director)
		frappe.db.commit()
		self.addCleanup(lambda: (remove_records_of_school(SCHOOLS["A"][0]), frappe.db.commit()))
		run = frappe.get_doc(RUN, {"safety_incident": doc.name})
		run.steps[0].done = 1
		status, answer = request_as(
			token, "frappe.desk.form.save.savedocs", "post", doc=frappe.as_json(run), action="Save"
		)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		self.assertEqual(frappe.get_doc(RUN, run.name).steps[0].done_by, director)

	def test_an_incident_run_is_read_by_its_schools_case_team_only(self):
		doc = incident(calamity=1)
		run = frappe.db.get_value(RUN, {"safety_incident": doc.name})
		found = readers(run)
		self.assertEqual(
			{user for user, seen in found.items() if seen},
			{staff_user("A", f) for f in ("Intern Begeleider", "Aandachtsfunctionaris", "Director")},
		)
		frappe.set_user(staff_user("B", "Director"))
		try:
			rows = frappe.get_list(
				"Meldcode Protocol Run Step", filters={"parent": run}, parent_doctype=RUN, pluck="name"
			)
		except frappe.PermissionError:
			rows = []
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(rows, [])

	def unwanted_behaviour(self, user):
		elsewhere = incident().name  # a list filtered on an incident passes it to a new form

		def record():
			return frappe.get_doc(
				{
					"doctype": RUN,
					"protocol": UNWANTED_BEHAVIOUR_PROTOCOL,
					"school": SCHOOLS["A"][0],
					"safety_incident": elsewhere,
					"description": "Een ouder schreeuwde mij na schooltijd toe bij het hek.",
				}
			).insert()

		return as_user(user)(record)

	def test_unwanted_behaviour_is_read_by_the_professional_and_the_director_only(self):
		teacher = staff_user("A", "Teacher")
		run = self.unwanted_behaviour(teacher)
		self.assertEqual(
			(run.kind, run.professional, run.safety_incident), ("Unwanted Behaviour", teacher, None)
		)
		found = readers(run.name)
		self.assertEqual(
			{user for user, seen in found.items() if seen}, {teacher, staff_user("A", "Director")}
		)

		def tick():
			doc = frappe.get_doc(RUN, run.name)
			doc.steps[0].done = 1
			doc.save()
			return doc

		self.assertEqual(as_user(teacher)(tick).steps[0].done_by, teacher)
		frappe.set_user(staff_user("A", "Aandachtsfunctionaris"))
		try:
			self.assertRaises(frappe.PermissionError, frappe.get_doc(RUN, run.name).check_permission, "read")
		finally:
			frappe.set_user("Administrator")

	def test_a_protocol_about_unwanted_behaviour_names_only_the_professional_and_the_director(self):
		extra = {
			"number": "11",
			"step_text": "Bespreken met de AF.",
			"actor": "Aandachtsfunctionaris",
			"due_days": 1,
		}
		protocol = frappe.get_doc("Meldcode Protocol", UNWANTED_BEHAVIOUR_PROTOCOL)
		protocol.append("steps", extra)
		self.assertRefused(lambda: as_user(ADMIN_USER)(protocol.save), "Stap 11 noemt Aandachtsfunctionaris")
		shock = frappe.get_doc("Meldcode Protocol", SHOCK)  # a protocol of another kind may
		shock.append("steps", extra)
		self.addCleanup(frappe.clear_document_cache, "Meldcode Protocol", SHOCK)
		as_user(ADMIN_USER)(shock.save)

	def test_a_protocol_steps_term_is_at_most_a_year(self):
		"""Round 73: a school's own action plan with a term of 999,999,999 days made every calamity
		of the school fail to save."""
		shock = frappe.get_doc("Meldcode Protocol", SHOCK)
		self.addCleanup(frappe.clear_document_cache, "Meldcode Protocol", SHOCK)
		step = {"number": "12", "step_text": "Nazorg.", "actor": "Director", "due_days": 999999999}
		shock.append("steps", step)
		self.assertRefused(lambda: as_user(ADMIN_USER)(shock.save), "tussen 0 en 366")
		shock = frappe.get_doc("Meldcode Protocol", SHOCK)
		shock.append("steps", {**step, "due_days": 366})
		as_user(ADMIN_USER)(shock.save)  # the positive control: a year

	def test_a_report_of_unwanted_behaviour_tells_nobody_else_whatever_a_step_says(self):
		teacher, director = staff_user("A", "Teacher"), staff_user("A", "Director")
		run = self.unwanted_behaviour(teacher)
		tomorrow = getdate(add_days(today(), 1))
		# Steps as a protocol saved before the rule could have left them: the AF on one, a term on two.
		frappe.db.set_value(
			"Meldcode Protocol Run Step",
			run.steps[0].name,
			{"actor": "Aandachtsfunctionaris", "due_date": tomorrow},
		)
		frappe.db.set_value("Meldcode Protocol Run Step", run.steps[1].name, "due_date", today())
		protocol_runs.keep_todos(frappe.get_doc(RUN, run.name))
		todos = frappe.get_all(
			"ToDo", filters={"reference_type": RUN, "reference_name": run.name}, pluck="allocated_to"
		)
		self.assertEqual(todos, [teacher])  # whoever acts still has their term
		protocol_runs.remind_and_escalate(today())  # both reminded
		protocol_runs.remind_and_escalate(add_days(today(), 1))  # both overdue
		told = frappe.get_all(
			"Notification Log", filters={"document_type": RUN, "document_name": run.name}, pluck="for_user"
		)
		self.assertEqual(set(told), {teacher, director})

	def test_a_run_keeps_its_steps_whatever_is_posted_only_ticks_and_notes_are_written(self):
		teacher, af = staff_user("A", "Teacher"), staff_user("A", "Aandachtsfunctionaris")
		run = self.unwanted_behaviour(teacher)
		stored = [(r.name, r.number, r.section, r.step_text, r.actor, r.due_date) for r in run.steps]
		posted = frappe.parse_json(frappe.as_json(run.as_dict()))
		first = posted.steps[0]
		first.update(
			actor="Aandachtsfunctionaris", due_date=today(), step_text="Anders.", done=1, note="Gedaan."
		)
		posted.steps[1].update(number="99", section="Eigen")
		posted.steps.pop(2)  # a step left out
		posted.steps.append({"step_text": "Extra.", "actor": "Aandachtsfunctionaris", "due_date": today()})
		as_user(teacher)(save, posted)
		posted = frappe.parse_json(frappe.as_json(frappe.get_doc(RUN, run.name).as_dict()))
		posted.professional = af  # the director may write the run, not name another reader
		as_user(staff_user("A", "Director"))(save, posted)
		run = frappe.get_doc(RUN, run.name)
		self.assertEqual(
			[(r.name, r.number, r.section, r.step_text, r.actor, r.due_date) for r in run.steps], stored
		)
		self.assertEqual(
			(run.steps[0].done, run.steps[0].done_by, run.steps[0].note), (1, teacher, "Gedaan.")
		)
		self.assertEqual(run.professional, teacher)
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": run.name, "allocated_to": af}))

	def test_a_new_run_takes_its_steps_from_its_template_only(self):
		teacher, director = staff_user("A", "Teacher"), staff_user("A", "Director")
		steps = [{"step_text": "Eigen.", "actor": "Aandachtsfunctionaris", "due_date": today(), "done": 1}]
		run = as_user(teacher)(
			insert,
			{
				"doctype": RUN,
				"protocol": UNWANTED_BEHAVIOUR_PROTOCOL,
				"school": SCHOOLS["A"][0],
				"professional": director,
				"steps": steps,
			},
		)
		template = frappe.get_doc("Meldcode Protocol", UNWANTED_BEHAVIOUR_PROTOCOL).steps
		self.assertEqual(
			[(r["step_text"], r["actor"], r["due_date"], r["done"]) for r in run["steps"]],
			[(s.step_text, s.actor, None, 0) for s in template],
		)
		self.assertEqual(run["professional"], teacher)
		self.assertFalse(frappe.db.exists("ToDo", {"reference_type": RUN, "reference_name": run["name"]}))
		doc = incident()  # a run about an incident names no professional to tell
		shock = {"doctype": RUN, "protocol": SHOCK, "school": doc.school, "safety_incident": doc.name}
		shock = as_user(director)(insert, {**shock, "professional": teacher})
		self.assertIsNone(shock["professional"])

	def test_a_step_is_ticked_by_whoever_acts_on_it_or_the_director(self):
		teacher, director = staff_user("A", "Teacher"), staff_user("A", "Director")
		run = self.unwanted_behaviour(teacher)

		def tick(user, number, done=1, **posted):
			def save_as_posted():
				doc = frappe.parse_json(frappe.as_json(frappe.get_doc(RUN, run.name).as_dict()))
				row = next(r for r in doc.steps if r["number"] == number)
				row.update(done=done, **posted)
				return frappe.get_doc(save(doc))

			return as_user(user)(save_as_posted)

		def step(doc, number):
			return next(r for r in doc.steps if r.number == number)

		self.assertRefused(lambda: tick(teacher, "8"), "Stap 8 wordt alleen afgevinkt", "Directeur")
		# The professional ticks their own step; who and when are the server's, not the form's.
		doc = tick(teacher, "1", done_by=director, done_on="2026-01-01 08:00:00")
		self.assertEqual((step(doc, "1").done, step(doc, "1").done_by), (1, teacher))
		self.assertNotEqual(str(step(doc, "1").done_on), "2026-01-01 08:00:00")
		doc = tick(director, "8")  # the director their own step
		self.assertEqual(step(doc, "8").done_by, director)
		self.assertRefused(lambda: tick(teacher, "8", done=0), "Stap 8 wordt alleen afgevinkt")
		doc = tick(director, "3")  # and any step of their school's runs
		self.assertEqual(step(doc, "3").done_by, director)

		# Of a protocol of another kind, a step of a function is ticked by that function's staff.
		shock = frappe.get_doc("Meldcode Protocol", SHOCK)
		shock.steps[0].actor = "Aandachtsfunctionaris"
		shock.save()
		self.addCleanup(frappe.clear_document_cache, "Meldcode Protocol", SHOCK)
		doc = incident()
		run = as_user(director)(
			frappe.get_doc(
				{"doctype": RUN, "protocol": SHOCK, "school": doc.school, "safety_incident": doc.name}
			).insert
		)
		self.assertRefused(
			lambda: tick(staff_user("A", "Intern Begeleider"), "1"), "Stap 1", "Aandachtsfunctionaris"
		)
		doc = tick(staff_user("A", "Aandachtsfunctionaris"), "1")
		self.assertEqual(step(doc, "1").done_by, staff_user("A", "Aandachtsfunctionaris"))

	def test_terms_go_on_the_actors_todo_list_and_are_reminded(self):
		doc = incident(calamity=1)
		run = frappe.get_doc(
			{
				"doctype": RUN,
				"protocol": SHOCK,
				"school": doc.school,
				"safety_incident": doc.name,
				"started_on": add_days(today(), -2),
			}
		).insert()
		due = {r.number: r.due_date for r in run.steps if r.due_date}
		self.assertEqual(due, {"10": getdate(add_days(today(), 1)), "13": getdate(add_days(today(), 19))})
		director = staff_user("A", "Director")
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": RUN, "reference_name": run.name, "status": "Open"},
			pluck="allocated_to",
		)
		self.assertEqual(todos, [director, director])
		protocol_runs.remind_and_escalate(today())
		told = frappe.get_all(
			"Notification Log", filters={"document_type": RUN, "document_name": run.name}, pluck="for_user"
		)
		self.assertEqual(told, [director])
		protocol_runs.remind_and_escalate(today())  # told once
		self.assertEqual(frappe.db.count("Notification Log", {"document_name": run.name}), 1)

	def test_the_patch_brings_the_old_checklist_over_as_it_was(self):
		doc = incident(calamity=1)
		frappe.db.delete(RUN, {"safety_incident": doc.name})
		director = staff_user("A", "Director")
		frappe.db._cursor.execute(  # a temporary table: no implicit commit, the test still rolls back
			"""create temporary table `tabMeldcode Calamity Action` (name varchar(140), parent varchar(140),
			parenttype varchar(140), idx int, phase varchar(140), item text, done int, done_by varchar(140),
			done_by_name varchar(140), done_on datetime, note text)"""
		)
		try:
			for idx, (phase, item) in enumerate(CHECKLIST, 1):
				frappe.db.sql(
					"insert into `tabMeldcode Calamity Action` values (%s, %s, 'Safety Incident', %s, %s, %s, %s, %s, %s, %s, %s)",
					(
						f"old-{idx}",
						doc.name,
						idx,
						phase,
						item,
						int(idx == 2),
						director if idx == 2 else None,
						"Director A" if idx == 2 else None,
						"2026-12-01 09:30:00" if idx == 2 else None,
						"Ouders gebeld." if idx == 2 else None,
					),
				)
			calamity_actions_as_protocol_runs.execute()
			calamity_actions_as_protocol_runs.execute()  # twice: still one run
		finally:
			frappe.db._cursor.execute("drop temporary table `tabMeldcode Calamity Action`")
		runs = frappe.get_all(RUN, filters={"safety_incident": doc.name}, pluck="name")
		self.assertEqual(len(runs), 1)
		run = frappe.get_doc(RUN, runs[0])
		self.assertEqual([(r.section, r.step_text) for r in run.steps], list(CHECKLIST))
		kept = run.steps[1]
		self.assertEqual(
			(kept.done, kept.done_by, kept.done_by_name, str(kept.done_on), kept.note),
			(1, director, "Director A", "2026-12-01 09:30:00", "Ouders gebeld."),
		)
		self.assertFalse(any(r.done for r in run.steps if r.idx != 2))
