"""Fetches stored before the app judged customisations whose part after the dot, which Frappe
pastes into the linked record's query, is more than a field name (access/automations.py
fetches_a_field): a custom field's or a custom DocType's field's fetch is emptied, such a
Property Setter removed."""

import frappe

from meldcode_app.access.meta_names import names_a_field, pasted_part_of_a_fetch


def pastes_more_than_a_field(fetch_from: str) -> bool:
	return not names_a_field(pasted_part_of_a_fetch(fetch_from or "") or "name")


def execute():
	for field in frappe.get_all("Custom Field", {"fetch_from": ("is", "set")}, ["name", "fetch_from"]):
		if pastes_more_than_a_field(field.fetch_from):
			frappe.db.set_value("Custom Field", field.name, "fetch_from", "", update_modified=False)
	for setter in frappe.get_all("Property Setter", {"property": "fetch_from"}, ["name", "value"]):
		if pastes_more_than_a_field(setter.value):
			frappe.delete_doc("Property Setter", setter.name, ignore_permissions=True, force=True)
	custom = frappe.get_all("DocType", {"custom": 1}, pluck="name")
	for field in frappe.get_all(
		"DocField", {"parent": ("in", custom or [""]), "fetch_from": ("is", "set")}, ["name", "fetch_from"]
	):
		if pastes_more_than_a_field(field.fetch_from):
			frappe.db.set_value("DocField", field.name, "fetch_from", "", update_modified=False)
	frappe.clear_cache()
