"""Property Setters that name a key or password field (a fetch, or User's title field set to
api_key), set up before the app refused them (access/automations.refuse_case_targets), are removed;
the bench's Administrator's own stay."""

import frappe

from meldcode_app.rules.request_names import names_a_secret_field


def execute():
	for setter in frappe.get_all(
		"Property Setter", filters={"owner": ("!=", "Administrator")}, fields=["name", "doc_type", "value"]
	):
		if setter.value and names_a_secret_field(str(setter.value)):
			frappe.delete_doc("Property Setter", setter.name, ignore_permissions=True, force=True)
			frappe.clear_cache(doctype=setter.doc_type)
