"""What the site puts into other users' pages as code or markup is the bench's Administrator's.

A client script, a custom HTML block, a translation, a print format or letter head, a web page, the
website's script or theme, a field's "depends on" expression: Frappe serves them unsanitised into
the desk or the website of everyone who opens them, the case team included, where they run with
that person's session and read (or change) whatever that person may. So do a navbar item's action
(rendered as onclick), a chart's or card's dynamic filters and a public workspace's shortcut and
list filters (evaluated), a field's link filters ("eval:"), and a field Frappe does not clean
because its definition says ignore_xss_filter. A System Manager who wrote
one read every case of the aandachtsfunctionaris who opened the desk, or the director's password
on the login page. So only the bench's Administrator sets them up: every field Frappe does not
sanitise that holds code, markup or a template, in any DocType."""

import html
import json
import mimetypes
import re
from urllib.parse import urlsplit

import frappe
from frappe import _
from frappe.core.doctype.file.utils import extract_images_from_doc
from frappe.utils import escape_html, strip_html
from frappe.utils.html_utils import is_json, sanitize_html

from meldcode_app.access.grants import bench_administrator_acts
from meldcode_app.access.permissions import case_behind
from meldcode_app.rules.active_markup import (
	HANDLER_NAME,
	IN_PLACE_PROPERTIES,
	SCRIPT_IN_TEXT,
	SITE_PICTURE,
	TAGS,
	UNSEEN,
	as_the_desk_shows,
	calls_the_site,
	in_place,
	texts_in,
)
from meldcode_app.rules.addresses import addresses_only
from meldcode_app.rules.desk import MODULE
from meldcode_app.rules.registry import APP_WORKSPACES, PROTECTED_DOCTYPES, TEXT_TRACES, WRITE_INTO_DOCTYPES
from meldcode_app.rules.request_names import folded
from meldcode_app.rules.shown_as_stored import is_a_barcode, is_a_signature
from meldcode_app.rules.sql_input import ends_a_name_when_pasted, runs_when_pasted
from meldcode_app.safe_api import safe_method

# Code fields by their language: what runs or renders in a browser. (Server-side code and
# templates that render into mails and notifications are held by access/sandboxed_code.py.)
LANGUAGES = frozenset(("JS", "Javascript", "HTML", "CSS", "SCSS"))
EDITORS = ("HTML Editor", "Text Editor", "Markdown Editor")
# Code fields rendered or evaluated in pages, whatever language Frappe declares for them.
IN_PAGES = {
	"Translation": ("source_text", "translated_text"),
	"DocType Layout": ("client_script",),
	"Address Template": ("template",),
	# the print view shows it in the desk; the builder's HTML fields are templates too (round 70)
	"Print Format": ("html", "format_data"),
	"Web Template": ("template",),
	"Navbar Item": ("action",),  # rendered as onclick="return {{ item.action }}" (navbar.html)
	"Dashboard Chart": ("dynamic_filters_json",),  # each value eval()ed (dashboard_utils.js)
	# a custom card's method is called by the desk of whoever sees the card, with their session;
	# "method?doctype=User&…" set a case-team member's password (round 180)
	"Number Card": ("dynamic_filters_json", "method"),
	"Workspace Shortcut": ("stats_filter",),  # new Function("return " + filter) (utils.js)
	"Workspace Quick List": ("quick_list_filter",),
	"DocField": ("link_filters",),  # "eval:" values run in every form (controls/link.js)
	"Custom Field": ("link_filters",),
	# Put into a script block as it is: ga('create', '{{ google_analytics_id }}') on every web page
	# and the login page, where a quote in it read the passwords typed there (website_script.js).
	"Website Settings": ("google_analytics_id",),
	# Declared without a language, yet put into the page as it is: a print style's CSS into
	# <style> (printview.html), a query report's script run by the desk (query_report.js).
	"Print Style": ("css",),
	# Where the site sends its users: a redirect of /app or /login to a page of one's own read the
	# cases and a director's password as they logged in (round 34).
	"Website Route Redirect": ("source", "target"),
	"Role": ("home_page",),
	# a non-standard query report's rows are shown as the desk formats them, markup and all, and a
	# script report's script makes them (round 182)
	"Report": ("javascript", "query", "report_script"),
	# a form's button: the desk calls the stored method with the viewer's session, and arguments
	# written after "?" with it (round 182)
	"DocType Action": ("action",),
}
# A field's definition: where it says whether Frappe cleans the field, and what kind it is.
DEFINITIONS = {"DocField": "parent", "Custom Field": "dt"}
# What a Property Setter changes of a field that can make the field code in pages.
SHAPING = ("fieldtype", "options", "is_virtual")
# Values that say nothing (a new chart's empty dynamic filters).
EMPTY = ("", "[]", "{}", "null")
# Sanitised by Frappe where it is written (a comment is everyone's to add).
SANITISED_ELSEWHERE = {("Comment", "content")}


def runs_in_pages(doctype: str, df) -> bool:
	if (doctype, df.fieldname) in SANITISED_ELSEWHERE:
		return False
	if df.fieldname in IN_PAGES.get(doctype, ()):
		return True
	if df.fieldtype == "Code":
		return df.options in LANGUAGES or df.fieldname.endswith("depends_on")  # "eval:" runs in every form
	return df.fieldtype in EDITORS and df.fieldname in unfiltered_fields(doctype)


def unfiltered_fields(doctype: str) -> frozenset[str]:
	"""The fields of ``doctype`` that Frappe does not clean of markup, as the DocType's own
	definition has them: not as a Property Setter makes them, and never a custom field (whoever
	set those, a field of theirs that renders as markup in the case team's desk is not code)."""
	if not hasattr(frappe.local, "meldcode_unfiltered_fields"):
		frappe.local.meldcode_unfiltered_fields = {}
	cache = frappe.local.meldcode_unfiltered_fields
	if doctype not in cache:
		cache[doctype] = frozenset(
			frappe.get_all(
				"DocField",
				filters={"parent": doctype, "parenttype": "DocType", "ignore_xss_filter": 1},
				pluck="fieldname",
			)
		)
	return cache[doctype]


def fields_in_pages(row) -> list[str]:
	"""The fields of ``row`` whose value runs or renders in other users' pages."""
	if row.doctype == "Property Setter":  # set through Customize Form
		return property_in_pages(row)
	if row.doctype == "Workspace":  # a public workspace's blocks are shown as HTML to everyone
		return ["content"] if row.get("public") else []
	if row.get("parenttype") == "Workspace" and not workspace_is_public(row):
		return []  # a private workspace is its own user's (refuse_workspaces_for_others)
	if not hasattr(frappe.local, "meldcode_fields_in_pages"):
		frappe.local.meldcode_fields_in_pages = {}
	cache = frappe.local.meldcode_fields_in_pages
	if row.doctype not in cache:
		cache[row.doctype] = [
			df.fieldname for df in frappe.get_meta(row.doctype).fields if runs_in_pages(row.doctype, df)
		]
	if row.doctype in DEFINITIONS:  # a field's own definition (of a DocType, or a custom field)
		defines = row.get(DEFINITIONS[row.doctype])
		shaping = (
			list(SHAPING)
			if defines
			and (
				runs_in_pages(defines, row) or row.get("fieldtype") in SHOWN_AS_STORED or runs_as_python(row)
			)
			else []
		)
		return [*cache[row.doctype], "ignore_xss_filter", *shaping]
	return cache[row.doctype]


# Field types whose values the desk or the print shows as stored (a code field, a barcode's
# markup, a signature's address inside src="…"): a field of such a type is the bench
# Administrator's to define (rounds 72, 75).
SHOWN_AS_STORED = ("Code", "Barcode", "Signature")


def workspace_is_public(row) -> bool:
	"""Whether a workspace's row is shown to everyone: by its parent as saved with it, or as stored
	when the row is saved alone (a shortcut of a public workspace, round 74)."""
	parent = getattr(row, "parent_doc", None)
	if parent is not None:
		return bool(parent.get("public"))
	return bool(frappe.db.get_value("Workspace", row.get("parent"), "public"))


def judge_customization(posted: dict) -> None:
	"""Customize Form writes a custom field it changes with ``db_update``, past every hook: a
	System Manager set an Event field's "depends on" to a script, and an HTML field's options to
	markup and a template, the second time they saved (round 74). Each such change is judged here
	as a save of that custom field would be."""
	from frappe.custom.doctype.customize_form.customize_form import docfield_properties

	doctype = posted.get("doc_type")
	if bench_administrator_acts() or not isinstance(doctype, str):
		return
	refuse_translating_the_name(doctype, posted.get("label"))
	for df in posted.get("fields") or ():
		if not isinstance(df, dict) or not df.get("is_custom_field"):
			continue  # new or not, as Frappe finds it: "__islocal" said nothing to it (round 75)
		name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": df.get("fieldname")})
		if not name:
			continue
		stored = frappe.get_doc("Custom Field", name)
		changed = frappe.get_doc(stored.as_dict())
		changed.update({prop: df.get(prop) for prop in docfield_properties if prop in df})
		changed._doc_before_save = stored
		refuse_code_for_others(changed)
		refuse_templates_for_others(changed)
		# a field made to link to a trace, or fetch from one (round 102)
		from meldcode_app.access.automations import refuse_case_targets

		refuse_case_targets(changed)
		as_posted = changed.as_dict()
		clean_markup(changed)
		if changed.as_dict() != as_posted:
			frappe.throw(
				_("Field {0} holds markup; Customize Form would store it uncleaned.").format(
					df.get("fieldname")
				),
				frappe.PermissionError,
				title=_("Not allowed"),
			)


def refuse_translating_the_name(doctype: str, label) -> None:
	"""Customize Form's label is the DocType's name in the user's language; Frappe writes an
	existing Translation of it with db.set_value, past the Translation's own check (round 75)."""
	language = frappe.local.lang or "en"
	current = frappe.db.get_value(
		"Translation", {"source_text": doctype, "language": language}, "translated_text"
	)
	if current is not None and label and label != current:
		frappe.throw(
			_("Only the bench's Administrator changes the translation of a DocType's name."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def property_in_pages(setter) -> list[str]:
	"""A Property Setter's value is code in pages when it is a field's "depends on" or link
	filters, says that Frappe need not clean the field, or makes the field code (Code in JS or
	HTML, say); then what it applies to is, too (a harmless setter changed into such a one)."""
	prop = setter.get("property") or ""
	if not (
		prop.endswith("depends_on")
		or prop in ("ignore_xss_filter", "link_filters")
		or (prop in SHAPING and becomes_code(setter))
		or (setter.get("doctype_or_field") == "DocType Action" and prop == "action")
	):
		return []
	return ["value", "property", "doc_type", "field_name", "doctype_or_field"]


def runs_as_python(df) -> bool:
	"""A virtual field's options are a Python expression Frappe evaluates, with the record, each
	time the record is read as a whole: a System Manager's virtual field on User sent out the new
	password a colleague typed, from the first look at the save (round 96)."""
	return bool(df.get("is_virtual") and (df.get("options") or "").strip())


# ERPNext's supplier scorecard calls the function a variable's dotted path names, with its record:
# the DocTypes with such a path, and the table of a record that holds them.
PYTHON_PATHS = {"Supplier Scorecard Variable": None, "Supplier Scorecard Period": "variables"}


def refuse_python_paths(doc, method=None) -> None:
	"""Hook (before_validate): a System Manager's scorecard period named the app's school check as
	a variable, which ERPNext called with the period, whose made-up "dossier" filters the check's
	two answers then told a dossier's text by, letter by letter (round 105). A path to a function
	is the bench's Administrator's; ERPNext's own variables are named without a dot."""
	if bench_administrator_acts():
		return
	table = PYTHON_PATHS.get(doc.doctype)
	if any("." in str(row.get("path") or "") for row in (doc.get(table) or [] if table else [doc])):
		frappe.throw(
			_("A variable that calls a function by its path is set up by the administrator."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def becomes_code(setter, df=None) -> bool:
	"""Also a field Frappe cleans made one it stores as typed (Code, say): a System Manager's letter
	head content and a note shown at login ran their markup in the case team's desk (round 72).
	``df``: the field before the setter, by default as the site has it now."""
	if setter.get("doctype_or_field") != "DocField" or not setter.get("doc_type"):
		return False
	df = df or frappe.get_meta(setter.doc_type).get_field(setter.get("field_name"))
	if df is None:
		return False
	changed = frappe._dict(df.as_dict())
	changed[setter.property] = setter.get("value")
	uncleaned = changed.fieldtype in (*NOT_CLEANED, *SHOWN_AS_STORED) and df.fieldtype not in NOT_CLEANED
	made_html = changed.fieldtype == "HTML" and df.fieldtype != "HTML"  # its options a template (round 73)
	made_python = runs_as_python(changed) and (changed.options, 1) != (df.options, df.is_virtual)
	return uncleaned or made_html or made_python or runs_in_pages(setter.doc_type, changed)


def as_set(value):
	"""A value as it counts for a change: an empty list or object is no value."""
	if isinstance(value, str) and value.strip() in EMPTY:
		return ""
	return value or ""


def refuse_code_for_others(doc, method=None):
	"""Hook (before_validate of every DocType): such a field is set or changed only by the bench's
	Administrator (install, migrate, the command line, or logged in as Administrator)."""
	if bench_administrator_acts() or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	stored = doc.get_doc_before_save()
	if doc.doctype == "Workspace" and stored and doc.get("public") and not stored.get("public"):
		stored = None  # made public: its rows are shown to everyone now, as if new (round 73)
	stored_rows = {row.name: row for row in stored.get_all_children()} if stored else {}
	for row in (doc, *doc.get_all_children()):
		before = stored if row is doc else stored_rows.get(row.name)
		for fieldname in fields_in_pages(row):
			if as_set(row.get(fieldname)) != as_set(before.get(fieldname) if before else None):
				frappe.throw(
					_(
						"Only the bench's Administrator sets {0} of a {1}: it runs in other users' pages, where it could read what they may read."
					).format(_(row.meta.get_label(fieldname)), _(row.doctype)),
					frappe.PermissionError,
					title=_("Not allowed"),
				)


# Fields Frappe cleans when they are saved and renders as Jinja when they are shown: a template
# there builds markup past the cleaning. A System Manager's default letter head built an event
# handler in a director's print preview (round 71), an HTML field's options (a custom field) in the
# print of her own user, a Newsletter Manager's newsletter shared with her in its web view (round
# 72). Plain markup, cleaned, stays anyone's to set; a template is the bench's Administrator's.
RENDERED_AS_TEMPLATES = {
	"Letter Head": ("content", "footer"),
	"Newsletter": ("message", "message_md", "message_html"),
	"Email Template": ("subject", "response", "response_html"),  # into the composer of whoever picks it
	# into the mails of a login with two factors, before any hook of the app runs (round 95)
	"System Settings": ("otp_issuer_name",),
	# ERPNext's, rendered into a form's terms when picked
	"Terms and Conditions": ("terms",),
	"Contract Template": ("contract_terms",),
	"Dunning Letter Text": ("body_text", "closing_text"),
}
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%")


def holds_a_template(value) -> bool:
	# markdown turns "\\{\\{" into "{{" before Frappe renders it (round 73)
	return bool(TEMPLATE_SYNTAX.search(str(value or "").replace("\\", "")))


# Where a field is defined with options: an HTML field's options are a template in print (Jinja)
# and in the desk and web forms (Frappe's microtemplate runs "{% … %}" as JavaScript, round 73).
FIELD_DEFINITIONS = (*DEFINITIONS, "Web Form Field", "Web Template Field")


def rendered_as_templates(row) -> tuple[str, ...]:
	"""The fields of ``row`` Frappe renders as a template: also an HTML field's options (printed
	through Jinja), set in a DocType, a custom field or a Property Setter."""
	if row.doctype in FIELD_DEFINITIONS and row.get("fieldtype") == "HTML":
		return ("options",)
	if row.doctype == "Property Setter" and row.get("property") == "options":
		return ("value",)
	return RENDERED_AS_TEMPLATES.get(row.doctype, ())


def refuse_templates_for_others(doc, method=None):
	"""Hook (validate of every DocType, after Frappe made a letter head's content from an image's
	address): no template syntax in such a field but the bench's Administrator's."""
	if bench_administrator_acts() or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	for row in (doc, *doc.get_all_children()):
		for fieldname in rendered_as_templates(row):
			if holds_a_template(row.get(fieldname)):
				frappe.throw(
					_(
						"Only the bench's Administrator sets {0} of a {1}: it runs in other users' pages, where it could read what they may read."
					).format(_(row.meta.get_label(fieldname)), _(row.doctype)),
					frappe.PermissionError,
					title=_("Not allowed"),
				)


PROTECTED_NAMES = frozenset(folded(name) for name in PROTECTED_DOCTYPES)


def refuse_counting_case_records(doc, method=None):
	"""Workspace and Workspace Link before_validate: Frappe tells a workspace's reader, for each
	DocType a link "depends on", whether it holds any record (from every table's row count): a
	teacher's own workspace told whether any dossier, melding or parent share existed, at any school
	(round 71). No case DocType is named there."""
	for row in doc.get("links") or () if doc.doctype == "Workspace" else (doc,):
		named = {folded(name) for name in (row.get("dependencies") or "").split(",")}
		if named & PROTECTED_NAMES:
			frappe.throw(
				_("A workspace link does not depend on Meldcode records."),
				frappe.PermissionError,
				title=_("Not allowed"),
			)


def refuse_workspaces_for_others(workspace, method=None):
	"""Workspace before_validate: a private workspace is its own user's (anyone may make one, and
	one planted in someone else's sidebar ran in their desk)."""
	if workspace.get("for_user") not in (None, "", frappe.session.user) and not bench_administrator_acts():
		frappe.throw(
			_("A private workspace is made by its own user."), frappe.PermissionError, title=_("Not allowed")
		)
	keep_the_apps_workspaces(workspace)


def keep_the_apps_workspaces(workspace, method=None, *args, **kwargs):
	"""Workspace before_validate, on_trash and before_rename: the app's own workspaces are changed
	by the bench's Administrator only (a System Manager gave themselves Workspace Manager, hid the
	board's and gave the team's to System Managers only: the sidebars emptied, untold, round 63),
	judged as stored too (moved to another module, made private or renamed first, round 64)."""
	if bench_administrator_acts():
		return
	stored = frappe.db.get_value("Workspace", workspace.name, ["module", "for_user"], as_dict=True) or {}
	if folded(workspace.name or "") in APP_WORKSPACE_NAMES or any(
		record.get("module") == MODULE and not record.get("for_user") for record in (workspace, stored)
	):
		frappe.throw(
			_("The app's workspaces are changed by the bench's Administrator only."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


APP_WORKSPACE_NAMES = frozenset(folded(name) for name in APP_WORKSPACES)


# Fields Frappe cleans of markup when saved (BaseDocument._sanitize_content), but not always: a
# value that reads as JSON passes uncleaned, and so does one in which Python's HTML parser finds no
# tag where a browser does ("<!--><img onerror=…>-->", or a tag left open until the page's next
# ">"). A note shown at login, a workspace block, an HTML field's options and a teacher's own last
# name ran scripts in the case team's desk.
NOT_CLEANED = ("Code", "Attach", "Attach Image", "Barcode", "JSON")
# Where a browser starts markup: "<" before a letter, "!", "/" or "?" ("a < b" and "<3" stay).
MARKUP = re.compile(r"<[A-Za-z!/?]")


PASTED_INTO = ("Text Editor", "HTML Editor")


def clean_markup(doc, method=None):
	"""Hook (before_validate of every DocType): markup in such a value is cleaned whatever its
	shape, and a "<" typed as text stays text. The case records are not: their text is kept as
	typed and shown as typed (public/js/typed_text.js)."""
	if bench_administrator_acts():
		return
	if doc.doctype in PROTECTED_DOCTYPES:
		refuse_markup_in_lines(doc)
		return
	stored = None if doc.is_new() else doc.get_doc_before_save()
	submitted_before = bool(stored and stored.docstatus != 0)
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			if df.fieldtype in PASTED_INTO and "data:image" in str(row.get(df.fieldname) or ""):
				# a pasted image becomes a file first, as Frappe makes it later: the cleaning drops
				# "data:" addresses, and every image pasted into an editor was lost (round 80)
				extract_images_from_doc(row, df.fieldname)
			value = row.get(df.fieldname)
			if (
				not isinstance(value, str)
				or df.fieldname in unfiltered_fields(row.doctype)  # not as customised (round 22)
				# as Frappe: no change after submit, but on the way there (a record submitted at once
				# kept its markup, round 73)
				or (submitted_before and not df.allow_on_submit)
			):
				continue
			if df.options == "Email":
				if MARKUP.search(value):
					row.set(df.fieldname, addresses_only(value))  # "Naam <a@b.nl>" is no markup
				continue
			typed = df.fieldtype in TEXTS or df.fieldtype in EDITORS  # a link or choice must match
			if typed:
				value = text_kept_as_text(value)
			if holds_markup(value) and (df.fieldtype not in NOT_CLEANED or data_in_code(doc, row, df, value)):
				if not is_json(value):
					value = cleaned(value)
				elif (parsed := json.loads(value)) != (clean := cleaned(parsed)):
					value = json.dumps(clean, ensure_ascii=False)
				if typed:
					value = text_kept_as_text(value)  # what the cleaning wrote as "&lt;"
				if is_a_line(row.meta, df):
					# a line of text is no markup: an Education Manager's pupil name with an image
					# and a link laid over the page showed as a link's title in the case records,
					# and its image told them which pupils have a case (round 80), also once a
					# Property Setter had made the first name Small Text (round 81)
					value = TAGS.sub("", value)
					if not MARKUP.search(plain := html.unescape(value)):
						value = plain  # "Les Engels & rekenen", not "&amp;"
			if value != row.get(df.fieldname):
				row.set(df.fieldname, value)


def clean_comment(doc, method=None):
	"""Hook (validate of Comment, after Frappe cleaned its content as it cleans every comment)."""
	if not bench_administrator_acts() and isinstance(doc.content, str) and MARKUP.search(doc.content):
		doc.content = kept_in_place(doc.content)


def clean_notes_about_cases(doc, method=None):
	"""Hook (validate of a comment, ToDo, mail or file about a record, after Frappe's own cleaning):
	about a case record, text, its formatting, links and the site's own pictures only."""
	if bench_administrator_acts() or not about_a_case_record(doc):
		return
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if df.fieldtype in NOTES and isinstance(value, str) and MARKUP.search(value):
			doc.set(df.fieldname, note_about_a_case(value))


NOTES = (*EDITORS, "Text", "Long Text")
# What a note about a case record may hold. Anything that fetches told another site when, and from
# where, the case team opened the record (an image, a video's poster, a table's background, an
# address the browser reads as another site's: "/\\elders.example"), or made the team's browser
# call the site itself ("/api/method/logout"); a style painted over the record's page (rounds 83,
# 84). A picture is one of the site's own files.
NOTE_TAGS = frozenset(
	(
		*("p", "br", "hr", "div", "span", "blockquote", "pre", "code", "strong", "b", "em", "i", "u", "s"),
		*("sub", "sup", "ol", "ul", "li", "a", "img", "table", "thead", "tbody", "tr", "td", "th"),
		*("h1", "h2", "h3", "h4", "h5", "h6"),
	)
)


def note_about_a_case(value: str) -> str:
	import bleach
	from bleach.css_sanitizer import CSSSanitizer

	styles = CSSSanitizer(allowed_css_properties=IN_PLACE_PROPERTIES)
	return bleach.clean(value, tags=NOTE_TAGS, attributes=kept_in_a_note, css_sanitizer=styles, strip=True)


# The editor's colours, lists, tables, code blocks and mentions. Not another data-* attribute, which
# the desk acts on: a link with data-doctype opens its record's preview (round 88).
EDITOR_DATA = frozenset(
	(
		"data-list",
		"data-row",
		"data-language",
		"data-id",
		"data-value",
		"data-denotation-char",
		"data-is-group",
	)
)


def kept_in_a_note(tag: str, name: str, value: str) -> bool:
	if name == "class":
		return all(EDITOR_CLASS.fullmatch(part) for part in value.split())
	if name == "style" or name in EDITOR_DATA:
		return True
	if tag == "a":
		return name in ("href", "target", "rel")  # (bleach keeps http, https and mailto links)
	if tag == "img":
		return name == "alt" or (name == "src" and is_a_site_file(value))
	return False


def letter_head_of_a_case(content: str) -> str:
	"""A school's letter head as a case record's print shows it: text, its formatting and the
	site's own pictures at their size. One that a System Manager set for a school fetched from
	another site when the case team printed, laid a link over the whole print, and made the PDF
	maker send the reader's session to a port of the site's host (round 85)."""
	import bleach
	from bleach.css_sanitizer import CSSSanitizer

	styles = CSSSanitizer(allowed_css_properties=(*IN_PLACE_PROPERTIES, "width", "height", "vertical-align"))
	tags = NOTE_TAGS - {"a"}
	return bleach.clean(
		content, tags=tags, attributes=kept_in_a_letter_head, css_sanitizer=styles, strip=True
	)


def kept_in_a_letter_head(tag: str, name: str, value: str) -> bool:
	if tag == "img" and name in ("width", "height"):
		return True
	return name == "style" or kept_in_a_note(tag, name, value)


def is_a_site_file(address: str) -> bool:
	parts = urlsplit(UNSEEN.sub("", html.unescape(address)).replace("\\", "/"))
	return not parts.scheme and not parts.netloc and not calls_the_site(address)


def about_a_case_record(doc) -> bool:
	fields = WRITE_INTO_DOCTYPES.get(doc.doctype)
	return bool(fields) and case_behind(doc.get(fields[0]), doc.get(fields[1])) is not None


def refuse_markup_in_lines(doc):
	"""A case record keeps its texts as typed, but a line of it (a pupil's name, a place) holds no
	markup: Frappe puts such lines into pages unescaped, as the description of a dossier in a link's
	search (a teacher's unclosed "<img … onerror=…" ran in the aandachtsfunctionaris's desk, round
	82)."""
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			value = row.get(df.fieldname)
			if isinstance(value, str) and is_a_line(row.meta, df) and MARKUP.search(value):
				frappe.throw(
					_(
						"{0} is a line of text and holds no markup (such as &lt;img); write it without angle brackets."
					).format(_(df.label or df.fieldname)),
					title=_("Not saved"),
				)


# What names a record, whatever its field type: a record's title and a name's parts.
NAME_FIELD = re.compile(r"(?:^|_)(?:name|title|subject)$")


def is_a_line(meta, df) -> bool:
	"""(A ToDo's text is its title, and an editor's: it keeps its paragraphs and links.)"""
	return df.fieldtype in NAMES or (
		df.fieldtype not in EDITORS
		and (df.fieldname == meta.title_field or bool(NAME_FIELD.search(df.fieldname)))
	)


# A "<" a person typed as text in a place where it could start a tag: written as an entity
# ("&lt;", "&#60", "&amp;lt;" decoded again), as the editors store it, or left unclosed ("a<b dan
# c", which the cleaning would cut off after "a"). The desk decodes such text for a Kanban card or
# a label in the timeline and puts it into the page as markup (rounds 43-45). A zero-width space
# after it keeps the text as it reads and makes no tag of it in any browser.
NO_TAG = "\u200b"
ENCODED_LT = re.compile(
	r"&(?:amp;?|#0*38(?!\d);?|#x0*26(?![\da-f]);?)*(?:lt;?|#0*60(?!\d);?|#x0*3c(?![\da-f]);?)(\u200b?)",
	re.IGNORECASE,
)
UNCLOSED = re.compile(r"<(?=[A-Za-z!/?][^<>]*(?:<|$))")


def text_kept_as_text(value: str) -> str:
	if "&" in value:
		value = ENCODED_LT.sub(
			lambda match: match.group(0) if match.group(1) else match.group(0) + NO_TAG, value
		)
	return UNCLOSED.sub("<" + NO_TAG, value) if "<" in value else value


def holds_markup(value: str) -> bool:
	"""Markup in a text, also in a JSON value's texts however JSON escapes it ("\\u003cimg …" is
	"<img …" once read: a web page block's values ran a script, round 33)."""
	if MARKUP.search(value):
		return True
	return (
		"\\u" in value.lower()
		and is_json(value)
		and any(MARKUP.search(t) for t in texts_in(json.loads(value)))
	)


def data_in_code(doc, row, df, value) -> bool:
	"""A code field's JSON that holds texts for a page (a web form's breadcrumbs, a web page block's
	values: Frappe puts them into the page, into <script> even, and cleans neither), not one that
	Frappe writes itself (a version's values) or only the bench's Administrator sets."""
	return (
		df.fieldtype in ("Code", "JSON")
		and doc.doctype not in KEPT_BY_FRAPPE
		and not runs_in_pages(row.doctype, df)
		and is_json(value)
	)


# Frappe's cleaning keeps a style's position, transform and margins: a public note's link laid
# over the whole desk at every login ("your session ended, log in again" on a page of one's own,
# rounds 78, 82). A style keeps what keeps its element in place (active_markup.in_place). So does
# a class of the desk's own (fixed-top, modal) and an id (round 79): an editor's markup keeps its
# own classes of text (ql-align-center, a mention, a table's, a workspace header's h4) and needs no
# id; not those of the editor's own interface (ql-tooltip is laid over the page, round 86).
EDITOR_CLASS = re.compile(
	r"ql-(?:align|indent|size|font|direction)-[\w-]+|ql-code-block|ql-syntax|mention|table|table-bordered|h[1-6]"
)
# Elements Frappe's cleaning keeps that act on the page rather than show text: a stylesheet
# (`<link rel="stylesheet nofollow">` in a teacher's comment stayed in the case team's desk and
# read the names in its lists through selectors), a style, a form sending what is typed into it
# elsewhere, a player or a drawing fetching its sources, a frame (round 84). Their text stays text.
ACTING_ELEMENTS = frozenset(
	(
		*("link", "style", "meta", "base", "html", "head", "body", "form", "input", "button", "select"),
		*("option", "optgroup", "textarea", "label", "fieldset", "legend", "output", "video", "audio"),
		*("source", "track", "picture", "svg", "math", "image", "iframe", "frame", "frameset", "object"),
		*("embed", "applet", "canvas", "map", "area", "portal", "template", "noscript", "dialog"),
		*("details", "summary", "marquee", "keygen", "datalist", "o:p"),
	)
)
STYLE_SHEET = re.compile(r"<(style|head)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)  # (a mail's)
# Attributes that fetch an address (a table's background, round 85) or that the desk acts on.
FETCHING_ATTRIBUTES = frozenset(("background", "poster", "srcset", "ping", "lowsrc", "dynsrc", "longdesc"))
# Markup as Frappe's cleaning (bleach) writes it: every "<" of its text is "&lt;", so each "<" starts
# a comment or a tag, whose attribute values are quoted (and may hold ">"; one holding '"' is in
# single quotes: a font-family pasted from a word processor). Judged tag by
# tag: a pattern over the whole text matched from one tag's attribute into the next tag's (an
# id="…" that began in an image's alt and ended in a title ran a script, round 85). A "<" that is
# no such tag, or a comment a browser would end early ("<!-->"), is text.
TAG = re.compile(
	r"<!--(?!-?>)(?:(?!--!?>).)*-->|<(/?)([A-Za-z][\w:-]*)((?:\s+[^\s\"'<>/=]+(?:=(?:\"[^\"]*\"|'[^']*'))?)*)\s*(/?)>|<",
	re.DOTALL,
)
ATTRIBUTE = re.compile(r"""\s+([^\s"'<>/=]+)(?:=(?:"([^"]*)"|'([^']*)'))?""")


def kept_in_place(markup: str) -> str:
	"""Markup as Frappe's cleaning wrote it, without elements that act on the page, attributes that
	fetch, pictures that call a site, ids and classes but the editor's, its styles keeping their
	element in place."""
	return TAG.sub(kept_tag, STYLE_SHEET.sub("", markup))


def kept_tag(match) -> str:
	closing, tag, attributes, void = match.groups()
	if tag is None:
		return match.group(0) if match.group(0).startswith("<!--") else "&lt;"
	name = tag.lower()
	if name in ACTING_ELEMENTS:
		return ""
	if closing:
		return f"</{tag}>"
	kept = []
	for attribute, double_quoted, single_quoted in ATTRIBUTE.findall(attributes):
		attribute = attribute.lower()
		value = f'"{double_quoted}"' if not single_quoted else f"'{single_quoted}'"
		if attribute == "id" or attribute in FETCHING_ATTRIBUTES or attribute.startswith("on"):
			continue
		text = html.unescape(value[1:-1])
		if name == "img" and attribute == "src" and calls_the_site(text):
			return ""  # a picture whose address is a method or page of a site (round 84)
		if attribute == "class":
			value = as_attribute(" ".join(part for part in text.split() if EDITOR_CLASS.fullmatch(part)))
		elif attribute == "style":
			value = as_attribute(in_place(text, name) + ";")
		if value not in ('""', '";"') or attribute not in ("class", "style"):
			kept.append(f" {attribute}={value}")
	return f"<{tag}{''.join(kept)}{' /' if void else ''}>"


def as_attribute(text: str) -> str:
	"""An attribute's value quoted as Frappe's cleaning quotes it, so that cleaning it again keeps it."""
	text = text.replace("&", "&amp;")
	if '"' in text and "'" not in text:
		return f"'{text}'"
	return '"' + text.replace('"', "&quot;") + '"'


def cleaned(value):
	"""A text cleaned of active markup, an element keeping to its place; in a JSON value, each of
	its texts (dumped again)."""
	if isinstance(value, str):
		if not MARKUP.search(value):
			return value
		return kept_in_place(sanitize_html(value, always_sanitize=True))
	if isinstance(value, list):
		return [cleaned(v) for v in value]
	if isinstance(value, dict):  # a key too: a chart's options keep markup in their keys (round 184)
		return {cleaned(k): cleaned(v) for k, v in value.items()}
	return value


# A link that runs a script when clicked: Frappe renders a navbar item's route, a workspace
# shortcut's or the website's top bar and footer items' url, a portal menu item's route and more
# as href="…" unchecked. Browsers drop whitespace and control characters inside a scheme.
SCRIPT_URL = re.compile(r"^(?:javascript:|vbscript:|data:text/html)", re.IGNORECASE)
TEXTS = ("Data", "Small Text", "Text", "Long Text")
# A file field's value is put into an attribute as it is (src="…", href="…"): the navbar's logo
# and the website's favicon ran a script in every desk and on the login page by a quote.
FILES = ("Attach", "Attach Image")
OUT_OF_A_LINK = re.compile(r"[\"'<>`\\]")


def is_script_url(value) -> bool:
	"""Also as the browser reads it in an attribute: "&#106;avascript:" is "javascript:" there."""
	return isinstance(value, str) and bool(SCRIPT_URL.match(UNSEEN.sub("", html.unescape(value))))


# Files a browser runs as a page of the site when it opens them: Frappe serves /files and (for
# some of them) /private/files inline with the type the server's table of types gives the name, so
# an uploaded page read the cases of whoever opened it, with their session (round 34; ".xhtm" by
# Debian's table, round 35). Kept are only the types a browser shows or downloads without running.
SHOWN_TYPES = ("image/", "audio/", "video/", "font/", "application/vnd.", "application/x-iwork")
KEPT_TYPES = frozenset(
	(
		"text/plain",
		"text/csv",
		"text/tab-separated-values",
		"text/calendar",
		"text/vcard",
		"text/x-vcard",
		"application/pdf",
		"application/json",
		"application/msword",
		"application/rtf",
		"application/zip",
		"application/x-zip-compressed",
		"application/gzip",
		"application/x-7z-compressed",
		"application/x-tar",
		"application/octet-stream",
	)
)


def opens_as_a_page(value: str) -> bool:
	kind, _encoding = mimetypes.guess_type(value.split("?")[0].split("#")[0].strip().lower())
	if kind is None:
		return False  # served as a download
	if kind.endswith(("+xml", "/xml")):  # a browser renders XML, and runs an XHTML script in it
		return True
	return not (kind in KEPT_TYPES or kind.startswith(SHOWN_TYPES))


# A colour is put into style="…" as it is: a quote in an Event's or a Number Card's colour ran a
# script in the case team's desk. A colour is a hex code, a name or a CSS colour function.
COLOUR = re.compile(
	r"^(?:#[0-9a-fA-F]{3,8}|[A-Za-z][A-Za-z -]*|(?:rgba?|hsla?)\([0-9.,%\s]+\)|var\(--[A-Za-z0-9-]+\))$"
)
# An icon's name: Frappe puts a workspace's icon into the sidebar as an attribute without quotes
# (item-icon=…), where "support s=1 style=… onanimationstart=…" ran a script (round 46).
ICON = re.compile(r"[\w .,/:#-]*")


def is_an_icon(df) -> bool:
	return df.fieldtype == "Icon" or (df.fieldname == "icon" and df.fieldtype == "Data")


# Texts pasted into a stylesheet as they are: a theme's font between quotes and into an @import
# address (website_theme_template.scss), its weights into that address, its size as a value; a print
# format's font (standard.css). A Website Manager's font weights closed the address and imported a
# stylesheet of their own into the login page and the parents' portal (round 76).
FONT_NAME = re.compile(r"[\w -]*")
IN_STYLESHEETS = {
	"Website Theme": {
		"google_font": FONT_NAME,
		"font_properties": re.compile(r"[\w@;:,.]*"),  # wght@300;600, ital,wght@0,400;1,700
		"font_size": re.compile(r"[\d.]*(?:px|rem|em|pt|%)?"),
	},
	"Print Format": {"font": FONT_NAME},
}


# Texts put into an attribute as they are: a person's name into title="…" (a list of avatars), a
# Kanban column's name into data-column-value="…" and title="…" (kanban_column.html).
ATTRIBUTE_TEXTS = {
	# A file's address and name go into href="…" and src="…" (the mail composer, the file view).
	"File": ("file_url", "file_name", "thumbnail_url"),
	"User": ("first_name", "middle_name", "last_name"),
	"Kanban Board Column": ("column_name",),
	# every desk's "What's New" puts a feed item's title into data-name="…" (round 185)
	"Changelog Feed": ("title",),
}
OUT_OF_AN_ATTRIBUTE = re.compile(r'["<>`]')
# A link's text is put into href="…" as it is: a quote in the website's top bar item or a navbar
# item's route ran a script on the login page and in every desk. A link, by its name or its
# options, holds no quote (a real address writes it %22).
LINK_NAME = re.compile(r"(?:^|_)(?:url|uri|uris|route|href|link)$")


# A quote, then an event handler: a text that leaves the attribute Frappe puts it in, whichever
# field it is (a footer label into data-label="…", a workspace link's label into title="…", a
# portal menu item's target into target="…": each ran a script in the case team's pages), also
# past an unquoted attribute whose value holds "<" (a=< onanimationstart=…, round 32).
# An event's name, not any word: "'x' onderwerp = y" in a note is text (round 77).
HANDLER_AFTER_QUOTE = re.compile(rf"[\"'`].*?{HANDLER_NAME}", re.IGNORECASE | re.DOTALL)
# What Frappe writes of what happened (versions, mails, logs): its values were judged where they
# were typed, or came in by mail, and a history is kept as it was.
KEPT_BY_FRAPPE = frozenset(
	(
		*TEXT_TRACES,
		"Error Log",
		"Scheduled Job Log",
		"Email Queue",
		"Notification Log",
		"Route History",
		"Activity Log",
		"Integration Request",
		"Webhook Request Log",
		"Prepared Report",
		"Data Import Log",
		"Unhandled Email",
		"Console Log",
		"Submission Queue",
	)
)
# Short texts an app may paste into a table's quoted name (a DocType, a record's name).
NAMES = ("Data", "Link", "Dynamic Link", "Select", "Autocomplete")
# Texts a person types in, as Frappe stores them (code and the editors' markup are judged above).
TYPED = (
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Link",
	"Dynamic Link",
	"Select",
	"Autocomplete",
	"Read Only",
)


def out_of_place(doctype: str, df, value, stored_by_frappe: bool = False) -> str | None:
	"""Why a value would leave the place Frappe or an app puts it, if it would: a link or an
	attribute of a page, or a literal of an app's SQL statement (``stored_by_frappe``: a record
	Frappe writes itself, a version or a log, whose values were judged where they were typed)."""
	if not isinstance(value, str) or not value:
		return None
	if stored_by_frappe:
		texts = []
	elif df.fieldtype in ("Code", "JSON"):
		texts = list(texts_in(json.loads(value))) if is_json(value) else []
	elif df.fieldtype in TYPED or df.fieldtype == "Markdown Editor":  # markdown is not cleaned of markup
		texts = [value, *(texts_in(json.loads(value)) if "\\u" in value.lower() and is_json(value) else ())]
	else:
		texts = []
	if not stored_by_frappe and (df.fieldtype in TYPED or df.fieldtype in EDITORS):
		shown = as_the_desk_shows(value)
		if any(MARKUP.search(text) for text in shown):
			return _("{0} of a {1} holds markup written as text (such as &lt;img); it was not saved.")
		texts += shown
	if df.fieldname == "route" and serves_its_records(doctype) and takes_a_page_of_the_site(value):
		return _("{0} of a {1} is the address of one of the site's own pages (such as the login page).")
	if any(HANDLER_AFTER_QUOTE.search(text) for text in texts):
		return _("{0} of a {1} may not hold a quote followed by an event handler (on…=).")
	if any(SCRIPT_IN_TEXT.search(UNSEEN.sub("", html.unescape(text))) for text in texts):
		return _("{0} of a {1} may not be a link that runs a script.")
	if any(runs_when_pasted(text) for text in texts) or (
		df.fieldtype in NAMES and ends_a_name_when_pasted(value)
	):
		return _("{0} of a {1} reads as a database query once put between quotes; it was not saved.")
	if doctype == "File" and df.fieldname in ("file_name", "file_url") and opens_as_a_page(value):
		return _(
			"{0} of a {1}: a file that a browser opens as a page (HTML, SVG, XML) is not kept on this site."
		)
	if df.fieldtype == "Signature" and not is_a_signature(value):
		return _("{0} of a {1} is a signature as the signature field draws it.")
	if df.fieldtype == "Barcode" and not is_a_barcode(value):
		return _("{0} of a {1} is a barcode as the barcode field draws it.")
	if (shape := IN_STYLESHEETS.get(doctype, {}).get(df.fieldname)) and not shape.fullmatch(value.strip()):
		return _("{0} of a {1} goes into a stylesheet: a font's name, weights or size only.")
	if df.fieldtype == "Color" and not COLOUR.match(value.strip()):
		return _("{0} of a {1} is a colour, such as #2490EF or blue.")
	if is_an_icon(df) and not ICON.fullmatch(value):
		return _("{0} of a {1} is the name of an icon, such as folder-normal.")
	if (
		df.fieldname in ATTRIBUTE_TEXTS.get(doctype, ())
		or (df.fieldtype in TEXTS and (df.options == "URL" or LINK_NAME.search(df.fieldname)))
	) and OUT_OF_AN_ATTRIBUTE.search(value):
		return _("{0} of a {1} may not hold quotes, angle brackets or backticks.")
	if (df.fieldtype in FILES and (is_script_url(value) or OUT_OF_A_LINK.search(value))) or (
		df.fieldtype in TEXTS and is_script_url(value)
	):
		return _("{0} of a {1} may not be a link that runs a script.")
	if df.fieldtype in FILES and calls_the_site(value):
		# the navbar's logo at /api/method/logout logged every desk user out at every page (round 86)
		return _("{0} of a {1} is a file: a page or method of a site is no file.")
	return None


# Paths the site answers itself, before any page of a record.
FRAPPE_PATHS = frozenset(("app", "api", "assets", "files", "private", "desk", "socket.io"))


def serves_its_records(doctype: str) -> bool:
	"""A DocType whose records are pages of the website at their route (a web page, a web form)."""
	return doctype == "Web Form" or bool(frappe.get_meta(doctype).has_web_view)


def takes_a_page_of_the_site(route: str) -> bool:
	"""Whether ``route`` is the address of one of the site's own pages: Frappe serves a record's
	page before its own, and a web page at "login" or "update-password" read the passwords typed
	there and a reset link's key (round 33)."""
	from frappe.website.router import get_pages

	path = route.strip().strip("/").lower()
	pages = {page.strip("/").lower() for page in get_pages()}
	first = path.split("/")[0]
	return first in FRAPPE_PATHS or path in pages or first in pages


def refuse_script_urls(doc, method=None):
	"""Hook (before_validate of every DocType): no text outside the case records becomes a
	javascript:, vbscript: or data:text/html link, no value leaves the attribute Frappe puts it in,
	and none runs as SQL where an app pastes it between quotes, in any field (not door by door)."""
	if bench_administrator_acts() or doc.doctype in PROTECTED_DOCTYPES:
		return
	kept = doc.doctype in KEPT_BY_FRAPPE
	if doc.is_new():  # a record's name is pasted as often as its fields (a supplier's, round 31)
		refuse_name_out_of_place(doc.doctype, doc.name, kept)
	stored = doc.get_doc_before_save()
	stored_rows = {row.name: row for row in stored.get_all_children()} if stored else {}
	for row in (doc, *doc.get_all_children()):
		before = stored if row is doc else stored_rows.get(row.name)
		for df in row.meta.fields:
			value = row.get(df.fieldname)
			if value == (before.get(df.fieldname) if before else None):
				continue
			if reason := out_of_place(row.doctype, df, value, kept) or avatar_elsewhere(
				row.doctype, df, value
			):
				frappe.throw(
					reason.format(_(row.meta.get_label(df.fieldname)), _(row.doctype)),
					frappe.PermissionError,
					title=_("Not allowed"),
				)


def avatar_elsewhere(doctype: str, df, value) -> str | None:
	"""A user's picture is shown wherever they wrote or did something: one from another site told
	it when the case team opened a signal of theirs (round 84). (A social login sets the provider's
	picture as Guest.)"""
	if (
		doctype == "User"
		and df.fieldname == "user_image"
		and value
		and frappe.session.user != "Guest"
		and (not SITE_PICTURE.match(value) or calls_the_site(value))
	):
		return _("{0} of a {1} is a picture uploaded to this site.")
	return None


NAME = frappe._dict(fieldname="name", fieldtype="Data")


def refuse_name_out_of_place(doctype: str, name, kept: bool = False) -> None:
	if reason := out_of_place(doctype, NAME, name, kept):
		frappe.throw(reason.format(_("Name"), _(doctype)), frappe.PermissionError, title=_("Not allowed"))


def refuse_renaming_out_of_place(doc, method=None, old=None, new=None, merge=False):
	"""Hook (before_rename of every DocType): a new name is judged as a new record's is."""
	if not (bench_administrator_acts() or doc.doctype in PROTECTED_DOCTYPES):
		refuse_name_out_of_place(doc.doctype, new, doc.doctype in KEPT_BY_FRAPPE)


@frappe.whitelist()
@safe_method
def link_preview(doctype: str, docname: str):
	"""Frappe's preview of a linked record, as text: the desk cuts each value at 280 characters and
	puts it into the popover as markup. A value cut inside a quoted attribute ran on into the next
	value's text, which became the element's attributes: a note's link to such a record ran a
	script in the aandachtsfunctionaris's desk when she pointed at it (round 88)."""
	from frappe.desk.link_preview import get_preview_data

	preview = get_preview_data(doctype, docname)
	if not preview:
		return preview
	shown = {key: preview.get(key) for key in ("preview_title", "name")}
	image = preview.get("preview_image")
	shown["preview_image"] = image if isinstance(image, str) and is_a_site_file(image) else None
	for label, value in preview.items():
		if label not in shown:
			shown[escape_html(as_text(label))] = escape_html(as_text(value))
	return shown


def as_text(value) -> str:
	return html.unescape(strip_html(str(value))) if value is not None else ""


def keep_comment_previews_as_text() -> None:
	"""Frappe copies a comment's first 97 characters into its record's ``_comments``, which a list
	and a Kanban card fetch and the desk shows as markup; JSON writes a quote as \\" there, which a
	browser does not read as one: a teacher's comment on an event with a public Kanban board ran a
	script in the case team's desk (round 188). The copy is the comment's text, escaped (for the
	whole process, from the package's import)."""
	from frappe.core.doctype.comment import comment
	from frappe.core.doctype.communication import communication

	update = comment.update_comment_in_doc
	if getattr(update, "meldcode_wrapped", False):
		return

	def update_with_its_text(doc):
		if not doc.get("content"):
			return update(doc)
		fields = ("doctype", "name", "owner", "comment_type", "reference_doctype", "reference_name")
		preview = frappe._dict({field: doc.get(field) for field in fields})
		preview.update(comment_email=doc.get("comment_email"), sender=doc.get("sender"))
		preview.content = escape_html(strip_html(doc.content))
		return update(preview)

	update_with_its_text.meldcode_wrapped = True
	comment.update_comment_in_doc = update_with_its_text
	communication.update_comment_in_doc = update_with_its_text
