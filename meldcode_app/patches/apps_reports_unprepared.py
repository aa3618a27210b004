"""The app's reports that Frappe switched to prepared reports after a slow or failed run
(access/scoped_methods.keep_the_apps_reports_unprepared) run as shipped again."""

import frappe

from meldcode_app.rules.registry import SHIPPED


def execute():
	for name in SHIPPED["Report"]:
		if frappe.db.get_value("Report", name, "prepared_report"):
			frappe.db.set_value("Report", name, "prepared_report", 0, update_modified=False)
