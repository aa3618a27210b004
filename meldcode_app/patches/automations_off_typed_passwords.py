"""Notifications, scripts, webhooks and rules that run while a typed password is in a record, set
up before the app refused them (access/automations.sees_passwords_as_typed), are switched off;
the bench's Administrator's stay."""

import frappe

from meldcode_app.access.automations import RUNS_CODE_ON_RECORDS, sees_passwords_as_typed
from meldcode_app.rules.automations import SWITCH_OFF


def execute():
	for doctype in RUNS_CODE_ON_RECORDS:
		if doctype not in SWITCH_OFF or not frappe.db.table_exists(doctype):
			continue
		field, value = SWITCH_OFF[doctype]
		for name in frappe.get_all(doctype, filters={"owner": ("!=", "Administrator")}, pluck="name"):
			if sees_passwords_as_typed(frappe.get_doc(doctype, name)):
				frappe.db.set_value(doctype, name, field, value, update_modified=False)
