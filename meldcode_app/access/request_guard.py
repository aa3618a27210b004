"""Need-to-know at the request boundary, deny by default (DOMAIN 7.5, H29).

Frappe's permission hooks hold only for the code that asks them, and Frappe has hundreds of
whitelisted methods, some of which read the database past them. So every request is read once,
after login and before Frappe dispatches it: when it names a protected DocType anywhere (see
``rules.request_names``), or a trace of a case record, or a report or chart built on one, only a
method on the allow-list in ``meldcode_app.access.permissions`` passes. Guests and Website Users never
reach a protected DocType. Everything else is refused with a clear message and logged.
"""

import inspect
import json
import logging
import re
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.auth import UNSAFE_HTTP_METHODS
from werkzeug.exceptions import Forbidden, HTTPException

from meldcode_app.access.accounts import LINK_MAIL_DOORS, is_a_parents_account, refuse_links_to_another_host
from meldcode_app.access.code_in_pages import judge_customization
from meldcode_app.access.files import plain_file_address
from meldcode_app.access.permissions import (
	ALLOWED_DOORS,
	PORTAL_DOORS,
	PORTAL_LANGUAGE,
	THROUGH_GET_LIST,
	has_trace_permission,
	is_a_parents_contact,
	may,
	of_the_app,
	readable_file,
	shipped,
)
from meldcode_app.access.scoped_methods import listed
from meldcode_app.rules.active_markup import a_path_of_this_site
from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.query_fragments import (
	CHART_FRAGMENTS,
	DOCUMENT_FRAGMENTS,
	METHOD_FRAGMENTS,
	NO_DOCTYPE,
	NOT_ITS_TABLE,
	STORED_FRAGMENTS,
	Reached,
	fragments_reached,
	stored_fragments_reached,
)
from meldcode_app.rules.registry import (
	ACCOUNT_DOCTYPES,
	CASE_TRACE_TARGETS,
	JOB_DOCTYPES,
	PROTECTED_DOCTYPES,
	RECORD_DOCTYPES,
	SHIPPED,
	TRACE_REFERENCES,
	WRITE_INTO_DOCTYPES,
)
from meldcode_app.rules.request_names import (
	doctypes_named,
	folded,
	may_be_a_name,
	names_a_secret_field,
	read_as_json,
	strings_in,
)
from meldcode_app.utils import translated

# Frappe's own refusal of a private file, left to Frappe's translation.
FRAPPE_FORBIDDEN_FILE = "You don't have permission to access this file"
# Arguments by which Frappe's list and record doors take the DocType they read.
DOCTYPE_ARGUMENTS = ("doctype", "parent_doctype", "parent")


def guard_request():
	"""Hook (``auth_hooks``): runs for every request once Frappe knows who sends it."""
	request = getattr(frappe.local, "request", None)
	if request is None or request.method == "OPTIONS":
		return
	door, arguments = door_of(request)
	door = named_method_door(door, arguments)
	if door != "file" and not door.startswith("page:") and not asked_by_the_sites_own_script(request, door):
		frappe.set_user("Guest")
	if door in POSTED_ONLY and request.method == "GET":
		refuse(door, set())
	if (
		request.method == "POST"
		and request.args
		and (request.headers.get("Sec-Fetch-Site") == "same-origin" or a_browser_that_tells_nothing(request))
	):
		# the desk posts its arguments; a stored method name "x?name=…" carried its own (round 180)
		refuse(door, set())
	if called_by_another_name(door):
		refuse(door, set())
	if frappe.session.user != "Administrator" and not names_records_as_text(door, arguments):
		refuse(door, set())
	if door in LINK_MAIL_DOORS:
		refuse_links_to_another_host()
	if backups_asked(door, arguments) and frappe.session.user != "Administrator":
		refuse(door, set())  # a backup holds every case, every file and every session
	if frappe.session.user != "Administrator" and (
		doctypes_named(arguments, JOB_DOCTYPES) or asks_for_a_secret_field(arguments)
	):
		refuse(door, set())  # a job's arguments (a comment's text); a filter on someone's keys
	if door.startswith("page:") and not page_arguments_as_text(request, arguments, door in DESK_PAGES):
		refuse(door, set())
	if door == SUBSCRIBE_TO_A_LIST and folded(str(arguments.get("doctype") or "")) in QUIET_LISTS:
		refuse(door, set())
	if door.startswith(PERMISSION_MANAGER) and frappe.session.user != "Administrator":
		# Frappe's role permissions page writes some rules past the records' hooks: the app's own
		# DocTypes keep the rules they came with (round 63)
		if any(of_the_app(arguments.get(key)) for key in ("doctype", "parent")):
			refuse(door, set())
	if door in AS_THE_SENDER_ONLY and folded(str(arguments.get("user") or frappe.session.user)) != folded(
		frappe.session.user
	):
		refuse(door, set())
	if (
		door in BENCH_ADMINISTRATOR_DOORS or ".setup_wizard." in door
	) and frappe.session.user != "Administrator":
		refuse(door, set())  # the setup wizard sets any user's password (round 181)
	if frappe.session.user != "Administrator" and names_anothers_prepared_result(arguments):
		refuse(door, set())
	if frappe.session.user != "Administrator" and door in DOCUMENT_METHOD_DOORS:
		posted = posted_record(arguments)
		if folded(str(posted.get("doctype") or "")) == "customize form":
			judge_customization(posted)  # it writes custom fields past their hooks (round 74)
	if frappe.session.user != "Administrator" and runs_a_method_of_a_shipped_record(door, arguments):
		# a controller's method writes with db_set, past the record's hooks: a System Manager
		# switched the app's reports off with toggle_disable (round 68)
		refuse(door, set())
	if door == PASSWORD_DOOR and frappe.session.user != "Administrator":
		# Frappe's door for a stored password of any record, for any System Manager: a connected
		# app's OAuth tokens of a director, the mail account's password (round 55)
		refuse(door, set())
	if door == "file":
		if not (plain_file_address(request.path) and readable_file(request.path)):
			log_refusal("file", {"File"})
			# Frappe's own answer to a file its reader may not open, word for word: a refusal of
			# our own told that the file was a case record's (round 46).
			raise Forbidden(_(FRAPPE_FORBIDDEN_FILE))
		return
	try:
		if door_of_the_app(door) and door not in PORTAL_DOORS and not is_system_user(frappe.session.user):
			refuse(door, set())
		if frappe.session.user != "Administrator" and (
			(door in RECORD_BY_NAME_DOORS and not readable_by_name(arguments))
			or (
				door not in ACCOUNT_LOOKUPS
				and not all(map(readable_account, accounts_asked(door, arguments)))
			)
			or not all(map(linkable_account, accounts_linked(door, arguments)))
		):
			refuse(door, set())
		if (
			frappe.session.user != "Administrator"
			and not lists(door)  # a list's filter on a name finds nothing it may not read
			and (trace := unreadable_trace_named(arguments))
		):
			refuse(door, {trace})
		if door in SEARCH_DOORS and frappe.session.user != "Administrator":
			# Frappe's search with ignore_user_permissions skips every permission hook for anyone
			# with a role's read: a teacher and a parent's account read a case's ToDos, a System
			# Manager its comments and versions (round 189). A search always applies them.
			frappe.local.form_dict.ignore_user_permissions = 0
		named = protected_names(arguments, door) | reached_by_fragments(door, arguments)
		if not named or frappe.session.user == "Administrator":
			return
		if not is_system_user(frappe.session.user):
			refuse(door, named)
		rule = ALLOWED_DOORS.get(door)
		if rule is None or not rule.allows(frappe._dict(arguments), named):
			refuse(door, named)
		if not all(may("read", doctype, name) for doctype, name in records_asked(arguments)):
			refuse(door, named)  # as for a record that does not exist: an answer tells no existence
		if door in PRINT_DOORS:
			# The app's formats carry the school's letter head themselves; Frappe would also render
			# the site's default letter head as Jinja with the case record in its context.
			frappe.local.form_dict.update(no_letterhead=1, letterhead=None)
	except frappe.ValidationError:
		raise
	except Exception:
		# Arguments in a shape the guard does not read are refused, never answered with a crash.
		refuse(door, set())


# Arguments by which a request reads, filters or orders by a field (a posted document's own keys
# are its fields, and a user saving their settings names them all).
QUERY_ARGUMENTS = (
	"filters",
	"or_filters",
	"fields",
	"fieldname",
	"order_by",
	"group_by",
	"sort_by",
	"searchfield",
	"pluck",
	"field",
	"columns",
	"group_by_field",
	# Frappe's sidebar statistics, list group-by counts and next-record door (round 49)
	"stats",
	"current_filters",
	"sort_field",
	# Data Import's template download (round 191)
	"export_fields",
	"export_filters",
)


def asks_for_a_secret_field(arguments: dict) -> bool:
	"""Whether a request reads, filters or orders by a field that holds a key to an account: a
	count filtered on another user's api_key read it one character a count."""
	asked = {name: arguments[name] for name in QUERY_ARGUMENTS if name in arguments}
	return any(names_a_secret_field(text) for _key, text in strings_in(asked))


def called_by_another_name(door: str) -> bool:
	"""Whether a method the guard or an override judges by its name is called by another: Frappe
	runs a whitelisted function by any name it can be imported under, and ERPNext's
	``search_help.search`` (Frappe's global search, imported there) ran without the app's
	override, which Frappe looks up by name (round 51)."""
	judged = methods_judged_by_name()
	if door in judged or "." not in door or ":" in door:
		return False
	try:
		function = frappe.get_attr(door)
	except Exception:
		return False  # Frappe answers it as a method that does not exist
	defined = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
	return defined != door and defined in judged


def methods_judged_by_name() -> frozenset[str]:
	if not hasattr(frappe.local, "meldcode_judged_methods"):
		frappe.local.meldcode_judged_methods = frozenset(
			(
				*frappe.get_hooks("override_whitelisted_methods"),
				*ALLOWED_DOORS,
				*PORTAL_DOORS,
				*LINK_MAIL_DOORS,
				*AUTO_EMAIL_REPORT_DOORS,
				*PRINT_DOORS,
				*CARD_DOORS,
				CHART_DOOR,
				*METHOD_FRAGMENTS,
				*DOCUMENT_FRAGMENTS,
				BACKUP_DOOR,
				SUBSCRIBE_TO_A_LIST,
				PASSWORD_DOOR,
				*AS_THE_SENDER_ONLY,
				*BENCH_ADMINISTRATOR_DOORS,
				*DOCUMENT_METHOD_DOORS,
			)
		)
	return frappe.local.meldcode_judged_methods


def names_anothers_prepared_result(arguments: dict) -> bool:
	"""A report's run or export reads the prepared result its filters name, by the name alone: an
	aandachtsfunctionaris' result of a ToDo report went to anyone who had its name (round 164)."""
	filters = arguments.get("filters")
	if isinstance(filters, str):
		try:
			filters = json.loads(filters)
		except ValueError:
			return False
	name = filters.get("prepared_report_name") if isinstance(filters, dict) else None
	return bool(name) and frappe.db.get_value("Prepared Report", str(name), "owner") != frappe.session.user


BACKUP_DOOR = "frappe.desk.page.backups.backups.schedule_files_backup"
# Doors that run a record's own whitelisted method (also `run_method` on a record's address).
DOCUMENT_METHOD_DOORS = frozenset(
	(
		"run_doc_method",
		"runserverobj",
		"frappe.handler.run_doc_method",
		"frappe.handler.runserverobj",
		"frappe.api.v1.execute_doc_method",
		"frappe.api.v2.execute_doc_method",
		"frappe.api.v2.run_doc_method",
	)
)
SHIPPED_DOCTYPES = {folded(doctype): doctype for doctype in SHIPPED}


def posted_record(arguments: dict) -> dict:
	"""The record a document-method door posts whole (``docs``, or v2's ``document``), or {}."""
	for key in ("docs", "document"):
		posted = arguments.get(key)
		if isinstance(posted, str):
			try:
				posted = json.loads(posted)
			except ValueError:
				posted = None
		if isinstance(posted, dict):
			return posted
	return {}


def runs_a_method_of_a_shipped_record(door: str, arguments: dict) -> bool:
	"""Whether a request runs a method of a record the app ships (its reports, workflow, print
	formats, ...): the bench's Administrator's, as changing them is."""
	if door not in DOCUMENT_METHOD_DOORS and "run_method" not in arguments:
		return False
	records = [(arguments.get(doctype), arguments.get(name)) for doctype, name in RECORD_ARGUMENTS]
	if posted := posted_record(arguments):
		records.append((posted.get("doctype"), posted.get("name")))
	return any(
		isinstance(doctype, str) and shipped(SHIPPED_DOCTYPES.get(folded(doctype), doctype), name or doctype)
		for doctype, name in records
	)


def backups_asked(door: str, arguments: dict) -> bool:
	"""The site's backups: their page, their files, a new backup of the files, and a backup sent
	off the site (a System Manager's S3 settings took the whole database to their server, round 56)."""
	return (
		door in ("page:backups", BACKUP_DOOR)
		or (door == "frappe.desk.desk_page.getpage" and arguments.get("name") == "backups")
		or door.startswith(("frappe.utils.backups", *OFF_SITE_BACKUPS))
	)


OFF_SITE_BACKUPS = tuple(
	f"frappe.integrations.doctype.{module}."
	for module in ("s3_backup_settings", "dropbox_settings", "google_drive")
)


# Where a page sends its reader after it (the login page: rules.active_markup.a_path_of_this_site).
REDIRECTS = ("redirect-to", "redirect_to")
# What a page's argument never holds: Frappe's signup page wrote its "key" into the page as it was,
# and cached that page for everyone (a guest's script then ran for the case team, round 153).
MARKUP = re.compile(r"[<>\"`]")


DESK_PAGES = frozenset(("page:app", "page:desk"))  # their arguments are the desk's, which it judges itself


def page_arguments_as_text(request, arguments: dict, desk: bool = False) -> bool:
	"""Whether a page's arguments are text and its redirect a path of this site (round 151), as
	the server reads them and as the page's script does (its own split of the query, keys not
	decoded: "redirect%2Dto=/app&redirect-to=javascript:…" showed the guard the first, round 153)."""
	raw = request.query_string.decode("latin-1") if request.query_string else ""
	pairs = [pair.split("=", 1) for pair in raw.split("&") if pair]
	values = [(unquote(key).lower(), unquote(value[0] if value else "")) for key, *value in pairs]
	values += [(str(key).lower(), str(value)) for key, value in arguments.items() if isinstance(value, str)]
	return (desk or not any(MARKUP.search(value) for _key, value in values)) and all(
		a_path_of_this_site(value) for key, value in values if key in REDIRECTS and value
	)


def is_system_user(user: str) -> bool:
	return user != "Guest" and frappe.get_cached_value("User", user, "user_type") == "System User"


# Frappe's doors that run a method their request names, by the argument that names it, past the
# name by which the rules below and the app's replacements are found: the tree view ran get_events
# for anyone, the mapper Frappe's own get_count (a case ToDo's text, letter by letter) for a
# parent's account (rounds 99, 100). The method named is judged as the request's door; one the app
# replaces is refused (these doors skip the replacement), and a tree runs its get_children only.
# An upload runs the method its request may name instead of saving the file: a System Manager's
# upload naming the System Console's process list, refused by its own name, read the case team's
# statements as they ran (round 104).
MAY_RUN_A_NAMED_METHOD = frozenset(
	f"{module}{name}" for module in ("", "frappe.handler.") for name in ("upload_file", "uploadfile")
)
RUNS_A_NAMED_METHOD = {
	"frappe.desk.treeview.get_all_nodes": "tree_method",
	"frappe.model.mapper.map_docs": "method",
	"frappe.model.mapper.make_mapped_doc": "method",
	**{door: "method" for door in MAY_RUN_A_NAMED_METHOD},
}


# Frappe's link searches: they run a named query and may skip permission hooks when asked to.
SEARCH_DOORS = frozenset(("frappe.desk.search.search_widget", "frappe.desk.search.search_link"))


def named_method_door(door: str, arguments: dict) -> str:
	query = arguments.get("query")
	if (
		door in SEARCH_DOORS
		and isinstance(query, str)
		and (query in frappe.get_hooks("override_whitelisted_methods") or not a_search_query(query))
	):
		refuse(door, set())  # the search runs its query as named, past the app's replacement
	argument = RUNS_A_NAMED_METHOD.get(door)
	if argument is None or (door in MAY_RUN_A_NAMED_METHOD and not arguments.get(argument)):
		return door
	method = arguments.get(argument)
	if (
		not isinstance(method, str)
		or method in frappe.get_hooks("override_whitelisted_methods")
		or (argument == "tree_method" and method.rsplit(".", 1)[-1] != "get_children")
	):
		refuse(door, set())
	return method


def a_search_query(query: str) -> bool:
	"""Whether the method a search names takes a search's arguments: Frappe hands it the DocType,
	the text typed, the search field, start, page length and filters by position, so any other
	whitelisted method ran with the text as its second argument (``frappe.client.get_list`` took it
	as the fields to read, past the guard's rule on fields, round 103)."""
	try:
		function = inspect.unwrap(frappe.get_attr(query))
		return list(inspect.signature(function).parameters)[:2] == ["doctype", "txt"]
	except Exception:
		return True  # Frappe answers it as a method that does not exist


# What a browser fetches for a tag (Sec-Fetch-Dest): a picture, style or script never asks for a method.
FETCHED_FOR_A_TAG = frozenset(
	{
		"image",
		"style",
		"script",
		"font",
		"audio",
		"video",
		"track",
		"object",
		"embed",
		"manifest",
		"worker",
		"sharedworker",
		"serviceworker",
		"audioworklet",
		"paintworklet",
		"report",
		"xslt",
	}
)
# Methods that act for the user at once (a mail sent now, a bulk change committed in the request or
# queued as a job): the desk posts them, and a GET never runs them.
POSTED_ONLY = frozenset(
	{
		"frappe.core.doctype.communication.email.make",
		"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
		"frappe.desk.reportview.delete_items",
		"frappe.model.workflow.apply_workflow",
		"frappe.model.workflow.bulk_workflow_approval",
	}
)
# Methods a page opens in a window or follows as a link (a GET navigation) with the session:
# downloads, the website's log out, and Frappe's OAuth consent, which a client's login sends to.
OPENED_IN_A_WINDOW = (
	"web_logout",
	"frappe.integrations.oauth2.authorize",
	"frappe.integrations.oauth2.approve",
)


def asked_by_the_sites_own_script(request, door: str) -> bool:
	"""Whether a method was asked for by this site's own script, or opened in a window as a
	download (the browser's Sec-Fetch-Site, -Dest and -Mode; a program says nothing); else it runs
	as a guest. Frappe runs a method asked with a GET and the visitor's session: a link of another
	site made a case-team member send a mail it chose (round 175), so did a picture on the site's
	own page naming "?cmd=" (round 177), and a link in a login note or a login page's
	"redirect-to" set her password through a bulk update that commits (round 178). A page opened
	from a link keeps the session."""
	headers = request.headers
	if headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
		return False
	if headers.get("Sec-Fetch-Dest") in FETCHED_FOR_A_TAG:
		return False
	followed = headers.get("Sec-Fetch-Mode") == "navigate" or (
		a_browser_that_tells_nothing(request) and not headers.get("X-Frappe-CSRF-Token")
	)
	if request.method in ("GET", "HEAD") and followed:
		return door.rsplit(".", 1)[-1].startswith("download") or door in OPENED_IN_A_WINDOW
	return True


def a_browser_that_tells_nothing(request) -> bool:
	"""A browser sends no Sec-Fetch headers to a site served over plain HTTP on a host name (no
	secure origin), nor does an older one: a link it follows, a picture or a frame then comes with
	the session, and only the desk's own script sends Frappe's CSRF token (round 191)."""
	headers = request.headers
	return headers.get("User-Agent", "").startswith("Mozilla/") and not any(
		key.lower().startswith("sec-fetch-") for key in headers.keys()
	)


def door_of_the_app(door: str) -> bool:
	"""A method of the app or a page of its portal: open to parents and guests only on PORTAL_DOORS."""
	return door.startswith(("meldcode_app.", "page:meldcode-ouders"))


def door_of(request) -> tuple[str, dict]:
	"""The method or route Frappe runs for a request, read as ``frappe.app.application`` reads it:
	a ``cmd`` argument (query string, form or JSON body) first, whatever the path; then ``/api/``
	with Frappe's own URL map; then private files; then a page. A request that names one method
	in its path and another in ``cmd`` is refused."""
	arguments = dict(frappe.local.form_dict or {})
	if request.content_type and not (request.is_json or request.form or request.files):
		# Frappe's record doors read a body of any other type themselves (get_request_form_data).
		arguments.setdefault("data", request.get_data(cache=True, as_text=True))
	if not request.files and (body := request.get_data(cache=True, as_text=True)):
		# And a form-encoded body too: judged as Frappe reads it, JSON decoded.
		try:
			arguments["body_as_read"] = json.loads(body)
		except ValueError:
			arguments["body_as_read"] = body
	command = arguments.get("cmd")
	if command is not None and not isinstance(command, str):
		refuse("cmd", set())
	path_method = None
	if request.path.startswith("/api/"):
		from frappe.api import API_URL_MAP

		try:
			endpoint, path_arguments = API_URL_MAP.bind_to_environ(request.environ).match()
		except HTTPException:
			endpoint, path_arguments = None, {}
		if endpoint is None:
			path_method = "api:unknown"
		elif endpoint.__name__ == "handle_rpc_call":
			# The path's method is the door itself, not an argument (an upload's own "method" is).
			path_method = path_arguments.pop("method").split("/")[0]
			if doctype := path_arguments.pop("doctype", None):
				path_method = doctype_method(doctype, path_method)
		else:
			name = "run_doc_method" if endpoint.__name__ == "<lambda>" else endpoint.__name__
			path_method = f"{endpoint.__module__}.{name}"
		if not command:
			for key, value in path_arguments.items():
				if key in arguments and arguments[key] != value:
					# the method may be handed the one sent: both are judged (round 101)
					arguments[f"{key} (sent)"] = arguments[key]
				arguments[key] = value
	if command:
		if path_method is not None and path_method != command:
			refuse(f"{path_method} / {command}", set())
		if path_method is None and request.path not in ("", "/") and request.method in ("GET", "HEAD"):
			# Frappe runs "cmd" on any path, a file's too: "/private/files/x.png?cmd=…" as a picture
			# (its login page posts "cmd" to /login)
			refuse(f"{request.path} / {command}", set())
		return command, arguments
	if path_method is not None:
		return path_method, arguments
	if request.path.startswith("/private/files/"):
		return "file", arguments
	return "page:" + request.path.strip("/").split("/")[0], arguments


def doctype_method(doctype: str, method: str) -> str:
	"""``/api/v2/method/<DocType>/<method>`` runs the method of the DocType's controller module, by
	that module's name as Frappe finds it: judged by the bare method's name, it read another
	user's private events and every running statement (round 101)."""
	from frappe.modules.utils import load_doctype_module

	try:
		return f"{load_doctype_module(doctype).__name__}.{method}"
	except Exception:
		refuse(f"{doctype}/{method}", set())


TRACE_NAMES = {folded(doctype): doctype for doctype in TRACE_REFERENCES}
# Frappe's realtime server asks this door before it lets a user follow a DocType's list, and
# then tells them the name of every record saved or deleted there and who did it: no one follows
# the lists of records about other records (a case's comment, ToDo, version, deletion or energy
# points, round 55), whatever the app's hooks keep from being told.
SUBSCRIBE_TO_A_LIST = "frappe.realtime.can_subscribe_doctype"
PASSWORD_DOOR = "frappe.client.get_password"
EVENTS_DOOR = "frappe.desk.doctype.event.event.get_events"
# Doors that answer for the user the request names (the sender when it names none): for the sender
# only. Frappe's calendar listed an aandachtsfunctionaris' private event about a case to anyone, a
# parent's account too (round 66); a report's run gave a director of another school the prepared
# result of an aandachtsfunctionaris' report (round 103).
AS_THE_SENDER_ONLY = frozenset(
	(
		EVENTS_DOOR,
		"frappe.desk.query_report.run",
		"frappe.core.doctype.user_permission.user_permission.get_user_permissions",
	)
)
# Methods only the bench's Administrator calls.
BENCH_ADMINISTRATOR_DOORS = frozenset(
	(
		# every connection's running statement in full: case text, a login's password, session ids
		# (round 67)
		"frappe.desk.doctype.system_console.system_console.show_processlist",
		# stores a custom field's new name with db_set, past every hook, also of the app's DocTypes;
		# the desk pastes it into data-fieldname="…": a System Manager's ran a script in the case
		# team's forms (round 76)
		"frappe.custom.doctype.custom_field.custom_field.rename_fieldname",
	)
)
# Arguments that carry a secret: never pasted into the trace tables' lookup, whose statement every
# running connection's list shows (round 67).
SECRET_ARGUMENTS = frozenset(
	("pwd", "password", "new_password", "old_password", "confirm_password", "api_secret")
)
PERMISSION_MANAGER = "frappe.core.page.permission_manager.permission_manager."
QUIET_LISTS = frozenset(
	folded(doctype) for doctype in (*TRACE_REFERENCES, "Energy Point Log", "Activity Log", "Error Log")
)


# Doors that read, change or delete one record by its name. Frappe looks the record up before it
# asks whether its reader may read it: "not found" or "not permitted" told anyone, a guest too,
# whether a parent's account or contact existed (round 88).
RECORD_BY_NAME_DOORS = frozenset(
	(
		*(
			f"frappe.api.{version}.{name}"
			for version in ("v1", "v2")
			for name in ("read_doc", "update_doc", "delete_doc", "execute_doc_method")
		),
		"frappe.client.get",
		"frappe.client.delete",
		"frappe.desk.form.load.getdoc",
	)
)


# Where Frappe takes the name of one record (also in a posted record), and the names of several:
# "items" is a list of names for Frappe's list deletion only (a posted Sales Order's items are rows).
RECORD_NAME_KEYS = ("name", "docname", "dn", "doc_name", "old_name", "new_name", "reference_name")
RECORD_NAMES_KEYS = ("docnames", "names")
DELETE_ITEMS = "frappe.desk.reportview.delete_items"


def names_records_as_text(door: str, arguments: dict) -> bool:
	"""Frappe finds a record by a name that is a dictionary or list as by filters, and tells whether
	one matched: a filter's LIKE on a signal's text, a comment's or a ToDo's read them a character
	at a time through get_docinfo, and named a parent's contact through get_link_title (round 200).
	A record is named by text (or a number)."""

	def a_name(value) -> bool:
		return value is None or isinstance(value, str | int | float)

	# the arguments, a posted record, and a body Frappe reads itself (round 208)
	records = [read_as_json(arguments.get(key)) for key in ("doc", "data", "body_as_read")]
	for record in (arguments, *(r for r in records if isinstance(r, dict))):
		if not all(a_name(read_as_json(record.get(key))) for key in RECORD_NAME_KEYS):
			return False
	for key in (*RECORD_NAMES_KEYS, *(("items",) if door == DELETE_ITEMS else ())):
		names = read_as_json(arguments.get(key))
		if isinstance(names, list) and not all(map(a_name, names)):
			return False
	return True


def readable_by_name(arguments: dict) -> bool:
	doctype, name = arguments.get("doctype"), arguments.get("name")
	if not isinstance(doctype, str) or not isinstance(name, str) or not frappe.db.exists("DocType", doctype):
		return True  # answered by Frappe alike for every reader
	if frappe.get_meta(doctype).istable:
		return True  # a row is judged by its parent, and named by a random key
	return frappe.has_permission(doctype, "read")


# Doors that answer for an account or contact its reader may not list as for one that is not there
# (access/scoped_methods.py).
ACCOUNT_LOOKUPS = frozenset(("frappe.client.validate_link",))


ACCOUNT_NAMES = {folded(name): name for name in ACCOUNT_DOCTYPES}


def accounts(pairs) -> list[tuple[str, str]]:
	"""The (DocType, name) pairs that name a user, a contact or an account's settings."""
	return [
		(ACCOUNT_NAMES[folded(doctype)], name)
		for doctype, name in pairs
		if isinstance(doctype, str) and isinstance(name, str) and name and folded(doctype) in ACCOUNT_NAMES
	]


def accounts_asked(door: str, arguments: dict) -> list[tuple[str, str]]:
	"""The users and contacts a request names as the record it is about: any door with such a
	name told by "not found" or "not permitted" whether a parent had an account (get_docinfo,
	likes, tags, prints, counts, a rename; round 89)."""
	pairs = [
		(arguments.get(doctype), arguments.get(name))
		for doctype, name in (*RECORD_ARGUMENTS, ("doc", "name"), ("doctype", "old_name"))
	]
	pairs.append(("Contact", arguments.get("contact")))  # Frappe's get_contact_details
	if door in NAMES_LISTED:
		doctype, names = NAMES_LISTED[door]
		listed_names = parsed(arguments.get(names), None)
		if isinstance(listed_names, list):
			pairs += [(arguments.get(doctype), one) for one in listed_names]
	return accounts(pairs)


# Doors that act on a list of records by name, with the arguments of their DocType and names.
NAMES_LISTED = {
	"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs": ("doctype", "docnames"),
	"frappe.desk.reportview.delete_items": ("doctype", "items"),
	"frappe.desk.doctype.tag.tag.add_tags": ("dt", "docs"),
	"frappe.model.workflow.bulk_workflow_approval": ("doctype", "docnames"),
}


def readable_account(asked: tuple[str, str]) -> bool:
	"""Whether the reader may read the account or contact: one that is not there is refused alike."""
	doctype, name = asked
	return bool(frappe.db.exists(doctype, name)) and frappe.has_permission(doctype, "read", doc=name)


# Arguments by which Frappe's doors name users or contacts to act on (share with, assign to, a
# vCard of): their check ("Could not find User") told a made-up address from a parent's (round 90).
ACCOUNTS_ACTED_ON = {
	"frappe.share.add": ("User", "user"),
	"frappe.share.set_permission": ("User", "user"),
	"frappe.desk.form.assign_to.add": ("User", "assign_to"),
	"frappe.desk.form.assign_to.add_multiple": ("User", "assign_to"),
	"frappe.contacts.doctype.contact.contact.download_vcards": ("Contact", "contacts"),
}
# Doors that post a record's fields at the top of the request, its DocType in the path.
RESOURCE_WRITES = frozenset(
	f"frappe.api.{version}.{name}" for version in ("v1", "v2") for name in ("create_doc", "update_doc")
)


def accounts_linked(door: str, arguments: dict) -> list[tuple[str, str]]:
	"""The users and contacts a request links a record to or acts on: Frappe checks a link before
	anything else and answered "Could not find" only for an address without an account (a ToDo's
	allocated_to, a note's seen_by, a customer's primary contact, a share, an assignment)."""
	pairs = []
	if door in ACCOUNTS_ACTED_ON:
		doctype, key = ACCOUNTS_ACTED_ON[door]
		value = parsed(arguments.get(key), None)
		pairs += [(doctype, name) for name in (value if isinstance(value, list) else [arguments.get(key)])]
	posted = [arguments.get(key) for key in ("doc", "docs", "document")]
	doctype, name = arguments.get("doctype"), arguments.get("name")
	if door in RESOURCE_WRITES:
		posted.append(arguments)
	fieldname, value = arguments.get("fieldname"), arguments.get("value")  # frappe.client.set_value
	fields = (
		parsed(fieldname, None) if isinstance(fieldname, str) and fieldname.startswith("{") else fieldname
	)
	if isinstance(fields, dict):
		posted.append({**fields, "doctype": doctype, "name": name})
	elif isinstance(fieldname, str):
		posted.append({"doctype": doctype, "name": name, fieldname: value})
	data, names = parsed(arguments.get("data"), None), parsed(arguments.get("docnames"), None)
	if isinstance(data, dict) and isinstance(names, list):  # Frappe's bulk edit
		posted += [{**data, "doctype": doctype, "name": one} for one in names]
	inserts = door in INSERT_DOORS
	for doc in posted:
		doc = parsed(doc, doc)
		for one in doc if isinstance(doc, list) else [doc]:
			if isinstance(one, dict):
				pairs += (
					links_of(one, one.get("doctype")) if inserts or one.get("__islocal") else new_links(one)
				)
	return [pair for pair in accounts(pairs) if pair[1] not in ("Administrator", "Guest")]


# Doors that make a new record of what they are posted, whatever name it bears: a stored record of
# that name (a user's Notification Settings) held the link, and "not found" for an address without
# an account told the one with an account apart.
INSERT_DOORS = frozenset(
	(
		"frappe.client.insert",
		"frappe.client.insert_many",
		*(f"frappe.api.{version}.create_doc" for version in ("v1", "v2")),
	)
)


def new_links(posted: dict) -> list[tuple]:
	"""The links a posted change of a stored record makes that the record does not hold: a form
	posts the whole record, also a ToDo from a colleague whose account has since become a website
	user; and a Dynamic Link posted without its DocType is checked against the stored one (round 91)."""
	doctype, name = posted.get("doctype"), posted.get("name")
	if not (isinstance(doctype, str) and isinstance(name, str) and frappe.db.exists("DocType", doctype)):
		return links_of(posted, doctype)
	posted_links = links_of(posted, doctype)
	untyped = any(
		df.fieldtype == "Dynamic Link" and posted.get(df.fieldname) and not posted.get(df.options)
		for df in frappe.get_meta(doctype).fields
	)
	if not (accounts(posted_links) or untyped):
		return posted_links  # links to no account: no stored record to load on every save
	if frappe.get_meta(doctype).istable or not frappe.db.exists(doctype, name):
		return posted_links
	stored = frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)
	kept = set(links_of(stored, doctype))
	return [pair for pair in links_of({**stored, **posted}, doctype) if pair not in kept]


def parsed(value, otherwise):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return otherwise
	return value


def links_of(doc: dict, doctype) -> list[tuple]:
	"""(DocType, value) of each Link and Dynamic Link of a posted record and its rows."""
	if (
		not isinstance(doctype, str)
		or doctype in PROTECTED_DOCTYPES
		or not frappe.db.exists("DocType", doctype)
	):
		return []  # a case record's links are judged by its own rules
	pairs = []
	for df in frappe.get_meta(doctype).fields:
		value = doc.get(df.fieldname)
		if df.fieldtype == "Link":
			pairs.append((df.options, value))
		elif df.fieldtype == "Dynamic Link":
			pairs.append((doc.get(df.options), value))
		elif df.fieldtype in ("Table", "Table MultiSelect") and isinstance(value, list):
			for row in value:
				if isinstance(row, dict):
					pairs += links_of(row, df.options)
	return pairs


def linkable_account(linked: tuple[str, str]) -> bool:
	"""Whether a record may link to the account or contact: one that is there and is not kept from
	the writer (a parent's account or contact, another's settings); one that is not there is
	refused alike. An ordinary contact a Stock User does not list stays linkable (round 91)."""
	doctype, name = linked
	if not frappe.db.exists(doctype, name):
		return False
	return name in listed(doctype, [name]) or not kept_from_others(doctype, name)


def kept_from_others(doctype: str, name: str) -> bool:
	"""The records only some may list for a parent's sake (permissions.user_query_conditions,
	contact_query_conditions), and an account's settings."""
	if doctype == "Contact":
		links = frappe.db.exists("Dynamic Link", {"parenttype": "Contact", "parent": name})
		return is_a_parents_contact(frappe.db.get_value("Contact", name, "user"), links)
	if doctype == "User":
		return is_a_parents_account(name)
	return True


def end_a_failed_read(response=None, request=None):
	"""Hook (after_request): a request that only reads and ends in an error keeps its transaction
	open (Frappe rolls back a writing one, and ends a read that succeeded), and with it the tables
	it read, every trace table among them since the guard looks names up there: a later change of
	one (a new field on ToDo) waited on it for good. Nothing of such a request is kept."""
	if frappe.db and request is not None and request.method not in UNSAFE_HTTP_METHODS:
		frappe.db.rollback()


def lists(door: str) -> bool:
	"""Whether a door reads through ``frappe.get_list``, which leaves out what its reader may not read."""
	return door in ALLOWED_DOORS and ALLOWED_DOORS[door].why == THROUGH_GET_LIST


def unreadable_trace_named(arguments: dict) -> str | None:
	"""The DocType of a trace of a case record (a comment, file, e-mail, ToDo, version, ...) that a
	request names anywhere in its arguments and its sender may not read. Frappe's methods take such
	a record by its name alone too, the DocType implied: ``frappe.email.relink`` moved a case's
	e-mail onto an Issue of the sender's own, ``unzip_file`` answered with a case file's name, to a
	parent's account too (round 60); ``toggle_like`` liked a case's comment (round 61)."""
	shown = without_secrets(arguments)
	body = arguments.get("body_as_read")
	# a form's body as read is the form's arguments again, secrets among them: judged as parsed
	shown["body_as_read"] = without_secrets(body) if isinstance(body, dict) else None
	names = sorted({text for _key, text in strings_in(shown) if may_be_a_name(text)})
	for chunk in (names[start : start + 1000] for start in range(0, len(names), 1000)):
		for doctype, name in traces_named(chunk):
			if has_trace_permission(frappe.get_doc(doctype, name), "read") is False:
				return doctype
	return None


def without_secrets(arguments: dict) -> dict:
	return {key: value for key, value in arguments.items() if key not in SECRET_ARGUMENTS}


def traces_named(names: list[str]) -> list[tuple[str, str]]:
	"""(DocType, name) of the traces, of a case record or of anything else a trace can be about,
	that bear one of ``names``: one query over every trace table."""
	selects = [
		f"select {frappe.db.escape(doctype)}, `name` from `tab{doctype}`"
		f" where `name` in %(names)s and `{field}` in %(targets)s"
		for doctype, (field, _name) in TRACE_REFERENCES.items()
	]
	return frappe.db.sql(" union all ".join(selects), {"names": names, "targets": CASE_TRACE_TARGETS})


def protected_names(arguments: dict, door: str = "") -> set[str]:
	"""The protected DocTypes a request reaches: those it names, the case record behind a trace
	(a comment, file, version, ...) it asks for by name, and the DocType of a report or chart."""
	named = doctypes_named(arguments, PROTECTED_DOCTYPES)
	posted = arguments.get("doc")
	try:
		posted = json.loads(posted) if isinstance(posted, str) else posted
	except ValueError:
		posted = None
	asked = [(arguments.get("doctype"), arguments.get("name") or arguments.get("docname"))]
	if isinstance(posted, dict):
		# a trace posted by name: Energy Points' review of a case's term ToDo told its text (round 54)
		asked.append((posted.get("doctype"), posted.get("name")))
	for doctype, name in asked:
		# compared as the database compares names: Frappe's link check wrote "todo" back as ToDo
		trace = TRACE_NAMES.get(folded(doctype)) if isinstance(doctype, str) else None
		if trace and isinstance(name, str) and name:
			named.add(frappe.db.get_value(trace, name, TRACE_REFERENCES[trace][0]))
	for key, source, field in (
		("report_name", "Report", "ref_doctype"),
		("chart_name", "Dashboard Chart", "document_type"),
		("board_name", "Kanban Board", "reference_doctype"),
		("notification", "Notification", "document_type"),  # its documents of today, as stored
	):
		if isinstance(arguments.get(key), str) and arguments[key]:
			named.add(frappe.get_cached_value(source, arguments[key], field))
	if door in AUTO_EMAIL_REPORT_DOORS and isinstance(arguments.get("name"), str):
		report = frappe.db.get_value("Auto Email Report", arguments["name"], "report")
		named.add(frappe.db.get_value("Report", report, "ref_doctype") if report else None)
	stored = stored_query(door, arguments)
	if stored:
		named.add(stored[0])
	canonical = {folded(name): name for name in PROTECTED_DOCTYPES}
	return {canonical[folded(name)] for name in named if isinstance(name, str) and folded(name) in canonical}


AUTO_EMAIL_REPORT_DOORS = (
	"frappe.email.doctype.auto_email_report.auto_email_report.download",
	"frappe.email.doctype.auto_email_report.auto_email_report.send_now",
)


PRINT_DOORS = (
	"page:printview",
	"frappe.www.printview.get_html_and_style",
	"frappe.utils.print_format.download_pdf",
)
# (DocType argument, name argument) by which Frappe's doors ask for one record.
RECORD_ARGUMENTS = (
	("doctype", "name"),
	("doctype", "docname"),
	("doctype", "doc_name"),
	("dt", "dn"),
	("reference_doctype", "reference_name"),
)


def records_asked(arguments: dict) -> list[tuple[str, str]]:
	"""The case records a request asks for by name, also as the record a posted ToDo, comment,
	file, ... points at."""
	canonical = {folded(name): name for name in RECORD_DOCTYPES}
	asked = []
	posted = arguments.get("doc")
	if isinstance(posted, str):
		try:
			posted = json.loads(posted)
		except ValueError:
			posted = None
	if isinstance(posted, dict) and posted.get("doctype") in WRITE_INTO_DOCTYPES:
		doctype_field, name_field = WRITE_INTO_DOCTYPES[posted["doctype"]]
		doctype, name = posted.get(doctype_field), posted.get(name_field)
		if isinstance(doctype, str) and isinstance(name, str) and name and folded(doctype) in canonical:
			asked.append((canonical[folded(doctype)], name))
	for doctype_key, name_key in RECORD_ARGUMENTS:
		doctype, name = arguments.get(doctype_key), arguments.get(name_key)
		if isinstance(doctype, str) and isinstance(name, str) and name and folded(doctype) in canonical:
			asked.append((canonical[folded(doctype)], name))
	return asked


def reached_by_fragments(door: str, arguments: dict) -> set[str]:
	"""Query fragments (fields, filters, order and group by) hold field names only, for every
	user and DocType; a table they name must be the DocType read or one of its child tables.
	Returns the protected DocTypes they reach through a link or table field."""
	try:
		reached = fragments_reached(door, arguments)
		stored = with_stored_query(door, arguments)
		if stored is not arguments:  # the posted and the stored fragments alike
			arguments = stored
			more = fragments_reached(door, arguments)
			reached.tables |= more.tables
			reached.qualifiers |= more.qualifiers
		doctype = next(
			(arguments[key] for key in DOCTYPE_ARGUMENTS if isinstance(arguments.get(key), str)), None
		)
		emailed = emailed_report_reached(arguments) if door in AUTO_EMAIL_REPORT_DOORS else set()
		if isinstance(arguments.get("report_name"), str):
			stored_report(arguments["report_name"])  # run as stored, whatever the request holds
		return protected_reached(reached, doctype) | emailed
	except RuleViolation as violation:
		refuse_fragment(door, translated(violation))


def emailed_report_reached(arguments: dict) -> set[str]:
	"""An e-mailed report runs its report's stored query with its own filters: judged as when they
	were saved (one saved before that rule, round 51)."""
	name = arguments.get("name")
	emailed = isinstance(name, str) and frappe.db.get_value(
		"Auto Email Report", name, ["report", *STORED_FRAGMENTS["Auto Email Report"]], as_dict=True
	)
	if not emailed:
		return set()
	reached, doctype = stored_report(emailed.report)
	filtered = stored_fragments_reached("Auto Email Report", emailed)
	reached.tables |= filtered.tables
	reached.qualifiers |= filtered.qualifiers
	return protected_reached(reached, doctype)


def stored_report(name: str) -> tuple[Reached, str | None]:
	"""What a saved report's stored query reaches, and the DocType it reads; raises RuleViolation
	for one that keeps more than field names (saved before that rule)."""
	report = frappe.db.get_value("Report", name, ["json", "report_type", "ref_doctype"], as_dict=True) or {}
	return stored_fragments_reached("Report", report), report.get("ref_doctype")


def protected_reached(reached: Reached, doctype: str | None) -> set[str]:
	"""The protected DocTypes that query fragments read from ``doctype`` reach through a link or
	table field; raises RuleViolation for a table that is not ``doctype``'s or one of its tables."""
	if not (reached.tables or reached.qualifiers):
		return set()
	meta = frappe.get_meta(doctype) if doctype and frappe.db.exists("DocType", doctype) else None
	if meta is None:
		raise RuleViolation(NO_DOCTYPE)
	family = {folded(meta.name)} | {folded(df.options) for df in meta.get_table_fields()}
	for table in reached.tables:
		if folded(table) not in family:
			raise RuleViolation(NOT_ITS_TABLE, table, meta.name)
	through = set()
	for qualifier in reached.qualifiers:
		field = meta.get_field(qualifier)
		if field and field.fieldtype in ("Link", "Table", "Table MultiSelect"):
			through.add(field.options)
	return {name for name in through if folded(name) in {folded(p) for p in PROTECTED_DOCTYPES}}


CHART_DOOR = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
CARD_DOORS = (
	"frappe.desk.doctype.number_card.number_card.get_result",
	"frappe.desk.doctype.number_card.number_card.get_percentage_difference",
)


def stored_query(door: str, arguments: dict) -> tuple[str, dict] | None:
	"""(DocType, stored fragments) of a chart or number card a request names, which Frappe runs
	as stored (a number card's percentage loads the stored card, whatever was posted)."""
	if door == CHART_DOOR:  # Frappe runs the stored chart whenever one is named, whatever is posted
		source, name = "Dashboard Chart", arguments.get("chart_name")
	elif door in CARD_DOORS:
		posted = arguments.get("doc")
		try:
			posted = json.loads(posted) if isinstance(posted, str) else posted
		except ValueError:
			return None
		source, name = "Number Card", posted.get("name") if isinstance(posted, dict) else None
	else:
		return None
	if not isinstance(name, str) or not name:
		return None
	meta = frappe.get_meta(source)
	fields = [field for field in CHART_FRAGMENTS if meta.has_field(field)]
	stored = frappe.db.get_value(source, name, ["document_type", *fields], as_dict=True)
	return (stored.pop("document_type"), stored) if stored else None


def with_stored_query(door: str, arguments: dict) -> dict:
	"""A chart or number card asked for by name is judged by what is stored in it as if it were
	posted: its query fragments are field names only, however they were written into it."""
	stored = stored_query(door, arguments)
	if stored is None:
		return arguments
	doctype, fragments = stored
	key = "chart" if door == CHART_DOOR else "doc"
	return {**arguments, "doctype": doctype, key: json.dumps(fragments)}


def refuse_fragment(door: str, reason: str):
	log = frappe.logger("meldcode_app.guard")
	log.setLevel(logging.WARNING)
	log.warning({"refused": door, "user": frappe.session.user, "fragment": reason})
	frappe.throw(reason, frappe.PermissionError, title=_("Not permitted"))


def log_refusal(door: str, named: set[str]):
	log = frappe.logger("meldcode_app.guard")
	log.setLevel(logging.WARNING)  # Frappe's loggers default to errors only
	log.warning({"refused": door, "user": frappe.session.user, "doctypes": sorted(named)})


def refuse(door: str, named: set[str]):
	log_refusal(door, named)
	if not is_system_user(frappe.session.user):
		frappe.local.lang = PORTAL_LANGUAGE
	frappe.throw(
		_("Meldcode records are not available this way ({0}).").format(door),
		frappe.PermissionError,
		title=_("Not permitted"),
	)
