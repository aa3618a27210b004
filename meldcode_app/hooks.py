from meldcode_app.rules import registry as _registry
from meldcode_app.rules.automations import TARGET_FIELDS as _automation_targets

app_name = "meldcode_app"
app_title = "Meldcode App"
app_publisher = "Meldcode App developers"
app_description = "Meldcode Huiselijk Geweld en Kindermishandeling for Dutch schools"
app_email = "meldcode@example.org"
app_license = "mit"

export_python_type_annotations = True

after_install = "meldcode_app.install.after_install"
after_sync = "meldcode_app.install.after_sync"
after_migrate = "meldcode_app.install.after_migrate"
before_uninstall = "meldcode_app.install.before_uninstall"

jinja = {
	"methods": [
		"meldcode_app.printing.meldcode_print_context",
		"meldcode_app.printing.meldcode_signals_of",
		"meldcode_app.printing.as_typed",
		"meldcode_app.printing.initials",
		"meldcode_app.printing.hhmm",
		"meldcode_app.printing.nl_date",
		"meldcode_app.printing.nl_datetime",
	]
}

before_tests = "meldcode_app.tests.utils.before_tests"

# Every link to a dossier or a school offers what fits the user, described in their language
# (link_queries.py); a user who works at one school starts each new form there.
standard_queries = {
	"Meldcode Dossier": "meldcode_app.link_queries.dossiers",
	"Meldcode School": "meldcode_app.link_queries.schools",
}
# Every desk page: no address whose parts hold markup (public/js/desk_routes.js).
app_include_js = "/assets/meldcode_app/js/desk_routes.js"
# Every case record's form: no labels in its sidebar (public/js/case_record_form.js).
doctype_js = {
	doctype: ["public/js/typed_text.js", "public/js/case_record_form.js"]
	for doctype in sorted(_registry.RECORD_DOCTYPES)
}
doctype_list_js = {doctype: "public/js/typed_text.js" for doctype in sorted(_registry.RECORD_DOCTYPES)}
boot_session = ["meldcode_app.link_queries.boot_session", "meldcode_app.desk.boot_session"]

fixtures = [
	{"dt": "Role", "filters": [["name", "like", "Meldcode %"]]},
	{
		"dt": "Workflow State",
		"filters": [
			[
				"name",
				"in",
				[
					"Step 1 Signalling",
					"Step 2 Collegial Consultation",
					"Step 3 Conversation",
					"Step 4 Weighing",
					"Step 5 Deciding",
					"Help Organised",
					"Reported to Veilig Thuis",
					"Step 6 Evaluation and Aftercare",
					"Closed",
				],
			]
		],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [
			[
				"name",
				"in",
				[
					"Start Collegial Consultation",
					"Plan Conversation",
					"Start Weighing",
					"Decide",
					"Organise Help",
					"Report to Veilig Thuis",
					"Start Aftercare",
					"Close",
					"Weigh Again",
					"Acute Melding",
					"Reopen",
				],
			]
		],
	},
]

scheduler_events = {
	"daily": [
		"meldcode_app.terms.remind_and_escalate",
		"meldcode_app.terms.renew_next_deadlines",
		"meldcode_app.record_terms.remind_and_escalate",
		"meldcode_app.protocol_runs.remind_and_escalate",
		"meldcode_app.destruction.apply_retention_periods",
		"meldcode_app.access.parent_shares.expire_shares",
	],
	"hourly": ["meldcode_app.access.search_index.clean"],
}

# Closing a dossier as unfounded destroys its working notes (H22).
meldcode_dossier_closed_unfounded = ["meldcode_app.destruction.destroy_working_notes_of_unfounded"]
# A closed dossier is no longer shared with the parents (a destroyed one takes its shares along).
meldcode_dossier_closed = ["meldcode_app.access.parent_shares.end_shares_of_closed_dossier"]
# The parents' portal: a parent reads the verslag a share names them on (access/parent_shares.py).
has_website_permission = {"Meldcode Conversation": "meldcode_app.access.parent_shares.has_website_permission"}

# Need-to-know: every protected DocType comes from the one registry (rules/registry.py).
permission_query_conditions = {
	**{
		doctype: "meldcode_app.access.permissions.case_query_conditions"
		for doctype in _registry.CASE_DOCTYPES
	},
	**{
		doctype: "meldcode_app.access.permissions.child_query_conditions"
		for doctype in _registry.CHILD_DOCTYPES
	},
	**{
		doctype: "meldcode_app.access.permissions.trace_query_conditions"
		for doctype in _registry.TRACE_DOCTYPES
	},
	**{
		doctype: "meldcode_app.access.permissions.board_case_query_conditions"
		for doctype in _registry.BOARD_CASE_DOCTYPES
	},
	**{
		doctype: "meldcode_app.access.permissions.author_only_query_conditions"
		for doctype in _registry.AUTHOR_ONLY_DOCTYPES
	},
	**{
		doctype: "meldcode_app.access.permissions.protocol_run_query_conditions"
		for doctype in _registry.PROTOCOL_RUN_DOCTYPES
	},
	"Meldcode Destruction Log": "meldcode_app.access.permissions.destruction_log_query_conditions",
	"List Filter": "meldcode_app.access.permissions.list_filter_query_conditions",
	**{
		doctype: "meldcode_app.access.permissions.secret_query_conditions"
		for doctype in _registry.SECRET_DOCTYPES
	},
	"Meldcode Access Grant": "meldcode_app.access.permissions.grant_query_conditions",
	"*": "meldcode_app.access.permissions.row_query_conditions",
	"DefaultValue": "meldcode_app.access.permissions.default_value_query_conditions",
	"User": "meldcode_app.access.permissions.user_query_conditions",
	"Contact": "meldcode_app.access.permissions.contact_query_conditions",
}
has_permission = {
	**{doctype: "meldcode_app.access.permissions.has_case_permission" for doctype in _registry.CASE_DOCTYPES},
	**{
		doctype: "meldcode_app.access.permissions.has_trace_permission"
		for doctype in _registry.TRACE_DOCTYPES
	},
	**{
		doctype: "meldcode_app.access.permissions.has_board_case_permission"
		for doctype in _registry.BOARD_CASE_DOCTYPES
	},
	**{
		doctype: "meldcode_app.access.permissions.has_author_only_permission"
		for doctype in _registry.AUTHOR_ONLY_DOCTYPES
	},
	**{
		doctype: "meldcode_app.access.permissions.has_protocol_run_permission"
		for doctype in _registry.PROTOCOL_RUN_DOCTYPES
	},
	"List Filter": "meldcode_app.access.permissions.has_list_filter_permission",
	"Contact": "meldcode_app.access.permissions.has_contact_permission",
	**{
		doctype: "meldcode_app.access.permissions.has_secret_permission"
		for doctype in _registry.SECRET_DOCTYPES
	},
	"Meldcode Access Grant": "meldcode_app.access.permissions.has_grant_permission",
	"Meldcode Destruction Log": "meldcode_app.access.permissions.has_destruction_log_permission",
}
override_doctype_class = {
	"File": "meldcode_app.access.files.FileReadByTheSite",
	"Document Follow": "meldcode_app.access.follows.DocumentFollowOutsideCases",
	"Notification": "meldcode_app.access.automations.NotificationOutsideCases",
	"Energy Point Rule": "meldcode_app.access.automations.EnergyPointRuleOutsideCases",
	"Milestone Tracker": "meldcode_app.access.automations.MilestoneTrackerOutsideCases",
	"Server Script": "meldcode_app.access.automations.ServerScriptOutsideCases",
	"Comment": "meldcode_app.access.realtime.CommentOutsideCases",
	"Communication": "meldcode_app.access.realtime.CommunicationOutsideCases",
	"Document Naming Settings": "meldcode_app.access.scoped_methods.DocumentNamingSettingsAsTheReader",
	"Bulk Update": "meldcode_app.access.automations.BulkUpdateOfListedRecords",
}

# An API key is a User's only (access/accounts.py), checked before Frappe reads the key.
before_request = [
	"meldcode_app.access.accounts.keep_the_address_an_address",
	"meldcode_app.access.accounts.keys_of_users_only",
]
on_login = [
	"meldcode_app.access.accounts.keep_the_address_an_address",
	"meldcode_app.access.accounts.no_login_from_another_site",
	"meldcode_app.access.accounts.a_password_still_there",
]

# The request guard: deny by default for every whitelisted call and route (request_guard.py).
# Templates, scripts and query reports of the site never reach a case record (access/sandboxed_code.py),
# nor the request they run in (access/request_values.py), watched from the app's first import.
auth_hooks = [
	"meldcode_app.access.sandboxed_code.watch_database",
	"meldcode_app.access.accounts.sessions_the_database_keeps",
	"meldcode_app.access.request_guard.guard_request",
]
before_job = [
	"meldcode_app.access.sandboxed_code.watch_database",
	"meldcode_app.access.automations.keep_webhooks_off_cases",
]
after_request = [
	"meldcode_app.access.tracebacks.no_database_errors_for_others",
	"meldcode_app.access.accounts.answer_a_locked_login_as_a_failed_one",
	"meldcode_app.access.request_guard.end_a_failed_read",
]

_write_into = {
	doctype: {"validate": ["meldcode_app.access.permissions.judge_write_into_record"]}
	for doctype in _registry.WRITE_INTO_DOCTYPES
}
_write_into["File"]["validate"].append("meldcode_app.access.permissions.guard_attachment")
# (Frappe cleans a comment in its validate, keeping what acts on the page: code_in_pages.)
_write_into["Comment"]["validate"].append("meldcode_app.access.code_in_pages.clean_comment")
for _events in _write_into.values():
	_events["validate"].append("meldcode_app.access.code_in_pages.clean_notes_about_cases")
_write_into["Communication"] = {
	"before_validate": "meldcode_app.access.case_mail.note_the_reference_asked",
	"validate": [
		"meldcode_app.access.case_mail.keep_mail_off_cases",  # before the judge: no answer tells
		*_write_into["Communication"]["validate"],
	],
}
for _trace in _registry.TRACES_OF_TRACES:  # a case's ToDo deleted takes its comments and files along
	_write_into[_trace]["on_trash"] = "meldcode_app.destruction.take_traces_along"
# before_validate: Frappe skips validate for a record imported with ignore_validate (round 38).
_automations = {
	doctype: {"before_validate": "meldcode_app.access.automations.refuse_case_targets"}
	for doctype in _automation_targets
}
# Records that keep a query for Frappe to run later (rules/query_fragments.STORED_FRAGMENTS).
_stored_query = "meldcode_app.access.automations.refuse_stored_queries"
doc_events = {
	"Contact": {
		"autoname": "meldcode_app.access.accounts.name_a_parents_contact",
		"validate": "meldcode_app.access.accounts.keep_parents_accounts_off_parties",
	},
	"Student": {"before_validate": "meldcode_app.access.accounts.no_pupils_account_by_address"},
	"Data Import": {"validate": "meldcode_app.access.imports.updates_only_what_its_writer_reads"},
	"Personal Data Download Request": {
		"before_insert": "meldcode_app.access.accounts.own_personal_data_only"
	},
	"DocType Link": {"before_validate": "meldcode_app.access.automations.a_connection_names_fields"},
	**{
		doctype: {"before_validate": "meldcode_app.access.code_in_pages.refuse_python_paths"}
		for doctype in ("Supplier Scorecard Variable", "Supplier Scorecard Period")
	},
	"*": {
		"before_validate": [
			"meldcode_app.access.automations.keep_rows_with_their_parent",
			"meldcode_app.access.automations.judge_rows_saved_alone",
			"meldcode_app.access.automations.keep_shipped_records",
			"meldcode_app.access.automations.refuse_fetching_from_case_records",
			"meldcode_app.access.code_in_pages.refuse_code_for_others",
			"meldcode_app.access.code_in_pages.clean_markup",
			"meldcode_app.access.code_in_pages.refuse_script_urls",
			"meldcode_app.access.stored_markup.note_judged",
		],
		"before_insert": [
			"meldcode_app.access.automations.keep_shipped_records",
			"meldcode_app.access.automations.refuse_fetching_from_case_records",
		],
		"validate": [
			"meldcode_app.access.code_in_pages.refuse_templates_for_others",
			"meldcode_app.access.files.fields_name_only_files_their_writer_may_download",
			"meldcode_app.access.stored_markup.note_judged",
		],
		"autoname": "meldcode_app.utils.name_new_record",
		"before_cancel": "meldcode_app.access.automations.keep_rows_with_their_parent",
		"before_update_after_submit": "meldcode_app.access.automations.keep_rows_with_their_parent",
		"on_update": "meldcode_app.access.realtime.quiet_case_traces",
		"on_change": "meldcode_app.access.search_index.keep_out",
		"on_trash": [
			"meldcode_app.access.automations.judge_rows_saved_alone",
			"meldcode_app.access.automations.keep_shipped_records",
			"meldcode_app.access.links.refuse_deleting_what_a_case_may_name",
		],
		"before_rename": [
			"meldcode_app.access.automations.refuse_renaming_shipped",
			"meldcode_app.access.links.refuse_merging_what_a_case_may_name",
			"meldcode_app.access.code_in_pages.refuse_renaming_out_of_place",
		],
	},
	**_write_into,
	**_automations,
	"Auto Email Report": {
		"before_validate": [
			"meldcode_app.access.automations.refuse_case_targets",
			"meldcode_app.access.automations.keep_reports_to_their_reader",
			_stored_query,
		]
	},
	**{
		doctype: {"before_validate": ["meldcode_app.access.automations.refuse_case_targets", _stored_query]}
		for doctype in ("Kanban Board", "Web Form")
	},
	**{
		doctype: {"before_validate": _stored_query}
		for doctype in ("Report", "Dashboard Chart", "Number Card")
	},
	"DocType": {
		"before_validate": [
			"meldcode_app.access.automations.refuse_case_targets",
			"meldcode_app.access.automations.keep_doctypes_as_shipped",
		],
		"on_trash": "meldcode_app.access.automations.keep_doctypes_as_shipped",
		"before_rename": "meldcode_app.access.automations.keep_doctypes_as_shipped",
	},
	"Module Def": {
		"before_validate": [
			"meldcode_app.access.automations.keep_modules_as_shipped",
			"meldcode_app.access.automations.refuse_paths_in_names",
		],
		"on_trash": "meldcode_app.access.automations.keep_modules_as_shipped",
		"before_rename": [
			"meldcode_app.access.automations.keep_modules_as_shipped",
			"meldcode_app.access.automations.refuse_paths_in_names",
		],
	},
	"Website Theme": {
		event: "meldcode_app.access.automations.refuse_paths_in_names"
		for event in ("before_validate", "before_rename")
	},
	"Custom Role": {
		"before_validate": "meldcode_app.access.automations.refuse_custom_roles_on_the_apps_pages"
	},
	"DocShare": {"validate": "meldcode_app.access.permissions.refuse_sharing"},
	"Notification Log": {"before_insert": "meldcode_app.access.permissions.keep_notifications_content_free"},
	# Logs of failures keep no values (access/tracebacks.py).
	"Error Log": {"before_insert": "meldcode_app.access.tracebacks.keep_values_out"},
	"Prepared Report": {"validate": "meldcode_app.access.tracebacks.keep_values_out"},
	"Scheduled Job Log": {"on_change": "meldcode_app.access.tracebacks.keep_values_out"},
	**{
		doctype: {"on_update": "meldcode_app.access.permissions.forget_scopes"}
		for doctype in ("Meldcode School", "Meldcode Dossier", "Meldcode Access Grant")
	},
	"Meldcode School Staff": {"on_trash": "meldcode_app.access.grants.revoke_staff_row"},
	**{
		doctype: {"before_validate": "meldcode_app.access.accounts.refuse_unless_bench_administrator"}
		for doctype in _registry.BENCH_ADMINISTRATOR_SETTINGS
	},
	"Email Account": {"before_validate": "meldcode_app.access.accounts.refuse_redirecting_mail"},
	"System Settings": {
		"before_validate": [
			"meldcode_app.access.accounts.refuse_login_mail_templates",
			"meldcode_app.access.accounts.keep_setup_complete",
		]
	},
	"Installed Applications": {"before_validate": "meldcode_app.access.accounts.keep_setup_complete"},
	"Email Template": {
		"before_validate": "meldcode_app.access.accounts.refuse_changing_login_mail",
		"before_rename": "meldcode_app.access.accounts.refuse_changing_login_mail",
	},
	"Workspace Link": {"before_validate": "meldcode_app.access.code_in_pages.refuse_counting_case_records"},
	"Role": {
		"before_rename": "meldcode_app.access.grants.refuse_renaming_access_roles",
		"before_validate": "meldcode_app.access.grants.keep_access_roles",
	},
	"Workspace": {
		"before_validate": [
			"meldcode_app.access.code_in_pages.refuse_workspaces_for_others",
			"meldcode_app.access.code_in_pages.refuse_counting_case_records",
		],
		"on_trash": "meldcode_app.access.code_in_pages.keep_the_apps_workspaces",
		"before_rename": "meldcode_app.access.code_in_pages.keep_the_apps_workspaces",
	},
	**{
		doctype: {"before_validate": "meldcode_app.access.accounts.refuse_credentials_for_others"}
		for doctype in ("OAuth Bearer Token", "OAuth Authorization Code")
	},
	# Four eyes on every grant (access/grants.py) and no account taken over quietly (access/accounts.py).
	"User": {
		"before_validate": [
			"meldcode_app.desk.keep_to_the_app",  # staff and board see the app's workspaces only
			"meldcode_app.access.accounts.note_changes_by_others",
			"meldcode_app.access.accounts.keep_the_username",
			"meldcode_app.access.accounts.one_address_per_account",
		],
		"validate": [
			"meldcode_app.access.grants.hold_granted_roles",
			"meldcode_app.access.grants.keep_granted_roles",
			"meldcode_app.desk.keep_the_app_open",
		],
		"before_rename": [
			"meldcode_app.access.grants.refuse_renaming_who_holds_access",
			"meldcode_app.access.accounts.one_address_per_account",
		],
		"after_rename": "meldcode_app.access.accounts.keys_renamed_by_another",
		"on_update": [
			"meldcode_app.access.grants.follow_user",
			"meldcode_app.access.accounts.tell_changes_by_others",
			"meldcode_app.access.permissions.forget_scopes",
		],
	},
	**{
		doctype: {
			"validate": [
				"meldcode_app.access.permissions.judge_as_stored",
				"meldcode_app.case_records.enforce_conditional_mandatory",
			],
			"on_trash": "meldcode_app.case_records.refuse_deletion",
		}
		for doctype in (
			*_registry.CASE_DOCTYPES,
			*_registry.BOARD_CASE_DOCTYPES,
			*_registry.PROTOCOL_RUN_DOCTYPES,
		)
	},
}

override_whitelisted_methods = {
	"frappe.utils.print_format.download_pdf": "meldcode_app.audit.download_pdf",
	"frappe.desk.doctype.route_history.route_history.deferred_insert": "meldcode_app.access.route_history.deferred_insert",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "meldcode_app.desk.chart_data",
	"frappe.core.doctype.user.user.impersonate": "meldcode_app.access.accounts.impersonate",
	"frappe.core.doctype.user.user.reset_password": "meldcode_app.access.accounts.reset_password",
	"frappe.www.login.send_login_link": "meldcode_app.access.accounts.send_login_link",
	"education.education.doctype.guardian.guardian.invite_guardian": "meldcode_app.access.accounts.invite_guardian",
	"frappe.website.doctype.web_page_view.web_page_view.make_view_log": "meldcode_app.access.parent_shares.make_view_log",
	"frappe.desk.link_preview.get_preview_data": "meldcode_app.access.code_in_pages.link_preview",
	**dict.fromkeys(
		(
			"download_file",
			"frappe.handler.download_file",
			"frappe.core.doctype.file.file.download_file",
			"frappe.utils.file_manager.download_file",
		),
		"meldcode_app.access.files.download_file",
	),
	**{
		method: f"meldcode_app.access.scoped_methods.{method.rsplit('.', 1)[1]}"
		for method in (
			"frappe.client.get_count",
			"frappe.client.get",
			"frappe.client.validate_link",
			"frappe.desk.form.load.get_user_info_for_viewers",
			"frappe.desk.listview.get_group_by_count",
			"frappe.desk.notifications.get_open_count",
			"frappe.desk.form.linked_with.get_submitted_linked_docs",
			"frappe.desk.desktop.update_onboarding_step",
			"frappe.desk.doctype.tag.tag.add_tag",
			"frappe.desk.doctype.tag.tag.add_tags",
			"frappe.utils.global_search.search",
			"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
			"frappe.utils.goal.get_monthly_goal_graph_data",
			"frappe.email.doctype.email_group.email_group.import_from",
			"erpnext.crm.utils.get_open_activities",
		)
	},
}
