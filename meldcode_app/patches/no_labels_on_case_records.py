"""Frappe's labels are readable by every user of the site (the Tag and Tag Link lists), so case
records carry none (permissions.refuse_labels): the labels put on them before are taken off, and a
label no longer on any record is removed."""

import frappe

from meldcode_app.rules.registry import RECORD_DOCTYPES


def execute():
	link = frappe.qb.DocType("Tag Link")
	tags = set(
		frappe.qb.from_(link)
		.select(link.tag)
		.where(link.document_type.isin(list(RECORD_DOCTYPES)))
		.run(pluck=True)
	)
	frappe.qb.from_(link).delete().where(link.document_type.isin(list(RECORD_DOCTYPES))).run()
	for doctype in RECORD_DOCTYPES:
		if frappe.db.has_column(doctype, "_user_tags"):
			frappe.db.sql(
				f"update `tab{doctype}` set `_user_tags` = null where ifnull(`_user_tags`, '') != ''"
			)
	still_used = (
		set(frappe.get_all("Tag Link", filters={"tag": ("in", list(tags))}, pluck="tag")) if tags else set()
	)
	for tag in tags - still_used:
		frappe.delete_doc("Tag", tag, ignore_permissions=True, force=True)
