"""The logs of failures that a System Manager reads keep no values (rules/tracebacks.py)."""

import frappe

from meldcode_app.rules.tracebacks import without_values

# Where Frappe writes a traceback with variables, by DocType.
TRACEBACK_FIELDS = {"Error Log": "error", "Prepared Report": "error_message", "Scheduled Job Log": "details"}


def keep_values_out(log, method=None):
	"""Hook: before_insert of an Error Log, validate of a Prepared Report, on_change of a Scheduled
	Job Log (Frappe writes its details with db_set, which runs on_change after writing)."""
	fieldname = TRACEBACK_FIELDS[log.doctype]
	text = log.get(fieldname) or ""
	if (kept := without_values(text)) == text:
		return
	log.set(fieldname, kept)
	if method == "on_change":
		frappe.db.set_value(log.doctype, log.name, fieldname, kept, update_modified=False)
