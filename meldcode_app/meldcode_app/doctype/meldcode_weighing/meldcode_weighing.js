frappe.ui.form.on("Meldcode Weighing", {
	setup(frm) {
		// A weighing is made at stap 4 or 5 (meldcode_app.rules.link_choices).
		frm.set_query("dossier", () => ({
			query: "meldcode_app.link_queries.dossiers",
			filters: { purpose: "weighing", ...(frm.doc.school ? { school: frm.doc.school } : {}) },
		}));
	},
});
