"""Meldplicht: a suspicion about someone working at the school is the board's case (seed 003,
"Protocol misbruik door professionals"): every staff member reports it and cannot read it back,
no school function (the accused included) reaches it at any door, the board reads it."""

import frappe
from frappe.utils import add_days, getdate, today

from meldcode_app.access.scoped_methods import get_count
from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.record_terms import remind_and_escalate
from meldcode_app.settings import working_day_calendar
from meldcode_app.staff_report import report_suspicion
from meldcode_app.tests.factories import as_user
from meldcode_app.tests.test_permission_matrix import CLOSED_TO_ALL, DOORS
from meldcode_app.tests.test_request_guard import api_token, request_as
from meldcode_app.tests.utils import (
	ADMIN_USER,
	BOARD_USER,
	FUNCTIONS,
	MeldcodeTestCase,
	make_user,
	staff_user,
)

test_ignore = LINKED_DOCTYPES
DOCTYPE = "Meldcode Staff Report"
ACCUSED_BOARD_USER = "board.accused@meldcode.test"
OUTSIDER = "geen.medewerker@meldcode.test"


def first_working_day_from(day):
	"""The aangifte is due at once: ``day`` itself when the school works, else its next working day."""
	calendar, day = working_day_calendar(), getdate(day)
	return day if calendar.is_working_day(day) else calendar.add_working_days(day, 1)


def report(user=None, school="99AA", **values):
	arguments = {
		"school": school,
		"nature": "Sexual Intimidation",
		"accused_function": "Volunteer",
		"accused_initials": "P.J.",
		"information": "Een leerling vertelde dat P.J. opmerkingen maakte over haar lichaam.",
		"pupil_initials": "S.V.",
		**values,
	}
	before = set(frappe.get_all(DOCTYPE, pluck="name"))
	as_user(user or staff_user("A", "Teacher"))(lambda: report_suspicion(**arguments))
	# The reporter is not told the record's name (write-only): the new one is the one not there before.
	(name,) = set(frappe.get_all(DOCTYPE, pluck="name")) - before
	return frappe.get_doc(DOCTYPE, name)


class TestMeldcodeStaffReport(MeldcodeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(ACCUSED_BOARD_USER, "Bestuurder", "Meldcode Board")
		make_user(OUTSIDER, "Buitenstaander")
		frappe.db.commit()

	def test_every_staff_member_reports_and_cannot_read_it_back(self):
		for function in FUNCTIONS:
			doc = report(staff_user("A", function))
			self.assertEqual(doc.reported_by, staff_user("A", function))
			self.assertIn(doc.reporter_function, FUNCTIONS)
			self.assertEqual(str(doc.received_on), today())
			frappe.set_user(staff_user("A", function))
			self.assertFalse(frappe.has_permission(DOCTYPE, "read", doc.name))
			self.assertRaises(frappe.PermissionError, frappe.get_list, DOCTYPE)
			frappe.set_user("Administrator")
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": BOARD_USER, "document_name": doc.name})
		)
		log = frappe.get_last_doc("Notification Log", {"for_user": BOARD_USER})
		self.assertNotIn("P.J.", (log.subject or "") + (log.email_content or ""))

	def test_staff_report_on_a_page_of_their_own(self):
		roles = {r.role for r in frappe.get_doc("Page", "meldcode-staff-report").roles}
		self.assertEqual(roles, {f"Meldcode {f}" for f in FUNCTIONS})

	def test_a_report_by_someone_not_working_at_the_school_is_refused(self):
		for user in (OUTSIDER, staff_user("B", "Director")):
			with self.assertRaises(frappe.PermissionError) as refused:
				report(user)
			self.assertIn("Alleen wie op school 99AA werkt", str(refused.exception))
		self.assertFalse(frappe.db.exists(DOCTYPE, {"school": self.school_a}))

	def test_others_are_written_by_initials_only(self):
		self.assertRefused(lambda: report(accused_initials="Piet Jansen"), "initialen")

	def test_every_door_refuses_every_school_function_and_the_accused(self):
		doc = report(accused_user=staff_user("A", "Director"))
		against_board = report(accused_user=ACCUSED_BOARD_USER)
		files, versions = {}, {}
		for name in (doc.name, against_board.name):
			files[name] = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "bijlage.txt",
					"content": "vertrouwelijk",
					"is_private": 1,
					"attached_to_doctype": DOCTYPE,
					"attached_to_name": name,
				}
			).insert()
			versions[name] = frappe.get_doc(
				{"doctype": "Version", "ref_doctype": DOCTYPE, "docname": name, "data": "{}"}
			).insert(ignore_permissions=True)
		users = [staff_user(s, f) for s in ("A", "B") for f in FUNCTIONS]
		users += [BOARD_USER, ACCUSED_BOARD_USER, ADMIN_USER]
		doors = {
			**DOORS,
			"count": lambda dt, name, files, versions: get_count(dt, {"name": name}) > 0,
		}
		probes, unexpected = 0, []
		for user in users:
			frappe.set_user(user)
			for name in (doc.name, against_board.name):
				for door, passes in doors.items():
					probes += 1
					try:
						got = bool(passes(DOCTYPE, name, {DOCTYPE: files[name]}, {DOCTYPE: versions[name]}))
					except frappe.PermissionError:
						got = False
					finally:
						frappe.clear_messages()
					reader = user == BOARD_USER or (user == ACCUSED_BOARD_USER and name == doc.name)
					expected = reader and door not in CLOSED_TO_ALL and door != "global search"
					if got != expected:
						unexpected.append(f"{user} {name} {door}: {'open' if got else 'closed'}")
			frappe.set_user("Administrator")
		print(f"\nstaff report: {len(users)} users x 2 reports x {len(doors)} doors: {probes} probes")
		self.assertEqual(unexpected, [])

	def test_whom_the_board_names_reads_that_report_at_every_door_and_never_the_accused(self):
		named, unnamed = staff_user("A", "Director"), staff_user("A", "Aandachtsfunctionaris")
		accused = staff_user("A", "Teacher")
		doc, other = report(accused_user=accused), report()
		self.assertRefused(
			lambda: self.board_saves(doc.name, named_readers=[{"user": named}, {"user": accused}]),
			"is de beschuldigde",
		)
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": doc.name}))
		self.board_saves(doc.name, named_readers=[{"user": named}])
		(told,) = frappe.get_all(
			"Notification Log", filters={"for_user": named, "document_name": doc.name}, pluck="subject"
		)
		self.assertIn("aangewezen", told)
		self.assertNotIn("P.J.", told)
		with self.assertRaises(frappe.PermissionError):  # a share of the app's own kind only
			frappe.get_doc(
				{
					"doctype": "DocShare",
					"share_doctype": DOCTYPE,
					"share_name": doc.name,
					"user": unnamed,
					"read": 1,
				}
			).insert(ignore_permissions=True)
		files, versions = {}, {}
		for name in (doc.name, other.name):
			files[name] = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "bijlage.txt",
					"content": "vertrouwelijk",
					"is_private": 1,
					"attached_to_doctype": DOCTYPE,
					"attached_to_name": name,
				}
			).insert()
			versions[name] = frappe.get_doc(
				{"doctype": "Version", "ref_doctype": DOCTYPE, "docname": name, "data": "{}"}
			).insert(ignore_permissions=True)
		doors = {
			**DOORS,
			"count": lambda dt, name, files, versions: get_count(dt, {"name": name}) > 0,
		}
		users = (named, unnamed, accused, staff_user("B", "Director"), BOARD_USER)
		unexpected = []
		for user in users:
			frappe.set_user(user)
			for name in (doc.name, other.name):
				for door, passes in doors.items():
					try:
						got = bool(passes(DOCTYPE, name, {DOCTYPE: files[name]}, {DOCTYPE: versions[name]}))
					except frappe.PermissionError:
						got = False
					finally:
						frappe.clear_messages()
					reader = user == BOARD_USER or (user == named and name == doc.name)
					expected = reader and door not in CLOSED_TO_ALL and door != "global search"
					if got != expected:
						unexpected.append(f"{user} {name} {door}: {'open' if got else 'closed'}")
			frappe.set_user("Administrator")
		self.assertEqual(unexpected, [])
		self.assertRaises(frappe.PermissionError, self.board_saves_as, named, doc.name, inspector_name="X")
		# un-named, the reader reads it no more
		self.board_saves(doc.name, named_readers=[])
		self.assertFalse(frappe.has_permission(DOCTYPE, "read", doc.name, user=named))
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": doc.name}))

	def test_the_accused_named_later_is_refused_too(self):
		named = staff_user("A", "Director")
		name = report().name
		self.board_saves(name, named_readers=[{"user": named}])
		self.assertRefused(lambda: self.board_saves(name, accused_user=named), "is de beschuldigde")
		self.assertTrue(frappe.has_permission(DOCTYPE, "read", name, user=named))

	def board_saves_as(self, user, name, **values):
		frappe.set_user(user)
		try:
			doc = frappe.get_doc(DOCTYPE, name)
			doc.update(values)
			doc.save()
		finally:
			frappe.set_user("Administrator")

	def board_saves(self, name, **values):
		"""The board changes the stored report (each attempt on a fresh copy)."""
		frappe.set_user(BOARD_USER)
		try:
			doc = frappe.get_doc(DOCTYPE, name)
			doc.update(values)
			doc.save()
			return doc
		finally:
			frappe.set_user("Administrator")

	def test_the_board_consults_establishes_informs_and_files_the_aangifte(self):
		name = report().name
		established = {"reasonable_suspicion": "Yes", "suspicion_established_on": today()}
		self.assertRefused(lambda: self.board_saves(name, **established), "vertrouwensinspecteur")
		consulted = {"inspector_consulted_on": today(), "inspector_name": "Vertrouwensinspecteur X"}
		doc = self.board_saves(name, **consulted, **established)
		self.assertTrue(doc.inspector_consultation_due)
		self.assertEqual(getdate(doc.aangifte_due), first_working_day_from(today()))
		informed = {"complainant_parents_informed_on": today(), "accused_informed_on": today()}
		self.assertRefused(lambda: self.board_saves(name, status="Closed", **informed), "wanneer en waar")
		self.assertRefused(
			lambda: self.board_saves(name, status="Closed", aangifte_on=today()), "wanneer en waar"
		)
		doc = self.board_saves(
			name, status="Closed", aangifte_on=today(), aangifte_with="Politie Hilversum", **informed
		)
		self.assertEqual(str(doc.closed_on), today())

	def test_a_false_accusation_closes_with_rehabilitation(self):
		name = report().name
		closing = {
			"inspector_consulted_on": today(),
			"reasonable_suspicion": "No",
			"suspicion_established_on": today(),
			"proved_false": 1,
			"status": "Closed",
		}
		self.assertRefused(lambda: self.board_saves(name, **closing), "rehabilitatietraject")
		rehabilitation = "Brief aan de ouders en een teamgesprek, in overleg met P.J."
		self.board_saves(name, rehabilitation=rehabilitation, **closing)

	def test_the_boards_terms_are_on_its_todo_list(self):
		name = report(accused_user=ACCUSED_BOARD_USER).name

		def todos(user, status="Open"):
			return frappe.get_all(
				"ToDo",
				filters={"reference_name": name, "allocated_to": user, "status": status},
				fields=["date", "description"],
			)

		(todo,) = todos(BOARD_USER)
		self.assertIn("vertrouwensinspecteur", todo.description)
		self.assertNotIn("P.J.", todo.description)
		self.assertEqual(todos(ACCUSED_BOARD_USER), [])
		self.assertEqual(todos(staff_user("A", "Teacher")), [])
		established = {"reasonable_suspicion": "Yes", "suspicion_established_on": today()}
		self.board_saves(name, inspector_consulted_on=today(), **established)
		(todo,) = todos(BOARD_USER)
		self.assertIn("Aangifte", todo.description)
		self.assertEqual(getdate(todo.date), first_working_day_from(today()))
		self.board_saves(name, aangifte_on=today(), aangifte_with="Politie")
		self.assertEqual(todos(BOARD_USER), [])
		self.assertEqual(len(todos(BOARD_USER, "Closed")), 2)

	def test_the_board_is_reminded_the_day_before_and_told_once_when_overdue(self):
		name = report(accused_user=ACCUSED_BOARD_USER).name
		due = getdate(frappe.db.get_value(DOCTYPE, name, "inspector_consultation_due"))

		def notifications(user):
			return frappe.get_all(
				"Notification Log",
				filters={"for_user": user, "document_name": name, "subject": ("like", "%Termijn%")},
				pluck="subject",
			)

		frappe.db.set_value("User", BOARD_USER, "language", "nl")  # told in the reader's language
		remind_and_escalate(add_days(due, -2))
		self.assertEqual(notifications(BOARD_USER), [])
		remind_and_escalate(add_days(due, -1))
		remind_and_escalate(add_days(due, -1))
		(reminder,) = notifications(BOARD_USER)
		self.assertIn("verloopt op", reminder)
		self.assertIn("Overleg met de vertrouwensinspecteur", reminder)
		self.assertNotIn("P.J.", reminder)
		self.assertNotIn("S.V.", reminder)
		remind_and_escalate(add_days(due, 1))
		remind_and_escalate(add_days(due, 10))
		self.assertEqual(len(notifications(BOARD_USER)), 2, "reminded once, told once it is overdue")
		self.assertIn("is verlopen sinds", notifications(BOARD_USER)[-1] + notifications(BOARD_USER)[0])
		self.assertEqual(frappe.db.get_value(DOCTYPE, name, "inspector_consultation_escalation"), 2)
		self.assertEqual(notifications(ACCUSED_BOARD_USER), [], "the accused is never told")
		for function in FUNCTIONS:
			self.assertEqual(notifications(staff_user("A", function)), [])

	def test_a_consulted_or_closed_report_is_not_reminded(self):
		name = report().name
		self.board_saves(name, inspector_consulted_on=today(), inspector_name="Vertrouwensinspecteur X")
		remind_and_escalate(add_days(today(), 30))
		self.assertFalse(
			frappe.db.exists("Notification Log", {"document_name": name, "subject": ("like", "%Termijn%")})
		)

	def test_the_aangifte_term_starts_over_when_its_due_date_is_set(self):
		name = report().name
		remind_and_escalate(add_days(today(), 30))
		established = {
			"inspector_consulted_on": today(),
			"reasonable_suspicion": "Yes",
			"suspicion_established_on": today(),
		}
		doc = self.board_saves(name, **established)
		self.assertEqual(doc.aangifte_escalation, 0)
		remind_and_escalate(add_days(getdate(doc.aangifte_due), 1))
		self.assertEqual(frappe.db.get_value(DOCTYPE, name, "aangifte_escalation"), 2)
		subjects = frappe.get_all(
			"Notification Log",
			filters={"for_user": BOARD_USER, "document_name": name, "subject": ("like", "%Aangifte%")},
			pluck="subject",
		)
		self.assertEqual(len(subjects), 1)

	def test_the_board_sees_who_viewed_and_downloaded_it_and_the_school_never_does(self):
		from frappe.desk.form.load import getdoc

		from meldcode_app.audit import download_pdf
		from meldcode_app.meldcode_app.report.meldcode_access_audit.meldcode_access_audit import (
			execute as school_audit,
		)
		from meldcode_app.meldcode_app.report.meldcode_staff_suspicion_access_audit.meldcode_staff_suspicion_access_audit import (
			execute as board_audit,
		)

		name = report(accused_user=ACCUSED_BOARD_USER).name
		as_user(BOARD_USER)(getdoc, DOCTYPE, name)
		as_user(BOARD_USER)(download_pdf, DOCTYPE, name)
		_columns, rows = as_user(BOARD_USER)(board_audit)
		seen = {(r["user"], r["action"], r["record"]) for r in rows}
		self.assertIn((BOARD_USER, "Bekeken", name), seen)
		self.assertIn((BOARD_USER, "PDF gedownload (PDF)", name), seen)
		_columns, rows = as_user(ACCUSED_BOARD_USER)(board_audit)
		self.assertNotIn(name, {r["record"] for r in rows}, "the accused sees nothing of it")
		for function in ("Aandachtsfunctionaris", "Director"):
			_columns, rows = as_user(staff_user("A", function))(school_audit)
			self.assertNotIn(name, {r["record"] for r in rows})
			with self.assertRaises(frappe.PermissionError):
				as_user(staff_user("A", function))(
					frappe.get_attr("frappe.desk.query_report.run"), "Meldcode Staff Suspicion Access Audit"
				)

	def test_the_board_prints_it_in_dutch_and_no_school_function_does(self):
		name = report().name
		self.board_saves(name, inspector_consulted_on=today(), inspector_name="Vertrouwensinspecteur X")
		frappe.local.lang = "en"
		html = as_user(BOARD_USER)(
			lambda: frappe.get_print(DOCTYPE, name, "Melding Misbruik door Professional")
		)
		for text in (
			"Vermoeden over een medewerker (meldplicht)",
			"Overleg met de vertrouwensinspecteur",
			"P.J.",
		):
			self.assertIn(text, html)
		for function in FUNCTIONS:
			# Frappe 15.55's print view answers "not found", later releases "not permitted".
			with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
				as_user(staff_user("A", function))(lambda: frappe.get_print(DOCTYPE, name))

	def test_dates_out_of_order_are_refused(self):
		name = report().name
		early, late = add_days(today(), -3), add_days(today(), 1)
		self.assertRefused(lambda: self.board_saves(name, inspector_consulted_on=early), "melding ontving")
		self.assertRefused(lambda: self.board_saves(name, inspector_consulted_on=late), "toekomst")

	def test_the_school_is_kept_and_nothing_is_deleted(self):
		doc = report()
		frappe.set_user(BOARD_USER)
		doc = frappe.get_doc(DOCTYPE, doc.name)
		doc.school = self.school_b
		self.assertRaises(frappe.PermissionError, doc.save)
		frappe.set_user("Administrator")
		self.assertRaises(frappe.PermissionError, frappe.delete_doc, DOCTYPE, doc.name)


class TestStaffReportOverHttp(MeldcodeTestCase):
	"""The same over HTTP (committed, removed afterwards): form, REST read and list, count."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.name = report(staff_user("A", "Teacher"), accused_user=staff_user("A", "Director")).name
		cls.named_report = report(staff_user("A", "Teacher"), accused_user=staff_user("A", "Director")).name
		cls.reader = staff_user("A", "Intern Begeleider")
		frappe.set_user(BOARD_USER)
		doc = frappe.get_doc(DOCTYPE, cls.named_report)
		doc.append("named_readers", {"user": cls.reader})
		doc.save()
		frappe.set_user("Administrator")
		cls.tokens = {
			user: api_token(user)
			for user in [staff_user(s, f) for s in ("A", "B") for f in FUNCTIONS] + [BOARD_USER]
		}
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		names = [cls.name, cls.named_report]
		for trace, field in (
			("Notification Log", "document_name"),
			("Version", "docname"),
			("ToDo", "reference_name"),
			("Comment", "reference_name"),
			("DocShare", "share_name"),
			("Meldcode Staff Report Reader", "parent"),
		):
			frappe.db.delete(trace, {field: ("in", names)})
		frappe.db.delete(DOCTYPE, {"name": ("in", names)})
		frappe.db.commit()
		super().tearDownClass()

	def doors(self, name=None):
		name = name or self.name
		return {
			"form": ("frappe.desk.form.load.getdoc", {"doctype": DOCTYPE, "name": name}),
			"REST read": (f"/api/resource/{DOCTYPE}/{name}", {}),
			"REST list": (f"/api/resource/{DOCTYPE}", {"filters": [["name", "=", name]]}),
			"list view": (
				"frappe.desk.reportview.get",
				{"doctype": DOCTYPE, "fields": ["name"], "filters": [["name", "=", name]]},
			),
			"count": ("frappe.client.get_count", {"doctype": DOCTYPE, "filters": {"name": name}}),
			"report count": (
				"frappe.desk.reportview.get_count",
				{"doctype": DOCTYPE, "filters": {"name": name}},
			),
		}

	def test_board_reads_and_every_school_function_is_refused_over_http(self):
		unexpected = []
		for user, token in self.tokens.items():
			for door, (method, params) in self.doors().items():
				status, payload = request_as(token, method, **params)
				if door in ("form", "REST read"):
					opened = status == 200
				elif door.endswith("count"):
					opened = status == 200 and payload not in (0, None)
				else:
					opened = status == 200 and self.name in frappe.as_json(payload)
				if opened != (user == BOARD_USER):
					unexpected.append(f"{user} {door}: {status} {str(payload)[:80]}")
		self.assertEqual(unexpected, [])

	def test_whom_the_board_named_reads_it_over_http_and_no_one_else_of_the_school(self):
		unexpected = []
		for user, token in self.tokens.items():
			for door, (method, params) in self.doors(self.named_report).items():
				status, payload = request_as(token, method, **params)
				if door in ("form", "REST read"):
					opened = status == 200
				elif door.endswith("count"):
					opened = status == 200 and payload not in (0, None)
				else:
					opened = status == 200 and self.named_report in frappe.as_json(payload)
				if opened != (user in (BOARD_USER, self.reader)):
					unexpected.append(f"{user} {door}: {status} {str(payload)[:80]}")
		self.assertEqual(unexpected, [])
		status, _payload = request_as(
			self.tokens[self.reader],
			"frappe.client.set_value",
			http="post",
			doctype=DOCTYPE,
			name=self.named_report,
			fieldname="inspector_name",
			value="X",
		)
		self.assertNotEqual(status, 200, "a named reader reads, and does not write")
