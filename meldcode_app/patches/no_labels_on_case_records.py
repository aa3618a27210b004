"""Frappe's labels are readable by every user of the site (the Tag and Tag Link lists), so case
records carry none, nor do their ToDos, comments, mails and files (permissions.refuse_labels): the
labels put on them before are taken off, and a label no longer on any record is removed."""

import frappe

from meldcode_app.access.permissions import case_behind
from meldcode_app.rules.registry import RECORD_DOCTYPES, TRACE_REFERENCES


def execute():
	links = frappe.get_all(
		"Tag Link",
		filters={"document_type": ("in", [*RECORD_DOCTYPES, *TRACE_REFERENCES])},
		fields=["name", "tag", "document_type", "document_name"],
	)
	on_cases = [link for link in links if case_behind(link.document_type, link.document_name) is not None]
	for link in on_cases:
		frappe.db.delete("Tag Link", link.name)
		if frappe.db.has_column(link.document_type, "_user_tags"):
			frappe.db.set_value(
				link.document_type, link.document_name, "_user_tags", None, update_modified=False
			)
	for doctype in RECORD_DOCTYPES:
		if frappe.db.has_column(doctype, "_user_tags"):
			frappe.db.sql(
				f"update `tab{doctype}` set `_user_tags` = null where ifnull(`_user_tags`, '') != ''"
			)
	tags = {link.tag for link in on_cases}
	still_used = (
		set(frappe.get_all("Tag Link", filters={"tag": ("in", list(tags))}, pluck="tag")) if tags else set()
	)
	for tag in tags - still_used:
		frappe.delete_doc("Tag", tag, ignore_permissions=True, force=True)
