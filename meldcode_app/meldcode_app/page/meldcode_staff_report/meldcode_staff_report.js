// Meldplicht (seed 003): every staff member reports a suspicion about someone working at the
// school to the board. Write-only: the report is sent, never shown back.
const FUNCTIONS = [
	"Teacher",
	"Intern Begeleider",
	"Aandachtsfunctionaris",
	"Director",
	"Intern",
	"Temporary Worker",
	"Volunteer",
	"Cleaner",
	"Internal Confidential Person",
	"Other Staff",
];
const NATURES = ["Sexual Abuse", "Sexual Intimidation", "Physical Abuse", "Intimidation", "Child Pornography"];
const choices = (values) => values.map((value) => ({ value, label: __(value) }));

frappe.pages["meldcode-staff-report"].on_page_load = (wrapper) => {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Report a Suspicion About Staff"),
		single_column: true,
	});
	$(page.body).append(
		`<p class="text-muted" style="max-width: 60em">${__(
			"Every person working at the school, interns, temporary workers, volunteers and cleaners included, reports a suspicion of sexual abuse or sexual intimidation of a pupil immediately to the board. Telling someone else at school, such as the school's management, is not enough, and no one can invoke confidentiality."
		)}</p>`
	);
	const form = new frappe.ui.FieldGroup({
		parent: $("<div>").appendTo(page.body),
		fields: [
			{
				fieldname: "school",
				fieldtype: "Link",
				options: "Meldcode School",
				label: __("School"),
				reqd: 1,
				// The user's school when they work at one (boot default).
				default: frappe.defaults.get_user_default("school"),
			},
			{ fieldname: "nature", fieldtype: "Select", options: choices(NATURES), label: __("Nature of the Suspicion"), reqd: 1 },
			{ fieldname: "accused_function", fieldtype: "Select", options: choices(FUNCTIONS), label: __("Function of the Accused"), reqd: 1 },
			{ fieldname: "accused_initials", fieldtype: "Data", label: __("Initials of the Accused"), reqd: 1 },
			{ fieldname: "pupil_initials", fieldtype: "Data", label: __("Initials of the Pupil") },
			{ fieldname: "information", fieldtype: "Long Text", label: __("What Was Seen, Heard or Told"), reqd: 1 },
		],
	});
	form.make();
	page.set_primary_action(__("Send to the Board"), () => {
		const values = form.get_values();
		if (!values) return;
		frappe.call("meldcode_app.staff_report.report_suspicion", values).then((r) => {
			form.clear();
			frappe.msgprint(r.message, __("Sent"));
		});
	});
};
