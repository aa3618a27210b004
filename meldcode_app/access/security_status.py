"""What could open the meldcode to someone it should not, for the board: one row per finding."""

import frappe
from frappe import _
from frappe.twofactor import two_factor_is_enabled
from frappe.utils import add_days, date_diff, get_fullname, now_datetime
from frappe.utils.safe_exec import is_safe_exec_enabled

from meldcode_app.access.code_in_pages import (
	FIELD_DEFINITIONS,
	KEPT_BY_FRAPPE,
	RENDERED_AS_TEMPLATES,
	SHOWN_AS_STORED,
	as_set,
	becomes_code,
	holds_a_template,
	opens_as_a_page,
	property_in_pages,
	rendered_as_templates,
	runs_in_pages,
)
from meldcode_app.access.grants import ACTIVE, BENCH_ADMINISTRATOR, GRANT, PENDING, role_of
from meldcode_app.access.scoped_methods import NOT_IN_A_TAG
from meldcode_app.rules.addresses import addresses_only
from meldcode_app.rules.registry import PROTECTED_DOCTYPES

CASE_TEAM_FUNCTIONS = ("Intern Begeleider", "Aandachtsfunctionaris", "Director")
RECENT_DAYS = 30


def columns() -> list[dict]:
	return [
		{"fieldname": "check", "label": _("Check"), "fieldtype": "Data", "width": 230},
		{"fieldname": "person", "label": _("Person"), "fieldtype": "Data", "width": 200},
		{"fieldname": "detail", "label": _("Detail"), "fieldtype": "Data", "width": 360},
		{
			"fieldname": "grant",
			"label": _("Access Grant"),
			"fieldtype": "Link",
			"options": GRANT,
			"width": 110,
		},
		{"fieldname": "since", "label": _("Since"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "days", "label": _("Days"), "fieldtype": "Int", "width": 70},
	]


def rows() -> list[dict]:
	grants = frappe.get_all(GRANT, fields=["*"], order_by="requested_on asc")
	return [
		*pending(grants),
		*system_managers(grants),
		*without_two_factor(grants),
		server_scripts(),
		*recently_decided(grants),
		*code_written_by_others(),
		*templates_and_fields_written_by_others(),
		*files_that_open_as_pages(),
		*tags_and_recipients_written_before(),
	]


def described(grant) -> str:
	if role := role_of(grant):
		return _("{0} role").format(_(role))
	school = frappe.get_cached_value("Meldcode School", grant.school, "school_name") or grant.school
	return _("{0} at {1}").format(_(grant.function), school)


def pending(grants) -> list[dict]:
	now = now_datetime()
	return [
		{
			"check": _("Waiting for a decision"),
			"person": get_fullname(grant.user),
			"detail": _("{0}, asked by {1}").format(described(grant), get_fullname(grant.requested_by)),
			"grant": grant.name,
			"since": grant.requested_on,
			"days": date_diff(now, grant.requested_on),
		}
		for grant in grants
		if grant.status == PENDING
	]


def active_users(grants, functions=None) -> list[str]:
	return sorted(
		{
			grant.user
			for grant in grants
			if grant.status == ACTIVE and (functions is None or role_of(grant) or grant.function in functions)
		}
	)


def system_managers(grants) -> list[dict]:
	managers = set(
		frappe.get_all("Has Role", filters={"parenttype": "User", "role": "System Manager"}, pluck="parent")
	)
	return [
		{
			"check": _("Holds a function and is System Manager"),
			"person": get_fullname(user),
			"detail": _("A System Manager can change the site's users and settings."),
		}
		for user in active_users(grants)
		if user in managers
	]


def without_two_factor(grants) -> list[dict]:
	return [
		{
			"check": _("No two-factor authentication"),
			"person": get_fullname(user),
			"detail": _("Case team or board: logs in with a password only."),
		}
		for user in active_users(grants, CASE_TEAM_FUNCTIONS)
		if not two_factor_is_enabled(user=user)
	]


def server_scripts() -> dict:
	enabled = is_safe_exec_enabled()
	return {
		"check": _("Server scripts"),
		"detail": _("Enabled: a System Manager can run code that reads every table.")
		if enabled
		else _("Disabled."),
	}


def recently_decided(grants) -> list[dict]:
	since = add_days(now_datetime(), -RECENT_DAYS)
	decided = [
		grant
		for grant in grants
		if grant.status != PENDING and grant.decided_on and grant.decided_on >= since
	]
	return [
		{
			"check": _("Decided in the last 30 days"),
			"person": get_fullname(grant.user),
			"detail": _("{0}: {1}, decided by {2}").format(
				_(grant.status), described(grant), get_fullname(grant.decided_by)
			),
			"grant": grant.name,
			"since": grant.decided_on,
		}
		for grant in sorted(decided, key=lambda grant: grant.decided_on, reverse=True)
	]


# The app's rules judge what is written from now on; what was written before it was installed or
# upgraded stays until someone looks at it.
WRITTEN_BEFORE = "Written before the rules"


def code_written_by_others() -> list[dict]:
	"""Code that runs in other users' pages (access/code_in_pages.py) which someone other than the
	bench's Administrator last wrote: today only the Administrator may."""
	found = []
	for doctype in frappe.get_all("DocType", filters={"is_virtual": 0}, pluck="name"):
		if doctype in PROTECTED_DOCTYPES or doctype in KEPT_BY_FRAPPE:
			continue
		meta = frappe.get_meta(doctype)
		fields = [df for df in meta.fields if runs_in_pages(doctype, df)]
		if not fields:
			continue
		names = [df.fieldname for df in fields]
		if meta.issingle:
			stored = frappe.db.get_singles_dict(doctype)
			records = [frappe._dict(stored, name=doctype)] if stored else []
		else:
			records = frappe.get_all(
				doctype,
				filters={"modified_by": ("!=", BENCH_ADMINISTRATOR)},
				fields=["name", "modified_by", "modified", *names],
			)
		for record in records:
			if record.get("modified_by") in (None, BENCH_ADMINISTRATOR):
				continue
			found.extend(
				{
					"check": _(WRITTEN_BEFORE),
					"person": get_fullname(record.modified_by),
					"detail": _("{0} of {1} {2} runs in other users' pages.").format(
						_(df.label or df.fieldname), _(doctype), record.name
					),
					"since": record.get("modified"),
				}
				for df in fields
				if as_set(record.get(df.fieldname))
			)
	return found


def templates_and_fields_written_by_others() -> list[dict]:
	"""Templates, and field definitions that make a field code or show it as stored
	(access/code_in_pages.py), which someone other than the bench's Administrator last wrote: today
	only the Administrator may (rounds 71-75)."""
	sources = (*RENDERED_AS_TEMPLATES, *FIELD_DEFINITIONS, "Property Setter")
	found = []
	for doctype in sources:
		if not frappe.db.exists("DocType", doctype):
			continue  # ERPNext's, on a site without it
		if frappe.get_meta(doctype).issingle:  # System Settings
			records = [frappe.get_single(doctype)]
			records = [record for record in records if record.modified_by != BENCH_ADMINISTRATOR]
		else:
			records = frappe.get_all(
				doctype, filters={"modified_by": ("!=", BENCH_ADMINISTRATOR)}, fields=["*"]
			)
		for record in records:
			record.doctype = doctype
			found.extend(
				{
					"check": _(WRITTEN_BEFORE),
					"person": get_fullname(record.modified_by),
					"detail": _("{0} of {1} {2} runs in other users' pages.").format(
						_(frappe.get_meta(doctype).get_label(fieldname)), _(doctype), where(record)
					),
					"since": record.modified,
				}
				for fieldname in written_into_pages(record)
			)
	return found


def written_into_pages(record) -> list[str]:
	fieldnames = [name for name in rendered_as_templates(record) if holds_a_template(record.get(name))]
	if record.doctype == "Custom Field" and record.fieldtype in SHOWN_AS_STORED:
		fieldnames.append("fieldtype")
	if record.doctype == "Property Setter" and frappe.db.exists("DocType", record.doc_type):
		if property_in_pages(record) or becomes_code(record, as_defined(record)):
			fieldnames.append("value")
	return list(dict.fromkeys(fieldnames))


def as_defined(setter):
	"""The field a Property Setter changes as its DocType or custom field defines it: the site's
	meta already has the setter applied."""
	for doctype, filters in (
		("DocField", {"parent": setter.doc_type, "parenttype": "DocType"}),
		("Custom Field", {"dt": setter.doc_type}),
	):
		if name := frappe.db.get_value(doctype, {**filters, "fieldname": setter.field_name}):
			return frappe.get_doc(doctype, name)
	return None


def where(record) -> str:
	"""A field definition by its DocType (or form) and field name, anything else by its name."""
	if record.doctype == "Property Setter":
		return f"{record.doc_type}.{record.field_name or ''}"
	if record.doctype in FIELD_DEFINITIONS:
		return f"{record.get('dt') or record.parent}.{record.fieldname}"
	return record.name


def files_that_open_as_pages() -> list[dict]:
	"""Files a browser opens as a page (HTML, SVG, XML) that are kept outside the case records:
	today no one keeps them."""
	files = frappe.get_all(
		"File",
		filters={"is_folder": 0},
		fields=["name", "file_url", "file_name", "owner", "creation", "attached_to_doctype"],
	)
	return [
		{
			"check": _(WRITTEN_BEFORE),
			"person": get_fullname(file.owner),
			"detail": _("File {0} opens as a page in a browser.").format(file.file_url or file.name),
			"since": file.creation,
		}
		for file in files
		if file.attached_to_doctype not in PROTECTED_DOCTYPES
		and any(opens_as_a_page(value) for value in (file.file_url, file.file_name) if value)
	]


RECIPIENT_FIELDS = ("recipients", "cc", "bcc")


def tags_and_recipients_written_before() -> list[dict]:
	"""Tags and mail recipients the rules refuse today (access/scoped_methods.py, rules/addresses.py)
	that were stored before: the desk shows both as markup. Named with their markup masked."""
	tags = [
		{
			"check": _(WRITTEN_BEFORE),
			"person": get_fullname(tag.owner),
			"detail": _("Tag {0} holds angle brackets, ampersands or quotes.").format(
				NOT_IN_A_TAG.sub("?", tag.name)
			),
			"since": tag.creation,
		}
		for tag in frappe.get_all("Tag", fields=["name", "owner", "creation"])
		if NOT_IN_A_TAG.search(tag.name)
	]
	messages = frappe.get_all(
		"Communication",
		or_filters=[[field, "like", "%<%"] for field in RECIPIENT_FIELDS],
		fields=["name", "owner", "creation", *RECIPIENT_FIELDS],
	)
	recipients = [
		{
			"check": _(WRITTEN_BEFORE),
			"person": get_fullname(message.owner),
			"detail": _("Communication {0} has recipients that are no addresses.").format(message.name),
			"since": message.creation,
		}
		for message in messages
		if any(addresses_only(value) != value for value in map(message.get, RECIPIENT_FIELDS) if value)
	]
	return [*tags, *recipients]
