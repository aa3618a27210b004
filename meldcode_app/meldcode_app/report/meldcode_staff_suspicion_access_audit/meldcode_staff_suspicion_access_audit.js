frappe.query_reports["Meldcode Staff Suspicion Access Audit"] = {};
