// People by name, terms and events in the reader's language: the rows store kinds and users.
const person = (user) => (user ? frappe.utils.escape_html(frappe.user_info(user).fullname || user) : "");
const event_description = (row) =>
	({
		"Casemanager Changed": () => __("{0} becomes casemanager as {1}", [person(row.person), __(row.function)]),
		"Acute Path": () => __("Direct danger: same-day conversation and melding."),
		"Reopened by New Signal": () => __("Signal {0} reopens the dossier ({1}) at step 4.", [row.reference, __(row.state)]),
	})[row.event_type];

function say_rows_in_the_readers_language(frm) {
	// On every row's field of the form's grids (each row keeps its own copy of the fields).
	const terms = frm.fields_dict.terms.grid;
	terms.update_docfield_property("term", "formatter", (value) => frappe.utils.escape_html(__(value || "")));
	terms.update_docfield_property("responsible", "formatter", person);
	const events = frm.fields_dict.events.grid;
	events.update_docfield_property("recorded_by", "formatter", person);
	events.update_docfield_property("description", "formatter", (value, df, options, row) => {
		const described = row && !value && event_description(row);
		return described ? described() : frappe.utils.escape_html(value || "");
	});
}

function draw_timeline(frm) {
	// The server draws only what the reader may read; a dot opens its record inside the desk.
	const $wrapper = frm.fields_dict.timeline_html.$wrapper;
	if (frm.is_new()) return $wrapper.empty();
	frappe.call("meldcode_app.api.dossier_timeline", { dossier: frm.doc.name }).then((r) => {
		$wrapper.html(r.message || "");
		$wrapper.find("a").on("click", function (event) {
			event.preventDefault();
			frappe.router.push_state(this.getAttribute("href"));
		});
	});
}

frappe.ui.form.on("Meldcode Dossier", {
	refresh(frm) {
		say_rows_in_the_readers_language(frm);
		draw_timeline(frm);
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
			// Each record opens ready: the dossier, its school and pupil, and the kind filled in.
			const of_dossier = { dossier: frm.doc.name, school: frm.doc.school, pupil_name: frm.doc.pupil_name };
			const state = frm.doc.workflow_state;
			const records = [
				[__("Meldcode Signal"), "Meldcode Signal", of_dossier],
				[__("Collegial Consultation"), "Meldcode Conversation", { ...of_dossier, conversation_type: "Collegial Consultation" }],
				[__("Conversation with the Parents"), "Meldcode Conversation", { ...of_dossier, conversation_type: "Parents" }],
				[__("Meldcode Conversation"), "Meldcode Conversation", of_dossier],
			];
			if (["Step 4 Weighing", "Step 5 Deciding"].includes(state)) {
				records.push([__("Meldcode Weighing"), "Meldcode Weighing", { dossier: frm.doc.name }]);
			}
			if (state === "Step 5 Deciding" || (frm.doc.acute && open && state !== "Reported to Veilig Thuis")) {
				records.push([
					__("Melding to Veilig Thuis"),
					"Veilig Thuis Contact",
					{ dossier: frm.doc.name, contact_type: "Melding", contact_by: frappe.session.user },
				]);
			}
			records.push([__("Veilig Thuis Contact"), "Veilig Thuis Contact", { dossier: frm.doc.name, contact_by: frappe.session.user }]);
			for (const [label, doctype, values] of records) {
				if (frappe.model.can_create(doctype)) {
					frm.add_custom_button(label, () => frappe.new_doc(doctype, values), __("New"));
				}
			}
		}
	},
});
