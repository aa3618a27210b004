"""Frappe's search index holds no case record and no trace of one.

Frappe copies the text of every record of a searchable DocType into ``__global_search`` (a case's
term ToDo: "Term … of dossier MD-…"), where code of other apps searches it past any permission
(ERPNext's help search, open to guests), and where Frappe's own search ranks and limits before any
permission: which of one's own records came back told that a hidden one held a word (round 52).
A case record or a trace of one is kept out: its row goes when it is saved, the copy Frappe queued
then is emptied, and the rows Frappe rebuilds for a whole DocType (Global Search Settings) go with
the hourly job."""

import frappe
from frappe.utils.global_search import delete_for_document, sync_value_in_queue

from meldcode_app.access.permissions import case_traces, record_behind
from meldcode_app.rules.registry import PROTECTED_DOCTYPES, TRACE_REFERENCES, WRITE_INTO_DOCTYPES


def case_record_or_trace(doc) -> bool:
	"""Whether ``doc`` is a case record or a trace of one, or of one of its traces (a ToDo, comment,
	file, ... of it; a ToDo about a case's file)."""
	if doc.doctype in PROTECTED_DOCTYPES:
		return True
	field, name = TRACE_REFERENCES.get(doc.doctype, (None, None))
	return field is not None and record_behind(doc.get(field), doc.get(name))[0] in PROTECTED_DOCTYPES


def keep_out(doc, method=None) -> None:
	"""Hook (on_change of every DocType: after Frappe queued the record's text for the index)."""
	if case_record_or_trace(doc):
		# The queue keeps the last value of a record: an empty one, after Frappe's.
		sync_value_in_queue(
			{
				"doctype": doc.doctype,
				"name": doc.name,
				"content": "",
				"published": 0,
				"title": "",
				"route": "",
			}
		)
		delete_for_document(doc)


def clean() -> None:
	"""Scheduler (hourly) and the update: every row of a case record or a trace of one."""
	index = frappe.qb.Table("__global_search")
	protected = sorted(PROTECTED_DOCTYPES)
	frappe.qb.from_(index).delete().where(index.doctype.isin(protected)).run()
	for doctype, (field, _name) in TRACE_REFERENCES.items():
		if doctype in WRITE_INTO_DOCTYPES:  # also about a trace of a case (a ToDo about its file)
			frappe.db.sql(
				f"delete from `__global_search` where doctype = %s and name in ({case_traces(doctype)})",
				doctype,
			)
			continue
		table = frappe.qb.DocType(doctype)
		traces = frappe.qb.from_(table).select(table.name).where(table[field].isin(protected))
		frappe.qb.from_(index).delete().where((index.doctype == doctype) & index.name.isin(traces)).run()
