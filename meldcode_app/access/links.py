"""No existence oracles through links, and no case moved onto another record.

A link to a case record its writer may not read is answered exactly as Frappe answers a link to a
record that does not exist (``answer_as_missing``): a title or wording of its own told them apart.

Frappe refuses to delete a record that others link to by naming them ("… is linked with Meldcode
Weighing MW-…"), which told whoever deleted a school, a pupil or a user that a case exists, its
number and its step; a refusal of its own still told a pupil with a case from one without (whose
deletion Frappe refused naming a student group, or allowed). And merging two pupils moved one
child's case onto the other. So a record of a DocType that case records link to (a user, a
school, a pupil, a student group, ...) is deleted or merged only by the bench's Administrator,
whether a case names it or not: the answer tells nothing. Renaming it is Frappe's own (the links
follow)."""

import frappe
from frappe import _

from meldcode_app.access.grants import bench_administrator_acts
from meldcode_app.rules.registry import PROTECTED_DOCTYPES


def linked_by_cases(doctype: str) -> bool:
	"""Whether a case record has a Link field to ``doctype``."""
	return any(
		df.options == doctype
		for protected in PROTECTED_DOCTYPES
		for df in frappe.get_meta(protected).get_link_fields()
	)


def kept_for_the_administrator(doc) -> bool:
	return (
		doc.doctype in PROTECTED_DOCTYPES
		or bench_administrator_acts()
		or frappe.flags.in_uninstall
		or frappe.flags.in_install
		or not linked_by_cases(doc.doctype)
	)


def refuse_deleting_what_a_case_may_name(doc, method=None):
	"""Hook (on_trash of every DocType, which Frappe runs before its own link check)."""
	if not kept_for_the_administrator(doc):
		refuse(
			_("{0} {1} is deleted only by the bench's Administrator: records of the app may refer to it."),
			doc,
		)


def refuse_merging_what_a_case_may_name(doc, method=None, old=None, new=None, merge=False):
	"""Hook (before_rename of every DocType)."""
	if merge and not kept_for_the_administrator(doc):
		refuse(
			_("{0} {1} is merged only by the bench's Administrator: records of the app may refer to it."), doc
		)


def refuse(message: str, doc):
	frappe.throw(message.format(_(doc.doctype), doc.name), frappe.PermissionError, title=_("Not allowed"))


def answer_as_missing(row, df, value, doc=None):
	"""Refuse a link of ``row`` (a record or a table row) as Frappe's own link check refuses one to
	a record that does not exist (Document._validate_links): the same text, error and title, and
	with ``doc`` (the record being saved) naming, in Frappe's order, every other link of it that
	Frappe would find missing (a missing one beside it told it apart, round 45)."""
	shown = [
		missing_link(r, f, v)
		for r, f, v in (links_of(doc) if doc is not None else [(row, df, value)])
		if (r is row and f.fieldname == df.fieldname and v == value) or not link_exists(r, f, v)
	]
	frappe.throw(_("Could not find {0}").format(", ".join(shown)), frappe.LinkValidationError)


def missing_link(row, df, value) -> str:
	label = _(df.label, context=df.parent)
	return (
		"{} #{}: {}: {}".format(_("Row"), row.idx, label, value)
		if row.get("parentfield")
		else f"{label}: {value}"
	)


def links_of(doc):
	"""(row, field, value) of each Link and Dynamic Link of ``doc`` and its rows, as Frappe checks them."""
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get_link_fields() + row.meta.get("fields", {"fieldtype": ("=", "Dynamic Link")}):
			if value := row.get(df.fieldname):
				yield row, df, value


def link_exists(row, df, value) -> bool:
	doctype = df.options if df.fieldtype == "Link" else row.get(df.options)
	return not doctype or bool(frappe.db.exists(doctype, value))
