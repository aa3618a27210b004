"""The logs of failures that a System Manager reads keep no values, neither a frame's nor a
database error's (rules/tracebacks.py), and a failed request's answer no database error's text."""

import json

import frappe
from frappe import _

from meldcode_app.access.permissions import manages_users
from meldcode_app.rules.tracebacks import without_database_values, without_values

# Where Frappe writes a traceback with variables, by DocType.
TRACEBACK_FIELDS = {"Error Log": "error", "Prepared Report": "error_message", "Scheduled Job Log": "details"}


def keep_values_out(log, method=None):
	"""Hook: before_insert of an Error Log, validate of a Prepared Report, on_change of a Scheduled
	Job Log (Frappe writes its details with db_set, which runs on_change after writing)."""
	fieldname = TRACEBACK_FIELDS[log.doctype]
	if log.doctype == "Error Log" and log.method:  # its title: the exception, database errors' too
		log.method = without_database_values(log.method)
	text = log.get(fieldname) or ""
	if (kept := without_database_values(without_values(text))) == text:
		return
	log.set(fieldname, kept)
	if method == "on_change":
		frappe.db.set_value(log.doctype, log.name, fieldname, kept, update_modified=False)


# What a database error says can be data: an injected query read a case's history back through
# MariaDB's "XPATH syntax error: '~...'" in the answer.
DATABASE_ERRORS = ("pymysql.err.", "OperationalError", "ProgrammingError", "InternalError", "DataError")


def no_database_errors_for_others(response=None, request=None):
	"""Hook (after_request): a failed request's answer names no database error's text, except to
	the bench's Administrator; Frappe's Error Log keeps it (without values). Nor, but to those who
	manage the site, the traceback: the line a failed login ended on told a guest whether the
	address had an account (round 92)."""
	if response is None or response.status_code < 400 or not response.is_json:
		return
	user = getattr(getattr(frappe.local, "session", None), "user", None) or "Guest"
	answer = response.get_json(silent=True)
	if not isinstance(answer, dict):
		return
	errors = [error for error in answer.get("errors") or () if isinstance(error, dict)]  # the v2 API's
	# 401: a login that failed
	if (response.status_code == 401 or not manages_users(user)) and (
		"exc" in answer or any("exception" in error for error in errors)
	):
		answer.pop("exc", None)
		for error in errors:
			error.pop("exception", None)
		response.set_data(json.dumps(answer))
	if response.status_code < 500 or user == "Administrator":
		return
	told = json.dumps({key: answer.get(key) for key in ("exception", "exc", "exc_type")}, default=str)
	if not any(name in told for name in DATABASE_ERRORS):
		return
	for key in ("exc", "_debug_messages"):
		answer.pop(key, None)
	answer["exception"] = _("The database could not answer this request.")
	response.set_data(json.dumps(answer))
