"""Web forms saved before the app judged them (access/automations.py) are unpublished when they
show a trace of records (a ToDo, a File, ...) or keep a condition of anything but field names:
Frappe pastes the condition into its query for every visitor, and the form's redirect to the first
record told a case ToDo's text (round 144). The bench's Administrator's stay."""

import frappe

from meldcode_app.access.request_guard import TRACE_NAMES
from meldcode_app.patches.stored_queries_of_field_names import keeps_field_names_only
from meldcode_app.rules.request_names import folded


def execute():
	for form in frappe.get_all(
		"Web Form",
		filters={"published": 1, "owner": ("!=", "Administrator")},
		fields=["name", "doc_type", "condition_json"],
	):
		if folded(form.doc_type or "") in TRACE_NAMES or not keeps_field_names_only("Web Form", form):
			frappe.db.set_value("Web Form", form.name, "published", 0, update_modified=False)
