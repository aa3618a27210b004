"""Automations and customisations that act on a case record or its text traces, set up before the
app refused them (access/automations.py), are switched off, or removed where they cannot be;
those the bench's Administrator made (the app's own workflow, print formats and fields) stay."""

import frappe

from meldcode_app.access.automations import OUT_OF_REACH, targets
from meldcode_app.rules.automations import SWITCH_OFF, TARGET_FIELDS


def execute():
	names = list(OUT_OF_REACH.values())
	for doctype, fields in (*TARGET_FIELDS.items(), ("Auto Email Report", ("report",))):
		if not frappe.db.table_exists(doctype):
			continue
		found = set()
		for field in fields:
			if doctype == "Auto Email Report":
				reports = frappe.get_all("Report", filters={"ref_doctype": ("in", names)}, pluck="name")
				found |= set(
					frappe.get_all(doctype, filters={"report": ("in", reports or [""])}, pluck="name")
				)
			elif frappe.db.has_column(doctype, field):
				found |= set(frappe.get_all(doctype, filters={field: ("in", names)}, pluck="name"))
				for name in names:  # a currency's "DocType:link field:column"
					found |= set(
						frappe.get_all(doctype, filters={field: ("like", f"{name}:%")}, pluck="name")
					)
		for name in sorted(found):
			doc = frappe.get_doc(doctype, name)
			if doc.owner == "Administrator" or not targets(doc):
				continue
			if doctype in SWITCH_OFF:
				field, value = SWITCH_OFF[doctype]
				frappe.db.set_value(doctype, name, field, value, update_modified=False)
			else:
				frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
