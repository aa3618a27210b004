// A run of a protocol: the steps are ticked in the grid; who and when are set on save.
frappe.ui.form.on("Meldcode Protocol Run", {
	setup(frm) {
		frm.set_query("protocol", () => ({
			filters: { disabled: 0, school: ["in", ["", frm.doc.school || ""]] },
		}));
	},
	refresh(frm) {
		if (frm.doc.kind === "Unwanted Behaviour") {
			frm.dashboard.set_headline(
				__("Read by the professional concerned and the director only."),
				"orange"
			);
		}
	},
});
