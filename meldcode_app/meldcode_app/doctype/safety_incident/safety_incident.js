frappe.ui.form.on("Safety Incident", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0].write) return;
		// The protocols run on this incident (the actieplan calamiteit starts by itself), and another.
		frm.add_custom_button(__("Protocol Runs"), () =>
			frappe.set_route("List", "Meldcode Protocol Run", { safety_incident: frm.doc.name })
		);
		frm.add_custom_button(__("Start Protocol"), () => {
			frappe.prompt(
				{
					fieldname: "protocol",
					fieldtype: "Link",
					options: "Meldcode Protocol",
					label: __("Protocol"),
					reqd: 1,
					get_query: () => ({ filters: { kind: "Incident", disabled: 0 } }),
				},
				(values) =>
					frappe.new_doc("Meldcode Protocol Run", {
						protocol: values.protocol,
						school: frm.doc.school,
						safety_incident: frm.doc.name,
					}),
				__("Start Protocol")
			);
		});
		frm.add_custom_button(__("Keep Sent Letter"), () => {
			frappe.prompt(
				{
					fieldname: "letter",
					fieldtype: "Select",
					label: __("Letter to Parents"),
					options: ["Ouderbrief Betrokken Groep", "Ouderbrief Overige Groepen", "Ouderbrief Jonge Kinderen"],
					reqd: 1,
				},
				(values) =>
					frappe
						.call("meldcode_app.parent_letters.keep_sent_letter", { incident: frm.doc.name, letter: values.letter })
						.then(() => {
							frappe.show_alert({ message: __("{0} is kept with the incident.", [values.letter]), indicator: "green" });
							frm.reload_doc();
						}),
				__("Keep Sent Letter")
			);
		});
	},
});
