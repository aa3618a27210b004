"""Lookups by filters a request wrote. Frappe finds a record by a "name" that is a dictionary or list
as by filters (``get_doc``, ``db.get_value``, ``db.exists``, ``delete_doc``), before anyone asks
whether its reader may read it, and many methods then answer differently when one matched:
``get_next``'s ``value``, ``remove_attach``'s ``fid``, ``delete_communication``'s
``reference_docname``, a message preview's ``reference_doc``, a calendar's ``args`` read a case
ToDo, a comment and the mail queue's reset keys a character at a time (round 201). Wherever
Frappe looks such a record up, filters that came from the request find in the app's records, their
traces, Frappe's secrets and accounts only what the reader may read (a query of them, what they
may list); for the bench's Administrator and in other DocTypes, Frappe's lookup stays as it is."""

import json
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.database.database import Database
from frappe.model.db_query import DatabaseQuery
from frappe.model.document import Document

from meldcode_app.access.grants import bench_administrator_acts
from meldcode_app.rules.registry import (
	ACCOUNT_DOCTYPES,
	CHILD_DOCTYPES,
	PROTECTED_DOCTYPES,
	SECRET_DOCTYPES,
	TRACE_DOCTYPES,
)
from meldcode_app.rules.request_names import read_as_json

READ_BY_READERS = frozenset(
	(
		*PROTECTED_DOCTYPES,
		*TRACE_DOCTYPES,
		*SECRET_DOCTYPES,
		*ACCOUNT_DOCTYPES,
		"Email Queue Recipient",
		"Meldcode Access Grant",
	)
)
# Records a lookup by a request's filters weighs one by one: the rest are not found.
AT_MOST = 100


def written_by_the_request(filters) -> bool:
	"""Whether ``filters``, or a dictionary or list inside them, is one the request carried (at any
	depth, also inside JSON text a method reads itself)."""
	carried = carried_by_the_request()
	return bool(carried) and any(canonical(part) in carried for part in containers(filters))


def carried_by_the_request() -> frozenset:
	form = getattr(frappe.local, "form_dict", None)
	request = getattr(frappe.local, "request", None)
	if form is None or request is None:
		return frozenset()
	cached = getattr(frappe.local, "meldcode_carried", None)
	if cached is None or cached[0] is not form:
		found = set()
		# and a body Frappe reads itself (a record posted as text/plain, round 208)
		read = getattr(request, "get_data", None)  # a stand-in request (a job, a test) has none
		body = "" if read is None or getattr(request, "files", None) else read(cache=True, as_text=True)
		for value in (*form.values(), body):
			for part in containers(value):
				found.add(canonical(part))
				if isinstance(part, dict) and "doctype" in part:  # db.exists({"doctype": …, …})
					found.add(canonical({k: v for k, v in part.items() if k != "doctype"}))
		cached = (form, frozenset(found))
		frappe.local.meldcode_carried = cached
	return cached[1]


def containers(value, depth: int = 0):
	"""Every non-empty dictionary and list in ``value``; JSON text read as what it says."""
	if depth > 8:
		return
	value = read_as_json(value)
	if isinstance(value, dict) and value:
		yield value
		for item in value.values():
			yield from containers(item, depth + 1)
	elif isinstance(value, list | tuple) and value:
		yield value
		for item in value:
			yield from containers(item, depth + 1)


def canonical(value) -> str:
	try:
		return json.dumps(value, sort_keys=True, default=str)
	except TypeError:  # keys that do not sort together (none that JSON carries)
		return json.dumps(value, default=str)


def judged(doctype, filters) -> bool:
	return (
		isinstance(doctype, str)
		and doctype in READ_BY_READERS
		and isinstance(filters, dict | list | tuple)
		and not getattr(frappe.local, "meldcode_lookups_weighed", False)
		and written_by_the_request(filters)
		and not bench_administrator_acts()
	)


@contextmanager
def not_weighed():
	"""Lookups that are not a request's: the weighing's own, and the app's removal of what it found
	itself (a case's traces, destruction)."""
	before = getattr(frappe.local, "meldcode_lookups_weighed", False)
	frappe.local.meldcode_lookups_weighed = True
	try:
		yield
	finally:
		frappe.local.meldcode_lookups_weighed = before


def readable(names: list, doctype: str) -> list:
	"""Of the records ``names``, those the session user may read (their parent, for a row)."""
	if not names or doctype == "Email Queue Recipient":  # the bench's Administrator's only
		return []
	log = getattr(frappe.local, "message_log", [])
	messages = len(log)
	try:
		with not_weighed():
			if doctype in CHILD_DOCTYPES:
				rows = frappe.get_all(
					doctype, {"name": ("in", names)}, ["name", "parenttype", "parent"], order_by=None
				)
				return [
					row.name
					for row in rows
					if row.parenttype and frappe.has_permission(row.parenttype, "read", row.parent)
				]
			return [name for name in names if frappe.has_permission(doctype, "read", name)]
	finally:
		del log[messages:]


def name_linked_records_by_text() -> None:
	"""Document._validate_links: a link names its record by text (or a number). Frappe looked up a
	link that was a dictionary as filters before asking whether its writer may create the record,
	and a ToDo posted by a guest told whether a case ToDo's text or a queued reset mail matched
	(round 208)."""
	if getattr(Document._validate_links, "meldcode_wrapped", False):
		return
	validate_links = Document._validate_links

	def validate_links_named_by_text(self):
		for row in (self, *self.get_all_children()):
			for df in row.meta.get_link_fields() + row.meta.get_dynamic_link_fields():
				value = row.get(df.fieldname)
				if value is not None and not isinstance(value, str | int | float):
					frappe.throw(
						_("{0} names a record by its name.").format(_(df.label or df.fieldname)),
						frappe.LinkValidationError,
					)
		return validate_links(self)

	validate_links_named_by_text.meldcode_wrapped = True
	Document._validate_links = validate_links_named_by_text


def find_what_the_reader_may_list() -> None:
	"""Database.get_values (get_value, exists, get_doc by filters), Database.count and get_all's
	queries, for the whole process."""
	if getattr(Database.get_values, "meldcode_wrapped", False):
		return
	get_values, count, execute = Database.get_values, Database.count, DatabaseQuery.execute

	def found(self, doctype, filters) -> list:
		names = get_values(self, doctype, filters, "name", pluck=True, order_by=None, limit=AT_MOST)
		return readable(names, doctype)

	def get_values_listed(self, doctype, filters=None, *args, **kwargs):
		if judged(doctype, filters):
			filters = {"name": ("in", found(self, doctype, filters) or [""])}
		return get_values(self, doctype, filters, *args, **kwargs)

	def count_listed(self, dt, filters=None, *args, **kwargs):
		if judged(dt, filters):
			return len(found(self, dt, filters))
		return count(self, dt, filters, *args, **kwargs)

	def execute_listed(self, *args, **kwargs):
		given = dict(zip(("fields", "filters", "or_filters"), args, strict=False)) | kwargs
		if kwargs.get("ignore_permissions") and any(
			judged(self.doctype, given.get(key)) for key in ("filters", "or_filters")
		):
			asked = {**given, "fields": ["name"], "pluck": "name", "limit_page_length": AT_MOST}
			asked.update(limit=None, page_length=None, start=0, limit_start=0, group_by=None, order_by=None)
			asked.update(as_list=False, run=True, with_comment_count=False)
			kept = readable(execute(DatabaseQuery(self.doctype), **asked), self.doctype)  # a query of its own
			given.update(filters={"name": ("in", kept or [""])}, or_filters=None)
			return execute(self, **given)
		return execute(self, *args, **kwargs)

	for wrapper in (get_values_listed, count_listed, execute_listed):
		wrapper.meldcode_wrapped = True
	Database.get_values, Database.count, DatabaseQuery.execute = (
		get_values_listed,
		count_listed,
		execute_listed,
	)
