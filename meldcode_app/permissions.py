"""Need-to-know access to the records of a case (DOMAIN 7.5, H29).

Role permissions (DocPerm) say what a function may do at all; these hooks narrow it to the
schools where the user holds that function, to the dossiers that name the user in their case
team, and for a teacher to the signals and conversations they wrote themselves. Frappe's hooks
can only narrow: `permission_query_conditions` for lists, reports, REST and link search,
`has_permission` for a single document (form, print, attachments). Sharing is refused for case
records because a share would bypass both hooks.
"""

from dataclasses import dataclass

import frappe
from frappe import _

from meldcode_app.rules.roles import ADMINISTRATOR, FUNCTION_ROLES
from meldcode_app.school_membership import memberships

CASE_TEAM_FUNCTIONS = ("Intern Begeleider", "Aandachtsfunctionaris", "Director")
# Case DocType -> the field that names its dossier ("name" for the dossier itself).
CASE_DOCTYPES = {
	"Meldcode Dossier": "name",
	"Meldcode Signal": "dossier",
	"Meldcode Conversation": "dossier",
	"Meldcode Weighing": "dossier",
	"Veilig Thuis Contact": "dossier",
	"Meldcode Correction Request": "dossier",
	"Meldcode Monitoring Report": "dossier",
	"Safety Incident": "dossier",
}
# Records a teacher writes and reads back (only their own).
TEACHER_RECORDS = ("Meldcode Signal", "Meldcode Conversation")
# Records Frappe keeps about other documents: (doctype field, name field).
TRACE_DOCTYPES = {
	"Version": ("ref_doctype", "docname"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"View Log": ("reference_doctype", "reference_name"),
	"Access Log": ("export_from", "reference_document"),
	"Deleted Document": ("deleted_doctype", "deleted_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
}


@dataclass(frozen=True)
class Scope:
	case_team_schools: tuple[str, ...]
	teacher_schools: tuple[str, ...]
	named_dossiers: tuple[str, ...]


def scope_of(user: str) -> Scope:
	"""Which schools and dossiers ``user`` may see, in which function: two queries."""
	roles = set(frappe.get_roles(user))
	held = [(s, f) for s, f in memberships(user) if FUNCTION_ROLES[f] in roles]
	member = frappe.qb.DocType("Meldcode Case Team Member")
	named = (
		frappe.qb.from_(member)
		.select(member.parent)
		.where(member.parenttype == "Meldcode Dossier")
		.where(member.user == user)
		.where(member.function.isin(CASE_TEAM_FUNCTIONS))
	).run(pluck=True)
	named_roles = {FUNCTION_ROLES[f] for f in CASE_TEAM_FUNCTIONS}
	return Scope(
		case_team_schools=tuple(sorted({s for s, f in held if f in CASE_TEAM_FUNCTIONS})),
		teacher_schools=tuple(sorted({s for s, f in held if f == "Teacher"})),
		named_dossiers=tuple(sorted(named)) if roles & named_roles else (),
	)


def _in(values) -> str:
	return "(" + ", ".join(frappe.db.escape(v) for v in values) + ")"


def case_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	scope = scope_of(user)
	table = f"`tab{doctype}`"
	allowed = []
	if scope.case_team_schools:
		allowed.append(f"{table}.`school` in {_in(scope.case_team_schools)}")
	if scope.named_dossiers:
		allowed.append(f"{table}.`{CASE_DOCTYPES[doctype]}` in {_in(scope.named_dossiers)}")
	if doctype in TEACHER_RECORDS and scope.teacher_schools:
		allowed.append(
			f"({table}.`owner` = {frappe.db.escape(user)} and {table}.`school` in {_in(scope.teacher_schools)})"
		)
	return "(" + " or ".join(allowed) + ")" if allowed else "1=0"


def has_case_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	scope = scope_of(user)
	dossier = doc.name if doc.doctype == "Meldcode Dossier" else doc.get("dossier")
	if doc.get("school") in scope.case_team_schools or (dossier and dossier in scope.named_dossiers):
		return True
	if doc.doctype in TEACHER_RECORDS and doc.get("school") in scope.teacher_schools:
		return doc.is_new() or doc.owner == user
	return False


def trace_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Versions, comments, logs and files of case records never show up in a list; they are
	seen on the record itself, by whoever may read it."""
	if (user or frappe.session.user) == "Administrator":
		return ""
	field = f"`tab{doctype}`.`{TRACE_DOCTYPES[doctype][0]}`"
	return f"({field} is null or {field} not in {_in(CASE_DOCTYPES)})"


def has_trace_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	doctype_field, name_field = TRACE_DOCTYPES[doc.doctype]
	reference_doctype = doc.get(doctype_field)
	if reference_doctype not in CASE_DOCTYPES:
		return None
	reference = doc.get(name_field)
	if not reference or not frappe.db.exists(reference_doctype, reference):
		return (user or frappe.session.user) == "Administrator"
	return frappe.has_permission(reference_doctype, "read", reference, user=user)


def working_note_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A working note is readable by its author only (H23)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	return f"`tabMeldcode Working Note`.`owner` = {frappe.db.escape(user)}"


def has_working_note_permission(doc, ptype=None, user=None, debug=False) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or doc.is_new() or doc.owner == user


def destruction_log_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The case team sees the destruction records of its schools; the administrator all (they hold no content)."""
	user = user or frappe.session.user
	if user == "Administrator" or ADMINISTRATOR in frappe.get_roles(user):
		return ""
	schools = scope_of(user).case_team_schools
	return f"`tabMeldcode Destruction Log`.`school` in {_in(schools)}" if schools else "1=0"


def refuse_sharing(share, method=None):
	if share.share_doctype in CASE_DOCTYPES or share.share_doctype == "Meldcode Working Note":
		frappe.throw(
			_(
				"Meldcode records are not shared; who may see them follows from the school's staff and the case team."
			),
			frappe.PermissionError,
			title=_("Not shared"),
		)


def keep_attachments_private(file, method=None):
	if (
		file.attached_to_doctype in CASE_DOCTYPES or file.attached_to_doctype == "Meldcode Working Note"
	) and not file.is_private:
		frappe.throw(
			_("Attachments to Meldcode records are always private."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def keep_notifications_content_free(notification, method=None):
	"""A notification about a case record carries a link, never its content (a mention would
	otherwise mail the comment to someone who may not read the record)."""
	if notification.document_type in CASE_DOCTYPES or notification.document_type == "Meldcode Working Note":
		notification.email_content = None
