"""Need-to-know access to the records of a case (DOMAIN 7.5, H29).

Role permissions (DocPerm) say what a function may do at all; these hooks narrow it to the
schools where the user holds that function, to the dossiers that name the user in their case
team, and for a teacher to the signals and conversations they wrote themselves. Frappe's hooks
can only narrow: `permission_query_conditions` for lists, reports, REST and link search,
`has_permission` for a single document (form, print, attachments). Sharing is refused for case
records because a share would bypass both hooks.
"""

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import sbool

from meldcode_app.access.grants import holds_board_role, holds_granted_role
from meldcode_app.access.school_membership import memberships, schools_of_user
from meldcode_app.rules.desk import MODULE
from meldcode_app.rules.registry import (
	APP_DOCTYPES,
	BOARD_CASE_DOCTYPES,
	CASE_DOCTYPES,
	CASE_TRACE_TARGETS,
	CHILD_DOCTYPES,
	PROTOCOL_RUN_DOCTYPES,
	RECORD_DOCTYPES,
	SCHOOL_LOG_DOCTYPES,
	SECRET_DOCTYPES,
	SHIPPED,
	TRACE_DOCTYPES,
	TRACE_RECIPIENTS,
	TRACE_REFERENCES,
	TRACES_OF_TRACES,
	WRITE_INTO_DOCTYPES,
)
from meldcode_app.rules.request_names import folded
from meldcode_app.rules.roles import ADMINISTRATOR, FUNCTION_ROLES

CASE_TEAM_FUNCTIONS = ("Intern Begeleider", "Aandachtsfunctionaris", "Director")
# Records a teacher writes and reads back (only their own).
TEACHER_RECORDS = ("Meldcode Signal", "Meldcode Conversation")
# Comments Frappe writes itself when a ToDo changes; the ToDo's own user may close it.
ASSIGNMENT_COMMENTS = ("Assigned", "Assignment Completed", "Assignment Cancelled")


@dataclass(frozen=True)
class Scope:
	case_team_schools: tuple[str, ...]
	teacher_schools: tuple[str, ...]
	named_dossiers: tuple[str, ...]
	director_schools: tuple[str, ...] = ()


def scope_of(user: str) -> Scope:
	"""Which schools and dossiers ``user`` may see, in which function: two queries, once per
	request (outside a request, such as in a job or a test, every time)."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return _scope_from_database(user)
	scopes = request.__dict__.setdefault("meldcode_scopes", {})
	if user not in scopes:
		scopes[user] = _scope_from_database(user)
	return scopes[user]


def forget_scopes(doc=None, method=None):
	"""Hook: a school's staff, a case team or a user's roles changed during the request."""
	request = getattr(frappe.local, "request", None)
	if request is not None:
		request.__dict__.pop("meldcode_scopes", None)


def _scope_from_database(user: str) -> Scope:
	roles = set(frappe.get_roles(user))
	held = [(s, f) for s, f in memberships(user) if FUNCTION_ROLES[f] in roles]
	# Named on a dossier counts only at a school where the user works now: a grant revoked, the
	# dossiers they were named on close with it.
	working_at = {s for s, _f in held}
	member, dossier = frappe.qb.DocType("Meldcode Case Team Member"), frappe.qb.DocType("Meldcode Dossier")
	named = (
		(
			frappe.qb.from_(member)
			.join(dossier)
			.on(dossier.name == member.parent)
			.select(member.parent)
			.where(member.parenttype == "Meldcode Dossier")
			.where(member.user == user)
			.where(member.function.isin(CASE_TEAM_FUNCTIONS))
			.where(dossier.school.isin(working_at))
		).run(pluck=True)
		if working_at
		else []
	)
	named_roles = {FUNCTION_ROLES[f] for f in CASE_TEAM_FUNCTIONS}
	return Scope(
		case_team_schools=tuple(sorted({s for s, f in held if f in CASE_TEAM_FUNCTIONS})),
		teacher_schools=tuple(sorted({s for s, f in held if f == "Teacher"})),
		named_dossiers=tuple(sorted(named)) if roles & named_roles else (),
		director_schools=tuple(sorted({s for s, f in held if f == "Director"})),
	)


def _in(values) -> str:
	return "(" + ", ".join(frappe.db.escape(v) for v in values) + ")"


def as_the_asker_too(conditions):
	"""A list read as another user shows only what the one who asks may see as well: Frappe's
	report "Permitted Documents For User" lists as the user its filter names, and a System Manager
	listed a case's comments, ToDos, versions and workflow actions as the Administrator (round 65)."""

	@functools.wraps(conditions)
	def judged(user: str | None = None, doctype: str | None = None) -> str:
		asker = frappe.session.user
		user = user or asker
		if user == asker or asker == "Administrator":
			return conditions(user, doctype)
		both = [conditions(user, doctype), conditions(asker, doctype)]
		return " and ".join(f"({condition})" for condition in both if condition)

	return judged


@as_the_asker_too
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


@as_the_asker_too
def child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a child table only of parents the user may list (Frappe asks the child DocType's
	own hook when a child table is queried with `parent`)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	table = f"`tab{doctype}`"
	allowed = []
	for parent in CHILD_DOCTYPES[doctype]:
		if parent in BOARD_CASE_DOCTYPES:
			condition = board_case_query_conditions(user, parent)
		elif parent in PROTOCOL_RUN_DOCTYPES:
			condition = protocol_run_query_conditions(user, parent)
		else:
			condition = case_query_conditions(user, parent)
		if condition != "1=0":
			allowed.append(
				f"({table}.`parenttype` = {frappe.db.escape(parent)} and {table}.`parent` in "
				f"(select `tab{parent}`.`name` from `tab{parent}` where {condition}))"
			)
	return "(" + " or ".join(allowed) + ")" if allowed else "1=0"


@as_the_asker_too
def row_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Hook for every DocType ("*"): the rows of a table are listed only with the records the user
	may list, by their DocType's own rules. Frappe lists a table's rows with `parent=` after the
	parent DocType's permission only, and then rows of every record and every parent DocType: a
	workflow action's roles told each dossier's moves (round 86), a contact's and a user's rows a
	parent's address and when a share made the account (rounds 87, 88), a private event's
	participants whom the case team was meeting (round 88). A table with a rule of its own keeps it."""
	user = user or frappe.session.user
	if (
		user == "Administrator"
		or not doctype
		or not frappe.get_meta(doctype).istable
		or doctype in own_rules()
	):
		return ""
	rows = f"`tab{doctype}`"
	allowed = []
	for parent in parents_of(doctype):
		if frappe.get_meta(parent).issingle:
			listed = "" if frappe.has_permission(parent, "read", user=user) else "1=0"
		else:
			listed = records_listed_to(parent, user)
		if listed == "1=0":
			continue
		of_parent = f"{rows}.`parenttype` = {frappe.db.escape(parent)}"
		if listed and not frappe.get_meta(parent).issingle:
			of_parent += f" and {rows}.`parent` in (select `name` from `tab{parent}` where {listed})"
		allowed.append(f"({of_parent})")
	return "(" + " or ".join(allowed) + ")" if allowed else "1=0"


def own_rules() -> frozenset[str]:
	return frozenset(frappe.get_hooks("permission_query_conditions", {})) - {"*"}


def parents_of(table: str) -> list[str]:
	"""The DocTypes that hold a table, by their fields and custom fields."""
	cache = getattr(frappe.local, "meldcode_parents_of", None)
	if cache is None:
		cache = frappe.local.meldcode_parents_of = {}
	if table not in cache:
		kinds = ("Table", "Table MultiSelect")
		cache[table] = sorted(
			set(frappe.get_all("DocField", {"fieldtype": ("in", kinds), "options": table}, pluck="parent"))
			| set(frappe.get_all("Custom Field", {"fieldtype": ("in", kinds), "options": table}, pluck="dt"))
		)
	return cache[table]


def records_listed_to(doctype: str, user: str) -> str:
	"""The condition on `tab{doctype}` that Frappe's list applies for the user ("" for every
	record, "1=0" for none). Without a role that reads or selects the DocType, only the records
	shared with them: Frappe's conditions are empty for a user who holds a User Permission on it
	(round 89), and its refusal would show as a message in the reader's desk."""
	from frappe.model.db_query import DatabaseQuery

	role = frappe.permissions.get_role_permissions(frappe.get_meta(doctype), user=user)
	if not (role.get("read") or role.get("select")):
		shared = frappe.share.get_shared(doctype, user)
		names = ", ".join(frappe.db.escape(name, percent=False) for name in shared)
		return f"`tab{doctype}`.`name` in ({names})" if shared else "1=0"
	return DatabaseQuery(doctype, user=user).build_match_conditions()


def manages_users(user: str | None = None) -> bool:
	"""The bench's Administrator and System Managers manage the site's accounts."""
	user = user or frappe.session.user
	return user == "Administrator" or "System Manager" in frappe.get_roles(user)


@as_the_asker_too
def contact_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Frappe makes a contact with every account; a website user's contact that links to nothing
	(no customer, no supplier) is a parent's portal account, listed to those who manage users only:
	ERPNext's roles read when a share made it, and when the parent chose a password (round 88)."""
	if manages_users(user):
		return ""
	return (
		"not (`tabContact`.`user` in (select `name` from `tabUser` where `user_type` = 'Website User')"
		" and not exists (select 1 from `tabDynamic Link` where `tabDynamic Link`.`parenttype` = 'Contact'"
		" and `tabDynamic Link`.`parent` = `tabContact`.`name`))"
	)


def is_a_parents_contact(user: str | None, links) -> bool:
	"""One contact judged as contact_query_conditions judges the list: a website user's contact
	that links to no customer or supplier is a parent's portal contact."""
	return bool(user) and not links and frappe.db.get_value("User", user, "user_type") == "Website User"


def has_contact_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	"""A parent's portal contact, opened by its name: no one's but those who manage users. Other
	contacts keep Frappe's rules."""
	if not manages_users(user) and is_a_parents_contact(doc.get("user"), doc.get("links")):
		return False
	return None


@as_the_asker_too
def default_value_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A user lists their own defaults and the site's, not every user's (a parent's account, made
	by a share, showed with its defaults to every user, round 87)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	return f"`tabDefaultValue`.`parent` in ({frappe.db.escape(user)}, '__default', '__global')"


# A contact of the user in `tabUser` that links to a record (a customer, a supplier): no parent's
# portal account, which links to nothing.
CONTACT_OF_A_PARTY = (
	"select 1 from `tabContact` join `tabDynamic Link` on `tabDynamic Link`.`parent` = `tabContact`.`name`"
	" and `tabDynamic Link`.`parenttype` = 'Contact' where `tabContact`.`user` = `tabUser`.`name`"
)


@as_the_asker_too
def user_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A website user is a parent's account, a new staff member's before their grant, or a
	customer's portal login. Parents' accounts showed to a teacher of another school and to the
	board when a verslag was shared and opened (creation, last login; round 87). Website users are
	listed to those who manage users, a customer's or supplier's login to all who may list users
	(ERPNext's portal users, round 90); the Meldcode Administrator, who adds staff, lists them
	without the accounts a share names or, with Education, a guardian's."""
	user = user or frappe.session.user
	if manages_users(user):
		return ""
	website_user = f"`tabUser`.`user_type` = 'Website User' and `tabUser`.`name` != {frappe.db.escape(user)}"
	if "Meldcode Administrator" not in frappe.get_roles(user):
		# a customer's or supplier's portal login (its contact links to them) stays theirs to pick
		return f"not ({website_user} and not exists ({CONTACT_OF_A_PARTY}))"
	accounts = [("Meldcode Parent Share", "parent_user")]
	if frappe.db.exists("DocType", "Guardian"):
		accounts.append(("Guardian", "user"))
	a_parents = " or ".join(
		f"`tabUser`.`name` in (select `{field}` from `tab{doctype}` where `{field}` is not null)"
		for doctype, field in accounts
	)
	return f"not ({website_user} and ({a_parents}))"


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


UNWANTED_BEHAVIOUR = "Unwanted Behaviour"


@as_the_asker_too
def protocol_run_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Runs of a protocol: the school's case team reads those about an incident or a death; a report
	of unwanted behaviour towards a professional is read by that professional and the school's
	director only."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	scope = scope_of(user)
	table = f"`tab{doctype or PROTOCOL_RUN_DOCTYPES[0]}`"
	unwanted = frappe.db.escape(UNWANTED_BEHAVIOUR)
	allowed = [f"({table}.`kind` = {unwanted} and {table}.`professional` = {frappe.db.escape(user)})"]
	if scope.case_team_schools:
		allowed.append(
			f"({table}.`kind` != {unwanted} and {table}.`school` in {_in(scope.case_team_schools)})"
		)
	if scope.director_schools:
		allowed.append(f"({table}.`kind` = {unwanted} and {table}.`school` in {_in(scope.director_schools)})")
	return "(" + " or ".join(allowed) + ")"


def has_protocol_run_permission(doc, ptype=None, user=None, debug=False) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	scope = scope_of(user)
	new = doc.is_new()
	# a new run takes its kind from its protocol (validate sets it after this check)
	kind = frappe.db.get_value("Meldcode Protocol", doc.get("protocol"), "kind") if new else doc.get("kind")
	school = doc.get("school")
	if kind != UNWANTED_BEHAVIOUR:
		return school in scope.case_team_schools
	if new:  # whoever works at the school records what happened to them
		return school in (*scope.case_team_schools, *scope.teacher_schools)
	return doc.get("professional") == user or school in scope.director_schools


@as_the_asker_too
def board_case_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The board's own cases (a suspicion about staff): the board and whom the board named on a
	case (that case only), never the school's functions otherwise, and never the accused,
	whatever their roles."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	if doctype not in BOARD_CASE_DOCTYPES:
		return "1=0"
	table = f"`tab{doctype}`"
	not_accused = f"ifnull({table}.`accused_user`, '') != {frappe.db.escape(user)}"
	if holds_board_role(user):
		return not_accused
	return (
		f"({table}.`name` in (select `parent` from `tab{NAMED_READERS[doctype]}` where `parenttype` = "
		f"{frappe.db.escape(doctype)} and `user` = {frappe.db.escape(user)}) and {not_accused})"
	)


def has_board_case_permission(doc, ptype=None, user=None, debug=False) -> bool:
	"""The board, not the accused; whom the board named reads (and prints) that case only."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	if doc.get("accused_user") == user:
		return False
	if holds_board_role(user):
		return True
	return (ptype or "read") in NAMED_READER_RIGHTS and is_named_reader(doc, user)


# Whom the board names on its case: the child DocType holding them, and what they may do.
NAMED_READERS = {"Meldcode Staff Report": "Meldcode Staff Report Reader"}
NAMED_READER_RIGHTS = ("read", "print")


def is_named_reader(doc, user: str) -> bool:
	"""Named on the case as stored: a name typed into the form but not saved opens nothing."""
	if doc.is_new() if hasattr(doc, "is_new") else not doc.get("name"):
		return False
	return bool(
		frappe.db.exists(
			NAMED_READERS[doc.doctype], {"parenttype": doc.doctype, "parent": doc.name, "user": user}
		)
	)


def may(ptype: str, doctype: str, name: str, user: str | None = None) -> bool:
	"""Whether ``user`` may ``ptype`` the stored record (False when it does not exist)."""
	if not name or not isinstance(name, str | int) or not frappe.db.exists(doctype, name):
		return (user or frappe.session.user) == "Administrator"
	return frappe.has_permission(doctype, ptype, name, user=user)


def record_for(doctype: str, name, ptype: str = "read"):
	"""The stored record when the session user may ``ptype`` it; else the same refusal whether it
	exists or not, so that an app method tells nothing of another school's cases."""
	if not isinstance(name, str) or not may(ptype, doctype, name):
		frappe.throw(
			_("{0} {1} is not among the records you may use.").format(_(doctype), name),
			frappe.PermissionError,
			title=_("Not found"),
		)
	return frappe.get_doc(doctype, name)


@as_the_asker_too
def trace_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Versions, comments, logs, files, workflow actions and follows of case records never show up
	in a list; they are seen on the record itself, by whoever may read it. A ToDo or notification
	about a case record is listed for the person it is for."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	field = f"`tab{doctype}`.`{TRACE_DOCTYPES[doctype][0]}`"
	condition = f"({field} is null or {field} not in {_in(RECORD_DOCTYPES)}) and {of_no_case_trace(doctype)}"
	if recipient := TRACE_RECIPIENTS.get(doctype):
		condition += f" or `tab{doctype}`.`{recipient}` = {frappe.db.escape(user)}"
	if doctype == "Access Log":
		condition = f"({condition}) and {printed_by(user)}"
	return f"({condition})"


def printed_by(user: str) -> str:
	"""SQL: an Access Log row that keeps no printed page, or its printer's own: Frappe keeps the
	whole page of a report printed to PDF, and a System Manager read a case-team member's printed
	list of signals (round 166)."""
	return f"(ifnull(`tabAccess Log`.`page`, '') = '' or `tabAccess Log`.`user` = {frappe.db.escape(user)})"


def of_no_case_trace(doctype: str) -> str:
	"""SQL: a row of ``doctype`` that is not about a trace of a case record, or about a trace of
	one of those: a version of a case's comment held its old and new text, a deleted Like its
	dossier (round 55), a version of a comment on a case's ToDo the comment's (round 56)."""
	# never NULL: a row with no reference must pass, not vanish by SQL's unknown
	kind, name = (f"ifnull(`tab{doctype}`.`{field}`, '')" for field in TRACE_DOCTYPES[doctype])
	if doctype == "Deleted Document":  # the trace itself is gone: its copy names what it was about
		about = []
		for trace, (field, named) in WRITE_INTO_DOCTYPES.items():
			of = f"ifnull(json_value(`tabDeleted Document`.`data`, '$.{field}'), '')"
			record = f"ifnull(json_value(`tabDeleted Document`.`data`, '$.{named}'), '')"
			about.append(f"({kind} = {frappe.db.escape(trace)} and {about_a_case(of, record, 1)})")
	else:
		about = [
			f"({kind} = {frappe.db.escape(trace)} and {name} in ({case_traces(trace)}))"
			for trace in WRITE_INTO_DOCTYPES
		]
	return f"not ({' or '.join(about)})"


def case_traces(trace: str, depth: int = 2) -> str:
	"""SQL: the names of the ``trace`` rows about a case record, or (``depth`` 2) about a trace of
	one."""
	field, name = WRITE_INTO_DOCTYPES[trace]
	return f"select `name` from `tab{trace}` where {about_a_case(f'`{field}`', f'`{name}`', depth - 1)}"


def about_a_case(of: str, name: str, depth: int) -> str:
	"""SQL: a reference (DocType ``of``, record ``name``) to a case record, or (``depth`` 1) to a
	trace of one."""
	condition = f"{of} in {_in(RECORD_DOCTYPES)}"
	if depth > 0:
		condition += "".join(
			f" or ({of} = {frappe.db.escape(trace)} and {name} in ({case_traces(trace, depth)}))"
			for trace in TRACES_OF_TRACES
		)
	return f"({condition})"


def record_behind(doctype: str | None, name: str | None, steps: int = 2) -> tuple[str | None, str | None]:
	"""The record a reference (``doctype``, ``name``) is all about: a reference to a trace (a ToDo,
	comment, version, file, ...) is followed to what that trace is about, ``steps`` times (a version
	of a comment on a case's ToDo is the dossier's, round 56)."""
	for _step in range(steps):
		if doctype not in TRACE_REFERENCES or not name:
			break
		doctype, name = step_back(doctype, name)
	return doctype, name


def step_back(trace: str, name: str) -> tuple[str | None, str | None]:
	"""(DocType, name) of what the trace ``name`` of DocType ``trace`` is about."""
	field, named = TRACE_REFERENCES[trace]
	return frappe.db.get_value(trace, name, [field, named]) or (None, None)


def has_trace_permission(doc, ptype: str | None = None, user: str | None = None, debug: bool = False):
	user = user or frappe.session.user
	if doc.doctype == "Access Log" and doc.get("page") and user not in ("Administrator", doc.get("user")):
		return False  # a printed page is its printer's (printed_by)
	doctype_field, name_field = TRACE_DOCTYPES[doc.doctype]
	reference_doctype, reference_name = doc.get(doctype_field), doc.get(name_field)
	if doc.doctype == "Deleted Document" and reference_doctype in WRITE_INTO_DOCTYPES:
		field, name = WRITE_INTO_DOCTYPES[reference_doctype]  # the trace is gone: its copy tells
		deleted = frappe.parse_json(doc.get("data") or "{}")
		reference_doctype, reference_name = deleted.get(field), deleted.get(name)
	reference_doctype, reference_name = record_behind(reference_doctype, reference_name)
	if reference_doctype not in RECORD_DOCTYPES:
		return None
	recipient = TRACE_RECIPIENTS.get(doc.doctype)
	if recipient and doc.get(recipient) == (user or frappe.session.user):
		return True
	return may("read", reference_doctype, reference_name, user)


@as_the_asker_too
def author_only_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A working note (H23) or an export is readable by its author only, while they still hold a
	confirmed function or the board's role (a revoked aandachtsfunctionaris kept their notes and the
	year's bundle, round 37)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	if not holds_access(user):
		return "1=0"
	return f"`tab{doctype}`.`owner` = {frappe.db.escape(user)}"


def has_author_only_permission(doc, ptype=None, user=None, debug=False) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or doc.is_new() or (doc.owner == user and holds_access(user))


def holds_access(user: str) -> bool:
	"""Whether ``user`` holds a confirmed function at a school or the board's role now."""
	return bool(memberships(user)) or holds_board_role(user)


@as_the_asker_too
def secret_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The Email Queue (login links and password resets of case-team members) only for the bench's
	Administrator; an OAuth token or code also for the user it logs in."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	owner = SECRET_DOCTYPES[doctype]
	return f"`tab{doctype}`.`{owner}` = {frappe.db.escape(user)}" if owner else "1 = 0"


def has_secret_permission(doc, ptype=None, user=None, debug=False) -> bool:
	user = user or frappe.session.user
	owner = SECRET_DOCTYPES[doc.doctype]
	return user == "Administrator" or bool(owner and doc.get(owner) == user)


@as_the_asker_too
def list_filter_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A user's saved list filters are their own: someone else's name who works with the meldcode
	(the app saves "My Dossiers" for each staff member)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	return f"(`tabList Filter`.`for_user` = {frappe.db.escape(user)} or ifnull(`tabList Filter`.`for_user`, '') = '')"


def has_list_filter_permission(doc, ptype=None, user=None, debug=False) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or doc.for_user in (user, None, "")


def reads_every_grant(user: str) -> bool:
	"""Who works where is no case content: the administrators and the board read every grant."""
	return manages_users(user) or holds_granted_role(user, ADMINISTRATOR) or holds_board_role(user)


@as_the_asker_too
def grant_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Access grants: all for the administrators and the board, a school's grants for its director,
	and to everyone the grants that name them or that they asked for."""
	user = user or frappe.session.user
	if reads_every_grant(user):
		return ""
	table = "`tabMeldcode Access Grant`"
	allowed = [
		f"{table}.`user` = {frappe.db.escape(user)}",
		f"{table}.`requested_by` = {frappe.db.escape(user)}",
	]
	schools = schools_of_user(user, ("Director",))
	if schools:
		allowed.append(f"{table}.`school` in {_in(schools)}")
	return "(" + " or ".join(allowed) + ")"


def has_grant_permission(doc, ptype=None, user=None, debug=False) -> bool:
	user = user or frappe.session.user
	if reads_every_grant(user):
		return True
	return user in (doc.user, doc.requested_by) or doc.school in schools_of_user(user, ("Director",))


def reads_every_destruction_record(user: str) -> bool:
	return user == "Administrator" or holds_granted_role(user, ADMINISTRATOR)


@as_the_asker_too
def destruction_log_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The case team sees the destruction records of its schools; the administrator all (they hold no content)."""
	user = user or frappe.session.user
	if reads_every_destruction_record(user):
		return ""
	schools = scope_of(user).case_team_schools
	return f"`tabMeldcode Destruction Log`.`school` in {_in(schools)}" if schools else "1=0"


def has_destruction_log_permission(doc, ptype=None, user=None, debug=False) -> bool:
	user = user or frappe.session.user
	return reads_every_destruction_record(user) or doc.get("school") in scope_of(user).case_team_schools


def judge_as_stored(doc, method=None):
	"""A write is judged on the record as stored, not only as edited: its school never changes,
	its dossier is set once, and who may not write it as stored may not write it at all.
	A record at the wrong school is corrected by the administrator, with history."""
	if doc.is_new() or doc.flags.ignore_permissions:
		return
	stored = doc.get_doc_before_save()
	if not stored:
		return
	dossier_field = CASE_DOCTYPES.get(doc.doctype, "dossier")
	for field in ("school", dossier_field):
		if field != "name" and stored.get(field) and stored.get(field) != doc.get(field):
			frappe.throw(
				_("The {0} of {1} {2} cannot be changed after it was saved.").format(
					_(doc.meta.get_label(field)), _(doc.doctype), doc.name
				),
				frappe.PermissionError,
				title=_("Not allowed"),
			)
	if not frappe.has_permission(doc.doctype, "write", stored):
		frappe.throw(
			_("You may not change {0} {1}.").format(_(doc.doctype), doc.name),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def judge_write_into_record(doc, method=None):
	"""A ToDo, comment, like, tag, follow, attachment or e-mail that points at a case record, or at
	a trace of one, is written only by someone who may write that record (it changes what the
	record shows), and never three traces away from it."""
	doctype_field, name_field = WRITE_INTO_DOCTYPES[doc.doctype]
	reference_doctype, reference = doc.get(doctype_field), doc.get(name_field)
	if doc.doctype == "ToDo" and frappe.session.user != "Administrator":
		keep_case_todos_with_the_team(doc)
	stored = None if doc.is_new() else doc.get_doc_before_save()
	if doc.doctype == "Comment" and stored and frappe.session.user != "Administrator":
		keep_the_records_own_notes(doc, stored)
	if stored and (stored.get(doctype_field), stored.get(name_field)) == (reference_doctype, reference):
		return
	if stored and frappe.session.user != "Administrator":
		keep_with_its_case(doc, stored.get(doctype_field), stored.get(name_field))
	behind = case_behind(reference_doctype, reference)
	if behind is None:
		return
	if doc.doctype == "Tag Link":
		refuse_labels()
	between, record_doctype, record = behind
	# (Frappe's own note of an assignment; a like or comment on a case's comment or ToDo writes into
	# the case's timeline, round 61)
	exempt = frappe.session.user == "Administrator" or (
		doc.doctype == "Comment" and doc.comment_type in ASSIGNMENT_COMMENTS
	)
	if not exempt and not may("write", record_doctype, record):
		frappe.throw(
			_("You may not add to {0} {1}.").format(_(reference_doctype), reference),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if between >= 2:
		refuse_deeper_traces()


def keep_the_records_own_notes(comment, stored):
	"""What Frappe and the app note on a case record's timeline (an attachment added or removed, a
	correction, a parents' view) is not edited afterwards; a person's own comment is. Frappe lets
	the note's owner edit it: a member of the team made "Attachment Removed" read "Added" (round
	220)."""
	if stored.comment_type == "Comment":
		return
	changed = any(comment.get(f) != stored.get(f) for f in ("content", "comment_type", "subject"))
	if changed and case_behind(stored.reference_doctype, stored.reference_name) is not None:
		frappe.throw(
			_("What the timeline of a Meldcode record notes is not edited."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def keep_with_its_case(doc, doctype: str | None, name: str | None):
	"""A ToDo, comment, mail or file about a case record (or a trace of one) stays about it: a
	teacher pointed the case's ToDo given to her at her own note, and its text and the team's
	comments on it were then read by anyone who reads ToDos."""
	if case_behind(doctype, name) is not None:
		frappe.throw(
			_("A {0} about a Meldcode record stays with that record.").format(_(doc.doctype)),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def keep_case_todos_with_the_team(doc):
	"""A ToDo about a case record (or a trace of one) is given in the giver's own name, to someone
	who works at its school or may read the record: a teacher gave one on her own signal in the director's name, with a
	link to "the form of Veilig Thuis", and others to a teacher of another school and the board
	(round 83)."""
	behind = case_behind(doc.reference_type, doc.reference_name)
	if behind is None:
		return
	_between, record_doctype, record = behind

	def set_now(field: str) -> bool:
		return doc.is_new() or doc.has_value_changed(field)

	if doc.assigned_by and doc.assigned_by != frappe.session.user and set_now("assigned_by"):
		frappe.throw(
			_("A ToDo about a Meldcode record is given in your own name."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if (
		doc.allocated_to
		and set_now("allocated_to")
		and not (
			# a teacher of the pupil's school may be asked to keep an eye on the pupil in class
			record_doctype in CASE_DOCTYPES
			and frappe.db.get_value(record_doctype, record, "school") in schools_of_user(doc.allocated_to)
		)
		and not may("read", record_doctype, record, user=doc.allocated_to)
	):
		frappe.throw(
			_("A ToDo about a Meldcode record is for someone who works at its school."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def case_behind(doctype: str | None, name: str | None, limit: int = 8) -> tuple[int, str, str] | None:
	"""(how many traces lie between, DocType, name) of the case record behind a reference: (0, the
	reference) for a case record itself; None when no case record is behind it. Unlike
	record_behind (two steps, for reading), it counts the steps, for the write judge's depth rule."""
	for between in range(limit):
		if doctype in RECORD_DOCTYPES:
			return between, doctype, name
		if doctype not in TRACE_REFERENCES or not name:
			return None
		doctype, name = step_back(doctype, name)
	return None


def refuse_deeper_traces():
	"""The app follows a trace of a case three steps back (a version of a comment on a case's
	ToDo), in every list and on every form: nothing is written about a trace of a trace of a case,
	which would be the fourth. A comment on a ToDo about a case's comment, and a ToDo about that
	comment, were listed with their text to a System Manager with no school (round 60)."""
	frappe.throw(
		_(
			"This cannot be added here: it would be a note about a note about a Meldcode record. Add it to the record itself."
		),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


def refuse_labels():
	"""Frappe's labels (tags) are one list for the whole site: every user and every website user
	reads them and the records they are on, so a case record carries none, nor a ToDo, comment,
	mail or file about one ("Bram-Verborgen" on a case's ToDo was read and renamed, round 207)."""
	frappe.throw(
		_(
			"Meldcode records carry no labels: Frappe shows every label and its records to every user of the site."
		),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


def of_the_app(doctype) -> bool:
	"""Whether a DocType is one of the app's (its records, settings, schools, grants, routes): one it
	ships, whatever its module is called now, or one of its module."""
	return isinstance(doctype, str) and (
		folded(doctype) in APP_DOCTYPE_NAMES
		or frappe.get_cached_value("DocType", doctype, "module") == MODULE
	)


APP_DOCTYPE_NAMES = frozenset(folded(name) for name in APP_DOCTYPES)
SHIPPED_NAMES = {doctype: frozenset(folded(name) for name in names) for doctype, names in SHIPPED.items()}


def shipped(doctype: str, name) -> bool:
	"""Whether the app ships the record (a definition in its module, a fixture), by its name as the
	database compares names."""
	names = SHIPPED_NAMES.get(doctype)  # most saves are of a DocType the app ships nothing of
	return bool(names) and isinstance(name, str) and folded(name) in names


def refuse_sharing(share, method=None):
	"""Who may see a case follows from the school's staff and the case team, so a record of the app
	is not shared (a share of a school with write let an Accounts User disable it, round 63). The
	one exception is the app's own: the read-only share by which whom the board named on its case
	reads it (named_reader_shares), for a user named on it as stored, never the accused."""
	if not of_the_app(share.share_doctype):
		return
	if share.share_doctype in NAMED_READERS and is_named_reader_share(share):
		return
	frappe.throw(
		_(
			"Meldcode records are not shared; who may see them follows from the school's staff and the case team."
		),
		frappe.PermissionError,
		title=_("Not shared"),
	)


def is_named_reader_share(share) -> bool:
	if share.everyone or share.write or share.submit or share.share or not share.read:
		return False
	accused = frappe.db.get_value(share.share_doctype, share.share_name, "accused_user")
	return share.user != accused and bool(
		frappe.db.exists(
			NAMED_READERS[share.share_doctype],
			{"parenttype": share.share_doctype, "parent": share.share_name, "user": share.user},
		)
	)


def named_reader_shares(doc) -> None:
	"""Frappe opens a record to a user without a role on its DocType only through a share, so
	whom the board named gets a read-only share, and loses it when no longer named. The hooks
	above still narrow every list to the named case; validate refuses to name the accused."""
	named = {row.user for row in doc.get("named_readers") or []}
	shared = dict(
		frappe.get_all(
			"DocShare",
			filters={"share_doctype": doc.doctype, "share_name": doc.name},
			fields=["user", "name"],
			as_list=True,
		)
	)
	for user, share in shared.items():
		if user not in named:
			share = frappe.get_doc("DocShare", share)
			share.flags.ignore_share_permission = True
			share.delete(ignore_permissions=True)
	for user in sorted(named - set(shared)):
		share = frappe.get_doc(
			{
				"doctype": "DocShare",
				"share_doctype": doc.doctype,
				"share_name": doc.name,
				"user": user,
				"read": 1,
				"notify_by_email": 0,
			}
		)
		share.flags.ignore_share_permission = True  # the board names; it has no right to share
		share.insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": _("The board named you as a reader of {0} {1}.").format(_(doc.doctype), doc.name),
			}
		).insert(ignore_permissions=True)


def guard_attachment(file, method=None):
	"""Attachments of case records, and of their traces (a file on a case's ToDo or comment), are
	private: Frappe lists every public file to every System User, whatever else limits its list
	(its File condition ends in an "or"), and serves it to anyone who has its address. A case
	record's file is not attached elsewhere by someone who may not read that record (which would
	open it through the copy)."""
	if not file.is_private and case_record_of_file(file):
		refuse_public_attachment()
	if file.is_new() and file.file_url and not readable_file(file.file_url, exclude=file.name):
		answer_file_as_missing(file.file_url)


def refuse_public_attachment():
	frappe.throw(
		_("Attachments to Meldcode records are always private."),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


# Frappe's own words for a file that is not there, left to Frappe's translation (ours would replace
# them): a file its reader may not read is answered alike, never with a refusal that tells it is a
# case record's (rounds 46, 47).
FRAPPE_NO_FILE = "File {0} does not exist"


def answer_file_as_missing(file_url: str):
	frappe.throw(_(FRAPPE_NO_FILE).format(file_url), frappe.DoesNotExistError)


def readable_file(file_url: str, exclude: str | None = None, as_the_disk: bool = True) -> bool:
	"""Whether the session user may read a file, judged by every case record it is a file of: a
	file of a case record is for those who may read that record, whichever File row points at it.
	``as_the_disk``: the address spelled exactly; else as the database finds a File by it."""
	rows = frappe.get_all(
		"File",
		filters={"file_url": file_url, "attached_to_doctype": ("in", CASE_TRACE_TARGETS)},
		fields=["name", "file_url", "attached_to_doctype", "attached_to_name"],
	)
	# As the disk compares: the database's comparison ignores case and accents, and a refused
	# "VERSLAG.txt" told that a case record had a "verslag.txt" (round 47).
	rows = [row for row in rows if row.name != exclude and (row.file_url == file_url or not as_the_disk)]
	owners = [record for row in rows if (record := case_record_of_file(row))]
	return not owners or any(may("read", *record) for record in owners)


def case_record_of_file(file) -> tuple[str, str] | None:
	"""The case record (DocType, name) a File's file belongs to: the record it is attached to, or
	the one behind the trace it is attached to. A copy of a file on a case's comment or ToDo,
	judged as nobody's, served that file to a teacher of another school and a parent (round 60)."""
	doctype, name = record_behind(file.attached_to_doctype, file.attached_to_name)
	return (doctype, name) if doctype in RECORD_DOCTYPES else None


def keep_notifications_content_free(notification, method=None):
	"""A notification about a case record carries a link, never its content (a mention would
	otherwise mail the comment to someone who may not read the record)."""
	if notification.document_type in RECORD_DOCTYPES:
		notification.email_content = None


# The allow-list of the request guard (meldcode_app.access.request_guard): the only methods and routes
# that may be called with a protected DocType, each with why it is safe. A method not listed
# here is refused for those DocTypes, whatever Frappe adds in a later release.


@dataclass(frozen=True)
class Door:
	why: str
	check: Callable[[frappe._dict, set[str]], bool] | None = None

	def allows(self, arguments: frappe._dict, named: set[str]) -> bool:
		return self.check is None or self.check(arguments, named)


def _from_a_readable_record(arguments, named) -> bool:
	"""Frappe's next-record door reads the record it starts from (``value``) with no permission
	check and lists from its field's value: started from another school's dossier, it told where
	that dossier's pupil stood among one's own (round 62)."""
	value = arguments.get("value")
	return all(isinstance(value, str) and may("read", doctype, value) for doctype in named & RECORD_DOCTYPES)


def _records_only(arguments, named) -> bool:
	"""The request is about a whole record, or writes a trace that points at one: child rows come
	only as rows of their parent record (Frappe judges a child row loaded on its own by the role
	alone, not by its parent record)."""
	main = arguments.get("doctype")
	if not isinstance(main, str) and arguments.get("doc"):
		main = posted_doctype(arguments.get("doc"))
	if isinstance(main, str) and main in WRITE_INTO_DOCTYPES:
		return True  # a ToDo, comment, ... pointing at a record: judge_write_into_record decides
	if not isinstance(main, str) or main not in {*RECORD_DOCTYPES, *SCHOOL_LOG_DOCTYPES}:
		return False
	return all(
		doctype in (main, *SCHOOL_LOG_DOCTYPES) or main in CHILD_DOCTYPES.get(doctype, ())
		for doctype in named
	)


def posted_doctype(posted) -> str | None:
	"""The DocType of a posted ``doc``: a document as JSON or a dictionary, or the DocType's name
	itself (``get_html_and_style(doc, name)`` takes that too)."""
	if isinstance(posted, str):
		try:
			posted = json.loads(posted)
		except ValueError:
			return posted
	return posted.get("doctype") if isinstance(posted, dict) else None


def _no_method(arguments, named) -> bool:
	"""An upload that hands the file to a method of its own (``method``) runs that method past the
	guard's judgement of it: not for a case record."""
	return not arguments.get("method")


def _app_print_format(arguments, named) -> bool:
	"""A case record prints only in the app's own formats for its DocType: Frappe's Standard format
	prints typed HTML live, and a format a site adds reads whatever its template asks for."""
	doctype = arguments.get("doctype")
	if not isinstance(doctype, str):
		doctype = posted_doctype(arguments.get("doc"))
	if doctype not in RECORD_DOCTYPES:
		return True  # a ToDo, comment, ... pointing at a record prints nothing of it
	name = arguments.get("format") or arguments.get("print_format")
	if not name:
		name = frappe.get_cached_value("DocType", doctype, "default_print_format")
	if not isinstance(name, str) or not name:
		return False
	module, doc_type, disabled = frappe.get_cached_value(
		"Print Format", name, ["module", "doc_type", "disabled"]
	) or (None, None, 1)
	return module == "Meldcode App" and doc_type == doctype and not disabled


def _printed_records(arguments, named) -> bool:
	return _records_only(arguments, named) and _app_print_format(arguments, named)


def _hooks_kept(arguments, named) -> bool:
	"""Link search with the app's hooks: no custom query. The desk asks a link field that ignores
	User Permissions (every one of the app's) to search with ``ignore_user_permissions``, which
	makes Frappe skip every permission hook too: the search runs without that flag."""
	if sbool(arguments.get("ignore_user_permissions") or 0):
		frappe.local.form_dict.ignore_user_permissions = 0
	query = arguments.get("query")
	return not query or (isinstance(query, str) and query.startswith("meldcode_app."))


def _app_report(arguments, named) -> bool:
	"""Only the app's own Script Reports, which apply the app's scope, or a Report Builder view. Its
	own by name, not by module: a Custom Report of Frappe's "Permitted Documents For User" saved
	with the app's module passed (round 65)."""
	name = arguments.get("report_name")
	return (
		shipped("Report", name) or frappe.get_cached_value("Report", name, "report_type") == "Report Builder"
	)


def _chart_through_get_list(arguments, named) -> bool:
	"""A saved chart that counts through frappe.get_list: not a heatmap (frappe.get_all), not a
	custom source or report (code of their own)."""
	chart_type, kind = frappe.get_cached_value(
		"Dashboard Chart", arguments.get("chart_name"), ["chart_type", "type"]
	) or (None, None)
	return chart_type in ("Count", "Sum", "Average", "Group By") and kind != "Heatmap"


THROUGH_GET_LIST = "reads through frappe.get_list, which applies the app's query conditions"
THROUGH_HAS_PERMISSION = "reads one record after has_permission, which applies the app's hook"
WRITES_CHECKED = "writes after Frappe's permission check on the record; judge_as_stored checks it as stored"
META_ONLY = "returns the DocType's definition or list settings, no record"
REPLACED = "replaced by meldcode_app.access.scoped_methods, which reads through frappe.get_list"
WRITE_INTO = "what it adds to a record is judged by judge_write_into_record"
APP_METHOD = "the app's own method: it checks the record's permission before it reads or writes"

ALLOWED_DOORS = {
	"frappe.desk.form.load.getdoc": Door(THROUGH_HAS_PERMISSION, _records_only),
	"frappe.desk.form.load.get_docinfo": Door(THROUGH_HAS_PERMISSION, _records_only),
	"frappe.desk.form.load.getdoctype": Door(META_ONLY),
	"frappe.desk.listview.get_list_settings": Door(META_ONLY),
	"frappe.desk.listview.set_list_settings": Door(META_ONLY),
	"frappe.api.v2.get_meta": Door(META_ONLY),
	"frappe.desk.desktop.get_desktop_page": Door(META_ONLY + " (a workspace's cards, shortcuts and charts)"),
	"frappe.model.utils.user_settings.save": Door(META_ONLY + " (the user's own list settings)"),
	"frappe.printing.page.print.print.get_print_settings_to_show": Door(
		META_ONLY + " (the print settings a format offers)", _records_only
	),
	"frappe.desk.reportview.get": Door(THROUGH_GET_LIST),
	"frappe.desk.reportview.get_list": Door(THROUGH_GET_LIST),
	"frappe.desk.reportview.get_count": Door(THROUGH_GET_LIST),
	"frappe.api.v2.count": Door(THROUGH_GET_LIST),
	"frappe.client.get_list": Door(THROUGH_GET_LIST),
	"frappe.client.get_value": Door(THROUGH_GET_LIST),
	"frappe.api.v1.document_list": Door(THROUGH_GET_LIST),
	"frappe.api.v2.document_list": Door(THROUGH_GET_LIST),
	"frappe.desk.form.utils.get_next": Door(
		THROUGH_GET_LIST + ", after the record it starts from, which its reader may read",
		_from_a_readable_record,
	),
	"frappe.desk.doctype.number_card.number_card.get_result": Door(THROUGH_GET_LIST),
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": Door(
		THROUGH_GET_LIST, _chart_through_get_list
	),
	"frappe.desk.search.search_link": Door(THROUGH_GET_LIST, _hooks_kept),
	"frappe.desk.search.search_widget": Door(THROUGH_GET_LIST, _hooks_kept),
	"frappe.desk.query_report.run": Door(THROUGH_GET_LIST, _app_report),
	"frappe.desk.query_report.get_script": Door(META_ONLY, _app_report),
	"frappe.api.v1.read_doc": Door(THROUGH_HAS_PERMISSION, _records_only),
	"frappe.api.v2.read_doc": Door(THROUGH_HAS_PERMISSION, _records_only),
	"frappe.realtime.can_subscribe_doc": Door(THROUGH_HAS_PERMISSION, _records_only),
	"frappe.model.workflow.get_transitions": Door(THROUGH_HAS_PERMISSION, _records_only),
	"frappe.www.printview.get_html_and_style": Door(THROUGH_HAS_PERMISSION + " (print)", _printed_records),
	"frappe.utils.print_format.download_pdf": Door(
		THROUGH_HAS_PERMISSION + " (print); logged", _printed_records
	),
	"page:printview": Door(THROUGH_HAS_PERMISSION + " (print)", _printed_records),
	"frappe.client.get": Door(REPLACED, _records_only),
	"frappe.client.get_count": Door(REPLACED),
	"frappe.client.validate_link": Door(REPLACED),
	"frappe.desk.listview.get_group_by_count": Door(REPLACED),
	"frappe.desk.form.linked_with.get_submitted_linked_docs": Door(REPLACED),
	"frappe.desk.form.save.savedocs": Door(WRITES_CHECKED, _records_only),
	"frappe.desk.form.save.cancel": Door(WRITES_CHECKED, _records_only),
	"frappe.client.insert": Door(WRITES_CHECKED, _records_only),
	"frappe.client.save": Door(WRITES_CHECKED, _records_only),
	"frappe.client.set_value": Door(WRITES_CHECKED, _records_only),
	"frappe.client.submit": Door(WRITES_CHECKED, _records_only),
	"frappe.client.cancel": Door(WRITES_CHECKED, _records_only),
	"frappe.api.v1.create_doc": Door(WRITES_CHECKED, _records_only),
	"frappe.api.v2.create_doc": Door(WRITES_CHECKED, _records_only),
	"frappe.api.v1.update_doc": Door(WRITES_CHECKED, _records_only),
	"frappe.api.v2.update_doc": Door(WRITES_CHECKED, _records_only),
	"frappe.model.workflow.apply_workflow": Door(WRITES_CHECKED, _records_only),
	"frappe.desk.form.utils.add_comment": Door(WRITE_INTO),
	"frappe.desk.like.toggle_like": Door(WRITE_INTO),
	"frappe.desk.doctype.tag.tag.remove_tag": Door(WRITE_INTO + " (taking a label off; none can be added)"),
	"upload_file": Door(WRITE_INTO, _no_method),
	"frappe.handler.upload_file": Door(WRITE_INTO, _no_method),
	**{
		f"meldcode_app.api.{method}": Door(APP_METHOD)
		for method in (
			"open_dossier_from_signals",
			"start_acute_path",
			"export_inspection_pdf",
			"answer_pupils_destruction_request",
			"make_monitoring_report",
			"verify_signed_pdf",
			"dossier_timeline",
			"export_board_workbook",
			"enqueue_board_workbook",
			"export_yearly_bundle",
			"decide_access_grant",
			"access_grants_awaiting_me",
			"share_with_parents",
			"withdraw_parent_share",
		)
	},
	"meldcode_app.terms.overdue_terms_count": Door(APP_METHOD),
	"meldcode_app.link_queries.dossiers": Door(THROUGH_GET_LIST + " (a link search's dossiers)"),
	"meldcode_app.link_queries.schools": Door(THROUGH_GET_LIST + " (a link search's schools)"),
	"frappe.desk.doctype.route_history.route_history.deferred_insert": Door(
		"replaced by meldcode_app.access.route_history.deferred_insert, which reads nothing and keeps no route"
		" that names a case record in the user's own route history"
	),
	"meldcode_app.demo.create_demo_data": Door(APP_METHOD),
}

# The portal speaks Dutch to parents, whatever a parent's account says (it has no language of its
# own: access/parent_shares.portal_user), also where the guard refuses them.
PORTAL_LANGUAGE = "nl"
# The only doors of the app open to a Website User (a parent) or a guest: the parents' portal.
# Each finds the parent's open share itself (access/parent_shares.open_share) and answers a
# verslag that does not exist like one not shared with them. Any other method or page of the app
# is refused to them, whatever it names.
PORTAL_DOORS = {
	"page:meldcode-ouders": Door(
		"the parents' portal pages: the verslagen shared with the logged-in parent, each read through its open share"
	),
	"meldcode_app.api.parent_sign": Door(
		"signs only the verslag an open share names the logged-in parent on"
	),
	"meldcode_app.api.parent_request": Door(
		"makes a record for the case team about the dossier of an open share of the logged-in parent"
	),
}
