frappe.ui.form.on("Meldcode Conversation", {
	refresh(frm) {
		if (frm.doc.docstatus === 1 && frm.doc.conversation_type === "Parents" && frm.perm[0]?.write) {
			// The parents read and sign the verslag in the portal; they get a link by e-mail.
			// Education's addresses are shown, not filled in: others than the case team write them.
			const known = (frm.doc.__onload?.guardian_addresses || []).map((g) =>
				__("{0} ({1}; changed {2} by {3})", [
					frappe.utils.escape_html(g.email),
					frappe.utils.escape_html(g.guardian),
					frappe.datetime.str_to_user(g.changed),
					frappe.utils.escape_html(g.by),
				])
			);
			frm.add_custom_button(__("Share with Parents"), () =>
				frappe.prompt(
					{
						fieldname: "emails",
						fieldtype: "Data",
						label: __("E-mail of one or both parents (comma-separated)"),
						reqd: 1,
						description: known.length
							? __("In Education: {0}. Type the address you checked with the parents.", [known.join("; ")])
							: "",
					},
					({ emails }) =>
						frappe
							.call("meldcode_app.api.share_with_parents", { conversation: frm.doc.name, emails })
							.then(() => {
								frappe.show_alert({ message: __("Shared; the parents got a link by e-mail."), indicator: "green" });
								frm.reload_doc();
							}),
					__("Share with Parents"),
					__("Share")
				)
			);
			frm.add_custom_button(__("Shares with Parents"), () =>
				frappe.set_route("List", "Meldcode Parent Share", { conversation: frm.doc.name })
			);
		}
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
