// Loaded with the form of every case record (hooks.py, doctype_js). Case records carry no labels:
// Frappe shows every label, and the records it is on, to every user of the site
// (meldcode_app.permissions.refuse_labels), so the sidebar offers none on them.
if (!frappe.meldcode_labels_hidden) {
	frappe.meldcode_labels_hidden = true;
	for (const doctype of frappe.boot.meldcode_record_doctypes || []) {
		frappe.ui.form.on(doctype, {
			refresh(frm) {
				frm.sidebar?.sidebar?.find(".form-tags").toggle(false);
			},
		});
	}
}
