"""What Frappe pastes into its queries from a DocType's definition, or as a filter's field, is
field names only.

Frappe takes a DocType's title, search, sort and image fields, a field's fetch and a connection's
field from its definition and pastes them into SQL as they are: a System Manager's title field, a
fetch or a connection holding a subquery or a CASE read a case's ToDo, comments and the case
team's session ids (rounds 104-108); it fills a title template with the record by ``str.format``,
which follows attributes to the request's session (round 109). The customisations are judged when
saved (access/automations.py); here, as a second wall, every definition Frappe builds keeps such a
value only when it is a field name (a template: one of field names), whatever wrote it and however."""

import re
import string

from meldcode_app.rules.query_fragments import a_filter_field

# A field's name as Frappe makes it: nothing Frappe could paste into a query as more than a column.
FIELD_NAME = re.compile(r"^[A-Za-z0-9_]+$")
SORT_ORDERS = frozenset(("asc", "desc"))


def names_a_field(value) -> bool:
	return bool(FIELD_NAME.match(str(value).strip()))


def a_plain_template(template) -> bool:
	"""Whether a title template (Frappe fills it with ``str.format`` and the record's values) fills
	in field values only: a placeholder follows attributes and keys as far as it is written, and
	"{seen_by[0].copy.__globals__[…]…session.sid}" in a note's title template gave a System Manager
	the session of each case-team member who closed the login note (round 109)."""
	try:
		parsed = list(string.Formatter().parse(str(template)))
	except ValueError:
		return False
	return all(
		name is None or (names_a_field(name) and "{" not in (spec or "")) for _text, name, spec, _ in parsed
	)


def pasted_part_of_a_fetch(fetch_from: str) -> str:
	"""The part of a fetch Frappe pastes into the linked record's query."""
	return fetch_from.split(".")[-1].strip()


def keep_definitions_to_field_names() -> None:
	"""Wraps Frappe's building of a DocType's definition (``Meta.process``), its filling of a title
	template (``Document.set_title_field``) and its list of the site's dynamic links, read from the
	tables themselves, once per process."""
	import frappe
	from frappe import _
	from frappe.model import dynamic_links
	from frappe.model.document import Document
	from frappe.model.meta import Meta

	process = getattr(Meta, "process", None)
	if process is not None and not getattr(process, "meldcode_kept", False):

		def process_to_field_names(meta):
			process(meta)
			to_field_names(meta)

		process_to_field_names.meldcode_kept = True
		Meta.process = process_to_field_names
	valid = getattr(Meta, "get_valid_columns", None)
	if valid is not None and not getattr(valid, "meldcode_kept", False):

		def valid_field_names(meta):
			"""Frappe hands out its cached list of a DocType's columns itself: a Notification's
			condition changed Note's list in memory, and the case team's own save of the login
			note wrote a subquery's result into it (round 111). Each caller gets a list of its own,
			of field names only."""
			return [column for column in valid(meta) if names_a_field(column)]

		valid_field_names.meldcode_kept = True
		Meta.get_valid_columns = valid_field_names
	fetches = getattr(Meta, "get_fields_to_fetch", None)
	if fetches is not None and not getattr(fetches, "meldcode_kept", False):

		def fields_that_fetch_a_field(meta, *args, **kwargs):
			"""A fetch changed in memory after the definition was built is judged where Frappe reads
			it: a Notification's condition set a Note field's fetch to a subquery, and Frappe's
			own second save of the note pasted it (round 112)."""
			return [
				df
				for df in fetches(meta, *args, **kwargs)
				if names_a_field(pasted_part_of_a_fetch(df.fetch_from) or "name")
			]

		fields_that_fetch_a_field.meldcode_kept = True
		Meta.get_fields_to_fetch = fields_that_fetch_a_field
	set_title = getattr(Document, "set_title_field", None)
	if set_title is not None and not getattr(set_title, "meldcode_kept", False):

		def set_title_from_fields(doc):
			"""A template changed in memory after the definition was built is judged too: a
			template's code set Note's title template on the cached definition and had a save
			fill it (round 110)."""
			title = doc.meta.get_field("title") if doc.meta.get("title_field") == "title" else None
			if title is not None and not all(
				a_plain_template(title.get(setting))
				for setting in ("options", "default")
				if title.get(setting)
			):
				return None
			return set_title(doc)

		set_title_from_fields.meldcode_kept = True
		Document.set_title_field = set_title_from_fields
	from frappe.model import db_query
	from frappe.utils import data

	get_filter = getattr(data, "get_filter", None)
	if get_filter is not None and not getattr(get_filter, "meldcode_kept", False):

		def filter_on_a_field(*args, **kwargs):
			"""A filter names a field (a_filter_field), whatever stored or built it."""
			f = get_filter(*args, **kwargs)
			if not a_filter_field(f.fieldname):
				frappe.throw(
					_("A filter names a field: {0}").format(frappe.bold(f.fieldname)), title=_("Not allowed")
				)
			return f

		filter_on_a_field.meldcode_kept = True
		data.get_filter = frappe.utils.get_filter = db_query.get_filter = filter_on_a_field
	links = getattr(dynamic_links, "get_dynamic_links", None)
	if links is not None and not getattr(links, "meldcode_kept", False):

		def dynamic_links_of_field_names():
			"""Frappe pastes a dynamic link's field and its options into a query on every delete
			and rename: a custom field "atk dl" with a subquery as options answered a System
			Manager's deletes with a failure or none, one bit of a session id at a time (round
			108)."""
			return [
				df
				for df in links()
				if names_a_field(df.get("fieldname") or "") and names_a_field(df.get("options") or "")
			]

		dynamic_links_of_field_names.meldcode_kept = True
		dynamic_links.get_dynamic_links = dynamic_links_of_field_names


def to_field_names(meta) -> None:
	for setting in [key for key in meta.__dict__ if key.endswith("_field")]:
		value = meta.get(setting)
		if isinstance(value, str) and value.strip() and not names_a_field(value):
			meta.set(setting, None)
	search = meta.get("search_fields")
	if isinstance(search, str) and search.strip():
		meta.search_fields = ",".join(name for name in search.split(",") if names_a_field(name))
	if meta.get("sort_order") and str(meta.sort_order).strip().lower() not in SORT_ORDERS:
		meta.sort_order = "DESC"
	title = meta.get_field("title") if meta.get("title_field") == "title" else None
	for setting in ("options", "default") if title is not None else ():
		if title.get(setting) and not a_plain_template(title.get(setting)):
			title.set(setting, None)
	fields = meta.get("fields") or []
	for df in fields:
		pasted = pasted_part_of_a_fetch(df.fetch_from) if df.get("fetch_from") else ""
		if pasted and not names_a_field(pasted):
			df.fetch_from = None
	named = [df for df in fields if names_a_field(df.get("fieldname") or "")]
	if len(named) != len(fields):
		# a Property Setter renamed a field to "notes`=(select …) #", which Frappe pasted into the
		# record's update as a column (round 107): such a field is no field of the definition
		meta.set("fields", named)
		meta.__dict__.pop("_valid_columns", None)
		meta.init_field_caches()
		meta.get_valid_columns()
	links = meta.get("links") or []
	kept = [
		link
		for link in links
		if names_a_field(link.get("link_fieldname") or "")
		and (not link.get("table_fieldname") or names_a_field(link.table_fieldname))
	]
	if len(kept) != len(links):
		meta.set("links", kept)
