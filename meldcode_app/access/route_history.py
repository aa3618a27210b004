"""The desk's route history (Frappe keeps the routes a user opened, for "frequently visited")
without any route that names a case record: which dossiers someone opened is not kept there."""

import json

import frappe
from frappe import _
from frappe.desk.doctype.route_history import route_history

from meldcode_app.rules.registry import PROTECTED_DOCTYPES
from meldcode_app.rules.request_names import folded, name_pattern
from meldcode_app.safe_api import safe_method


def names_a_case_record(route: object) -> bool:
	text = str(route or "").replace("-", " ")
	return bool(name_pattern(PROTECTED_DOCTYPES).search(folded(text)))


@frappe.whitelist()
@safe_method
def deferred_insert(routes: str):
	"""Replaces Frappe's method of the same name (hooks.py): the other routes are kept as Frappe does."""
	try:
		entries = json.loads(routes)
	except ValueError:
		frappe.throw(
			_("Argument {0} is not valid JSON: {1}.").format("routes", routes[:40]), title=_("Not done")
		)
	if not isinstance(entries, list):
		frappe.throw(_("Argument {0} must be a list.").format("routes"), title=_("Not done"))
	kept = [
		{"route": str(entry.get("route")), "creation": entry.get("creation")}
		for entry in entries
		if isinstance(entry, dict) and entry.get("route") and not names_a_case_record(entry.get("route"))
	]
	if kept:
		route_history.deferred_insert(json.dumps(kept))
