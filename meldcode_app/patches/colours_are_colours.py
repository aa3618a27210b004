"""Colours stored before the app checked them (access/code_in_pages.py) that are no colour are
emptied: Frappe puts a colour into style="…" as it is, and a quote in one ran a script in the
case team's desk. The website's analytics id likewise, when it is not one."""

import re

import frappe

from meldcode_app.access.code_in_pages import COLOUR

ANALYTICS_ID = re.compile(r"^[A-Za-z0-9-]*$")


def execute():
	fields = frappe.get_all("DocField", filters={"fieldtype": "Color"}, fields=["parent", "fieldname"])
	fields += frappe.get_all(
		"Custom Field", filters={"fieldtype": "Color"}, fields=["dt as parent", "fieldname"]
	)
	for field in fields:
		if not frappe.db.table_exists(field.parent) or frappe.get_meta(field.parent).issingle:
			continue
		rows = frappe.get_all(
			field.parent, filters={field.fieldname: ("is", "set")}, fields=["name", field.fieldname]
		)
		for row in rows:
			if not COLOUR.match((row.get(field.fieldname) or "").strip()):
				frappe.db.set_value(field.parent, row.name, field.fieldname, None, update_modified=False)
	analytics = frappe.db.get_single_value("Website Settings", "google_analytics_id") or ""
	if not ANALYTICS_ID.match(analytics):
		frappe.db.set_single_value("Website Settings", "google_analytics_id", None)
