"""Custom fields stored before the app judged them whose name, or whose options as a dynamic link,
is no field name (Frappe pastes both into queries: access/automations.names_no_field) are removed."""

import frappe

from meldcode_app.access.meta_names import names_a_field


def execute():
	for field in frappe.get_all("Custom Field", fields=["name", "fieldname", "fieldtype", "options"]):
		dynamic = field.fieldtype == "Dynamic Link"
		if not names_a_field(field.fieldname or "") or (dynamic and not names_a_field(field.options or "")):
			frappe.db.delete("Custom Field", {"name": field.name})
	frappe.clear_cache()
