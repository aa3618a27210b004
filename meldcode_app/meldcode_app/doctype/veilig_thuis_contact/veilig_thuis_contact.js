frappe.ui.form.on("Veilig Thuis Contact", {
	setup(frm) {
		// A melding at stap 5 or on the acute path; advice and questions about any open dossier.
		frm.set_query("dossier", () => ({
			query: "meldcode_app.link_queries.dossiers",
			filters: {
				purpose: frm.doc.contact_type === "Melding" ? "melding" : "open",
				...(frm.doc.school ? { school: frm.doc.school } : {}),
			},
		}));
	},
});
