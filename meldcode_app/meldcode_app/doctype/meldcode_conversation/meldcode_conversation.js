frappe.ui.form.on("Meldcode Conversation", {
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.signed_pdf_sha256) {
			// The kept PDF is still the one signed: its SHA-256 now equals the one recorded at signing.
			frm.add_custom_button(__("Verify Signed PDF"), () =>
				frappe
					.call("meldcode_app.api.verify_signed_pdf", { conversation: frm.doc.name })
					.then((r) =>
						r.message
							? frappe.show_alert({ message: __("The signed PDF is the one signed."), indicator: "green" })
							: frappe.msgprint({
									title: __("Signed PDF changed"),
									message: __("The kept PDF no longer matches the hash recorded at signing."),
									indicator: "red",
							  })
					)
			);
		}
	},
});
