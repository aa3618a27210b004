frappe.ui.form.on("Meldcode Dossier", {
	refresh(frm) {
		const open = frm.doc.workflow_state && frm.doc.workflow_state !== "Closed";
		if (!frm.is_new() && open && !frm.doc.acute && frm.perm[0].write) {
			frm.add_custom_button(__("Direct Danger"), () => {
				frappe.confirm(
					__("Direct danger: the director becomes casemanager, and the conversation and the melding to Veilig Thuis take place today. Continue?"),
					() =>
						frappe
							.call("meldcode_app.api.start_acute_path", { dossier: frm.doc.name })
							.then(() => frm.reload_doc())
				);
			});
		}
		if (!frm.is_new() && frappe.model.can_create("Meldcode Monitoring Report")) {
			frm.add_custom_button(__("Rapportage Meldcode"), () =>
				frappe
					.call("meldcode_app.api.make_monitoring_report", { dossier: frm.doc.name })
					.then((r) => frappe.new_doc("Meldcode Monitoring Report", r.message))
			);
		}
		if (!frm.is_new()) {
			for (const doctype of ["Meldcode Signal", "Meldcode Conversation", "Meldcode Weighing", "Veilig Thuis Contact"]) {
				frm.add_custom_button(__(doctype), () => frappe.new_doc(doctype, { dossier: frm.doc.name }), __("New"));
			}
		}
	},
});
