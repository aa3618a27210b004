"""Templates and scripts never reach a case record.

Frappe runs code that a site's users write: Jinja templates (print formats, letter heads, web
pages, e-mail templates, notifications, message previews, terms, ...) and safe_exec code (server
scripts, report scripts, the System Console), with database functions that check no permission
(``frappe.get_all``, ``frappe.db.sql``, ``frappe.db.set_value``), and query reports and the
console's SQL mode, which run a user's SQL. While such code runs, the database refuses every
statement on a protected table or on a trace table that holds case text (versions, comments,
...): judged by the statement itself, whatever spelled the DocType's name, and for reads and
writes alike, also when such code reaches the app's or Frappe's own functions. The app's templates
read case records only through its Jinja methods (meldcode_app.printing), which ask
has_permission for the session user.
"""

import re
import sys

import frappe
from frappe import _
from frappe.utils import CallbackManager
from jinja2 import Environment

from meldcode_app.hooks import jinja
from meldcode_app.permissions import may
from meldcode_app.rules.registry import PROTECTED_DOCTYPES, RECORD_DOCTYPES, TEXT_TRACES

# Who is logged in: code that read these would take over a session.
SECRETS = ("Sessions", "OAuth Bearer Token", "OAuth Authorization Code")
# Who holds which function where: code that wrote these would hand out access itself.
KEYS = ("Meldcode Access Grant", "Meldcode School Staff", "Has Role")


def tables(names) -> re.Pattern:
	return re.compile(
		r"tab(?:"
		+ "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
		+ r")(?![A-Za-z0-9_])",
		re.IGNORECASE,
	)


TABLES = re.compile(tables((*PROTECTED_DOCTYPES, *TEXT_TRACES, *SECRETS)).pattern + r"|__Auth", re.IGNORECASE)
KEY_TABLES = tables(KEYS)
WRITE = re.compile(r"^\s*(?:insert|update|delete|replace|alter|drop|truncate)\b", re.IGNORECASE)


def refused_statement(query: str, values) -> bool:
	"""A statement foreign code may not run: one on a case table, a trace or a secret, or one
	that writes who holds which function where. Its values count: foreign code could store a
	statement for the app or Frappe to run later (a chart's expression)."""
	text = f"{query} {values or ''}"
	return bool(TABLES.search(text) or (WRITE.match(query) and KEY_TABLES.search(text)))


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
	if selects_more_than_name(query) or not may("read", doctype, name):
		label = getattr(link_check.get("df"), "label", None) or doctype
		frappe.throw(
			_("Could not find {0}: {1}").format(_(label), name),
			frappe.LinkValidationError,
			title=_("Not found"),
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
}


def watch_database(*args, **kwargs):
	"""Hook (auth_hooks, before_job): this connection refuses protected tables to foreign code."""
	db = getattr(frappe.local, "db", None)
	if db is None or getattr(db, "meldcode_watched", False):
		return
	sql = db.sql

	def sql_for_code_that_may_read(query, *args, **kwargs):
		values = kwargs.get("values", args[0] if args else None)
		if refused_statement(str(query), values) and foreign_code_runs(str(query)):
			frappe.throw(
				_("Templates, scripts and reports of the site do not read Meldcode records."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		return sql(query, *args, **kwargs)

	db.sql = sql_for_code_that_may_read
	for name in CALLBACKS:  # what foreign code leaves to run at commit or rollback stays foreign
		watched = WatchedCallbacks()
		watched._functions = getattr(db, name)._functions
		setattr(db, name, watched)
	db.meldcode_watched = True


CALLBACKS = ("before_commit", "after_commit", "before_rollback", "after_rollback")


class WatchedCallbacks(CallbackManager):
	"""A function a template or script hands to the database to run at commit or rollback runs
	after the template returned; it is judged as the template would be."""

	__slots__ = ()

	def add(self, func):
		if foreign_code_runs():
			func = run_as_foreign(func)
		super().add(func)


def run_as_foreign(func):
	def deferred(*args, **kwargs):
		frappe.local.meldcode_foreign_callbacks = getattr(frappe.local, "meldcode_foreign_callbacks", 0) + 1
		try:
			return func(*args, **kwargs)
		finally:
			frappe.local.meldcode_foreign_callbacks -= 1

	return deferred


def foreign_code_runs(query: str = "") -> bool:
	"""Whether a template, a sandboxed script or a user's SQL is anywhere on the stack: the code
	below it, the app's and Frappe's own included, runs on its behalf (a template may call a
	whitelisted method through ``frappe.call`` or a controller's method). Only the app's Jinja
	methods judge their reader themselves and end the search. Frappe's link check of a record that
	is no case record may fetch no more than a case record's name (a field with fetch_from, also
	through a Dynamic Link, set up by whoever may customise a DocType)."""
	frame = sys._getframe(2)
	by_the_app = False  # the statement comes from the app's code (the link check's own reads)
	while frame is not None:
		module = frame.f_globals.get("__name__") or ""
		if (module, frame.f_code.co_name) in APP_JINJA_METHODS:
			return False
		by_the_app = by_the_app or (module.startswith("meldcode_app.") and module != __name__)
		if isinstance(frame.f_globals.get("environment"), Environment):
			return True  # a compiled Jinja template: its globals hold the environment
		if "_getattr_" in frame.f_globals:
			return True  # RestrictedPython: a script, the console, or a condition (safe_eval)
		if (module, frame.f_code.co_name) in USER_SQL:
			return True
		if (module, frame.f_code.co_name) == LINK_CHECK and query and not by_the_app:
			check_link_to_case_record(frame.f_locals, query)
		frame = frame.f_back
	return getattr(frappe.local, "meldcode_foreign_callbacks", 0) > 0
