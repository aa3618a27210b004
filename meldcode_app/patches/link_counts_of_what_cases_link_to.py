"""Frappe counted each save of a case record into the `idx` of the records it links to, which
their readers list and sort by: a pupil's, a school's, a signal indicator's count told who has a
case and what it is about (round 85). Case records count no link since; the counts they left, and
those waiting in the cache, start again at zero."""

import frappe
from frappe.model.utils.link_count import ignore_doctypes

from meldcode_app.rules.registry import PROTECTED_DOCTYPES


def execute():
	linked = linked_from_case_records()
	for doctype in linked:
		table = frappe.qb.DocType(doctype)
		frappe.qb.update(table).set(table.idx, 0).where(table.idx != 0).run()
	waiting = frappe.cache.get_value("_link_count") or {}
	frappe.cache.set_value("_link_count", {key: n for key, n in waiting.items() if key[0] not in linked})


def linked_from_case_records() -> set[str]:
	"""The DocTypes whose records Frappe counted a case record's links into: the targets of the
	Link fields of the case DocTypes and their rows, kept as records (not rows, not settings)."""
	targets = {
		field.options
		for doctype in PROTECTED_DOCTYPES
		if frappe.db.exists("DocType", doctype)
		for field in frappe.get_meta(doctype).get_link_fields()
	}
	return {
		doctype
		for doctype in targets - ignore_doctypes
		if frappe.db.get_value("DocType", doctype, ["istable", "issingle"]) == (0, 0)
	}
