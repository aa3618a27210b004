"""Notifications on a controller method and Server Scripts before a save, of a DocType with a
password field, set up before the app refused them (access/automations.sees_passwords_as_typed),
are switched off; the bench's Administrator's stay."""

import frappe

from meldcode_app.access.automations import sees_passwords_as_typed
from meldcode_app.rules.automations import SWITCH_OFF


def execute():
	for doctype in ("Notification", "Server Script"):
		field, value = SWITCH_OFF[doctype]
		for name in frappe.get_all(doctype, filters={"owner": ("!=", "Administrator")}, pluck="name"):
			if sees_passwords_as_typed(frappe.get_doc(doctype, name)):
				frappe.db.set_value(doctype, name, field, value, update_modified=False)
