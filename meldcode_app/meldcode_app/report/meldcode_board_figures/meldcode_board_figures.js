frappe.query_reports["Meldcode Board Figures"] = {
	filters: [
		{
			fieldname: "year",
			label: __("School Year Starting"),
			fieldtype: "Int",
			default: (() => {
				const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
				// the last school year that has ended: a running one goes to the board when it ends
				return today.getMonth() >= 7 ? today.getFullYear() - 1 : today.getFullYear() - 2;
			})(),
		},
	],
	onload(report) {
		report.page.add_inner_button(__("Download Workbook"), () => {
			const year = report.get_filter_value("year");
			frappe
				.call("meldcode_app.api.enqueue_board_workbook", { year })
				.then(() => frappe.show_alert(__("The workbook is being made; you get a notification with its link.")));
		});
	},
};
