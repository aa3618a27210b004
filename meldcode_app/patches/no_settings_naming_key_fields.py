"""Property Setters that name a key or password field (a fetch, or User's title field set to
api_key), and customisations of what only the bench's Administrator sets up (an OAuth client's
plain-text secret as its title, or a role's permission to read it), made before the app refused
them (access/automations.refuse_case_targets), are removed; the bench's Administrator's own stay."""

import frappe

from meldcode_app.access.automations import ADMINISTRATORS_OWN, CUSTOMISATIONS
from meldcode_app.rules.request_names import folded, names_a_secret_field


def execute():
	for setter in frappe.get_all(
		"Property Setter", filters={"owner": ("!=", "Administrator")}, fields=["name", "doc_type", "value"]
	):
		if setter.value and names_a_secret_field(str(setter.value)):
			remove("Property Setter", setter.name, setter.doc_type)
	for doctype, field in CUSTOMISATIONS.items():
		for row in frappe.get_all(
			doctype, filters={"owner": ("!=", "Administrator")}, fields=["name", field]
		):
			if folded(str(row[field] or "")) in ADMINISTRATORS_OWN:
				remove(doctype, row.name, row[field])


def remove(doctype: str, name: str, customised: str) -> None:
	frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	frappe.clear_cache(doctype=customised)
