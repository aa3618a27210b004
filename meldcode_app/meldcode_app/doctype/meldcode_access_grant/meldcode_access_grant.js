// Four eyes: whoever may decide a pending grant confirms or refuses it here.
frappe.ui.form.on("Meldcode Access Grant", {
	refresh(frm) {
		if (!(frm.doc.__onload || {}).may_decide) return;
		for (const [decision, label] of [
			["Confirm", __("Confirm")],
			["Refuse", __("Refuse")],
		]) {
			frm.add_custom_button(label, () =>
				frappe.confirm(
					decision === "Confirm"
						? __("Confirm this access grant? The function starts at once.")
						: __("Refuse this access grant?"),
					() =>
						frappe
							.call("meldcode_app.api.decide_access_grant", {
								grant: frm.doc.name,
								decision,
							})
							.then(() => frm.reload_doc())
				)
			);
		}
	},
});
