"""Automations and customisations never target a case record or a trace of one.

A Notification, Webhook, Assignment Rule, Auto Repeat, Document Naming Rule, Workflow, Server or
Client Script, Print Format, Web Form, Custom Field, Property Setter, permission rule or Auto
Email Report runs code or sends data for every record of its DocType, past the case team: set up
on a case DocType or on a trace that holds case text (a Version holds old and new values), it
would copy a case out of need-to-know. Only the bench's Administrator (installing and migrating
the app, which ships its own workflow and print formats) sets them up; names are compared as the
database compares them, so "Meldcode Dossíer" is "Meldcode Dossier"."""

import json
import re

import frappe
from frappe import _
from frappe.automation.doctype.milestone_tracker.milestone_tracker import MilestoneTracker
from frappe.core.doctype.server_script.server_script import ServerScript
from frappe.desk.doctype.bulk_update.bulk_update import BulkUpdate, submit_cancel_or_update_docs
from frappe.email.doctype.notification.notification import Notification
from frappe.model import core_doctypes_list, default_fields
from frappe.social.doctype.energy_point_rule.energy_point_rule import EnergyPointRule
from frappe.utils import cint

from meldcode_app.access.grants import bench_administrator_acts
from meldcode_app.access.meta_names import FIELD_NAME, a_plain_template, names_a_field
from meldcode_app.access.permissions import of_the_app, shipped
from meldcode_app.access.request_guard import TRACE_NAMES, protected_reached
from meldcode_app.access.search_index import case_record_or_trace
from meldcode_app.rules.automations import LINKING_FIELDTYPES, SWITCH_OFF, TARGET_FIELDS
from meldcode_app.rules.desk import MODULE
from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.query_fragments import STORED_FRAGMENTS, stored_fragments_reached
from meldcode_app.rules.registry import (
	APP_DOCTYPES,
	BENCH_ADMINISTRATOR_SETTINGS,
	PROTECTED_DOCTYPES,
	RECORD_DOCTYPES,
	SECRET_DOCTYPES,
	TEXT_TRACES,
)
from meldcode_app.rules.request_names import folded, names_a_secret_field
from meldcode_app.utils import translated

# The case records, their text traces, and what logs someone in (the mails Frappe queues hold
# password-reset and login links: a webhook on the Email Queue handed a parent's account over), and
# every DocType of the app (a System Manager's workflow on Meldcode Access Grant kept anyone from
# having access taken away, round 66).
OUT_OF_REACH = {
	folded(name): name
	for name in (*PROTECTED_DOCTYPES, *TEXT_TRACES, *SECRET_DOCTYPES, "Email Queue Recipient", *APP_DOCTYPES)
}


def targets(doc) -> set[str]:
	"""The case or trace DocTypes ``doc`` acts on."""
	names = acted_on(doc)
	return {OUT_OF_REACH[folded(n)] for n in names if isinstance(n, str) and folded(n) in OUT_OF_REACH}


def acted_on(doc) -> list:
	"""The DocTypes a configuration record names for Frappe to act on, read or link to."""
	names = [doc.get(field) for field in TARGET_FIELDS.get(doc.doctype, ())]
	if doc.doctype == "Property Setter" and doc.get("property") != "options":
		names = names[:1]  # a label or description "File" is text, a field's options a DocType
	if doc.doctype == "Auto Email Report" and doc.get("report"):
		names.append(frappe.db.get_value("Report", doc.report, "ref_doctype"))
	if doc.doctype == "DocType":
		names += [df.options for df in doc.get("fields") or [] if df.fieldtype in LINKING_FIELDTYPES]
		names += [df.options for df in doc.get("fields") or [] if ":" in (df.options or "")]
	# A currency's options "DocType:link field:column" have Frappe look the column up in the
	# linked record, with no permission check, each time the value is formatted: a System
	# Manager's Currency field on a Note wrote a dossier's pupil into the note's history (round 42).
	names += [n.split(":", 1)[0] for n in names if isinstance(n, str) and ":" in n]
	return names


def refuse_case_targets(doc, method=None):
	"""Hook (validate) of every configuration DocType above, and of a DocType made in the desk."""
	if frappe.session.user == "Administrator" or (doc.doctype == "DocType" and not doc.get("custom")):
		return
	names = [folded(name) for name in acted_on(doc) if isinstance(name, str)]
	found = {OUT_OF_REACH[name] for name in names if name in OUT_OF_REACH}
	if doc.doctype in NOT_ON_TRACES or doc.doctype == "DocType":
		# they act on every record of their DocType with no hook of the app's between: on a trace
		# (a file, a workflow action) of a case too. An Assignment Rule's ToDo copied a case file's
		# name and a dossier's step into its text, a Document Naming Rule's counter told when a
		# dossier got a file and renamed it "F-0001" (round 57). A DocType made in the desk links
		# to none either, as a Custom Field does not (its fetch copied a case ToDo's text, round 59).
		found |= {TRACE_NAMES[name] for name in names if name in TRACE_NAMES}
	if found:
		frappe.throw(
			_("A {0} cannot act on {1}: Meldcode records and their history stay with the case team.").format(
				_(doc.doctype), ", ".join(_(name) for name in sorted(found))
			),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	owned = [ADMINISTRATORS_OWN[name] for name in names if name in ADMINISTRATORS_OWN]
	if (field := CUSTOMISED.get(doc.doctype)) and of_the_app(doc.get(field)):
		# who may read or change the app's settings, schools and grants: a System Manager took them
		# from the Meldcode Administrator and the directors, and gave them to an Accounts User (round
		# 63); a Property Setter made a setting's number text, which its limits no longer judged
		# (round 64)
		owned.append(doc.get(field))
	if owned:
		# Their records hold secrets kept as plain text (an OAuth client's secret): a title field, a
		# permission, a link to fetch from or a notification of a System Manager's would show them
		# to others (rounds 53, 54).
		frappe.throw(
			_("{0} is customised by the bench's Administrator only.").format(_(owned[0])),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if sees_passwords_as_typed(doc):
		frappe.throw(
			_(
				"Only the bench's Administrator sets up a {0} that reads what is typed into a password field of {1}."
			).format(
				_(doc.doctype),
				_(doc.name if doc.doctype == "DocType" else doc.get(TARGET_FIELDS[doc.doctype][0])),
			),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if any(names_a_secret_field(setting) for setting in settings_naming_fields(doc)):
		# A System Manager's fetch_from "allocated_to.api_key" on ToDo copied a user's key into a
		# ToDo anyone it is for reads (round 47); User's title field set to api_key or
		# reset_password_key showed it to anyone who asked for a link's title (round 53).
		frappe.throw(
			_("A setting cannot name a key or password field: Frappe would copy or show it to others."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if fetch := fetch_past_fields(doc):
		frappe.throw(
			_("A fetch names a link field and a field of the linked DocType only: {0}").format(fetch),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if (named := names_no_field(doc)) is not None:
		frappe.throw(
			_(
				"A field's name, and the field a dynamic link takes its DocType from, are field names: {0}"
			).format(named),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if doc.doctype in CUSTOMISES and folded(doc.get(CUSTOMISES[doc.doctype]) or "") in CORE_DOCTYPES:
		# Customize Form leaves Frappe's core DocTypes as Frappe made them, and the Custom Field form
		# offers none: written directly, a default password and role profile on User were given to
		# every parent's account a case team shared with (round 193), and a password field of User
		# took every login (round 183).
		frappe.throw(
			_("{0} is one of Frappe's core DocTypes: only the bench's Administrator customises it.").format(
				_(doc.get(CUSTOMISES[doc.doctype]))
			),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if (template := title_template_past_fields(doc)) is not None:
		frappe.throw(
			_("A title's template fills in field values only: {0}").format(template),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if doc.doctype == "Property Setter" and not customize_form_sets(doc):
		frappe.throw(
			_("{0} is set through Customize Form, where Frappe checks it.").format(doc.property),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if doc.doctype == "Property Setter" and not names_fields_only(doc):
		frappe.throw(
			_("{0} of {1} names fields of {1} only.").format(_(doc.property), _(doc.doc_type)),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


# The Server Script events that run before Frappe stores a record's passwords apart.
BEFORE_THE_SAVE = frozenset(
	("Before Insert", "Before Validate", "Before Save", "Before Submit", "Before Save (Submitted Document)")
)
# What reads a record of its DocType with code, a template or a condition, or names it from its
# fields.
RUNS_CODE_ON_RECORDS = (
	"Notification",
	"Webhook",
	"Server Script",
	"Assignment Rule",
	"Energy Point Rule",
	"Workflow",
	"Document Naming Rule",
)
# User keeps the password typed into it in a private copy through its save (User.validate), which
# a template reads with doc.get("_User__new_password").
KEEPS_THE_TYPED_PASSWORD = frozenset(("User",))


def sees_passwords_as_typed(doc) -> bool:
	"""A record holds its passwords as typed until its save stores them apart, User (a colleague's
	new password) through the save: a System Manager's Notification on User's ``before_validate``
	and then on its save read it (round 94, 95), as a Server Script before the save would; a
	Document Naming Rule, or an autoname, named a new account and a mail account after the
	password typed into them (round 97)."""
	if doc.doctype == "DocType":  # a DocType made in the desk, named or titled after its password
		passwords = [row.fieldname for row in doc.get("fields") or [] if row.fieldtype == "Password"]
		named = " ".join(
			str(value or "")
			for value in (
				*(doc.get(setting) for setting in ("autoname", *FIELD_SETTINGS)),
				*(row.options for row in doc.get("fields") or [] if row.fieldname == "naming_series"),
			)
		)
		return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", named) for name in passwords)
	if doc.doctype == "Property Setter":
		names_records = doc.get("property") == "autoname" or (
			doc.get("field_name") == "naming_series" and doc.get("property") == "options"
		)
		return names_records and holds_passwords(doc.get("doc_type"))
	if doc.doctype not in RUNS_CODE_ON_RECORDS:
		return False
	doctype = doc.get(TARGET_FIELDS[doc.doctype][0])
	if canonical(doctype) in KEEPS_THE_TYPED_PASSWORD:
		return True
	before_the_save = (
		(doc.doctype == "Notification" and doc.get("event") == "Method")
		or (doc.doctype == "Server Script" and doc.get("doctype_event") in BEFORE_THE_SAVE)
		or doc.doctype == "Document Naming Rule"  # names a record before its save
	)
	return before_the_save and holds_passwords(doctype)


def canonical(doctype) -> str | None:
	"""A DocType's name as stored, however it was spelled (the database compares names alike)."""
	return isinstance(doctype, str) and frappe.db.get_value("DocType", doctype) or None


def holds_passwords(doctype) -> bool:
	doctype = canonical(doctype)
	return bool(doctype) and bool(frappe.get_meta(doctype).get("fields", {"fieldtype": "Password"}))


def keep_doctypes_as_shipped(doctype, method=None, *args, **kwargs):
	"""DocType before_validate, on_trash and before_rename: the app's DocTypes, their fields and
	their permission rows, and every DocType an app ships, change with their app only (install,
	migrate: the bench's Administrator). A System Manager set ``custom`` on Meldcode Access Grant,
	which took its controller and the four eyes with it (Frappe runs a custom DocType's records
	with no controller, and none of the app's overrides: File's, Notification's), gave System
	Manager write in its permission rows, and wrote themselves an Active grant at another school,
	"decided" by its director (round 64)."""
	refuse_changing_shipped(
		"DocType", doctype.name, of_the_app(doctype.name) or doctype.get("module") == MODULE
	)


def keep_modules_as_shipped(module, method=None, *args, **kwargs):
	"""Module Def before_validate, on_trash and before_rename: an app's module is its own. Renaming
	"Meldcode App" rewrote the module of every DocType and workspace of the app, which then no longer
	counted as the app's (round 64). A module an app ships comes with the app: "Meldcode-App", made
	as not custom, was the app's own folder to Frappe's exports (round 205)."""
	refuse_changing_shipped("Module Def", module.name)
	if method == "before_validate" and module.is_new() and not cint(module.get("custom")):
		refuse_changing_shipped("Module Def", module.name, of_the_app=True)


# Records Frappe writes to the server's files at a path their name chooses (a theme's stylesheet at
# every save, a module's folder): a theme named "../../../tmp/x" wrote files outside the site (round
# 205). Their names take no path steps.
NAMED_FILES = ("Website Theme", "Module Def")
PATH_STEP = re.compile(r"[/\\]|\.\.")


def refuse_paths_in_names(doc, method=None, old=None, new=None, *args, **kwargs):
	"""Before validate and before rename of NAMED_FILES."""
	name = new if method == "before_rename" else doc.name
	if isinstance(name, str) and PATH_STEP.search(name) and not bench_administrator_acts():
		frappe.throw(
			_("The name of a {0} holds no path (a slash, a backslash or two dots).").format(_(doc.doctype)),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def refuse_changing_shipped(doctype: str, name: str, of_the_app: bool = False) -> None:
	"""A DocType or module an app ships (stored as not custom), or one of the app's, changes with the
	app only: by the bench's Administrator."""
	if bench_administrator_acts():
		return
	stored = frappe.db.get_value(doctype, name, "custom")
	if of_the_app or (stored is not None and not cint(stored)):
		frappe.throw(
			_("{0} is customised by the bench's Administrator only.").format(_(name)),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def judge_rows_saved_alone(row, method=None, *args, **kwargs):
	"""Hook (before_validate and on_trash of every DocType): a row of a table saved or deleted on its
	own (``frappe.client.bulk_update``, ``DELETE /api/resource/DocPerm/…``) runs none of its parent's
	hooks: a System Manager deleted a case DocType's permission row (its team locked out), gave
	someone Meldcode Administrator in a Has Role row, pointed a shortcut of the team's workspace to
	a page of their own (round 64), emptied the route's workflow transitions and took the app's
	reports and page from their roles (round 65). Such rows change through their parent only."""
	if not row.meta.istable or bench_administrator_acts():
		return
	# Judged where the row is and where it goes, each parent by its DocType's own name: a row saved
	# with its parent's DocType in lower case is that parent's to the database (round 66).
	places = {(row.get("parenttype"), row.get("parent"))}
	if not row.is_new() and (stored := frappe.db.get_value(row.doctype, row.name, ["parenttype", "parent"])):
		places.add(tuple(stored))
	for parenttype, parent in places:
		if parenttype:
			judge_a_row_of(frappe.db.get_value("DocType", parenttype, "name") or parenttype, parent)


def keep_rows_with_their_parent(doc, method=None, *args, **kwargs):
	"""Hook (before_validate, before_cancel and before_update_after_submit of every DocType): Frappe
	writes a saved document's rows by their names alone, so a row sent with the name of another
	record's row moved into the document being saved with its values, none of its parent's hooks
	ran, and the next save deleted it: a teacher took a case team member's role row and the board
	report's role rows into a workspace of her own, a System Manager a case DocType's permission
	rows into a DocType of their own and a school's staff row into another school (round 68). A
	stored row stays with its parent."""
	if doc.is_new() or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	own = (folded(doc.doctype), folded(str(doc.name)))
	for table in doc.meta.get_table_fields():
		names = [row.name for row in doc.get(table.fieldname) or () if row.name and not row.get("__islocal")]
		if not names:
			continue
		for name, parenttype, parent in frappe.get_all(
			table.options,
			filters={"name": ("in", names)},
			fields=["name", "parenttype", "parent"],
			as_list=True,
		):
			if (folded(parenttype or ""), folded(parent or "")) != own:
				frappe.throw(
					_("Row {0} belongs to another record; a row is added as a new one.").format(name),
					frappe.PermissionError,
					title=_("Not allowed"),
				)


def judge_a_row_of(parenttype: str, parent: str) -> None:
	if parenttype == "DocType":
		refuse_changing_shipped("DocType", parent, of_the_app(parent))
	elif parenttype == "Workspace":
		from meldcode_app.access.code_in_pages import keep_the_apps_workspaces

		stored = frappe.db.get_value("Workspace", parent, ["name", "module", "for_user"], as_dict=True)
		keep_the_apps_workspaces(stored or frappe._dict(name=parent))
	elif parenttype in ROWS_THROUGH_THE_PARENT or of_the_app(parenttype) or shipped(parenttype, parent):
		frappe.throw(
			_("A row of {0} changes through its {0} only.").format(_(parenttype)),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def keep_shipped_records(doc, method=None, *args, **kwargs):
	"""Hook (before_validate, before_insert and on_trash of every DocType): what the app ships (its
	workflow, print formats, number cards, chart, workflow states and actions, onboarding, module
	profile) is changed, deleted or made anew under its name by the bench's Administrator only. A
	System Manager deleted the route's workflow, after which no dossier could be saved, and made a
	number card of their own under a shipped card's name (round 65). A role's own settings (two-factor
	login, say) stay the site's; keep_access_roles keeps what the app needs of them."""
	if method == "before_validate" and doc.doctype == "Role":
		return
	if shipped(doc.doctype, doc.name) and not bench_administrator_acts():
		frappe.throw(
			_("{0} {1} comes with the app: only the bench's Administrator changes it.").format(
				_(doc.doctype), doc.name
			),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def refuse_custom_roles_on_the_apps_pages(custom_role, method=None):
	"""Custom Role before_validate: Frappe reads a report's (or page's) roles from its Custom Role
	instead of its own; one on the app's report took it from the aandachtsfunctionarissen, and one on
	the board's security status gave it to a System Manager (round 65)."""
	if bench_administrator_acts():
		return
	if shipped("Report", custom_role.get("report")) or shipped("Page", custom_role.get("page")):
		frappe.throw(
			_("Who opens the app's reports and pages comes with the app."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


# Whose rows steer who reads or does what: changed through their form only.
ROWS_THROUGH_THE_PARENT = frozenset(
	(
		"User",
		"Role Profile",
		"Module Profile",
		"Workflow",
		"Report",
		"Page",
		"Module Def",
		"Module Onboarding",
		"User Type",
		"Custom Role",
	)
)


def refuse_renaming_shipped(doc, method=None, old=None, new=None, merge=False):
	"""Hook (before_rename of every DocType): what the app ships keeps its name, and nothing is
	merged into it, but by the bench's Administrator. A System Manager renamed the staff-suspicion
	page (gone from every teacher), a workflow action (the route's transitions followed), the route's
	workflow and its print formats, and merged a module of their own into the app's (round 65)."""
	if bench_administrator_acts():
		return
	if shipped(doc.doctype, old) or shipped(doc.doctype, new):
		frappe.throw(
			_("{0} {1} comes with the app: only the bench's Administrator renames it.").format(
				_(doc.doctype), old
			),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


# The customisations of one DocType, by the field that names it.
CUSTOMISED = {"Custom DocPerm": "parent", "Property Setter": "doc_type", "Custom Field": "dt"}
# What only the bench's Administrator sets up, customises or links to.
ADMINISTRATORS_OWN = {folded(name): name for name in BENCH_ADMINISTRATOR_SETTINGS}
# A DocType's settings that name its fields for Frappe to show, search or sort by.
FIELD_SETTINGS = (
	"title_field",
	"search_fields",
	"sort_field",
	"image_field",
	"subject_field",
	"sender_field",
)


def title_template_past_fields(doc) -> str | None:
	"""The template of a title field (its options or default, which Frappe fills with the record
	by ``str.format``) that reaches past field values (meta_names.a_plain_template), if any."""
	if doc.doctype == "Custom Field" and doc.fieldname == "title":
		templates = [doc.options, doc.default]
	elif (
		doc.doctype == "Property Setter"
		and doc.doctype_or_field == "DocField"
		and doc.field_name == "title"
		and doc.property in ("options", "default")
	):
		templates = [doc.value]
	elif doc.doctype == "DocType":
		templates = [
			value for row in doc.fields if row.fieldname == "title" for value in (row.options, row.default)
		]
	else:
		return None
	return next((str(value) for value in templates if value and not a_plain_template(value)), None)


def names_no_field(doc) -> str | None:
	"""A custom field's name, or a dynamic link's options (the field that names its DocType), that
	is no field name: Frappe pastes both into queries, and the definition Frappe builds leaves such
	a field out, its own checks with it (round 108)."""
	if doc.doctype == "Custom Field":
		if doc.fieldname and not names_a_field(doc.fieldname):
			return doc.fieldname
		if doc.fieldtype == "Dynamic Link" and not names_a_field(doc.options or ""):
			return doc.options or ""
	if doc.doctype == "Property Setter" and doc.doctype_or_field == "DocField" and doc.property == "options":
		df = frappe.get_meta(doc.doc_type).get_field(doc.field_name)
		if df is not None and df.fieldtype == "Dynamic Link" and not names_a_field(doc.value or ""):
			return doc.value or ""
	return None


# The DocType a customisation changes, and Frappe's own DocTypes that Customize Form refuses.
CUSTOMISES = {"Custom Field": "dt", "Property Setter": "doc_type"}
CORE_DOCTYPES = frozenset(map(folded, core_doctypes_list))


# What Customize Form sets, by what it sets it on (and the orders it keeps): a Property Setter
# written directly renamed a field to a subquery that Frappe pasted into every save (round 107).
def customize_form_sets(setter) -> bool:
	from frappe.custom.doctype.customize_form import customize_form as form

	properties = {
		"DocType": {*form.doctype_properties, "field_order", "links_order", "actions_order", "states_order"},
		"DocField": form.docfield_properties,
		"DocType Link": form.doctype_link_properties,
		"DocType Action": form.doctype_action_properties,
		"DocType State": form.doctype_state_properties,
	}.get(setter.doctype_or_field)
	return properties is None or setter.property in properties


def names_fields_only(setter) -> bool:
	"""Frappe pastes a DocType's title, search, sort, image and other field settings into its
	queries as they are, and checks a Property Setter's value against the DocType only when
	Customize Form saves it: a System Manager's title field for Note, a subquery, read a case's
	ToDo and the case team's session ids through the link preview (round 104). A DocType's
	setting of a field, or of the sort order, holds its field names, or the order, only."""
	setting, value = setter.property or "", (setter.value or "").strip()
	if setter.doctype_or_field == "DocType Link" and setting in ("link_fieldname", "table_fieldname"):
		return bool(FIELD_NAME.match(value))  # pasted as a connection's field (round 106)
	if setter.doctype_or_field != "DocType" or not value:
		return True
	if setting == "sort_order":
		return value.lower() in ("asc", "desc")
	if not (setting in FIELD_SETTINGS or setting.endswith("_field")):
		return True
	meta = frappe.get_meta(setter.doc_type)
	known = {*default_fields, *(df.fieldname for df in meta.fields)}
	return all(name.strip() in known for name in value.split(","))


def fetches_a_field(doctype: str, fetch_from: str, fields=None) -> bool:
	"""Frappe pastes the part of a fetch after its dot into the query that reads the linked record,
	as it is: a System Manager's custom field on Note fetching "(select … from `tabToDo` …)" through
	a link to User read a case's ToDo and the case team's session ids on saving a note (round 105).
	A fetch names a link field and a field of the linked DocType (or, through a dynamic link, a
	field name) only."""
	link, _dot, target = (fetch_from or "").strip().partition(".")
	if not (FIELD_NAME.match(link) and FIELD_NAME.match(target)):
		return False
	source = next((df for df in (fields or frappe.get_meta(doctype).fields) if df.fieldname == link), None)
	if source is None or source.fieldtype != "Link":
		return source is not None
	try:
		return target in default_fields or frappe.get_meta(source.options).has_field(target)
	except frappe.DoesNotExistError:
		return False


def a_connection_names_fields(link, method=None) -> None:
	"""Hook (before_validate of DocType Link): Frappe pastes a connection's field into the count
	under a form as it is, and saves a row saved alone (``frappe.client.bulk_update``) past its
	DocType's check: a System Manager's connection on Tag named "name`|CASE WHEN `content` = … END|
	`name", and the count's error or none told a case comment's text (round 106). A connection
	names a field of the DocType it counts."""
	if bench_administrator_acts():
		return
	fields = [link.link_fieldname, *([link.table_fieldname] if link.table_fieldname else [])]
	known = frappe.db.exists("DocType", link.link_doctype) and frappe.get_meta(link.link_doctype)
	if not (
		known
		and all(FIELD_NAME.match(field or "") for field in fields)
		and (link.link_fieldname in default_fields or known.has_field(link.link_fieldname))
	):
		frappe.throw(
			_("A connection names a field of {0}.").format(_(link.link_doctype or "")),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def fetch_past_fields(doc) -> str | None:
	"""The fetch a customisation sets that names more than fields (fetches_a_field), if any."""
	if doc.doctype == "Custom Field":
		fetches = [(doc.dt, doc.fetch_from, None)]
	elif doc.doctype == "Property Setter" and doc.property == "fetch_from":
		fetches = [(doc.doc_type, doc.value, None)]
	elif doc.doctype == "DocType":
		fetches = [(doc.name, row.fetch_from, doc.fields) for row in doc.fields]
	else:
		return None
	return next(
		(
			fetch
			for doctype, fetch, fields in fetches
			if fetch and not fetches_a_field(doctype, fetch, fields)
		),
		None,
	)


def settings_naming_fields(doc) -> list[str]:
	"""What a customisation sets that names fields: a Property Setter's value (any property), a
	Custom Field's and a DocType's fields' fetch_from and options (a currency's "User:user:api_key"
	shows the linked user's key as its symbol, round 54), and a DocType's own field settings."""
	if doc.doctype == "Property Setter":
		return [str(doc.value)] if doc.value else []
	rows = doc.get("fields") if doc.doctype == "DocType" else [doc]
	fetched = [row.get(key) for row in rows or [] for key in ("fetch_from", "options") if row.get(key)]
	own = [doc.get(setting) for setting in FIELD_SETTINGS if doc.doctype == "DocType" and doc.get(setting)]
	return fetched + own


def of_a_case(doc) -> bool:
	"""Whether ``doc`` is a case record, a text trace or a secret, or a trace of a case record (or
	of a trace of one): a file attached to a dossier holds its bytes (the inspection copy's PDF)
	while it is inserted, a workflow action its step, a ToDo its term (round 40), a ToDo about a
	case's file the file's name (round 57)."""
	return folded(doc.doctype) in OUT_OF_REACH or case_record_or_trace(doc)


# Refused on traces as on case records: automations Frappe runs on every record of their DocType,
# and customisations that change how Frappe names, moves or links those records (a System
# Manager's autoname "TD-.#####" on ToDo and a Note's link fetching a ToDo's text read every case
# term ToDo by counting, round 58).
NOT_ON_TRACES = (
	"Assignment Rule",
	"Document Naming Rule",
	"Auto Repeat",
	"Milestone Tracker",
	"Workflow",
	"Custom Field",
	"Property Setter",
	# its stored condition filters its DocType's records for any visitor, its redirect tells the
	# first one's name: a Website Manager's form on ToDo read a case's ToDo by it (round 144)
	"Web Form",
)


class EnergyPointRuleOutsideCases(EnergyPointRule):
	"""Frappe's Energy Point Rule (hook override_doctype_class): none judges a case record or a
	trace of one. Its condition reads the record in memory, and its log, which every desk user
	lists, told whether a case's term ToDo held a word (round 55)."""

	def apply(self, doc):
		if not of_a_case(doc):
			super().apply(doc)


class MilestoneTrackerOutsideCases(MilestoneTracker):
	"""Frappe's Milestone Tracker (hook override_doctype_class): it copies a tracked field's value
	into a Milestone, which a System Manager lists: never of a case record or a trace of one (a
	case's ToDo text, round 56)."""

	def apply(self, doc):
		if not of_a_case(doc):
			super().apply(doc)


class NotificationOutsideCases(Notification):
	"""Frappe's Notification (hook override_doctype_class): none sends anything of a case record or
	a trace of one, however it got there (a package import skipped its validation, round 38; a
	notification on File sent a dossier's attachments to Slack, round 40)."""

	def acts_on_cases(self) -> bool:
		return folded(self.document_type or "") in OUT_OF_REACH

	def fields_not_named(self) -> list[str]:
		"""Its settings that Frappe pastes into SQL as a column (the date it counts days from, the
		field it sets after sending) and that name no field of its DocType: a System Manager's
		subquery there read a case's comment and a director's reset key back through the Error
		Log (round 141)."""
		return [
			fieldname
			for fieldname in COLUMN_SETTINGS
			if self.get(fieldname) and not a_field_of(self.document_type, self.get(fieldname))
		]

	def validate(self):
		if wrong := self.fields_not_named():
			frappe.throw(
				_("{0} of a Notification must name a field of {1}.").format(
					_(self.meta.get_label(wrong[0])), _(self.document_type or "")
				),
				title=_("Not allowed"),
			)
		super().validate()

	def get_documents_for_today(self):
		if self.acts_on_cases() or self.fields_not_named():
			return []
		return [doc for doc in super().get_documents_for_today() if not of_a_case(doc)]

	def send(self, doc):
		if self.acts_on_cases() or of_a_case(doc) or self.fields_not_named():
			return
		return super().send(doc)


COLUMN_SETTINGS = ("date_changed", "value_changed", "set_property_after_alert")


def a_field_of(doctype: str | None, fieldname: str) -> bool:
	return (
		bool(doctype)
		and names_a_field(fieldname)
		and (fieldname in default_fields or frappe.get_meta(doctype).has_field(fieldname))
	)


class ServerScriptOutsideCases(ServerScript):
	"""Frappe's Server Script (hook override_doctype_class): a document event's script does not run
	for a case record or a trace of one (the file being attached holds its bytes)."""

	def execute_doc(self, doc):
		if of_a_case(doc):
			return
		return super().execute_doc(doc)


class BulkUpdateOfListedRecords(BulkUpdate):
	"""Frappe's Bulk Update (hook override_doctype_class) runs its stored condition as SQL and
	echoes the first value it selects in a "not found": a System Manager's condition with a union
	read a case's ToDo and comment and the case team's session ids (round 103). A condition is the
	bench's Administrator's; anyone else's update reaches the records they may list."""

	def validate(self):
		if self.condition and self.has_value_changed("condition") and not bench_administrator_acts():
			refuse_a_condition()

	@frappe.whitelist()
	def bulk_update(self):
		if bench_administrator_acts():
			return super().bulk_update()
		if self.condition:
			refuse_a_condition()
		self.check_permission("write")
		limit = min(cint(self.limit) or 500, 500)
		names = frappe.get_list(self.document_type, pluck="name", limit=limit, order_by="creation desc")
		return submit_cancel_or_update_docs(
			self.document_type, names, "update", {self.field: self.update_value}
		)


def refuse_a_condition():
	frappe.throw(
		_("A condition of a bulk update is SQL, which the administrator writes."),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


WEBHOOK_JOB = "frappe.integrations.doctype.webhook.webhook.enqueue_webhook"


def keep_webhooks_off_cases(method=None, kwargs=None, **_ignored):
	"""Hook (before_job): Frappe's webhook job never sends a case record or a trace of one."""
	doc = (kwargs or {}).get("doc") if str(method) == WEBHOOK_JOB else None
	if doc is not None and of_a_case(doc):
		frappe.throw(
			_("A webhook does not send Meldcode records or their history."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def keep_reports_to_their_reader(report, method=None):
	"""Hook (validate of an Auto Email Report): it reads with the permissions of the user it names,
	so it names whoever sets it up (a report "as the Administrator" read the Email Queue)."""
	if report.user != frappe.session.user and not bench_administrator_acts():
		frappe.throw(
			_("An Auto Email Report reads with the permissions of whoever sets it up: {0}.").format(
				frappe.session.user
			),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def refuse_fetching_from_case_records(doc, method=None):
	"""Hook (before_insert and validate of every DocType): a field that fetches its value from a
	linked record (fetch_from) may not reach a case record, also not through a Dynamic Link whose
	DocType the saved record itself names. Frappe fetches without a permission check, before any
	hook of the record; refused before Frappe's own link check on insert, so that a record that
	does not exist is answered alike."""
	if doc.doctype in RECORD_DOCTYPES or frappe.session.user == "Administrator":
		return
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get("fields", {"fetch_from": ("is", "set")}):
			source = row.meta.get_field(df.fetch_from.split(".", 1)[0])
			if not source or source.fieldtype not in ("Link", "Dynamic Link"):
				continue
			target = row.get(source.options) if source.fieldtype == "Dynamic Link" else source.options
			reached = OUT_OF_REACH.get(folded(target)) if isinstance(target, str) else None
			trace = TRACE_NAMES.get(folded(target)) if isinstance(target, str) else None
			if trace and (source.fieldtype == "Link" or not readable(trace, row.get(source.fieldname))):
				# a customisation's link to a trace (a Note's link to a ToDo fetched a case term's text,
				# round 58); a dynamic link (a mail's about a ToDo) to one its writer may read
				reached = trace
			if reached:
				frappe.throw(
					_("{0} cannot take values from {1}: Meldcode records stay with the case team.").format(
						_(row.meta.get_label(df.fieldname)), _(reached)
					),
					frappe.PermissionError,
					title=_("Not allowed"),
				)


def readable(doctype: str, name) -> bool:
	"""Whether the session user may read the record a dynamic link names (one that is not there is
	answered as one they may not read)."""
	if not name:
		return True
	return (
		isinstance(name, str)
		and bool(frappe.db.exists(doctype, name))
		and frappe.has_permission(doctype, "read", name)
	)


def automations_on_case_records() -> list[dict]:
	"""Every automation or customisation that acts on a case record or a text trace: the app's own
	(its workflow, print formats and fields), and any the upgrade switched off. For the board,
	which sees from it that nothing else reads its schools' cases."""
	names = list(OUT_OF_REACH.values())
	rows = []
	for doctype, fields in (*TARGET_FIELDS.items(), ("Auto Email Report", ())):
		if not frappe.db.table_exists(doctype):
			continue
		if doctype == "Auto Email Report":
			reports = frappe.get_all("Report", filters={"ref_doctype": ("in", names)}, pluck="name")
			filters = [{"report": ("in", reports)}] if reports else []
		else:
			filters = [{field: ("in", names)} for field in fields if frappe.db.has_column(doctype, field)]
		off_field, off_value = SWITCH_OFF.get(doctype, (None, None))
		for condition in filters:
			extra = [off_field] if off_field else []
			for record in frappe.get_all(
				doctype, filters=condition, fields=["name", "owner", "modified", *extra]
			):
				doc = frappe.get_doc(doctype, record.name)
				for target in sorted(targets(doc)):
					rows.append(
						{
							"kind": doctype,
							"record": record.name,
							"acts_on": target,
							"switched_off": bool(off_field) and record.get(off_field) == off_value,
							"made_by": record.owner,
							"modified": record.modified,
						}
					)
	unique = {(row["kind"], row["record"], row["acts_on"]): row for row in rows}
	return sorted(unique.values(), key=lambda row: (row["kind"], row["record"], row["acts_on"]))


def refuse_columns_shown_as_another_type(report) -> None:
	"""A Custom Report's column of another DocType is shown as the type its field has: the desk
	shows a Data column as it is, and a chart's options (code, never cleaned) put into one ran a
	script in the case team's desk (round 184)."""
	settings = json.loads(report.json) if isinstance(report.json, str) else report.json
	for column in (settings or {}).get("columns") or []:
		if not (isinstance(column, dict) and column.get("doctype") and column.get("fieldname")):
			continue
		fieldname = str(column["fieldname"]).split("-")[0]
		field = frappe.get_meta(column["doctype"]).get_field(fieldname)
		if field is None and not fieldname.startswith("_"):
			continue  # no column of the DocType: Frappe reads nothing for it
		if field is None or column.get("fieldtype", field.fieldtype) != field.fieldtype:
			frappe.throw(
				_("A report's column of {0} is shown as its field's type.").format(_(column["doctype"])),
				frappe.PermissionError,
				title=_("Not allowed"),
			)


def refuse_stored_queries(doc, method=None):
	"""Hook (before_validate of each record that keeps a query for Frappe to run later, in a request
	that carries none of it: rules.query_fragments.STORED_FRAGMENTS). Its columns, filters, sorts
	and expressions are field names of the DocType it reads and its tables, as a request's are: a
	chart's subquery read comments and sessions, a report's column ended its quoted name (round
	51). And they never name a key field: a report's filter on reset_password_key read it a
	character a download (round 50). The apps' own, installed with them, are their code."""
	if frappe.flags.in_install or frappe.flags.in_migrate:
		return
	values = doc.as_dict()
	stored = " ".join(
		as_stored(values.get(field)) for field in ("json", "query", *STORED_FRAGMENTS.get(doc.doctype, {}))
	)
	if names_a_secret_field(stored) and not bench_administrator_acts():
		frappe.throw(
			_("A report cannot read, filter or sort by a key or password field."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	try:
		reached = stored_fragments_reached(doc.doctype, values)
		protected_reached(reached, doc.get(QUERIED_DOCTYPE.get(doc.doctype, "")) or None)
	except RuleViolation as violation:
		frappe.throw(translated(violation), frappe.PermissionError, title=_("Not allowed"))
	if (
		doc.doctype == "Report"
		and doc.get("report_type") == "Custom Report"
		and not bench_administrator_acts()
	):
		refuse_columns_shown_as_another_type(doc)
	if {folded(name) for name in reached.doctypes} & set(OUT_OF_REACH):
		# a Custom Report's column of a case record type, spelled past the request's reading
		frappe.throw(
			_("Meldcode records are not available this way ({0}).").format(doc.doctype),
			frappe.PermissionError,
		)


def as_stored(value) -> str:
	"""A stored value's text as Frappe reads it: JSON with its escapes decoded ("api_ke\\u0079" is
	api_key once Frappe parses it, round 52)."""
	text = str(value or "")
	try:
		return json.dumps(json.loads(text), ensure_ascii=False) if text.strip()[:1] in "[{" else text
	except ValueError:
		return text


# The DocType whose records a stored query reads (an e-mailed report's filters are its report's).
QUERIED_DOCTYPE = {
	"Report": "ref_doctype",
	"Dashboard Chart": "document_type",
	"Number Card": "document_type",
	"Kanban Board": "reference_doctype",
	"Web Form": "doc_type",
}
