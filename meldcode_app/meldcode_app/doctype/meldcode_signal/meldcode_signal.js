frappe.ui.form.on("Meldcode Signal", {
	refresh(frm) {
		if (!frm.is_new() && !frm.doc.dossier && frappe.model.can_create("Meldcode Dossier")) {
			frm.add_custom_button(__("Open Dossier"), () =>
				frappe
					.call("meldcode_app.api.open_dossier_from_signals", { signals: [frm.doc.name] })
					.then((r) => frappe.set_route("Form", "Meldcode Dossier", r.message))
			);
		}
	},
});
