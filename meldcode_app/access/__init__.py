"""Need-to-know, decided once (DOMAIN 7.5). Everything that decides who reads or changes what lives
in this package: the permission hooks (permissions), every request read before Frappe runs it
(request_guard, with scoped_methods for Frappe's methods that read past the hooks), schools and
grants (school_membership, grants), the parents' portal (parent_shares), and code Frappe runs on
a user's behalf, which never reaches a case record (sandboxed_code, files, pdf_options,
code_in_pages, automations, links, accounts) nor changes what Frappe keeps for the request (meta_names,
shared_objects) or writes a record's rows into another table (table_rows); filters a request wrote
find only what its reader may list (lookups)."""

from meldcode_app.access.accounts import (
	keep_passwords_to_their_users,
	keep_redaction_to_the_users_rows,
	name_the_sites_own_address_in_links,
	note_reset_keys_handed_out,
)
from meldcode_app.access.code_in_pages import keep_comment_previews_as_text
from meldcode_app.access.files import (
	build_queued_mail_as_its_sender,
	embed_only_what_its_sender_may_open,
	find_files_by_their_exact_address,
	move_only_the_files_at_its_address,
	open_by_path_only_what_its_reader_may_open,
)
from meldcode_app.access.imports import keep_imports_to_what_their_writer_reads
from meldcode_app.access.lookups import find_what_the_reader_may_list, name_linked_records_by_text
from meldcode_app.access.meta_names import keep_definitions_to_field_names
from meldcode_app.access.pdf_options import print_with_layout_options_only, print_without_the_printers_session
from meldcode_app.access.sandboxed_code import watch_from_the_start
from meldcode_app.access.scoped_methods import (
	keep_prepared_results_to_their_maker,
	keep_the_apps_reports_unprepared,
	run_a_report_for_its_user_as_them,
)
from meldcode_app.access.shared_objects import keep_what_frappe_keeps_read_only
from meldcode_app.access.table_rows import keep_tables_to_their_rows

# Before the app's first hook of a request runs, Frappe may already render a site's template (a
# login's notifications): the watches start with the package, for the whole process.
watch_from_the_start()
find_what_the_reader_may_list()
name_linked_records_by_text()
keep_the_apps_reports_unprepared()
keep_prepared_results_to_their_maker()
run_a_report_for_its_user_as_them()
keep_definitions_to_field_names()
keep_what_frappe_keeps_read_only()
open_by_path_only_what_its_reader_may_open()
move_only_the_files_at_its_address()
embed_only_what_its_sender_may_open()
find_files_by_their_exact_address()
build_queued_mail_as_its_sender()
print_with_layout_options_only()
print_without_the_printers_session()
keep_tables_to_their_rows()
keep_imports_to_what_their_writer_reads()
keep_redaction_to_the_users_rows()
keep_comment_previews_as_text()
keep_passwords_to_their_users()
name_the_sites_own_address_in_links()
note_reset_keys_handed_out()
