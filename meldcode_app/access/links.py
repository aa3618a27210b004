"""No existence oracles through links: Frappe refuses to delete a record that others link to by
naming them ("… is linked with Meldcode Weighing MW-…"), which would tell whoever deletes a
school, a pupil, a route or a user that a case exists, its number and its step. A record a case
record links to is refused without naming anything."""

import frappe
from frappe import _

from meldcode_app.rules.registry import PROTECTED_DOCTYPES


def links_to(doctype: str) -> list[tuple[str, str]]:
	"""(protected DocType, field) of every Link field of a case record to ``doctype``."""
	return [
		(protected, df.fieldname)
		for protected in sorted(PROTECTED_DOCTYPES)
		for df in frappe.get_meta(protected).get_link_fields()
		if df.options == doctype
	]


def refuse_deleting_what_a_case_names(doc, method=None):
	"""Hook (on_trash of every DocType, which Frappe runs before its own link check)."""
	if doc.doctype in PROTECTED_DOCTYPES or frappe.flags.in_uninstall or frappe.flags.in_install:
		return
	for protected, field in links_to(doc.doctype):
		if frappe.db.exists(protected, {field: doc.name}):
			frappe.throw(
				_("{0} {1} cannot be deleted: records of the school refer to it.").format(
					_(doc.doctype), doc.name
				),
				frappe.LinkExistsError,
				title=_("Not deleted"),
			)
