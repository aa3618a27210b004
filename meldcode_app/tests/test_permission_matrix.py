"""Every door to a case record, tried by every role of the same school and of the other school."""

import json

import frappe
from frappe.desk.form.load import get_docinfo, getdoc
from frappe.desk.reportview import execute as report_view
from frappe.desk.reportview import export_query
from frappe.desk.search import search_link
from frappe.utils.global_search import search as global_search

from meldcode_app.meldcode_app.doctype.meldcode_monitoring_report.test_meldcode_monitoring_report import (
	report as monitoring_report,
)
from meldcode_app.tests.factories import (
	PUPIL,
	as_user,
	melding,
	open_dossier,
	weighing,
)
from meldcode_app.tests.test_board import incident as safety_incident
from meldcode_app.tests.utils import ADMIN_USER, BOARD_USER, FUNCTIONS, MeldcodeTestCase, staff_user


def refused(call) -> bool:
	try:
		call()
	except (frappe.PermissionError, frappe.DoesNotExistError):  # print refuses as "not found"
		return True
	finally:
		frappe.clear_messages()
	return False


def export_contains(doctype, name) -> bool:
	frappe.local.form_dict = frappe._dict(
		doctype=doctype,
		file_format_type="CSV",
		fields=json.dumps([f"`tab{doctype}`.`name`"]),
		filters=json.dumps({"name": name}),
		title=doctype,
	)
	frappe.local.response = frappe._dict()
	export_query()
	return name in (frappe.response.get("filecontent") or b"").decode()


def version_history(doctype, name) -> list[str]:
	"""The versions the form's timeline shows."""
	frappe.local.response = frappe._dict()
	get_docinfo(doctype=doctype, name=name)
	return [v.name for v in frappe.response["docinfo"]["versions"]]


DOORS = {
	"form": lambda dt, name, files, versions: not refused(lambda: getdoc(dt, name)),
	"list": lambda dt, name, files, versions: name in frappe.get_list(dt, pluck="name"),
	"report view": lambda dt, name, files, versions: any(
		row[0] == name for row in report_view(dt, fields=["name"], filters={"name": name}, as_list=True)
	),
	"REST get": lambda dt, name, files, versions: not refused(lambda: frappe.client.get(dt, name)),
	"REST list": lambda dt, name, files, versions: bool(
		frappe.client.get_list(dt, fields=["name"], filters={"name": name})
	),
	"link search": lambda dt, name, files, versions: name in [r["value"] for r in search_link(dt, name)],
	"global search": lambda dt, name, files, versions: any(r.doctype == dt for r in global_search(PUPIL)),
	"print": lambda dt, name, files, versions: not refused(lambda: frappe.get_print(dt, name)),
	"export": lambda dt, name, files, versions: (
		not refused(lambda: export_contains(dt, name)) and export_contains(dt, name)
	),
	"attachment": lambda dt, name, files, versions: frappe.has_permission("File", "read", files[dt]),
	"version history": lambda dt, name, files, versions: versions[dt].name in version_history(dt, name),
	"version record": lambda dt, name, files, versions: frappe.has_permission(
		"Version", "read", versions[dt]
	),
	"version list": lambda dt, name, files, versions: bool(
		frappe.get_list("Version", filters={"ref_doctype": dt, "docname": name})
	),
}
# Doors no one but Administrator passes: nothing of a case is exported or found by global search,
# and versions are read on the record itself, never in a list of their own.
CLOSED_TO_ALL = {"export", "global search", "version record", "version list"}


class TestPermissionMatrix(MeldcodeTestCase):
	def make_case_records(self):
		dossier = open_dossier()
		records = {
			"Meldcode Dossier": dossier.name,
			"Meldcode Signal": frappe.get_all("Meldcode Signal", {"dossier": dossier.name}, pluck="name")[0],
			"Meldcode Conversation": self.teachers_own_conversation(dossier).name,
			"Meldcode Weighing": weighing(dossier, "No", submit=False).name,
			"Veilig Thuis Contact": melding(dossier, submit=False).name,
			"Meldcode Correction Request": frappe.get_doc(
				{
					"doctype": "Meldcode Correction Request",
					"dossier": dossier.name,
					"received_on": frappe.utils.today(),
					"requested_changes": [
						{
							"record_type": "Meldcode Dossier",
							"record": dossier.name,
							"requested_change": "x",
							"ground": "Not Relevant",
						}
					],
				}
			)
			.insert()
			.name,
			"Meldcode Monitoring Report": monitoring_report(dossier).name,
			"Safety Incident": safety_incident().name,
		}
		files, versions = {}, {}
		for doctype, name in records.items():
			doc = frappe.get_doc(doctype, name)
			files[doctype] = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"bijlage-{frappe.scrub(doctype)}.txt",
					"content": "vertrouwelijk",
					"is_private": 1,
					"attached_to_doctype": doctype,
					"attached_to_name": name,
				}
			).insert()
			doc.add_comment("Comment", "Extra toelichting")
			frappe.db.set_value(doctype, name, "modified", frappe.utils.now())
			versions[doctype] = frappe.get_doc(
				{"doctype": "Version", "ref_doctype": doctype, "docname": name, "data": "{}"}
			).insert(ignore_permissions=True)
		return records, files, versions

	def teachers_own_conversation(self, dossier):
		doc = frappe.get_doc(
			{
				"doctype": "Meldcode Conversation",
				"school": self.school_a,
				"dossier": dossier.name,
				"pupil_name": PUPIL,
				"conversation_type": "Child",
				"conversation_date": frappe.utils.today(),
				"school_participants": [{"user": staff_user("A", "Teacher"), "part": "Leads"}],
				"goal": "Vragen hoe het gaat.",
				"report": "Sam vertelt over thuis.",
			}
		)
		return as_user(staff_user("A", "Teacher"))(doc.insert)

	def expected(self, user, doctype, door) -> bool:
		if door in CLOSED_TO_ALL:
			return False
		if user in (staff_user("A", f) for f in ("Intern Begeleider", "Aandachtsfunctionaris", "Director")):
			return True
		return user == staff_user("A", "Teacher") and doctype in ("Meldcode Signal", "Meldcode Conversation")

	def test_every_door_for_every_role_of_both_schools(self):
		records, files, versions = self.make_case_records()
		users = [staff_user(s, f) for s in ("A", "B") for f in FUNCTIONS] + [BOARD_USER, ADMIN_USER]
		probes, unexpected = 0, []
		for user in users:
			frappe.set_user(user)
			for doctype, name in records.items():
				for door, passes in DOORS.items():
					probes += 1
					try:
						got = bool(passes(doctype, name, files, versions))
					except frappe.PermissionError:
						got = False
					finally:
						frappe.clear_messages()
					if got != self.expected(user, doctype, door):
						unexpected.append(f"{user} {doctype} {door}: {'open' if got else 'closed'}")
			frappe.set_user("Administrator")
		print(
			f"\npermission matrix: {len(users)} users x {len(records)} doctypes x {len(DOORS)} doors: {probes} probes, {len(unexpected)} unexpected"
		)
		self.assertEqual(unexpected, [])
