frappe.listview_settings["Meldcode Access Grant"] = {
	get_indicator(doc) {
		const colours = { Pending: "orange", Active: "green", Refused: "red", Revoked: "gray" };
		return [__(doc.status), colours[doc.status], "status,=," + doc.status];
	},
};
