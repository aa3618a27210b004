frappe.query_reports["Meldcode Staff Report Access Audit"] = {};
