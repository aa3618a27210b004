"""Frappe methods that read (or write) the database past the permission hooks, replaced (hooks.py,
``override_whitelisted_methods``) by versions that read the app's protected DocTypes and the
traces of case records through ``frappe.get_list``. Other DocTypes keep Frappe's behaviour."""

import re
from contextlib import contextmanager

import frappe
from frappe import _, client
from frappe.core.doctype.document_naming_settings.document_naming_settings import DocumentNamingSettings
from frappe.desk import desktop, listview, notifications
from frappe.desk.doctype.tag import tag as tag_methods
from frappe.desk.form import linked_with, load
from frappe.utils import cint, escape_html, global_search

from meldcode_app.access.grants import bench_administrator_acts
from meldcode_app.access.permissions import may, records_listed_to
from meldcode_app.rules.registry import (
	ACCOUNT_DOCTYPES,
	CHILD_DOCTYPES,
	PROTECTED_DOCTYPES,
	RECORD_DOCTYPES,
	TRACE_DOCTYPES,
)
from meldcode_app.safe_api import safe_method
from meldcode_app.utils import acting_as

# Grants too: Frappe's counts would tell who waits for access where.
SCOPED = PROTECTED_DOCTYPES | set(TRACE_DOCTYPES) | {"Meldcode Access Grant"}


def _scoped(doctype) -> bool:
	"""Whether the app reads ``doctype`` itself; refuses what is not a DocType at all."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("{0} is not a document type.").format(frappe.bold(doctype)), frappe.DoesNotExistError)
	return doctype in SCOPED


@contextmanager
def filters_refused_when_unusable():
	"""Filters come from the caller: JSON that does not parse, or names no column, is refused."""
	try:
		yield
	except (ValueError, TypeError, AttributeError, frappe.db.ProgrammingError, frappe.db.OperationalError):
		frappe.throw(_("These filters cannot be applied."), title=_("Not done"))


def _scoped_names(doctype: str, filters, parent: str | None = None, limit: int | None = None) -> list[str]:
	return frappe.get_list(
		doctype,
		filters=client.get_safe_filters(filters),
		pluck="name",
		parent_doctype=parent or CHILD_DOCTYPES.get(doctype, (None,))[0],
		limit_page_length=limit,
		order_by=None,
	)


@frappe.whitelist()
@safe_method
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""Frappe's counts every row of any table for any user (with a filter on a mail's text, a
	teacher read a director's password-reset key from the Email Queue, one character a count);
	this counts the rows the user may list, in every DocType."""
	with filters_refused_when_unusable():
		if _scoped(doctype):
			return len(_scoped_names(doctype, filters))
		if frappe.get_meta(doctype).istable and frappe.session.user != "Administrator":
			frappe.throw(_("Rows of a table are counted through their document."), frappe.PermissionError)
		counted = frappe.get_list(
			doctype, filters=client.get_safe_filters(filters), fields=["count(*) as count"], order_by=None
		)
		return counted[0].count if counted else 0


@frappe.whitelist()
@safe_method
def get(doctype: str, name: str | None = None, filters=None, parent: str | None = None):
	"""Frappe's looks a record up by filters before checking permission ("not found" and
	"not permitted" then tell what exists); this looks it up among the records the user may read."""
	with filters_refused_when_unusable():
		if _scoped(doctype) and not name and filters:
			names = _scoped_names(doctype, frappe.parse_json(filters), parent, limit=1)
			if not names:
				raise frappe.DoesNotExistError(_("{0} not found").format(_(doctype)))
			name = names[0]
		return client.get(doctype, name=name, filters=None if name else filters, parent=parent)


@frappe.whitelist()
@safe_method
def validate_link(doctype: str, docname: str, fields=None):
	"""A record the user may not read is, to them, not there; nor an account or contact they may
	not list (a parent's, round 88)."""
	if _scoped(doctype) and isinstance(docname, str) and not may("read", doctype, docname):
		return frappe._dict()
	if doctype in ACCOUNT_DOCTYPES and not listed(doctype, [docname]):
		return frappe._dict()
	return client.validate_link(doctype, docname, fields)


@frappe.whitelist()
@safe_method
def get_user_info_for_viewers(users):
	"""The names and pictures of a record's viewers, of the users the reader may list: any address
	told whether it had an account, and the guardian's name on it (round 88)."""
	try:
		asked = frappe.parse_json(users)
	except ValueError:
		asked = None
	if not isinstance(asked, list) or not all(isinstance(user, str) for user in asked):
		frappe.throw(_("Users are given as a list of names."), title=_("Not done"))
	return load.get_user_info_for_viewers(frappe.as_json(listed("User", asked)))


def listed(doctype: str, names: list) -> list[str]:
	"""Those of the names the user may list."""
	names = [name for name in names if isinstance(name, str)]
	if not names:
		return []
	try:
		return frappe.get_list(doctype, filters={"name": ("in", names)}, pluck="name", limit_page_length=0)
	except frappe.PermissionError:
		return []


@frappe.whitelist()
@safe_method
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's "assigned to" counts, over the records the user may list, of their own
	DocType: Frappe counted every ToDo whose record has the same name in any DocType, so a Tag named
	"MD-2026-00001" counted the dossier's ToDos, by whom they were for (round 47)."""
	with filters_refused_when_unusable():
		if field != "assigned_to":
			return listview.get_group_by_count(doctype, current_filters, field)
		_scoped(doctype)
		names = _scoped_names(doctype, frappe.parse_json(current_filters))
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.select(todo.allocated_to.as_("name"), count)
		.where(todo.status != "Cancelled")
		.where(todo.reference_type == doctype)
		.where(todo.reference_name.isin(names))
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
	).run(as_dict=True)


@frappe.whitelist()
@safe_method
def get_open_count(doctype: str, name: str, items=None):
	"""The counts under a form (a Student's connections): never of the app's records, whose
	presence alone says that a child has a case."""
	_scoped(doctype)
	with filters_refused_when_unusable():
		if items is None:
			transactions = frappe.get_meta(doctype).get_dashboard_data().transactions
			items = [item for group in transactions for item in group.get("items")]
		items = frappe.parse_json(items)
		items = [item for item in items if isinstance(item, str) and item not in PROTECTED_DOCTYPES]
		answer = notifications.get_open_count(doctype, name, items)
		links = frappe.get_meta(doctype).get_dashboard_data()
		for found in answer["count"]["external_links_found"]:
			found.update(readable_count(found["doctype"], name, links))
		return answer


def readable_count(doctype: str, name: str, links) -> dict:
	"""Frappe's count of a record's connections of one DocType (``get_external_links``), of those
	its reader may read: Frappe counts past permissions, and a parent's count of Access Logs told
	that they had read a verslag, a teacher's of ToDos that a case term had come (round 47)."""
	fieldname = links.get("non_standard_fieldnames", {}).get(doctype, links.get("fieldname"))
	filters = {fieldname: name, **(notifications.get_dynamic_link_filters(doctype, links, fieldname) or {})}
	open_filters = notifications.get_filters_for(doctype)

	def counted(conditions):
		if not frappe.has_permission(doctype, "read"):
			return 0
		return len(frappe.get_list(doctype, filters=conditions, pluck="name", limit=100, distinct=True))

	return {
		"count": counted(filters),
		"open_count": counted({**filters, **open_filters}) if open_filters else 0,
	}


@frappe.whitelist()
@safe_method
def get_open_activities(ref_doctype: str, ref_docname: str) -> dict:
	"""ERPNext's open ToDos and events of a record (a lead, a pupil's contact), listed past who may
	read them: others' private events and ToDos about a pupil (round 207). Here, of a record its
	reader may read, those they may read."""
	if not isinstance(ref_docname, str) or not frappe.has_permission(ref_doctype, doc=ref_docname):
		raise frappe.PermissionError
	about = {"reference_type": ref_doctype, "reference_name": ref_docname, "status": "Open"}
	participant = [
		["Event Participants", field, "=", value]
		for field, value in (("reference_doctype", ref_doctype), ("reference_docname", ref_docname))
	]
	return {
		"tasks": frappe.get_list(
			"ToDo", filters=about, fields=["name", "description", "allocated_to", "date"]
		),
		"events": frappe.get_list(
			"Event",
			filters=[*participant, ["status", "=", "Open"]],
			fields=["name", "subject", "event_category", "starts_on", "ends_on", "description"],
			distinct=True,
		),
	}


# Addresses an e-mail group may not take: of the app's records and their traces (a mail of a
# dossier names the parent who wrote), of accounts, and of mail waiting to be sent.
NO_ADDRESS_IMPORT = SCOPED | set(ACCOUNT_DOCTYPES) | {"Email Queue", "Email Queue Recipient", "User Email"}


@frappe.whitelist()
@safe_method
def import_from(name: str, doctype: str):
	"""Frappe's e-mail group imports the address of every record of ``doctype``, past the
	permission hooks; not of those above."""
	from frappe.email.doctype.email_group import email_group

	_scoped(doctype)
	if doctype in NO_ADDRESS_IMPORT:
		frappe.throw(_("Addresses cannot be imported from {0}.").format(_(doctype)), frappe.PermissionError)
	return email_group.import_from(name, doctype)


@frappe.whitelist()
@safe_method
def get_submitted_linked_docs(doctype: str, name: str, ignore_doctypes_on_cancel_all=None) -> dict:
	"""Documents linked to one being cancelled, without case records the user may not read."""
	_scoped(doctype)
	with filters_refused_when_unusable():
		found = linked_with.get_submitted_linked_docs(doctype, name, ignore_doctypes_on_cancel_all)
	docs = [
		d
		for d in found["docs"]
		if d["doctype"] not in RECORD_DOCTYPES or may("read", d["doctype"], d["name"])
	]
	return {"docs": docs, "count": len(docs)}


ONBOARDING_STATES = ("is_complete", "is_skipped")


@frappe.whitelist()
@safe_method
def update_onboarding_step(name: str, field: str, value):
	"""Frappe's writes any field of an onboarding step for any user, past the step's validation:
	a parent's account put a script into a step's description that ran in the case team's desk
	(round 39). Only a step's state is set here, as the desk does when a step is done or skipped."""
	if field not in ONBOARDING_STATES or str(value) not in ("0", "1"):
		frappe.throw(
			_("Only whether an onboarding step is done or skipped is set this way."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	desktop.update_onboarding_step(name, field, int(value))


# What Frappe's own check of a tag's name refuses, and a quote: Frappe writes a tag into a record's
# _user_tags with SQL, past every hook, when a Tag of that name exists as the collation compares
# names, and a full-width "＜img …＞" Tag let "<img … onerror=…>" in; the list view showed it as markup
# and it ran in the case team's desk (round 40).
NOT_IN_A_TAG = re.compile(r"[<>\"'`&]")


def texts_of(value, label: str) -> list[str]:
	"""A list of texts as the desk sends it (JSON), or a refusal that says what was expected."""
	try:
		parsed = frappe.parse_json(value) if isinstance(value, str) else value
	except ValueError:
		parsed = None
	if not isinstance(parsed, list) or not all(isinstance(text, str) and text for text in parsed):
		frappe.throw(_("{0} is a list of texts.").format(label), title=_("Not done"))
	return parsed


def checked_tags(tags: list[str], dt: str) -> list[str]:
	_scoped(dt)  # refuses what is not a DocType
	if any(not tag.strip() or NOT_IN_A_TAG.search(tag) for tag in tags):
		frappe.throw(
			_("A tag holds no angle brackets, ampersands or quotes."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	return tags


@frappe.whitelist()
@safe_method
def add_tag(tag: str, dt: str, dn: str, color=None):
	checked_tags([tag], dt)
	return tag_methods.add_tag(tag, dt, dn, color)


@frappe.whitelist()
@safe_method
def add_tags(tags, dt: str, docs, color=None):
	checked_tags(texts_of(tags, _("Tags")), dt)
	return tag_methods.add_tags(tags, dt, texts_of(docs, _("Documents")), color)


@frappe.whitelist()
@safe_method
def search(text: str, start: int = 0, limit: int = 20, doctype: str = ""):
	"""Frappe's global search answers per DocType: another user's private ToDo, a case's term ToDo
	("Veilig Thuis decision expected of dossier MD-…") reached anyone who searched (round 42). Here
	only records the user may read, their text as text: Frappe unescapes what it indexes, and an
	"&lt;img … onerror=" in a note ran in the case team's search results. And counted among those
	only: Frappe ranks and limits before any permission, so which of one's own records still came
	back told whether a hidden one held the word, above them (round 52)."""
	wanted = max(cint(start), 0) + max(cint(limit), 0)
	found = []
	for word in {word.strip() for word in str(text).split("&")} - {""}:
		found.extend(readable_matches(word, doctype, wanted))
	found.sort(key=lambda result: -result.rank)
	return [
		{**result, "content": escape_html(result.content or "")}
		for result in found[max(cint(start), 0) : wanted]
	]


SEARCH_PAGE = 100


def readable_matches(word: str, doctype: str, wanted: int) -> list:
	"""The first ``wanted`` records matching ``word`` that the user may read, by rank: Frappe's
	search read a page at a time (it leaves out the rows of no rank, which come last)."""
	matches, offset = [], 0
	while len(matches) < wanted:
		page = global_search.search(word, offset, SEARCH_PAGE, doctype)
		matches.extend(result for result in page if readable(result.doctype, result.name))
		if len(page) < SEARCH_PAGE:
			break
		offset += SEARCH_PAGE
	return matches[:wanted]


def readable(doctype: str, name: str) -> bool:
	"""Whether the user may read a record the search index names, which may be gone (Frappe
	leaves the index behind a record deleted by a query)."""
	try:
		return frappe.has_permission(doctype, "read", name)
	except frappe.DoesNotExistError:
		return False


@frappe.whitelist()
@safe_method
def get_workflow_state_count(doctype: str, workflow_state_field: str, states):
	"""Frappe counts a DocType's records by a column the request names, with ``get_all``: every
	user, a parent's account too, read the text of each Version, comment and ToDo of a case, and
	the names of its files, one column at a time (round 99). The records its reader may list."""
	frappe.has_permission(doctype=doctype, ptype="read", throw=True)
	states = frappe.parse_json(states)
	if workflow_state_field not in frappe.get_meta(doctype).get_valid_columns():
		return None
	result = frappe.get_list(
		doctype,
		fields=[workflow_state_field, "count(*) as count"],
		filters={workflow_state_field: ["not in", states]},
		group_by=workflow_state_field,
	)
	return [row for row in result if row[workflow_state_field]]


@frappe.whitelist()
@safe_method
def get_monthly_goal_graph_data(
	title: str,
	doctype: str,
	docname: str,
	goal_value_field: str,
	goal_total_field: str,
	goal_history_field: str,
	goal_doctype: str,
	goal_doctype_link: str,
	goal_field: str,
	date_field: str,
	aggregation: str = "sum",
	filters: str | dict | None = None,
) -> dict:
	"""Frappe sums a column of every record of the DocType the request names, month by month,
	with no permission check (round 99: the text of every Version, month by month). For a reader
	who may list every record of it only."""
	from frappe.utils import goal

	if not frappe.has_permission(goal_doctype, "read") or records_listed_to(
		goal_doctype, frappe.session.user
	):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	return goal.get_monthly_goal_graph_data(
		title,
		doctype,
		docname,
		goal_value_field,
		goal_total_field,
		goal_history_field,
		goal_doctype,
		goal_doctype_link,
		goal_field,
		date_field,
		aggregation,
		filters,
	)


class DocumentNamingSettingsAsTheReader(DocumentNamingSettings):
	"""The series preview fills a series' fields from the newest record of a DocType, which Frappe
	reads past every permission: a System Manager read the newest Version of a signal, its text
	before and after, and a case's newest ToDo and comment (round 98). The newest record its
	reader may list fills it."""

	def _fetch_last_doc_if_available(self):
		try:
			names = frappe.get_list(self.transaction_type, pluck="name", order_by="creation desc", limit=1)
			doc = frappe.get_doc(self.transaction_type, names[0]) if names else None
		except Exception:
			return None
		return doc if doc is not None and frappe.has_permission(doc.doctype, "read", doc=doc) else None


def keep_prepared_results_to_their_maker() -> None:
	"""A prepared report's result is made as its maker and read by its maker (or the bench's
	Administrator) only, whichever door names it: a report's filters, a custom report's stored
	filters, a download or Frappe's conversion to CSV gave an aandachtsfunctionaris' result of a
	ToDo report, her case's ToDo in it, to a System Manager (rounds 164, 167)."""
	from frappe.core.doctype.prepared_report.prepared_report import PreparedReport

	read = PreparedReport.get_prepared_data
	if getattr(read, "meldcode_kept", False):
		return

	def read_by_its_maker(self, *args, **kwargs):
		if frappe.session.user not in ("Administrator", self.owner):
			frappe.throw(
				_("This prepared report is its maker's."), frappe.PermissionError, title=_("Not allowed")
			)
		return read(self, *args, **kwargs)

	read_by_its_maker.meldcode_kept = True
	PreparedReport.get_prepared_data = read_by_its_maker


def run_a_report_for_its_user_as_them() -> None:
	"""Frappe runs a report for a user (an Auto Email Report's) with the code as the session's user,
	in the scheduler's job the Administrator: "Permitted Documents For User" then listed as the user
	its filter named, and a System Manager's daily report mailed her a case-team member's signals,
	dossiers and ToDos (round 176). A report a job makes for a user runs as that user."""
	from frappe.core.doctype.report.report import Report

	get_data = Report.get_data
	if getattr(get_data, "meldcode_kept", False):
		return

	def get_data_as_its_user(self, *args, **kwargs):
		user = kwargs.get("user") or (args[2] if len(args) > 2 else None)
		if not user or frappe.session.user != "Administrator" or bench_administrator_acts():
			return get_data(self, *args, **kwargs)
		with acting_as(user):
			return get_data(self, *args, **kwargs)

	get_data_as_its_user.meldcode_kept = True
	Report.get_data = get_data_as_its_user


def keep_the_apps_reports_unprepared() -> None:
	"""Frappe switches a script report that has run for 15 seconds to a prepared report with a
	timer's ``db.set_value``, past the report's hooks, and the timer runs on when the report fails:
	a director of another school made the app's reports fail slowly with a malformed filter and so
	switched Open Dossiers off for the case team (round 103). The app's reports stay as shipped: a
	prepared report's result is a stored file, and Open Dossiers' would be case content."""
	from frappe.core.doctype.report import report

	from meldcode_app.access.permissions import shipped

	enable = getattr(report, "enable_prepared_report", None)
	if enable is None or getattr(enable, "meldcode_kept", False):
		return

	def enable_unless_shipped(report: str, site: str):
		if not shipped("Report", report):
			enable(report=report, site=site)

	enable_unless_shipped.meldcode_kept = True
	report.enable_prepared_report = enable_unless_shipped
