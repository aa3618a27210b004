// Loaded with the form of every case record (hooks.py, doctype_js). Case records carry no labels:
// Frappe shows every label, and the records it is on, to every user of the site
// (meldcode_app.access.permissions.refuse_labels), so the sidebar offers none on them.
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

// Frappe's timeline shows a changed choice as stored, in English ("Open to Cancelled"), and a
// person by e-mail address; the form shows them in the reader's language and by name, its
// timeline too.
if (!frappe.meldcode_timeline_translated) {
	frappe.meldcode_timeline_translated = true;
	const choices = (frm) => {
		const doctypes = [frm.doctype, ...frm.meta.fields.filter((df) => df.fieldtype === "Table").map((df) => df.options)];
		const options = new Set();
		for (const doctype of doctypes) {
			for (const df of frappe.get_meta(doctype)?.fields || []) {
				if (df.fieldtype === "Select") (df.options || "").split("\n").filter(Boolean).forEach((o) => options.add(o));
			}
		}
		return options;
	};
	const translate_timeline = (frm) => {
		const timeline = frm.timeline;
		if (!timeline || timeline.meldcode_translated) return false;
		timeline.meldcode_translated = true;
		const original = timeline.get_version_timeline_contents.bind(timeline);
		timeline.get_version_timeline_contents = () => {
			const options = choices(frm);
			return original().map((item) => ({
				...item,
				content: item.content.replace(/<b>([^<]*)<\/b>/g, (bold, value) => {
					const typed = frappe.utils.unescape_html ? frappe.utils.unescape_html(value) : value;
					const shown = options.has(typed) ? __(typed) : frappe.boot.user_info?.[typed]?.fullname;
					return shown ? `<b>${frappe.utils.escape_html(shown)}</b>` : bold;
				}),
			}));
		};
		return true;
	};
	for (const doctype of frappe.boot.meldcode_record_doctypes || []) {
		frappe.ui.form.on(doctype, {
			refresh(frm) {
				if (translate_timeline(frm)) frm.timeline.refresh();
			},
		});
	}
}
