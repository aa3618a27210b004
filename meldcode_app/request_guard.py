"""Need-to-know at the request boundary, deny by default (DOMAIN 7.5, H29).

Frappe's permission hooks hold only for the code that asks them, and Frappe has hundreds of
whitelisted methods, some of which read the database past them. So every request is read once,
after login and before Frappe dispatches it: when it names a protected DocType anywhere (see
``rules.request_names``), or a trace of a case record, or a report or chart built on one, only a
method on the allow-list in ``meldcode_app.permissions`` passes. Guests and Website Users never
reach a protected DocType. Everything else is refused with a clear message and logged.
"""

import logging

import frappe
from frappe import _
from werkzeug.exceptions import HTTPException

from meldcode_app.permissions import ALLOWED_DOORS, readable_file
from meldcode_app.rules.registry import PROTECTED_DOCTYPES, TRACE_DOCTYPES
from meldcode_app.rules.request_names import doctypes_named, name_pattern

PATTERN = name_pattern(PROTECTED_DOCTYPES)
CANONICAL = {name.lower(): name for name in PROTECTED_DOCTYPES}


def guard_request():
	"""Hook (``auth_hooks``): runs for every request once Frappe knows who sends it."""
	request = getattr(frappe.local, "request", None)
	if request is None or request.method == "OPTIONS":
		return
	if request.path.startswith("/private/files/"):
		if not readable_file(request.path):
			refuse("file", {"File"})
		return
	door, arguments = door_of(request)
	named = protected_names(arguments)
	if not named:
		return
	user = frappe.session.user
	if user == "Administrator":
		return
	if user == "Guest" or frappe.get_cached_value("User", user, "user_type") != "System User":
		refuse(door, named)
	rule = ALLOWED_DOORS.get(door)
	if rule is None or not rule.allows(frappe._dict(arguments), named):
		refuse(door, named)


def door_of(request) -> tuple[str, dict]:
	"""The method or route a request calls, and every argument it passes."""
	arguments = dict(frappe.local.form_dict or {})
	if request.path.startswith("/api/"):
		from frappe.api import API_URL_MAP

		try:
			endpoint, path_arguments = API_URL_MAP.bind_to_environ(request.environ).match()
		except HTTPException:
			return "api:unknown", arguments
		arguments.update(path_arguments)
		if endpoint.__name__ == "handle_rpc_call":
			return path_arguments["method"].split("/")[0], arguments
		name = "run_doc_method" if endpoint.__name__ == "<lambda>" else endpoint.__name__
		return f"{endpoint.__module__}.{name}", arguments
	if arguments.get("cmd"):
		return arguments["cmd"], arguments
	return "page:" + request.path.strip("/").split("/")[0], arguments


def protected_names(arguments: dict) -> set[str]:
	"""The protected DocTypes a request reaches: those it names, the case record behind a trace
	(a comment, file, version, ...) it asks for by name, and the DocType of a report or chart."""
	named = doctypes_named(arguments, PATTERN, CANONICAL)
	doctype, name = arguments.get("doctype"), arguments.get("name") or arguments.get("docname")
	if isinstance(doctype, str) and doctype in TRACE_DOCTYPES and isinstance(name, str) and name:
		named.add(frappe.db.get_value(doctype, name, TRACE_DOCTYPES[doctype][0]))
	for key, source, field in (
		("report_name", "Report", "ref_doctype"),
		("chart_name", "Dashboard Chart", "document_type"),
	):
		if isinstance(arguments.get(key), str) and arguments[key]:
			named.add(frappe.get_cached_value(source, arguments[key], field))
	return named & PROTECTED_DOCTYPES


def refuse(door: str, named: set[str]):
	log = frappe.logger("meldcode_app.guard")
	log.setLevel(logging.WARNING)  # Frappe's loggers default to errors only
	log.warning({"refused": door, "user": frappe.session.user, "doctypes": sorted(named)})
	frappe.throw(
		_("Meldcode records are not available this way ({0}).").format(door),
		frappe.PermissionError,
		title=_("Not permitted"),
	)
