// Loaded with the forms and lists of the app's records (hooks.py). Text a person typed into a
// Meldcode record is shown as typed: Frappe's formatters show Data and text fields as HTML, so a
// typed <img src="http://..."> would make every reader's browser fetch it (and tell an outsider
// when a case is opened). Frappe may have stored typed characters as entities; they are shown as
// the characters typed, escaped once.
if (!frappe.meldcode_typed_text) {
	frappe.meldcode_typed_text = true;
	const records = new Set(frappe.boot.meldcode_protected_doctypes || []);
	// A textarea's content is text to the parser: no element is made, nothing is fetched.
	const as_typed = (value) => {
		const area = document.createElement("textarea");
		area.innerHTML = String(value);
		return area.value;
	};
	for (const type of ["Data", "SmallText", "Text", "LongText", "TextEditor", "HTMLEditor", "MarkdownEditor", "Code"]) {
		const original = frappe.form.formatters[type];
		if (!original) continue;
		frappe.form.formatters[type] = function (value, df, ...rest) {
			if (value && df && records.has(df.parent)) {
				return frappe.utils.escape_html(as_typed(value)).replace(/\n/g, "<br>");
			}
			return original.call(this, value, df, ...rest);
		};
	}
	// A linked record the reader may not open is shown by its title as text: an Education
	// Manager's pupil name with an image and a link laid over the page showed as markup in the
	// case records (round 80).
	for (const type of ["Link", "DynamicLink"]) {
		const original = frappe.form.formatters[type];
		if (!original) continue;
		frappe.form.formatters[type] = function (value, df, ...rest) {
			const shown = original.call(this, value, df, ...rest);
			const linked = df && (df._options || df.options);
			// a link Frappe builds itself (its text set as text) is kept; any other is text (round 81)
			if (!value || !df || !records.has(df.parent) || typeof shown !== "string" || frappe.model.can_read(linked)) {
				return shown;
			}
			return frappe.utils.escape_html(as_typed(shown));
		};
	}
	// The titles in a table of links (a signal's indicators) and the values of a list's group-by
	// menu are drawn without a formatter: in case records they are text (round 81).
	const as_text = (value) => frappe.utils.escape_html(as_typed(value));
	const pills = frappe.ui.form.ControlTableMultiSelect && frappe.ui.form.ControlTableMultiSelect.prototype;
	if (pills && pills.get_pill_html) {
		const original = pills.get_pill_html;
		pills.get_pill_html = function (value) {
			if (!this.df || !records.has(this.df.parent)) return original.call(this, value);
			const link_field = this.get_link_field();
			const title = frappe.utils.get_link_title(link_field.options, value) || value;
			return `<button class="data-pill btn tb-selected-value" data-value="${encodeURIComponent(value)}">
				<span class="btn-link-to-form">${as_text(title)}</span>
				<span class="btn-remove">${frappe.utils.icon("close")}</span>
			</button>`;
		};
	}
	const group_by = frappe.views.ListGroupBy && frappe.views.ListGroupBy.prototype;
	if (group_by && group_by.get_dropdown_html) {
		const original = group_by.get_dropdown_html;
		group_by.get_dropdown_html = function (field, fieldtype, applied) {
			if (!records.has(this.doctype) || field.name == null || field.name === frappe.session.user) {
				return original.call(this, field, fieldtype, applied);
			}
			// the menu filters by the value itself, and shows it as text
			const html = original.call(this, { ...field, name: as_text(field.name) }, fieldtype, applied);
			return html.replace(/data-value="[^"]*"/, `data-value="${encodeURIComponent(field.name)}"`);
		};
	}
}
