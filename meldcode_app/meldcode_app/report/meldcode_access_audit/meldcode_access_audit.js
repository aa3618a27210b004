frappe.query_reports["Meldcode Access Audit"] = {};
