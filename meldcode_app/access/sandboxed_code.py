"""Templates and scripts never reach a case record.

Frappe runs code that a site's users write: Jinja templates (print formats, letter heads, web
pages, e-mail templates, notifications, message previews, terms, ...) and safe_exec code (server
scripts, report scripts, the System Console), with database functions that check no permission
(``frappe.get_all``, ``frappe.db.sql``, ``frappe.db.set_value``), and query reports and the
console's SQL mode, which run a user's SQL. While such code runs, the database refuses every
statement on a protected table or on a table of records about other records (versions, comments,
files, ToDos, ...): judged by the statement itself, whatever spelled the DocType's name, and for reads and
writes alike, also when such code reaches the app's or Frappe's own functions. The app's templates
read case records only through its Jinja methods (meldcode_app.printing), which ask
has_permission for the session user.
"""

import functools
import re
import sys

import frappe
from frappe import _
from frappe.utils import CallbackManager
from jinja2 import Environment

from meldcode_app.access.links import answer_as_missing
from meldcode_app.access.permissions import case_traces, may, of_no_case_trace
from meldcode_app.access.stored_markup import refuse_markup_past_a_save, watch_writes
from meldcode_app.hooks import jinja
from meldcode_app.rules.automations import TARGET_FIELDS
from meldcode_app.rules.registry import (
	BENCH_ADMINISTRATOR_SETTINGS,
	PROTECTED_DOCTYPES,
	RECORD_DOCTYPES,
	SECRET_DOCTYPES,
	TRACE_DOCTYPES,
	TRACE_REFERENCES,
	WRITE_INTO_DOCTYPES,
)
from meldcode_app.rules.request_names import doctypes_named, folded, name_pattern, strings_in
from meldcode_app.rules.sql_input import (
	SqlSent,
	breaks_out,
	code_of,
	hides_code_or_echoes_values,
	neutral_values,
	reaches,
	reads_logins_within_another_statement,
	sql_sent,
)

# Who is logged in, and the mails that log someone in: code that read these would take over a session.
SECRETS = ("Sessions", *SECRET_DOCTYPES, "Email Queue Recipient")
# What scripts never write: who holds which function where, and the site's configuration, whose
# checks (access/automations.py, access/accounts.py) run when it is saved as a document, not when
# a script writes its table (a Notification turned onto a case DocType). Templates write nothing.
KEYS = (
	"Meldcode Access Grant",
	"Meldcode School Staff",
	"Meldcode School",
	*SECRETS,
	*TARGET_FIELDS,
	*BENCH_ADMINISTRATOR_SETTINGS,
	"Auto Email Report",
	"Report",
	"Dashboard Chart",
	"Number Card",
	"DocType",
	"DocField",
	"DocPerm",
	"DocShare",
	"User",
	"Has Role",
	"User Permission",
	"Role",
	"Role Profile",
	"Module Profile",
	"Email Account",
	"Singles",  # System Settings and every other single DocType
	"DefaultValue",
)


def tables(names) -> re.Pattern:
	"""The tables of ``names`` as SQL names them: quoted (`tabNotification` is not the start of
	`tabNotification Settings`) or bare (tabVersion, also as a string among a statement's values)."""
	alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
	return re.compile(rf"`tab(?:{alternatives})`|(?<![\w`])tab(?:{alternatives})(?![\w])", re.IGNORECASE)


# Every record Frappe keeps about another (files, ToDos, versions, comments, tags, follows, ...) can
# be one of a case record: foreign code reads none of them, nor the Error Log (tracebacks). Shares
# are read by Frappe's own permission checks, and a case record is never shared (permissions.py).
TRACES = (*TRACE_DOCTYPES, *WRITE_INTO_DOCTYPES, "Error Log")
# And what the server is running now: every connection's statement in full (a case's comment, a
# login's password, a session's id), read by a System Manager's console SQL (round 67). Frappe reads
# information_schema's tables and columns itself (a table's estimated size), which stay open.
SERVER_STATE = r"|processlist|performance_schema|innodb_trx|innodb_lock|query_cache_info"
TABLES = re.compile(
	tables((*PROTECTED_DOCTYPES, *TRACES, *SECRETS)).pattern + r"|__Auth" + SERVER_STATE, re.IGNORECASE
)
KEY_TABLES = tables(KEYS)
# What a script may still do with the traces: an ordinary document it saves leaves its own (a
# version, a ToDo, a comment, an error's log), as a new row that names no case record, and Frappe
# estimates how many rows such a table has. Every read of their rows is refused.
OUT_OF_REACH = re.compile(tables((*PROTECTED_DOCTYPES, *SECRETS)).pattern + r"|__Auth", re.IGNORECASE)
# The traces of a case (its text, its name, its terms): another app reads them in a statement of
# their own, never joined by a union, a join or a subquery to another's (a supplier's name pasted
# into the supplier portal's statement read a dossier's comments, round 31; a pasted DocType
# joined them, round 33). ERPNext's own reads of them are plain.
TRACE_TABLES = tables(TRACES)
UNION = re.compile(r"(?<![a-z_$])union(?![a-z0-9_$])")
SELECT = re.compile(r"(?<![a-z_$])select(?![a-z0-9_$])")
TABLE_NAMES = re.compile(r"`tab[^`]+`|(?<![\w`.])tab\w+", re.IGNORECASE)
CASE_NAMES = name_pattern(PROTECTED_DOCTYPES)
NEW_ROW = re.compile(r"^\s*insert\s+into\s+`tab[^`]+`\s*\(", re.IGNORECASE)
ESTIMATE = re.compile(
	r"^\s*select\s+table_rows\s+from\s+information_schema\.tables\s+where\s+table_name\s*=\s*%s\s*$",
	re.IGNORECASE,
)
# A statement that only reads; any other writes (or commits what was written).
READ = re.compile(
	r"^[\s(]*(?:/\*.*?\*/[\s(]*)*(?:select|show|explain|describe|desc)\b", re.IGNORECASE | re.DOTALL
)
TEMPLATE, SCRIPT = "template", "script"


def refused_statement(query: str, values, code: str = SCRIPT) -> bool:
	"""A statement foreign code may not run: one on a case table, a trace or a secret; from a
	template, any that writes; from a script or a user's SQL, one that writes a key or the site's
	configuration. The values of a statement count for the first: foreign code could store a
	statement for the app or Frappe to run later (a chart's expression)."""
	text = f"{query} {values or ''}"
	if TABLES.search(text):
		return not (code == SCRIPT and leaves_its_own_trace(query, values))
	if READ.match(query):
		return False
	return code == TEMPLATE or bool(KEY_TABLES.search(query))  # the tables it writes, not its values


def leaves_its_own_trace(query: str, values) -> bool:
	"""A statement by which a script's ordinary document leaves a trace of itself (see TRACES)."""
	if OUT_OF_REACH.search(f"{query} {values or ''}") or CASE_NAMES.search(folded(str(values or ""))):
		return False  # compared as the database compares: "Meldcode Dossíer" is a case record type
	return bool(NEW_ROW.match(query) or ESTIMATE.match(query))


LINK_CHECK = ("frappe.model.base_document", "get_invalid_links")
SELECTED = re.compile(r"^\s*select\s+(.*?)\s+from\s", re.IGNORECASE | re.DOTALL)


def check_link_to_case_record(link_check: dict, query: str) -> None:
	"""Frappe's link check of a record that is no case record (a ToDo, comment, file, a custom
	DocType's Dynamic Link) may find a case record only for whoever may read it, and never fetch
	its values: otherwise it is answered as a record that does not exist, whether it exists or
	not (Frappe would name a fetched value in its error, and tell existing from made-up)."""
	checked, doctype, name = (link_check.get(key) for key in ("self", "doctype", "docname"))
	# A row of a case record (a correction request's requested change) is checked as its record is.
	record = getattr(checked, "parent_doc", None) or checked
	if getattr(record, "doctype", None) in RECORD_DOCTYPES or doctype not in RECORD_DOCTYPES:
		return
	if not reads_table(query, doctype):
		return  # the case DocType's meta built on the way (its table's estimated size, round 84)
	if selects_more_than_name(query) or not (
		may("read", doctype, name) or kept_as_stored(checked, link_check)
	):
		answer_as_missing(checked, link_check.get("df"), name)


def reads_table(query: str, doctype: str) -> bool:
	return bool(re.search(rf"\bfrom\s+`tab{re.escape(doctype)}`", query, re.IGNORECASE))


def kept_as_stored(checked, link_check: dict) -> bool:
	"""Whether a record keeps the link it was saved with: a teacher could not close the ToDo the
	aandachtsfunctionaris gave her about a dossier she may not read (round 84)."""
	df = link_check.get("df")
	if df is None or not hasattr(checked, "get_doc_before_save") or checked.is_new():
		return False
	before = checked.get_doc_before_save()
	return (
		before is not None
		and before.get(df.fieldname) == link_check.get("docname")
		and (df.fieldtype != "Dynamic Link" or before.get(df.options) == link_check.get("doctype"))
	)


def selects_more_than_name(query: str) -> bool:
	"""Whether a statement reads any column but ``name`` (a link check that only finds a record)."""
	selected = SELECTED.match(query)
	if not selected:
		return True
	columns = [column.strip().split(".")[-1].strip("` ") for column in selected.group(1).split(",")]
	return any(column.lower() != "name" for column in columns)


# The app's Jinja methods: each asks whether its reader may read what it reads.
APP_JINJA_METHODS = {tuple(method.rsplit(".", 1)) for method in jinja["methods"]}
# Frappe functions that run a user's SQL as it is typed.
USER_SQL = {
	("frappe.core.doctype.report.report", "execute_query_report"),
	("frappe.desk.doctype.system_console.system_console", "run"),
	("frappe.desk.doctype.bulk_update.bulk_update", "bulk_update"),  # its condition (round 103)
}


# The server's catalogue: how many rows each case table holds and when it last changed, past the
# board's "< 5" (a System Manager's console SQL with a LIKE on the table's name, round 68; a
# template's query-builder subquery in a filter of frappe.db.count, round 70). Frappe reads it
# itself (a table's estimated size, its columns, the site's tables), always through these.
CATALOGUE = re.compile(r"information_schema", re.IGNORECASE)
TYPED_SQL = {("frappe.utils.safe_exec", "read_sql"), *USER_SQL}
QUERY_BUILDER = ("frappe.query_builder.utils", "execute_query")
CATALOGUE_READERS = {
	("frappe.database.database", "get_db_table_columns"),
	("frappe.database.database", "get_routines"),
	*(
		("frappe.database.mariadb.database", reader)
		for reader in (
			"estimate_count",
			"get_tables",
			"get_column_type",
			"get_table_columns_description",
			"get_database_size",
			"get_row_size",
			"add_unique",
		)
	),
}


def reads_the_catalogue_unasked() -> bool:
	"""Whether the statement in the watched ``db.sql`` (one that names the catalogue) is not one
	of Frappe's own reads of it: SQL a user wrote (a script's, a template's, the console's, a query
	report's, also built with ``frappe.qb`` there), or any other statement while foreign code runs."""
	caller = sys._getframe(2)
	where = (caller.f_globals.get("__name__"), caller.f_code.co_name)
	if where in TYPED_SQL:
		return True
	if where == QUERY_BUILDER and (caller := caller.f_back) is not None:
		# A template calls through Jinja's own frames (the sandbox's call, the context's, round 69).
		while caller is not None and (caller.f_globals.get("__name__") or "").startswith("jinja2."):
			caller = caller.f_back
		where = (caller.f_globals.get("__name__"), caller.f_code.co_name) if caller else (None, None)
	return where not in CATALOGUE_READERS and foreign_code_runs() is not None


def watch_database(*args, **kwargs):
	"""Hook (auth_hooks, before_job): this connection also refuses every statement that holds SQL
	the request (or the job's arguments) sent, and markup it sent stored past a save
	(stored_markup.py)."""
	job_arguments = kwargs.get("kwargs")
	frappe.local.meldcode_sql_sent = sql_the_request_sent(job_arguments)
	watch_writes()
	watch_connection(getattr(frappe.local, "db", None))


def watch_from_the_start() -> None:
	"""Frappe logs a user in, and writes the Activity Log whose notifications render then, before
	the app's auth_hooks run: a System Manager's notification read the case tables and the login's
	password there (round 95). From this package's first import in a process (a document's first
	event imports it through the "*" hooks), every connection is watched from when it is made, a
	request's current one at once, and templates and scripts see no request
	(request_values.py)."""
	from frappe.database.database import Database

	from meldcode_app.access.request_values import keep_the_request_from_stored_code

	keep_the_request_from_stored_code()
	keep_jobs_of_foreign_code_foreign()
	keep_messages_of_foreign_code_text()
	if getattr(Database, "meldcode_watched_from_the_start", False):
		return
	make = Database.__init__

	def make_and_watch(self, *args, **kwargs):
		make(self, *args, **kwargs)
		watch_connection(self)

	Database.__init__ = make_and_watch
	Database.meldcode_watched_from_the_start = True
	if getattr(frappe.local, "request", None) is not None:
		watch_connection(getattr(frappe.local, "db", None))


def watch_connection(db) -> None:
	"""The connection refuses protected tables to foreign code."""
	if db is None or getattr(db, "meldcode_watched", False):
		return
	sql = db.sql

	def sql_for_code_that_may_read(query, *args, **kwargs):
		values = kwargs.get("values", args[0] if args else None)
		text = str(query)
		seen = f"{text} {values or ''}"  # read once: every statement of the site passes here
		touches = bool(TABLES.search(seen))
		sent = getattr(frappe.local, "meldcode_sql_sent", None)
		reach = touches and bool(OUT_OF_REACH.search(seen) or TRACE_TABLES.search(seen))
		if refused_for_the_request(db, text, values, sent, reach):
			frappe.throw(
				_("Text sent with the request reached the database as SQL; it was not run."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		if LOGIN_HINT.search(text) and reads_logins_within_another_statement(text):
			# whoever's code: Frappe's own statements read the sessions and passwords on their own
			frappe.throw(
				_("A statement that reads the sessions or passwords inside another one is not run."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		if hides_code_or_echoes_values(text):  # whoever's code: none of the apps sends either
			frappe.throw(
				_(
					"A statement with an executable comment or a function that echoes a value in its error is not run."
				),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		refuse_markup_past_a_save(text, values)
		if CATALOGUE.search(text) and reads_the_catalogue_unasked():
			frappe.throw(
				_("Templates, scripts and reports of the site do not read Meldcode records."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		# Walking the stack costs: only for a statement foreign code might not run.
		code = foreign_code_runs(text) if touches else (None if READ.match(text) else foreign_code_runs())
		if code and refused_statement(text, values, code):
			frappe.throw(
				_("Templates, scripts and reports of the site do not read Meldcode records.")
				if touches
				else _(
					"Templates of the site change nothing, and scripts do not change the site's configuration or who has access."
				),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		if reach and READ.match(text) and (another_apps_code() or another_app_on_the_stack()):
			read = code_of(text)
			if SECRET_TABLES.search(read) or (CASE_TABLES.search(read) and reads_for_another_app()):
				frappe.throw(
					_("Templates, scripts and reports of the site do not read Meldcode records."),
					frappe.PermissionError,
					title=_("Not permitted"),
				)
			query = without_case_rows(text)
		if SEARCH_INDEX in text and READ.match(text) and (another_apps_code() or another_app_on_the_stack()):
			return without_case_search_rows(sql, sql(query, *args, **kwargs))
		return sql(query, *args, **kwargs)

	db.sql = sql_for_code_that_may_read
	watch_document_cache()
	for name in CALLBACKS:  # what foreign code leaves to run at commit or rollback stays foreign
		watched = WatchedCallbacks()
		watched._functions = getattr(db, name)._functions
		setattr(db, name, watched)
	db.meldcode_watched = True


# Frappe's search index holds the text of records and of their traces (a case's term ToDo):
# another app reads it past the app's search (ERPNext's help search, open to guests, searched the
# ToDos with Frappe's function, round 51).
SEARCH_INDEX = "__global_search"


def without_case_search_rows(sql, rows):
	"""The rows another app read from the search index, without those of a case record or a trace
	of one; a read whose rows do not name their record is refused."""
	columns = [column[0] for column in frappe.db._cursor.description or ()]
	if not rows:
		return rows
	if "doctype" not in columns or "name" not in columns:
		frappe.throw(
			_("Templates, scripts and reports of the site do not read Meldcode records."),
			frappe.PermissionError,
			title=_("Not permitted"),
		)
	at = {column: columns.index(column) for column in ("doctype", "name")}

	def key(row):
		return (
			(row["doctype"], row["name"]) if isinstance(row, dict) else (row[at["doctype"]], row[at["name"]])
		)

	named = {}
	for doctype, name in map(key, rows):
		named.setdefault(doctype, set()).add(name)
	of_cases = {
		(doctype, name) for doctype in named if doctype in PROTECTED_DOCTYPES for name in named[doctype]
	}
	protected = tuple(sorted(PROTECTED_DOCTYPES))
	for doctype, names in named.items():
		field = TRACE_FIELDS.get(doctype.lower())
		if field and doctype in TRACE_REFERENCE_DOCTYPES:  # the unwatched connection: the app's own read
			# about a case, or about one of its traces (a ToDo about a case's file)
			about = (
				f"name in ({case_traces(doctype)})"
				if doctype in WRITE_INTO_DOCTYPES
				else f"`{field}` in %(protected)s"
			)
			found = sql(
				f"select name from `tab{doctype}` where name in %(names)s and {about}",
				{"names": tuple(names), "protected": protected},
			)
			of_cases |= {(doctype, row[0]) for row in found}
	return type(rows)(row for row in rows if key(row) not in of_cases)


def refused_for_the_request(db, query: str, values, sent: SqlSent | None, out_of_reach: bool) -> bool:
	"""A statement that runs SQL the request sent, or another app's statement that reaches what
	only Frappe and this app read (``out_of_reach``: its text or values name such a table; judged
	in the statement as the database receives it)."""
	if not sent and not (out_of_reach and another_apps_code()):
		return False  # the common case, decided before the statement is filled in and lexed
	filled, neutral = filled_in(db, query, values)
	if sent and (
		sent.pasted_placeholder(query, values)
		or reaches(query, sent)
		or bool(filled and reaches(filled, sent))
		or bool(sent.escapes and filled and neutral and breaks_out(filled, neutral))
	):
		return True
	code = code_of(filled or query)
	return bool((OUT_OF_REACH.search(code) or reads_traces_with_another_query(code)) and another_apps_code())


# Where each trace names the record it is of.
TRACE_FIELDS = {name.lower(): fields[0] for name, fields in TRACE_REFERENCES.items()} | {
	"error log": "reference_doctype"
}
TRACE_REFERENCE_DOCTYPES = frozenset(TRACE_REFERENCES)
TRACES_BY_TABLE = {name.lower(): name for name in TRACE_DOCTYPES}
FROM_A_TABLE = re.compile(
	r"\b(from|join)\s+(?:`tab(?P<quoted>[^`]+)`|tab(?P<bare>\w+))(?P<rest>\s+(?:as\s+)?(?P<alias>`[^`]+`|\w+))?",
	re.IGNORECASE,
)
# A table read, and what is no table read however it reads: a quoted name, a text literal (a role
# named "w' union select content from tabComment #" among a permission query's values, round 51).
READ_FROM_A_TABLE = re.compile(
	FROM_A_TABLE.pattern + r"""|(?P<skipped>`(?:[^`]|``)*`|'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*")""",
	re.IGNORECASE,
)
NO_ALIAS = frozenset(
	("where", "join", "left", "right", "inner", "outer", "cross", "natural", "straight_join", "on", "using")
	+ ("group", "order", "limit", "union", "having", "for", "lock", "use", "force", "ignore", "window")
)


def without_case_rows(query: str) -> str:
	"""Another app's read of a trace, with the rows of case records left out: its own reads are of
	its own records, and "ERPNext's party details of a Comment" told one bit of a dossier's comment
	per request (round 34), through a lookup with no SQL of the request's own."""

	def of_other_records(match: re.Match) -> str:
		if match.group("skipped"):
			return match.group(0)
		doctype = match.group("quoted") or match.group("bare")
		field = TRACE_FIELDS.get(doctype.lower())
		if not field:
			return match.group(0)
		# A version of a trace (an edited comment's) is a trace of the case too: another app reads none.
		left_out = PROTECTED_DOCTYPES | (
			TRACE_REFERENCE_DOCTYPES if doctype.lower() == "version" else frozenset()
		)
		protected = ", ".join(frappe.db.escape(name, percent=False) for name in sorted(left_out))
		table, kept = doctype, f"ifnull(`{field}`, '') not in ({protected})"
		if trace := TRACES_BY_TABLE.get(doctype.lower()):
			# nor a trace of a trace (a tag or comment on a case's ToDo, round 204)
			table, kept = trace, f"{kept} and {of_no_case_trace(trace)}"
		rows = f"(select * from `tab{table}` where {kept})"
		rest, alias = match.group("rest") or "", (match.group("alias") or "").strip("`").lower()
		return f"{match.group(1)} {rows}" + (
			rest if alias and alias not in NO_ALIAS else f" `tab{doctype}`{rest}"
		)

	return READ_FROM_A_TABLE.sub(of_other_records, query)


def reads_traces_with_another_query(code: str) -> bool:
	"""Whether a statement's code reads a trace of a case next to another table (a join, a
	subquery) or in a union: a report's pasted DocType joined the comments to its own
	table (round 33). Communication, which ERPNext's CRM reports read next to a subquery: in a
	union only."""
	traces = {match.group(0).strip("`") for match in TRACE_TABLES.finditer(code)}
	if not traces:
		return False
	alone = {trace for trace in traces if "communication" not in trace}
	tables = {match.group(0).strip("`") for match in TABLE_NAMES.finditer(code)}
	return bool(UNION.search(code)) or bool(alone and (len(SELECT.findall(code)) > 1 or len(tables) > 1))


def filled_in(db, query: str, values) -> tuple[str | None, str | None]:
	"""The statement with its values, as the driver sends it, and with each text value empty."""
	if values is None:
		return None, None
	values = values if isinstance(values, tuple | list | dict) else (values,)
	try:
		return db._cursor.mogrify(query, values), db._cursor.mogrify(query, neutral_values(values))
	except Exception:
		return None, None  # Frappe's own run of it fails the same way


LOGIN_HINT = re.compile(r"sessions|__auth", re.IGNORECASE)
# The database layer between a statement and the code that sent it.
# The app's modules that pass Frappe's statements on (their wrappers of Frappe's lookups): whose
# code sent a statement is decided past them, as past Frappe's database layer.
PASSING_ON = (__name__, "meldcode_app.access.lookups")
DATABASE_LAYER = ("frappe.database", "frappe.query_builder", "pypika", *PASSING_ON)


def another_apps_code() -> str | None:
	"""The module of another app (not Frappe's, not this app's) that sent the running statement,
	if one did. The case tables, sessions, passwords and queued mails are read by Frappe's and
	this app's code only: another app's statement that names them carries text it was sent."""
	frame = sys._getframe(2)
	while frame is not None:
		module = frame.f_globals.get("__name__") or ""
		if not module.startswith(DATABASE_LAYER):
			if module.startswith("meldcode_app."):
				return called_by_another_app(frame)
			return None if module == "frappe" or module.startswith("frappe.") else module
		frame = frame.f_back
	return None


def called_by_another_app(frame) -> str | None:
	"""The module of another app that called this app's code at ``frame`` itself, not through
	Frappe (a hook, a whitelisted method): ERPNext's supplier scorecard calls whatever function a
	stored path names with its record, and the app's school check then read a dossier by the
	filters a System Manager had put on that record (round 105)."""
	while frame is not None and (frame.f_globals.get("__name__") or "").startswith("meldcode_app."):
		frame = frame.f_back
	module = (frame.f_globals.get("__name__") or "") if frame is not None else ""
	return module if module.split(".")[0] in other_apps() else None


# What another app never has Frappe read for it: the queued mails (a reset mail's key; ERPNext's
# taxes lookup loaded an Email Queue row by filters of the request's, one character a request,
# round 35), the sessions and the OAuth tokens and codes (round 36). Its password fields it reads
# (an integration's secret).
SECRET_TABLES = tables(SECRETS)


def other_apps() -> frozenset[str]:
	apps = getattr(frappe.local, "meldcode_other_apps", None)
	if apps is None:
		apps = frappe.local.meldcode_other_apps = frozenset(frappe.get_installed_apps()) - {
			"frappe",
			"meldcode_app",
		}
	return apps


# The case records themselves: Frappe reads them for this app's code only, never for another app's
# (ERPNext's Profitability Analysis listed a DocType it made of a filter, "meldcode_dossier", and
# told whether it had records, round 38).
CASE_TABLES = tables(PROTECTED_DOCTYPES)


def reads_for_another_app() -> bool:
	"""Whether the nearest app's code past Frappe's on the stack is another app's (this app's code
	that another app's hook or save reached reads for this app)."""
	apps = other_apps()
	frame = sys._getframe(2)
	while frame is not None:
		module = frame.f_globals.get("__name__") or ""
		top = module.split(".")[0]
		if top == "meldcode_app" and module not in PASSING_ON:
			return bool(called_by_another_app(frame))
		if top in apps:
			return True
		frame = frame.f_back
	return False


def another_app_on_the_stack() -> str | None:
	"""The module of another installed app anywhere on the stack: Frappe's code that reads for it
	(``frappe.get_doc`` of a DocType and filters it passes on from a request) reads on its behalf."""
	apps = other_apps()
	frame = sys._getframe(2)
	while frame is not None:
		module = frame.f_globals.get("__name__") or ""
		if module.split(".")[0] in apps:
			return module
		frame = frame.f_back
	return None


def sql_the_request_sent(job_arguments: dict | None) -> SqlSent:
	"""The pieces of SQL among a request's arguments, or a job's (a prepared report's filters too).
	The bench's Administrator's own are theirs; the System Console's SQL is a user's SQL, judged
	as such (USER_SQL)."""
	if frappe.session.user == "Administrator":
		return SqlSent()
	arguments = dict(frappe.local.form_dict or {}) if job_arguments is None else dict(job_arguments)
	if job_arguments and isinstance(report := job_arguments.get("prepared_report"), str):
		arguments["filters"] = frappe.db.get_value("Prepared Report", report, "filters")
	if doctypes_named(arguments, CONSOLE):
		return SqlSent()
	return sql_sent(text for _key, text in strings_in(arguments, pasted=True))


CONSOLE = frozenset(("System Console",))


# A case record Frappe keeps in its document cache (a comment on a dossier puts it there) is read
# with no SQL: frappe.get_cached_doc in a template gave it away.
CACHED = tuple(f"document_cache::{name}::" for name in (*PROTECTED_DOCTYPES, *TRACES))
CASE_CACHED = tuple(f"document_cache::{name}::" for name in PROTECTED_DOCTYPES)


def watch_document_cache():
	"""The site's cache (one per process) refuses foreign code the documents of those tables."""
	cache = frappe.cache
	if cache is None or getattr(cache, "meldcode_watched", False):
		return
	get_value = cache.get_value

	def get_value_for_code_that_may_read(key, *args, **kwargs):
		if isinstance(key, str) and (
			(key.startswith(CACHED) and foreign_code_runs())
			or (key.startswith(CASE_CACHED) and reads_for_another_app())  # as from their tables
		):
			frappe.throw(
				_("Templates, scripts and reports of the site do not read Meldcode records."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		return get_value(key, *args, **kwargs)

	cache.get_value = get_value_for_code_that_may_read
	cache.meldcode_watched = True


CALLBACKS = ("before_commit", "after_commit", "before_rollback", "after_rollback")


class WatchedCallbacks(CallbackManager):
	"""A function a template or script hands to the database to run at commit or rollback runs
	after the template returned; it is judged as the template would be."""

	__slots__ = ()

	def add(self, func):
		code = foreign_code_runs()
		if code:
			func = run_as_foreign(func, code)
		super().add(func)


def run_as_foreign(func, code: str):
	def deferred(*args, **kwargs):
		frappe.local.meldcode_foreign_callbacks = [
			*getattr(frappe.local, "meldcode_foreign_callbacks", []),
			code,
		]
		try:
			return func(*args, **kwargs)
		finally:
			frappe.local.meldcode_foreign_callbacks = frappe.local.meldcode_foreign_callbacks[:-1]

	return deferred


def keep_jobs_of_foreign_code_foreign() -> None:
	"""A job that a template or script queues (``frappe.enqueue``, a document's ``queue_action``)
	runs later, as the request's user, with no template on its stack: queued in a case-team
	member's request by a notification's template, it would read and write as she does. It runs
	as the code that queued it (for the whole process, from the package's import)."""
	from frappe.utils import background_jobs

	if getattr(background_jobs.get_queue, "meldcode_wrapped", False):
		return
	get_queue = background_jobs.get_queue

	def get_queue_for_its_code(*args, **kwargs):
		queue = get_queue(*args, **kwargs)
		code = foreign_code_runs()
		return QueueOfForeignCode(queue, code) if code else queue

	get_queue_for_its_code.meldcode_wrapped = True
	background_jobs.get_queue = get_queue_for_its_code


class QueueOfForeignCode:
	"""A queue whose jobs run as the template or script that queued them."""

	def __init__(self, queue, code: str):
		self.queue, self.code = queue, code

	def __getattr__(self, name):
		return getattr(self.queue, name)

	def enqueue_call(self, func, *args, kwargs=None, **options):
		if isinstance(kwargs, dict) and "method" in kwargs:
			method = {"meldcode_method": kwargs["method"], "meldcode_code": self.code}
			kwargs = {
				**kwargs,
				"method": RUN_AS_ITS_CODE,
				"kwargs": {**method, **(kwargs.get("kwargs") or {})},
			}
		return self.queue.enqueue_call(func, *args, kwargs=kwargs, **options)


RUN_AS_ITS_CODE = f"{__name__}.run_as_its_code"


def run_as_its_code(meldcode_method, meldcode_code: str, **kwargs):
	"""A queued job of a template or script (QueueOfForeignCode), run as that code."""
	method = frappe.get_attr(meldcode_method) if isinstance(meldcode_method, str) else meldcode_method
	return run_as_foreign(method, meldcode_code)(**kwargs)


def keep_messages_of_foreign_code_text() -> None:
	"""A message shown while a template or script runs (its own ``frappe.msgprint`` or
	``frappe.throw``, or Frappe's raised for it) goes into the answer to the request it runs in, a
	case-team member's login or save, whose browser shows it as markup: a System Manager's
	notification template ran a script in her page that read school B's signal, and her password as
	she typed it (round 149). Such a message is text, with no action to click (for the whole
	process: Frappe's msgprint adds to ``frappe.message_log`` and publishes through
	``frappe.publish_realtime``, found by name when it runs)."""
	if isinstance(frappe.message_log, MessageLog):
		return
	frappe.message_log = MessageLog()
	keep_errors_of_foreign_code_text()
	publish_realtime = frappe.publish_realtime

	def publish_realtime_as_text(*args, **kwargs):
		if (
			kwargs.get("event") == "msgprint"
			and isinstance(kwargs.get("message"), dict)
			and foreign_messages()
		):
			kwargs["message"] = as_text(kwargs["message"])
		return publish_realtime(*args, **kwargs)

	frappe.publish_realtime = publish_realtime_as_text


# What a message of msgprint's may say besides its text: switches, and a colour by its name (the
# browser writes the indicator into the alert's markup, round 159).
MESSAGE_SWITCHES = ("alert", "as_list", "as_table", "is_minimizable", "raise_exception", "wide")
WORD = re.compile(r"[A-Za-z0-9_-]{1,40}")


def as_text(message: dict) -> dict:
	"""A message of Frappe's (msgprint's) as text: its text escaped, its switches on or off, its
	colour a word; its action and anything else dropped."""
	from frappe.utils import escape_html

	def text(value):
		if isinstance(value, list | tuple):
			return [text(item) for item in value]
		return escape_html(str(value)) if value is not None else value

	shown = frappe._dict({key: text(message[key]) for key in ("message", "title") if key in message})
	shown.update({key: 1 for key in MESSAGE_SWITCHES if message.get(key)})
	for key in ("indicator", "__frappe_exc_id"):  # the latter ties the message to its exception
		if isinstance(message.get(key), str) and WORD.fullmatch(message[key]):
			shown[key] = message[key]
	return shown


# Frappe's own code that shows a template's source, or an error out of a template or condition
# with its traceback's values, in a message of its own once the foreign code has ended (round 161).
SHOWS_FOREIGN_ERRORS = frozenset(
	(
		("frappe.utils.jinja", "render_template"),
		("frappe.utils.safe_exec", "safe_eval"),
		("frappe.utils.safe_exec", "safe_exec"),
		("frappe.email.doctype.notification.notification", "evaluate_alert"),
	)
)


def foreign_messages() -> bool:
	"""Whether a message added now may hold what foreign code wrote: it runs, or Frappe's
	renderer or evaluator of it is still on the stack (its error branch quotes the template)."""
	if foreign_code_runs():
		return True
	frame = sys._getframe(2)
	while frame is not None:
		if (frame.f_globals.get("__name__"), frame.f_code.co_name) in SHOWS_FOREIGN_ERRORS:
			return True
		frame = frame.f_back
	return False


def keep_errors_of_foreign_code_text() -> None:
	"""An error out of a template, a condition or a script is text: Frappe's own code quotes it in
	a message after the code has ended (a notification's condition, ``int("<img …>")``, ran a
	script in a case-team member's login page that read school B's signal and her password; an
	assignment rule's likewise, round 161)."""
	from frappe.utils import safe_exec as sandbox
	from jinja2.environment import Template

	Template.render = errors_as_text(Template.render)
	sandbox.safe_eval = errors_as_text(sandbox.safe_eval)
	sandbox.safe_exec = errors_as_text(sandbox.safe_exec)


def errors_as_text(run):
	if getattr(run, "meldcode_errors_as_text", False):
		return run

	@functools.wraps(run)
	def run_with_errors_as_text(*args, **kwargs):
		try:
			return run(*args, **kwargs)
		except Exception as error:
			from frappe.utils import escape_html

			if all(isinstance(a, str | int | float | bool | type(None)) for a in error.args):
				error.args = tuple(escape_html(a) if isinstance(a, str) else a for a in error.args)
			else:  # a tuple, a list or an object shows its items' text too (round 163)
				error.args = (escape_html(str(error)),)
			if isinstance(vars(error).get("message"), str):  # Jinja's syntax errors
				error.message = escape_html(error.message)
			raise

	run_with_errors_as_text.meldcode_errors_as_text = True
	return run_with_errors_as_text


class MessageLog:
	"""``frappe.message_log`` (the request's own list, ``frappe.local.message_log``): a message
	added while foreign code runs is added as text."""

	def append(self, message):
		if isinstance(message, dict) and foreign_messages():
			message = as_text(message)
		frappe.local.message_log.append(message)

	def __getattr__(self, name):
		return getattr(frappe.local.message_log, name)

	def __getitem__(self, key):
		return frappe.local.message_log[key]

	def __setitem__(self, key, value):
		frappe.local.message_log[key] = value

	def __delitem__(self, key):
		del frappe.local.message_log[key]

	def __len__(self):
		return len(frappe.local.message_log)

	def __iter__(self):
		return iter(frappe.local.message_log)

	def __bool__(self):
		return bool(getattr(frappe.local, "message_log", None))

	def __eq__(self, other):
		return frappe.local.message_log == other


def foreign_code_runs(query: str = "") -> str | None:
	"""Which foreign code is anywhere on the stack, a template (TEMPLATE) or a sandboxed script or
	a user's SQL (SCRIPT), or None: the code below it, the app's and Frappe's own included, runs on
	its behalf (a template may call a whitelisted method through ``frappe.call`` or a controller's
	method). Only the app's Jinja methods judge their reader themselves and end the search.
	Frappe's link check of a record that is no case record may fetch no more than a case record's
	name (a field with fetch_from, also through a Dynamic Link, set up by whoever may customise a
	DocType)."""
	frame = sys._getframe(2)
	by_the_app = False  # the statement comes from the app's code (the link check's own reads)
	found = None
	while frame is not None:
		module = frame.f_globals.get("__name__") or ""
		if (module, frame.f_code.co_name) in APP_JINJA_METHODS:
			return found
		by_the_app = by_the_app or (module.startswith("meldcode_app.") and module not in PASSING_ON)
		if isinstance(frame.f_globals.get("environment"), Environment):
			return TEMPLATE  # a compiled Jinja template: its globals hold the environment
		if "_getattr_" in frame.f_globals or (module, frame.f_code.co_name) in USER_SQL:
			found = SCRIPT  # RestrictedPython (a script, the console, a condition) or a user's SQL
		if (module, frame.f_code.co_name) == LINK_CHECK and query and not by_the_app:
			check_link_to_case_record(frame.f_locals, query)
		frame = frame.f_back
	deferred = getattr(frappe.local, "meldcode_foreign_callbacks", [])
	return found or (TEMPLATE if TEMPLATE in deferred else deferred[-1] if deferred else None)
