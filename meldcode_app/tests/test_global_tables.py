"""What a case leaves in Frappe's own tables: a marker put in a case's text is followed, after a
day of ordinary work on the case, through every table of the site. It may only be found in the
case's own tables and in the traces Frappe keeps of a case record (versions, comments, files,
...), which are read through that record only (permissions.trace_query_conditions)."""

import random
from unittest.mock import patch

import frappe
from frappe.desk.form.assign_to import add as assign
from frappe.desk.form.load import getdoc
from frappe.desk.form.utils import add_comment
from frappe.desk.like import toggle_like
from frappe.model.utils import link_count

from meldcode_app.patches import link_counts_of_what_cases_link_to
from meldcode_app.rules.registry import PROTECTED_DOCTYPES, RECORD_DOCTYPES, SECRET_DOCTYPES, TRACE_DOCTYPES
from meldcode_app.terms import remind_and_escalate
from meldcode_app.tests.factories import as_user, conversation, make_signal, move, open_dossier
from meldcode_app.tests.test_request_guard import api_token, remove_records_of_school, request_as
from meldcode_app.tests.utils import BOARD_USER, SCHOOLS, MeldcodeTestCase, staff_user

MARKER = "Merkteken Zeventien"
TEXT_TYPES = ("char", "varchar", "text", "tinytext", "mediumtext", "longtext", "json")


# A user who asked Frappe to follow every document they make, like, comment on or are assigned.
FOLLOWS_ALL = {
	"document_follow_notify": 1,
	"document_follow_frequency": "Hourly",
	"follow_created_documents": 1,
	"follow_commented_documents": 1,
	"follow_liked_documents": 1,
	"follow_assigned_documents": 1,
}


def tables_holding(marker: str) -> dict[str, list[str]]:
	"""Every table with a text column holding ``marker``, with those columns."""
	columns = frappe.db.sql(
		"""select table_name, column_name from information_schema.columns
		where table_schema = database() and data_type in %s""",
		(TEXT_TYPES,),
	)
	by_table: dict[str, list[str]] = {}
	for table, column in columns:
		by_table.setdefault(table, []).append(column)
	found = {}
	for table, names in by_table.items():
		condition = " or ".join(f"`{name}` like %(marker)s" for name in names)
		rows = frappe.db.sql(
			f"select * from `{table}` where {condition}", {"marker": f"%{marker}%"}, as_dict=True
		)
		if rows:
			found[table] = [name for name in names if any(marker in str(row.get(name) or "") for row in rows)]
	return found


class TestWhatACaseLeavesBehind(MeldcodeTestCase):
	def test_a_case_is_found_only_in_its_own_tables_and_traces(self):
		af = staff_user("A", "Aandachtsfunctionaris")
		signal = make_signal(pupil=f"Testkind {MARKER}", situation=f"{MARKER}: een blauwe plek.")
		dossier = open_dossier(signals=[signal.name])
		move(dossier, "Start Collegial Consultation")
		conversation(dossier, report=f"Gesprek over {MARKER}.")
		as_user(af)(add_comment, "Meldcode Dossier", dossier.name, f"Notitie over {MARKER}", af, af)
		as_user(af)(getdoc, "Meldcode Dossier", dossier.name)
		remind_and_escalate(frappe.utils.add_days(frappe.utils.today(), 60))

		found = tables_holding(MARKER)
		own = {f"tab{doctype}" for doctype in PROTECTED_DOCTYPES}
		self.assertIn("tabMeldcode Dossier", found, "the probe finds the marker where it must be")
		elsewhere = {table: columns for table, columns in found.items() if table not in own}
		for table in list(elsewhere):
			doctype = table[3:]
			if doctype in TRACE_DOCTYPES:
				doctype_field, _name_field = TRACE_DOCTYPES[doctype]
				holders = frappe.get_all(
					doctype,
					or_filters={column: ("like", f"%{MARKER}%") for column in elsewhere[table]},
					pluck=doctype_field,
				)
				if set(holders) <= RECORD_DOCTYPES:
					del elsewhere[table]  # a trace of a case record, read through that record only
		self.assertEqual(elsewhere, {}, "a case's text in a table everyone may read")

	def test_a_case_record_is_named_only_in_its_own_tables_and_traces(self):
		"""Found by an attack: Frappe's Workflow Action and Document Follow named school B's dossiers
		(their step, who acts) to school A's director and to every desk user."""
		af, ib = staff_user("A", "Aandachtsfunctionaris"), staff_user("A", "Intern Begeleider")
		for user in (af, ib):
			frappe.db.set_value("User", user, FOLLOWS_ALL)
		# Names never used before: a rolled-back test gives its names out again, and what others
		# committed under them (an error's log) would be found.
		frappe.db.sql("update `tabSeries` set current = current + %s", random.randint(10**5, 10**6))
		signal = make_signal()
		dossier = open_dossier(signals=[signal.name])
		move(dossier, "Start Collegial Consultation")
		verslag = conversation(dossier)
		for doctype, name in (("Meldcode Dossier", dossier.name), ("Meldcode Conversation", verslag.name)):
			as_user(af)(toggle_like, doctype, name, "Yes")
			as_user(af)(add_comment, doctype, name, "Besproken.", af, af)
			as_user(af)(assign, {"doctype": doctype, "name": name, "assign_to": [ib]})
			as_user(af)(getdoc, doctype, name)

		own = {f"tab{doctype}" for doctype in PROTECTED_DOCTYPES}
		names = (signal.name, dossier.name, verslag.name)
		naming = {table for name in names for table in tables_holding(name) if table not in own}
		self.assertIn("tabComment", naming, "the probe finds a name where Frappe keeps it")
		self.assertEqual(
			# the Email Queue (a notification's mail links the record) is the bench Administrator's
			{table for table in naming if table[3:] not in (*TRACE_DOCTYPES, *SECRET_DOCTYPES)},
			set(),
			"a case record named in a table that is not read through that record",
		)
		self.assertFalse(
			frappe.get_all("Document Follow", filters={"ref_doctype": ("in", RECORD_DOCTYPES)}),
			"Frappe's hourly digest would mail a case record's changes and comments",
		)


def todo_for_the_teacher(teacher: str, dossier):
	"""A ToDo the aandachtsfunctionaris gives a teacher about a dossier the teacher may not read."""
	return as_user(staff_user("A", "Aandachtsfunctionaris"))(
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": teacher,
				"description": "Let op in de klas.",
				"reference_type": "Meldcode Dossier",
				"reference_name": dossier.name,
			}
		).insert
	)


class TestFrappesRecordsOfACase(MeldcodeTestCase):
	def test_workflow_actions_name_a_dossier_only_to_its_case_team(self):
		"""Found by an attack: school A's director listed Frappe's Workflow Actions and read every
		school's dossiers with their step and who acts."""
		dossier = open_dossier(school="B")
		move(dossier, "Start Collegial Consultation", school="B")
		action = frappe.get_all("Workflow Action", filters={"reference_name": dossier.name}, pluck="name")[0]
		team_b, outsiders = (
			staff_user("B", "Aandachtsfunctionaris"),
			[
				staff_user("A", "Director"),
				staff_user("A", "Aandachtsfunctionaris"),
			],
		)
		tokens = {user: api_token(user) for user in (team_b, *outsiders)}
		frappe.db.commit()
		self.addCleanup(lambda: (remove_records_of_school(self.school_b), frappe.db.commit()))
		fields = ["reference_name", "workflow_state"]
		doors = {
			"list": ("frappe.desk.reportview.get", {"doctype": "Workflow Action", "fields": fields}),
			"form": ("frappe.desk.form.load.getdoc", {"doctype": "Workflow Action", "name": action}),
		}

		def answers(user, door):
			method, params = doors[door]
			return request_as(tokens[user], method, "post", **params)

		self.assertEqual(answers(team_b, "form")[0], 200, "B's aandachtsfunctionaris reads it")
		for user in outsiders:
			status, listed = answers(user, "list")
			self.assertEqual(status, 200, "the list answers")
			self.assertNotIn(dossier.name, str(listed))
			self.assertEqual(answers(user, "form")[0], 403)

	def test_a_todo_about_a_case_is_handed_on_only_by_whoever_may_change_the_case(self):
		"""The person a ToDo is for reads it (TRACE_RECIPIENTS), and does not hand it to someone
		outside the case: a trace is written as whoever it is for may read it."""
		teacher = staff_user("A", "Teacher")
		dossier = open_dossier()
		todo = todo_for_the_teacher(teacher, dossier)

		def hand_on(user, **values):
			doc = frappe.get_doc("ToDo", todo.name)
			doc.update(values)
			return as_user(user)(doc.save)

		hand_on(teacher, status="Closed")  # the person it is for closes it
		with self.assertRaises(frappe.PermissionError):
			hand_on(teacher, allocated_to=staff_user("B", "Teacher"))
		hand_on(staff_user("A", "Aandachtsfunctionaris"), allocated_to=staff_user("A", "Intern Begeleider"))

	def test_a_case_records_save_counts_no_link(self):
		"""Round 85: Frappe counts each save's links into the linked record's `idx`, which its
		readers list and sort by: a pupil's, a school's and a signal indicator's count told who has
		a case and what it is about. The control: another record's save is counted as Frappe does."""
		signal = make_signal()
		token = api_token(staff_user("A", "Teacher"))
		frappe.db.commit()
		self.addCleanup(remove_records_of_school, SCHOOLS["A"][0])
		self.addCleanup(frappe.cache.delete_value, "_link_count")
		frappe.cache.delete_value("_link_count")
		# Frappe 15.74 counts one save in ten: here every one
		sampled = patch.object(link_count, "random", lambda: 0.99, create=True)
		sampled.start()
		self.addCleanup(sampled.stop)
		params = {"doctype": "Meldcode Signal", "name": signal.name, "fieldname": "location", "value": "Gang"}
		status, answer = request_as(token, "frappe.client.set_value", "post", **params)
		self.assertEqual(status, 200, answer)
		self.assertEqual(frappe.cache.get_value("_link_count", expires=True) or {}, {})
		country = frappe.db.get_value("Country", {}, "name")
		address = {
			"doctype": "Address",
			"address_title": "Linktelling",
			"address_type": "Billing",
			"address_line1": "Schoolstraat 1",
			"city": "Utrecht",
			"country": country,
		}
		status, answer = request_as(token, "frappe.client.insert", "post", doc=address)
		self.addCleanup(frappe.db.delete, "Address", {"address_title": "Linktelling"})
		self.assertEqual(status, 200, answer)
		self.assertIn(("Country", country), frappe.cache.get_value("_link_count", expires=True) or {})

	def test_counts_left_by_case_records_start_again_at_zero(self):
		"""Round 85, for a site that ran the app before: the link counts case records left in a
		school's `idx`, and those waiting in the cache, go. The control: a country's count, which
		no case record links to, stays."""
		school = SCHOOLS["A"][0]
		country = frappe.db.get_value("Country", {}, "name")
		before = frappe.db.get_value("Country", country, "idx")
		self.addCleanup(frappe.db.set_value, "Country", country, "idx", before, update_modified=False)
		self.addCleanup(frappe.cache.delete_value, "_link_count")
		frappe.db.set_value("Meldcode School", school, "idx", 7, update_modified=False)
		frappe.db.set_value("Country", country, "idx", 7, update_modified=False)
		frappe.cache.set_value("_link_count", {("Meldcode School", school): 3, ("Country", country): 2})
		link_counts_of_what_cases_link_to.execute()
		self.assertEqual(frappe.db.get_value("Meldcode School", school, "idx"), 0)
		self.assertEqual(frappe.db.get_value("Country", country, "idx"), 7)
		self.assertEqual(frappe.cache.get_value("_link_count", expires=True), {("Country", country): 2})

	def test_a_teacher_closes_the_todo_she_was_given_about_a_dossier(self):
		"""Round 84: the ToDo the aandachtsfunctionaris gave a teacher about a dossier she may not
		read could not be saved by her over HTTP: the link check answered "Could not find", also
		for the case team whenever the dossier's meta was built during the check."""
		teacher = staff_user("A", "Teacher")
		dossier, other = open_dossier(), open_dossier()
		todo = todo_for_the_teacher(teacher, dossier)
		token = api_token(teacher)
		frappe.db.commit()
		self.addCleanup(remove_records_of_school, SCHOOLS["A"][0])

		def set_value(fieldname, value):
			frappe.clear_cache(doctype="Meldcode Dossier")  # the meta is built during the check
			status, answer = request_as(
				token,
				"frappe.client.set_value",
				"post",
				doctype="ToDo",
				name=todo.name,
				fieldname=fieldname,
				value=value,
			)
			frappe.db.rollback()
			return status

		self.assertEqual(set_value("status", "Closed"), 200)
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "status"), "Closed")
		# the control: she does not point it at another dossier, which she may not read either
		self.assertEqual(set_value("reference_name", other.name), 417)

	def test_a_todo_about_a_case_is_given_in_ones_own_name_to_someone_at_its_school(self):
		"""Round 83: a teacher gave a ToDo on her own signal in the director's name (the signal's
		timeline read "Director B assigned …", with an outside link), and others to a teacher of
		another school and to the board."""
		teacher = staff_user("B", "Teacher")
		signal = make_signal("B")
		token = api_token(teacher)
		frappe.db.commit()
		self.addCleanup(remove_records_of_school, SCHOOLS["B"][0])

		def give(**values):
			todo = {
				"doctype": "ToDo",
				"description": "Graag vandaag afhandelen.",
				"reference_type": "Meldcode Signal",
				"reference_name": signal.name,
				"allocated_to": staff_user("B", "Intern Begeleider"),
				**values,
			}
			status, answer = request_as(token, "frappe.client.insert", "post", doc=todo)
			frappe.db.rollback()
			return status

		self.assertEqual(give(assigned_by=staff_user("B", "Director")), 403)
		for outsider in (staff_user("A", "Teacher"), BOARD_USER):
			self.assertEqual(give(allocated_to=outsider), 403, outsider)
		# the controls: in her own name, to the case team and to a colleague at her school
		self.assertEqual(give(assigned_by=teacher), 200)
		self.assertEqual(give(allocated_to=staff_user("B", "Director")), 200)

	def test_a_note_about_a_case_fetches_nothing_from_another_site(self):
		"""Round 83: a teacher's comment on her own signal with an image from another site told
		that site when, and from where, each of the case team opened the signal. The site's own
		images stay; a note about anything else keeps its images (the control)."""
		signal = make_signal("B")
		token = api_token(staff_user("B", "Teacher"))
		frappe.db.commit()
		self.addCleanup(remove_records_of_school, SCHOOLS["B"][0])
		# round 84: addresses a browser reads as another site's, other elements that fetch, and a
		# call of the site itself
		fetching = (
			'<img src="https://elders.example/p.png">',
			'<img src="/\\elders.example/bs.png">',
			'<img src="/&#9;/elders.example/tab.png">',
			'<img alt=" src=/a" src="https://elders.example/alt.png">',
			'<table background="https://elders.example/bg.png"><tr><td>x</td></tr></table>',
			'<video poster="https://elders.example/poster.png"></video>',
			'<input type="image" src="https://elders.example/input.png">',
			'<audio src="https://elders.example/a.mp3"></audio>',
			'<img src="/api/method/logout">',
			'<link rel="stylesheet nofollow" href="https://elders.example/s.css">',
			'<form action="https://elders.example/collect"><input name="kind"></form>',
			'<a href="https://elders.example/x" style="text-decoration: line-through 1500px">zie</a>',
			# round 88: a link the desk previews
			'<a href="https://elders.example/n" data-doctype="Note" data-name="voorbeeld">notitie</a>',
		)
		# the controls (round 85): the editor's lists, colours and the site's files as they are named
		kept = (
			'<ol><li data-list="bullet">moeder bellen</li></ol>',
			'<span style="color: rgb(230, 0, 0);">spoed</span>',
			'<img src="/private/files/gesprek+verslag,%20maart.png">',
		)
		content = f'<p>Zie {"".join(fetching)} en <img src="/files/plein.png"></p>{"".join(kept)}'
		teacher = staff_user("B", "Teacher")
		status, own = request_as(
			token,
			"frappe.client.insert",
			"post",
			doc={"doctype": "ToDo", "description": "Plein", "allocated_to": teacher},
		)
		self.assertEqual(status, 200, own)
		frappe.db.rollback()
		self.addCleanup(frappe.db.delete, "ToDo", {"name": own["name"]})
		stored = {}
		for doctype, name in (("Meldcode Signal", signal.name), ("ToDo", own["name"])):
			status, answer = request_as(
				token,
				"frappe.desk.form.utils.add_comment",
				"post",
				reference_doctype=doctype,
				reference_name=name,
				content=content,
				comment_email=teacher,
				comment_by="Teacher B",
			)
			self.assertEqual(status, 200, answer)
			frappe.db.rollback()
			stored[doctype] = frappe.db.get_value("Comment", answer["name"], "content")
		for fetched in (
			"p.png",
			"elders.example/bs",
			"tab.png",
			"alt.png",
			"bg.png",
			"poster",
			"input",
			"a.mp3",
			"logout",
			"s.css",
			"collect",
		):
			self.assertNotIn(fetched, stored["Meldcode Signal"])
		self.assertNotIn("1500px", stored["Meldcode Signal"])
		self.assertNotIn("data-doctype", stored["Meldcode Signal"])
		self.assertIn('<img src="/files/plein.png">', stored["Meldcode Signal"])
		for control in kept:
			self.assertIn(control, stored["Meldcode Signal"])
		self.assertIn('<a href="https://elders.example/x">zie</a>', stored["Meldcode Signal"], "a link stays")
		self.assertIn("elders.example", stored["ToDo"], "a note about anything else keeps its images")
