frappe.query_reports["Meldcode Automations on Case Records"] = {};
