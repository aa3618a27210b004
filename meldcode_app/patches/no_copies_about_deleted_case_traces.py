"""A case's ToDo, comment, mail or file deleted before took none of its own traces along: the copy
of its attachment or comment (a deleted document) names a trace that is gone, so no one's access
followed it to the case (round 207). Such copies are removed; the deleted trace's own copy, which
names the case record, stays with it."""

import frappe

from meldcode_app.access.permissions import case_behind
from meldcode_app.rules.registry import TRACES_OF_TRACES, WRITE_INTO_DOCTYPES


def execute():
	for copy in frappe.get_all(
		"Deleted Document",
		filters={"deleted_doctype": ("in", list(WRITE_INTO_DOCTYPES))},
		fields=["name", "deleted_doctype", "data"],
	):
		doctype, name = about(copy.deleted_doctype, copy.data)
		if doctype in TRACES_OF_TRACES and name and not frappe.db.exists(doctype, name):
			gone = frappe.db.get_value(
				"Deleted Document", {"deleted_doctype": doctype, "deleted_name": name}, "data"
			)
			if gone and case_behind(*about(doctype, gone)) is not None:
				frappe.db.delete("Deleted Document", copy.name)


def about(doctype: str, data: str | None) -> tuple:
	"""(DocType, name) a deleted trace's copy says the trace was about."""
	fields = frappe.parse_json(data or "{}")
	doctype_field, name_field = WRITE_INTO_DOCTYPES[doctype]
	return fields.get(doctype_field), fields.get(name_field)
