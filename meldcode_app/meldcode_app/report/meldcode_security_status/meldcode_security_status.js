frappe.query_reports["Meldcode Security Status"] = {};
