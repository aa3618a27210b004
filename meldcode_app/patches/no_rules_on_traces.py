"""Assignment Rules, Document Naming Rules, Auto Repeats, Milestone Trackers and Workflows on a trace
DocType (a file, a ToDo, a workflow action), and Custom Fields and Property Setters on one or
linking to one, set up before the app refused them (access/automations.refuse_case_targets), are
switched off, or removed where they cannot be; the bench's Administrator's own stay."""

import frappe

from meldcode_app.access.automations import NOT_ON_TRACES, TRACE_NAMES
from meldcode_app.rules.automations import SWITCH_OFF, TARGET_FIELDS
from meldcode_app.rules.request_names import folded


def execute():
	for doctype in NOT_ON_TRACES:
		fields = TARGET_FIELDS[doctype]
		for rule in frappe.get_all(
			doctype, filters={"owner": ("!=", "Administrator")}, fields=["name", *fields]
		):
			if not any(folded(str(rule[field] or "")) in TRACE_NAMES for field in fields):
				continue
			if doctype in SWITCH_OFF:
				switch, value = SWITCH_OFF[doctype]
				frappe.db.set_value(doctype, rule.name, switch, value, update_modified=False)
			else:
				frappe.delete_doc(doctype, rule.name, ignore_permissions=True, force=True)
