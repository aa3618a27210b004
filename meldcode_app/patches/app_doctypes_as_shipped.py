"""The app's DocTypes as the app ships them: one changed by someone else than the bench's
Administrator before the app refused it (``custom`` set, which took its controller, or its
permission rows) is loaded again from the app, and their Property Setters made by others go
(access/automations.keep_doctypes_as_shipped, round 64)."""

import frappe
from frappe.modules import scrub

from meldcode_app.rules.desk import MODULE


def execute():
	changed = frappe.get_all(
		"DocType",
		filters={"module": MODULE},
		or_filters={"custom": 1, "modified_by": ("!=", "Administrator")},
		pluck="name",
	)
	for name in changed:
		frappe.reload_doc("meldcode_app", "doctype", scrub(name), force=True)
	for setter in frappe.get_all(
		"Property Setter",
		filters={
			"doc_type": ("in", frappe.get_all("DocType", {"module": MODULE}, pluck="name")),
			"owner": ("!=", "Administrator"),
		},
		pluck="name",
	):
		frappe.delete_doc("Property Setter", setter, ignore_permissions=True, force=True)
