"""Connections stored before the app judged them whose field is no field name (Frappe pastes it
into the count under a form: access/automations.a_connection_names_fields): custom connection
rows and Property Setters of a connection's field are removed."""

import frappe

from meldcode_app.access.meta_names import FIELD_NAME


def execute():
	for link in frappe.get_all("DocType Link", {"custom": 1}, ["name", "link_fieldname", "table_fieldname"]):
		if not all(
			FIELD_NAME.match(field) for field in (link.link_fieldname or "", link.table_fieldname or "x")
		):
			frappe.db.delete("DocType Link", {"name": link.name})
	for setter in frappe.get_all(
		"Property Setter",
		{"doctype_or_field": "DocType Link", "property": ("in", ("link_fieldname", "table_fieldname"))},
		["name", "value"],
	):
		if not FIELD_NAME.match((setter.value or "").strip()):
			frappe.db.delete("Property Setter", {"name": setter.name})
	frappe.clear_cache()
