"""Checks the app's own JSON files against Frappe v15's meta data, without Frappe.

Most of Frappe's own DocType checks are skipped during ``bench migrate``
(``frappe/core/doctype/doctype/doctype.py`` runs them only outside migrations), so a broken
file can import silently and fail later in the desk. This module repeats those rules on the files
themselves, against Frappe's meta data as a bench's Frappe has it (or a copy of it, see conftest).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_KEYS = {"name", "doctype", "owner", "creation", "modified", "modified_by", "docstatus", "idx"}
# Keys Frappe writes into a file that are not fields of the meta DocType.
FILE_ONLY_KEYS = {"DocType": {"field_order"}}
NO_VALUE_FIELDS = {
	"Section Break", "Column Break", "Tab Break", "HTML", "Table", "Table MultiSelect",
	"Button", "Image", "Fold", "Heading",
}  # fmt: skip
TABLE_FIELDS = {"Table", "Table MultiSelect"}
TEXT_FIELDS = {"Text", "Long Text", "Small Text", "Code", "Text Editor", "Markdown Editor", "HTML Editor"}
UNIQUE_FIELDTYPES = {"Data", "Link", "Read Only", "Int"}
DATA_FIELD_OPTIONS = {"", "Email", "Name", "Phone", "URL", "Barcode"}
# BaseDocument._reserved_keywords, default and child-table fields, and the Document
# attributes a fieldname would shadow (frappe/model/base_document.py, document.py).
RESERVED_FIELDNAMES = DEFAULT_KEYS | {
	"parent", "parentfield", "parenttype", "meta", "flags", "permitted_fieldnames",
	"_table_fieldnames", "_reserved_keywords", "dont_update_if_missing", "_user_tags",
	"_comments", "_assign", "_liked_by", "_seen", "amend", "append", "as_dict", "as_json",
	"cancel", "check_permission", "db_set", "db_update", "delete", "get", "get_doc_before_save",
	"get_title", "has_permission", "insert", "is_new", "load_from_db", "notify_update", "reload",
	"run_method", "save", "set", "submit", "update", "validate", "get_url", "get_value",
	"docstatus", "name", "doctype", "__islocal", "__unsaved", "fields", "permissions", "states",
	"actions", "links", "print_format", "queue_action", "workflow_state_field",
}  # fmt: skip
FRAPPE_ROLES = {"Administrator", "System Manager", "All", "Guest", "Desk User"}
AUTONAME_PREFIXES = (
	"field:",
	"naming_series:",
	"format:",
	"hash",
	"prompt",
	"autoincrement",
	"Prompt",
	"UUID",
)
FIELDNAME = re.compile(r"^[a-z][a-z0-9_]*$")
BARE_ASSIGNMENT = re.compile(r"(?<![=!<>])=(?!=)")


@dataclass
class Meta:
	"""Frappe's meta DocTypes (DocType, DocField, Workflow, ...) and the names of existing DocTypes."""

	folder: Path
	doctypes: dict = field(default_factory=dict)
	frappe_doctypes: set = field(default_factory=set)
	education_doctypes: set = field(default_factory=set)

	@classmethod
	def load(cls, folder: Path) -> "Meta":
		"""From a copy of the meta data (../shared/frappe-meta/v15)."""
		meta = cls(folder)
		for path in folder.glob("*.json"):
			doc = json.loads(path.read_text())
			meta.doctypes[doc["name"]] = doc
		meta.frappe_doctypes = set(folder.joinpath("frappe_doctypes.txt").read_text().split("\n")) - {""}
		meta.education_doctypes = set(folder.joinpath("education_doctypes.txt").read_text().split("\n")) - {
			""
		}
		return meta

	@classmethod
	def from_bench(cls, apps: Path) -> "Meta":
		"""From the DocType files of a bench's Frappe (and Education, when the bench has it)."""
		meta = cls(apps)
		for app, names in (("frappe", meta.frappe_doctypes), ("education", meta.education_doctypes)):
			for doc in doctype_files(apps / app / app):
				names.add(doc["name"])
				if app == "frappe":
					meta.doctypes[doc["name"]] = doc
		return meta

	def fields(self, doctype: str) -> dict:
		return {f["fieldname"]: f for f in self.doctypes[doctype]["fields"]}

	def select_options(self, doctype: str, fieldname: str) -> list[str]:
		return (self.fields(doctype)[fieldname].get("options") or "").split("\n")


def doctype_files(package: Path) -> list[dict]:
	"""The DocType definitions of an app: <module>/doctype/<name>/<name>.json."""
	docs = (json.loads(p.read_text()) for p in package.glob("*/doctype/*/*.json") if p.stem == p.parent.name)
	return [doc for doc in docs if isinstance(doc, dict) and doc.get("doctype") == "DocType"]


@dataclass
class App:
	"""The files an app ships, by kind."""

	root: Path  # the python package, e.g. meldcode_app/

	def module_folders(self) -> list[Path]:
		names = self.root.joinpath("modules.txt").read_text().split("\n")
		return [self.root / name.strip().lower().replace(" ", "_") for name in names if name.strip()]

	def modules(self) -> set[str]:
		return {n.strip() for n in self.root.joinpath("modules.txt").read_text().split("\n") if n.strip()}

	def files(self, kind: str) -> list[Path]:
		return sorted(p for m in self.module_folders() for p in m.glob(f"{kind}/*/*.json"))

	def fixture(self, doctype: str) -> list[dict]:
		path = self.root / "fixtures" / (doctype.lower().replace(" ", "_") + ".json")
		return json.loads(path.read_text()) if path.exists() else []


class Checker:
	def __init__(self, meta: Meta, app: App):
		self.meta = meta
		self.app = app
		docs = [json.loads(p.read_text()) for p in app.files("doctype")]
		self.app_doctypes = {doc["name"]: doc for doc in docs}
		self.roles = FRAPPE_ROLES | {r["name"] for r in app.fixture("Role")}
		self.workflow_states = {r["name"] for r in app.fixture("Workflow State")}
		self.workflow_actions = {r["name"] for r in app.fixture("Workflow Action Master")}
		self.number_cards = {json.loads(p.read_text())["name"] for p in app.files("number_card")}
		self.reports = {json.loads(p.read_text())["name"] for p in app.files("report")}
		self.charts = {json.loads(p.read_text())["name"] for p in app.files("dashboard_chart")}

	# -- helpers
	def doctype_exists(self, name: str) -> bool:
		return (
			name in self.app_doctypes
			or name in self.meta.frappe_doctypes
			or name in self.meta.education_doctypes
		)

	def check_against_meta(self, doc: dict, meta_doctype: str, where: str) -> list[str]:
		"""Every key is a field of the meta DocType, Selects hold an option, Checks are 0/1."""
		errors = []
		fields = self.meta.fields(meta_doctype)
		for key, value in doc.items():
			if key in DEFAULT_KEYS | FILE_ONLY_KEYS.get(meta_doctype, set()) or key in (
				"parent",
				"parentfield",
				"parenttype",
			):
				continue
			if key not in fields:
				errors.append(f"{where}: '{key}' is not a property of {meta_doctype}")
				continue
			df = fields[key]
			if df["fieldtype"] == "Select" and value not in (None, "") and df.get("options"):
				if str(value) not in self.meta.select_options(meta_doctype, key):
					errors.append(
						f"{where}: {key} = {value!r} is not one of the options of {meta_doctype}.{key}"
					)
			if df["fieldtype"] == "Check" and value not in (0, 1, None):
				errors.append(f"{where}: {key} must be 0 or 1")
			if (
				df["fieldtype"] in TABLE_FIELDS
				and isinstance(value, list)
				and df["options"] in self.meta.doctypes
			):
				for i, row in enumerate(value, start=1):
					errors += self.check_against_meta(row, df["options"], f"{where} {key} row {i}")
		return errors

	def common(self, doc: dict, path: Path, doctype: str) -> list[str]:
		errors = []
		if doc.get("doctype") != doctype:
			errors.append(f"{path}: doctype is {doc.get('doctype')!r}, expected {doctype!r}")
		if not doc.get("modified"):
			errors.append(f"{path}: 'modified' is missing; migrate would skip later changes")
		if "module" in self.meta.fields(doctype) and doc.get("module") not in self.app.modules():
			errors.append(f"{path}: module {doc.get('module')!r} is not in modules.txt")
		return errors + self.check_against_meta(doc, doctype, str(path))

	# -- DocType
	def check_doctype(self, path: Path) -> list[str]:
		doc = json.loads(path.read_text())
		errors = self.common(doc, path, "DocType")
		name = doc.get("name", "")
		if path.stem != name.lower().replace(" ", "_").replace("-", "_"):
			errors.append(f"{path}: file name does not match DocType {name!r}")
		fields = doc.get("fields", [])
		by_name = {}
		for df in fields:
			errors += self.check_docfield(df, doc, by_name, path)
		if doc.get("field_order") and doc["field_order"] != [f.get("fieldname") for f in fields]:
			errors.append(f"{path}: field_order does not list the fields in order")
		for prop in ("title_field", "image_field", "timeline_field"):
			if doc.get(prop) and doc[prop] not in by_name:
				errors.append(f"{path}: {prop} {doc[prop]!r} is not a field")
		if (
			doc.get("sort_field")
			and doc["sort_field"] not in by_name
			and doc["sort_field"] not in DEFAULT_KEYS
		):
			errors.append(f"{path}: sort_field {doc['sort_field']!r} is not a field")
		for name_ in filter(None, (s.strip() for s in (doc.get("search_fields") or "").split(","))):
			if name_ not in by_name or by_name[name_]["fieldtype"] in NO_VALUE_FIELDS:
				errors.append(f"{path}: search field {name_!r} is not a value field")
		if doc.get("is_submittable"):
			amended = by_name.get("amended_from")
			if not amended or amended.get("fieldtype") != "Link" or amended.get("options") != name:
				errors.append(f"{path}: a submittable DocType needs an amended_from Link to itself")
		autoname = doc.get("autoname")
		if autoname and not autoname.startswith(AUTONAME_PREFIXES) and "#" not in autoname:
			errors.append(f"{path}: autoname {autoname!r} is not a form Frappe knows")
		if autoname and autoname.startswith("field:") and autoname[6:] not in by_name:
			errors.append(f"{path}: autoname field {autoname[6:]!r} is not a field")
		if doc.get("istable") and doc.get("permissions"):
			errors.append(f"{path}: a child table has no permissions of its own")
		errors += self.check_permissions(doc, by_name, path)
		return errors

	def check_docfield(self, df: dict, doc: dict, by_name: dict, path: Path) -> list[str]:
		errors = []
		fieldname, fieldtype = df.get("fieldname", ""), df.get("fieldtype", "")
		where = f"{path}: field {fieldname!r}"
		if not FIELDNAME.match(fieldname) or len(fieldname) > 64:
			errors.append(f"{where}: fieldname must be lower case letters, digits and _ (at most 64)")
		if fieldname in RESERVED_FIELDNAMES:
			errors.append(f"{where}: fieldname is reserved by Frappe")
		if fieldname in by_name:
			errors.append(f"{where}: fieldname is used twice")
		by_name[fieldname] = df
		if fieldtype not in self.meta.select_options("DocField", "fieldtype"):
			errors.append(f"{where}: fieldtype {fieldtype!r} does not exist in Frappe v15")
		options = df.get("options") or ""
		if fieldtype in ("Link", *TABLE_FIELDS) and not options:
			errors.append(f"{where}: {fieldtype} needs options")
		if fieldtype == "Link" and options and not self.doctype_exists(options):
			errors.append(f"{where}: Link target {options!r} exists neither in the app, Frappe nor Education")
		if fieldtype in TABLE_FIELDS and options:
			child = self.app_doctypes.get(options)
			if not child or not child.get("istable"):
				errors.append(f"{where}: Table target {options!r} is not a child DocType of the app")
		if fieldtype == "Dynamic Link":
			source = by_name.get(options) or next(
				(f for f in doc["fields"] if f.get("fieldname") == options), None
			)
			if not source or not (
				(source["fieldtype"] == "Link" and source.get("options") == "DocType")
				or source["fieldtype"] == "Select"
			):
				errors.append(f"{where}: Dynamic Link options must name a Link to DocType or a Select")
		if fieldtype == "Data" and options not in DATA_FIELD_OPTIONS:
			errors.append(f"{where}: Data options {options!r} is not one of {sorted(DATA_FIELD_OPTIONS)}")
		if fieldtype in NO_VALUE_FIELDS - TABLE_FIELDS and df.get("reqd"):
			errors.append(f"{where}: a {fieldtype} cannot be mandatory")
		if df.get("hidden") and df.get("reqd") and not df.get("default"):
			errors.append(f"{where}: a hidden mandatory field needs a default")
		default = df.get("default")
		if fieldtype == "Check" and default not in (None, "", "0", "1", 0, 1):
			errors.append(f"{where}: a Check default must be 0 or 1")
		if fieldtype == "Select" and default not in (None, "") and default not in options.split("\n"):
			errors.append(f"{where}: default {default!r} is not one of the options")
		if df.get("unique") and fieldtype not in UNIQUE_FIELDTYPES:
			errors.append(f"{where}: unique is only allowed on {sorted(UNIQUE_FIELDTYPES)}")
		if df.get("search_index") and fieldtype in TEXT_FIELDS:
			errors.append(f"{where}: no search index on a {fieldtype}")
		if df.get("in_list_view") and fieldtype in NO_VALUE_FIELDS | {"Attach Image"}:
			errors.append(f"{where}: a {fieldtype} cannot be shown in the list view")
		if df.get("in_global_search") and fieldtype in NO_VALUE_FIELDS:
			errors.append(f"{where}: a {fieldtype} cannot be in global search")
		for prop in ("depends_on", "mandatory_depends_on", "read_only_depends_on"):
			expression = df.get(prop) or ""
			if expression.startswith("eval:") and BARE_ASSIGNMENT.search(expression.replace("===", "==")):
				errors.append(f"{where}: {prop} contains an assignment, not a comparison")
		fetch_from = df.get("fetch_from")
		if fetch_from:
			link = fetch_from.split(".")[0]
			source = next((f for f in doc["fields"] if f.get("fieldname") == link), None)
			if not source or source["fieldtype"] not in ("Link", "Dynamic Link"):
				errors.append(f"{where}: fetch_from {fetch_from!r} does not start at a Link field")
			if link == fieldname:
				errors.append(f"{where}: fetch_from fetches into itself")
		return errors

	def check_permissions(self, doc: dict, by_name: dict, path: Path) -> list[str]:
		errors = []
		seen = set()
		level0_roles = {p["role"] for p in doc.get("permissions", []) if not p.get("permlevel")}
		for perm in doc.get("permissions", []):
			role, level = perm.get("role"), perm.get("permlevel", 0)
			where = f"{path}: permission for {role!r} at level {level}"
			if role not in self.roles:
				errors.append(f"{where}: role is neither shipped by the app nor a Frappe role")
			key = (role, level, perm.get("if_owner", 0))
			if key in seen:
				errors.append(f"{where}: duplicate permission row")
			seen.add(key)
			if not any(perm.get(p) for p in ("select", "read", "write", "submit", "cancel", "create")):
				errors.append(f"{where}: grants nothing")
			if level and role not in level0_roles:
				errors.append(f"{where}: a higher level needs a level 0 row for the same role")
			if level and any(perm.get(p) for p in ("create", "submit", "cancel", "amend")):
				errors.append(f"{where}: create, submit, cancel and amend exist only at level 0")
			if perm.get("cancel") and not perm.get("submit"):
				errors.append(f"{where}: cancel needs submit")
			if any(perm.get(p) for p in ("submit", "cancel", "amend")) and not perm.get("write"):
				errors.append(f"{where}: submit, cancel and amend need write")
			if (perm.get("submit") or perm.get("amend")) and not doc.get("is_submittable"):
				errors.append(f"{where}: submit or amend on a DocType that is not submittable")
			if perm.get("import") and not (perm.get("create") and doc.get("allow_import")):
				errors.append(f"{where}: import needs create and allow_import")
		levels = {df.get("permlevel", 0) for df in by_name.values()}
		for level in levels - {0}:
			if not any(p.get("permlevel", 0) == level for p in doc.get("permissions", [])):
				errors.append(f"{path}: fields at permlevel {level} but no permission row for that level")
		return errors

	# -- Workflow
	def check_workflow(self, path: Path) -> list[str]:
		doc = json.loads(path.read_text())
		errors = self.common(doc, path, "Workflow")
		target = self.app_doctypes.get(doc.get("document_type"))
		if not target:
			return errors + [
				f"{path}: document_type {doc.get('document_type')!r} is not a DocType of the app"
			]
		state_field = doc.get("workflow_state_field") or "workflow_state"
		if not any(f.get("fieldname") == state_field for f in target["fields"]):
			errors.append(f"{path}: {doc['document_type']} does not declare the field {state_field!r}")
		doc_status = {}
		for row in doc.get("states", []):
			if row.get("state") not in self.workflow_states:
				errors.append(f"{path}: state {row.get('state')!r} is not a shipped Workflow State")
			if row.get("allow_edit") not in self.roles:
				errors.append(
					f"{path}: state {row.get('state')!r} allows role {row.get('allow_edit')!r} that is not shipped"
				)
			doc_status[row.get("state")] = str(row.get("doc_status", "0"))
		for row in doc.get("transitions", []):
			where = f"{path}: transition {row.get('state')!r} -> {row.get('action')!r}"
			for key in ("state", "next_state"):
				if row.get(key) not in doc_status:
					errors.append(f"{where}: {key} {row.get(key)!r} is not a state of this workflow")
			if row.get("action") not in self.workflow_actions:
				errors.append(f"{where}: action is not a shipped Workflow Action Master")
			if row.get("allowed") not in self.roles:
				errors.append(f"{where}: role {row.get('allowed')!r} is not shipped")
			move = (doc_status.get(row.get("state")), doc_status.get(row.get("next_state")))
			if move[0] == "2" or move in (("1", "0"), ("0", "2")):
				errors.append(f"{where}: docstatus cannot go from {move[0]} to {move[1]}")
		return errors

	# -- module files other than DocTypes
	def check_print_format(self, path: Path) -> list[str]:
		doc = json.loads(path.read_text())
		errors = self.common(doc, path, "Print Format")
		if doc.get("doc_type") not in self.app_doctypes:
			errors.append(f"{path}: doc_type {doc.get('doc_type')!r} is not a DocType of the app")
		if doc.get("standard") != "Yes":
			errors.append(f"{path}: a shipped print format must be standard")
		if not doc.get("html") and not path.with_suffix(".html").exists():
			errors.append(f"{path}: neither html nor a sibling .html file")
		return errors

	def check_report(self, path: Path) -> list[str]:
		doc = json.loads(path.read_text())
		errors = self.common(doc, path, "Report")
		if not self.doctype_exists(doc.get("ref_doctype", "")):
			errors.append(f"{path}: ref_doctype {doc.get('ref_doctype')!r} does not exist")
		if doc.get("is_standard") != "Yes":
			errors.append(f"{path}: a shipped report must be standard")
		if doc.get("report_type") == "Script Report" and not path.with_suffix(".py").exists():
			errors.append(f"{path}: a Script Report needs a sibling .py file")
		for row in doc.get("roles", []):
			if row.get("role") not in self.roles:
				errors.append(f"{path}: role {row.get('role')!r} is not shipped")
		return errors

	def check_notification(self, path: Path) -> list[str]:
		doc = json.loads(path.read_text())
		errors = self.common(doc, path, "Notification")
		target = self.app_doctypes.get(doc.get("document_type"))
		if not target:
			return errors + [
				f"{path}: document_type {doc.get('document_type')!r} is not a DocType of the app"
			]
		if doc.get("event") in ("Days Before", "Days After"):
			if not any(f.get("fieldname") == doc.get("date_changed") for f in target["fields"]):
				errors.append(f"{path}: date_changed {doc.get('date_changed')!r} is not a field")
		return errors

	def check_workspace(self, path: Path) -> list[str]:
		doc = json.loads(path.read_text())
		errors = self.common(doc, path, "Workspace")
		for row in doc.get("links", []) + doc.get("shortcuts", []):
			kind, target = row.get("link_type") or row.get("type"), row.get("link_to")
			if kind == "DocType" and target and not self.doctype_exists(target):
				errors.append(f"{path}: link to DocType {target!r} that does not exist")
			if kind == "Report" and target and target not in self.reports:
				errors.append(f"{path}: link to Report {target!r} that the app does not ship")
		for row in doc.get("roles", []):
			if row.get("role") not in self.roles:
				errors.append(f"{path}: role {row.get('role')!r} is not shipped")
		for row in doc.get("number_cards", []):
			if row.get("number_card_name") not in self.number_cards:
				errors.append(f"{path}: number card {row.get('number_card_name')!r} is not shipped")
		for row in doc.get("charts", []):
			if row.get("chart_name") not in self.charts:
				errors.append(f"{path}: chart {row.get('chart_name')!r} is not shipped")
		try:
			blocks = json.loads(doc.get("content") or "[]")
		except ValueError:
			return errors + [f"{path}: content is not JSON"]
		shortcuts = {row.get("label") for row in doc.get("shortcuts", [])}
		cards = {row.get("label") for row in doc.get("links", []) if row.get("type") == "Card Break"}
		for block in blocks:
			data = block.get("data", {})
			if block.get("type") == "shortcut" and data.get("shortcut_name") not in shortcuts:
				errors.append(
					f"{path}: content shows shortcut {data.get('shortcut_name')!r} that is not defined"
				)
			if block.get("type") == "card" and data.get("card_name") not in cards:
				errors.append(f"{path}: content shows card {data.get('card_name')!r} that is not defined")
		return errors

	def check_number_card(self, path: Path) -> list[str]:
		doc = json.loads(path.read_text())
		errors = self.common(doc, path, "Number Card")
		if doc.get("type") == "Document Type" and not self.doctype_exists(doc.get("document_type", "")):
			errors.append(f"{path}: document_type {doc.get('document_type')!r} does not exist")
		if doc.get("type") == "Report" and doc.get("report_name") not in self.reports:
			errors.append(f"{path}: report {doc.get('report_name')!r} is not shipped")
		return errors

	def check_fixtures(self) -> list[str]:
		errors = []
		for path in sorted((self.app.root / "fixtures").glob("*.json")):
			for i, record in enumerate(json.loads(path.read_text()), start=1):
				doctype = record.get("doctype")
				if doctype not in self.meta.doctypes:
					errors.append(f"{path} record {i}: no meta for {doctype!r} to check it against")
					continue
				if not record.get("name"):
					errors.append(f"{path} record {i}: has no name")
				errors += self.check_against_meta(record, doctype, f"{path} record {i}")
		return errors

	def check_all(self) -> list[str]:
		errors = self.check_fixtures()
		kinds = {
			"doctype": self.check_doctype,
			"workflow": self.check_workflow,
			"print_format": self.check_print_format,
			"report": self.check_report,
			"notification": self.check_notification,
			"workspace": self.check_workspace,
			"number_card": self.check_number_card,
		}
		for kind, check in kinds.items():
			for path in self.app.files(kind):
				errors += check(path)
		return errors
