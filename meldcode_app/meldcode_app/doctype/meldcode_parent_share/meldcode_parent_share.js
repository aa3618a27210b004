frappe.ui.form.on("Meldcode Parent Share", {
	refresh(frm) {
		if (["Active", "Signed"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Withdraw"), () =>
				frappe.confirm(__("The parent will no longer read this verslag. Withdraw the share?"), () =>
					frappe
						.call("meldcode_app.api.withdraw_parent_share", { share: frm.doc.name })
						.then(() => frm.reload_doc())
				)
			);
		}
	},
});
