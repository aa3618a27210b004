"""Property Setters of a DocType's field settings (title, search, sort, image field, sort order)
whose value is no field name of the DocType, stored before the app judged them: Frappe pastes them
into its queries (access/automations.names_fields_only). They are removed."""

import frappe

from meldcode_app.access.automations import names_fields_only


def execute():
	for setter in frappe.get_all(
		"Property Setter",
		filters={"doctype_or_field": "DocType"},
		fields=["name", "doctype_or_field", "doc_type", "property", "value"],
	):
		if frappe.db.exists("DocType", setter.doc_type) and not names_fields_only(setter):
			frappe.delete_doc("Property Setter", setter.name, ignore_permissions=True, force=True)
	frappe.clear_cache()
