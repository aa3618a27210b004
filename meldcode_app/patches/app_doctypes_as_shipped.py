"""The app's DocTypes as the app ships them: before the app refused it, a System Manager could set
``custom`` on one (which took its controller), or change or delete its permission and field rows
on their own, which leaves the DocType's modified date as it was, so that a migrate does not load
it again. Each is loaded again from the app, and Property Setters others made on them go
(access/automations.keep_doctypes_as_shipped, round 64)."""

import frappe
from frappe.modules import scrub

from meldcode_app.rules.registry import APP_DOCTYPES


def execute():
	for name in sorted(APP_DOCTYPES):
		frappe.reload_doc("meldcode_app", "doctype", scrub(name), force=True)
	for setter in frappe.get_all(
		"Property Setter",
		filters={"doc_type": ("in", sorted(APP_DOCTYPES)), "owner": ("!=", "Administrator")},
		pluck="name",
	):
		frappe.delete_doc("Property Setter", setter, ignore_permissions=True, force=True)
