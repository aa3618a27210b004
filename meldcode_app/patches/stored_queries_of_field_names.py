"""Report Builder reports, Custom Reports (a query report's "Save As") and e-mailed reports saved
before the app judged stored queries (access/automations.refuse_stored_queries) are switched off
when they keep anything but field names: the scheduler runs an e-mailed report with no request
for the guard to judge. Charts and number cards are judged whenever they are asked for."""

import frappe

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.query_fragments import STORED_FRAGMENTS, stored_fragments_reached


def execute():
	refused = set()
	for report in frappe.get_all(
		"Report",
		filters={"report_type": ("in", ("Report Builder", "Custom Report")), "is_standard": "No"},
		fields=["name", "json", "report_type"],
	):
		if not keeps_field_names_only("Report", report):
			refused.add(report.name)
			frappe.db.set_value("Report", report.name, "disabled", 1, update_modified=False)
	fields = [
		f for f in STORED_FRAGMENTS["Auto Email Report"] if frappe.db.has_column("Auto Email Report", f)
	]
	for emailed in frappe.get_all("Auto Email Report", fields=["name", "report", *fields]):
		if emailed.report in refused or not keeps_field_names_only("Auto Email Report", emailed):
			frappe.db.set_value("Auto Email Report", emailed.name, "enabled", 0, update_modified=False)


def keeps_field_names_only(doctype: str, values: dict) -> bool:
	try:
		stored_fragments_reached(doctype, values)
	except RuleViolation:
		return False
	return True
