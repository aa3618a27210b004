"""Icons stored before the app checked them (access/code_in_pages.py) that are no icon's name are
emptied: Frappe puts a workspace's icon into the sidebar as an attribute without quotes, and one
with attributes of its own ran a script in the case team's desk (round 46)."""

import frappe

from meldcode_app.access.code_in_pages import ICON


def execute():
	fields = frappe.get_all(
		"DocField",
		or_filters=[["fieldtype", "=", "Icon"], ["fieldname", "=", "icon"]],
		fields=["parent", "fieldname", "fieldtype"],
	)
	fields += frappe.get_all(
		"Custom Field",
		or_filters=[["fieldtype", "=", "Icon"], ["fieldname", "=", "icon"]],
		fields=["dt as parent", "fieldname", "fieldtype"],
	)
	for field in fields:
		if field.fieldtype not in ("Icon", "Data"):
			continue
		if not frappe.db.table_exists(field.parent) or frappe.get_meta(field.parent).issingle:
			continue
		rows = frappe.get_all(
			field.parent, filters={field.fieldname: ("is", "set")}, fields=["name", field.fieldname]
		)
		for row in rows:
			if not ICON.fullmatch(row.get(field.fieldname) or ""):
				frappe.db.set_value(field.parent, row.name, field.fieldname, None, update_modified=False)
