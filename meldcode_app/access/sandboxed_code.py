"""Templates and scripts never reach a case record.

Frappe runs code that a site's users write: Jinja templates (print formats, letter heads, web
pages, e-mail templates, notifications, message previews, terms, ...) and safe_exec code (server
scripts, report scripts, the System Console), with database functions that check no permission
(``frappe.get_all``, ``frappe.db.sql``, ``frappe.db.set_value``), and query reports and the
console's SQL mode, which run a user's SQL. While such code runs, the database refuses every
statement on a protected table or on a trace table that holds case text (versions, comments,
...): judged by the statement itself, whatever spelled the DocType's name, and for reads and
writes alike. The app's own code is not foreign: its templates read case records only through its
Jinja methods (meldcode_app.printing), which ask has_permission for the session user.
"""

import re
import sys

import frappe
from frappe import _
from frappe.utils import CallbackManager
from jinja2 import Environment

from meldcode_app.rules.registry import PROTECTED_DOCTYPES, TEXT_TRACES

TABLES = re.compile(
	r"tab(?:"
	+ "|".join(r"\s+".join(map(re.escape, name.split())) for name in (*PROTECTED_DOCTYPES, *TEXT_TRACES))
	+ r")(?![A-Za-z0-9_])",
	re.IGNORECASE,
)
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
		if TABLES.search(str(query)) and foreign_code_runs():
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


def foreign_code_runs() -> bool:
	"""Whether the nearest code on the stack that decides what is read is a template, a sandboxed
	script or a user's SQL, rather than the app or Frappe itself."""
	frame = sys._getframe(2)
	while frame is not None:
		module = frame.f_globals.get("__name__") or ""
		if (
			module.startswith("meldcode_app.") and module != __name__
		):  # this module's own wrappers judge nothing
			return False
		if isinstance(frame.f_globals.get("environment"), Environment):
			return True  # a compiled Jinja template: its globals hold the environment
		if "_getattr_" in frame.f_globals and "_write_" in frame.f_globals:
			return True  # RestrictedPython: a server script, report script or console
		if (module, frame.f_code.co_name) in USER_SQL:
			return True
		frame = frame.f_back
	return getattr(frappe.local, "meldcode_foreign_callbacks", 0) > 0
