"""The board's workbooks and yearly bundles made before they were attached from birth lie
unattached, where another record's file field could take them: each is attached to a Meldcode
Export of the one who made it (the file's owner)."""

import re

import frappe

EXPORTS = {"meldcode-%.xlsx": "Workbook", "jaarbundel-meldcode-%.pdf": "Yearly Bundle"}


def execute():
	for pattern, kind in EXPORTS.items():
		for file in frappe.get_all(
			"File",
			filters={"file_name": ("like", pattern), "is_private": 1, "attached_to_name": ("is", "not set")},
			fields=["name", "file_name", "owner"],
		):
			year = re.search(r"\d{4}-\d{4}", file.file_name)
			export = frappe.get_doc(
				{
					"doctype": "Meldcode Export",
					"export_kind": kind,
					"school_year": year.group() if year else None,
				}
			)
			export.insert(ignore_permissions=True)
			export.db_set("owner", file.owner, update_modified=False)
			frappe.db.set_value(
				"File",
				file.name,
				{"attached_to_doctype": "Meldcode Export", "attached_to_name": export.name},
				update_modified=False,
			)
