// The dossier list: the next deadline, marked when a term of the dossier is overdue.
frappe.listview_settings["Meldcode Dossier"] = {
	add_fields: ["overdue"],
	formatters: {
		next_due_date(value, df, doc) {
			const date = frappe.format(value, df);
			return doc.overdue
				? `<span class="indicator-pill red" title="${__("Term Overdue")}">${date}</span>`
				: date;
		},
	},
};
