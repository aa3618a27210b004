frappe.query_reports["Meldcode Open Dossiers"] = {};
