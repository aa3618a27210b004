"""Property Setters that told Frappe not to clean a field (ignore_xss_filter), made before the app
refused them to anyone but the bench's Administrator, are removed: a System Manager's one on a
Note's title let a script shown at login run in every user's desk. (The app cleans such fields
anyway now, as the DocType's own definition has them; this removes what is left.)"""

import frappe


def execute():
	for name in frappe.get_all(
		"Property Setter",
		filters={"property": "ignore_xss_filter", "owner": ("!=", "Administrator")},
		pluck="name",
	):
		frappe.delete_doc("Property Setter", name, ignore_permissions=True, force=True)
	frappe.clear_cache()
