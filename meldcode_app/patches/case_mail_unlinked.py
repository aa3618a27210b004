"""Timeline links Frappe made from a mail's addresses to a case record, and those of a mail about a
case to other records (Contacts, Students), go: the first put a mail on a dossier's timeline, the
second showed a case mail's text on a Contact's timeline (access/case_mail.py). The mails stay."""

import frappe

from meldcode_app.access.case_mail import about_a_case
from meldcode_app.rules.registry import CASE_TRACE_TARGETS, RECORD_DOCTYPES


def execute():
	frappe.db.delete("Communication Link", {"link_doctype": ("in", list(RECORD_DOCTYPES))})
	about_cases = [
		mail.name
		for mail in frappe.get_all(
			"Communication",
			filters={"reference_doctype": ("in", list(CASE_TRACE_TARGETS))},
			fields=["name", "reference_doctype", "reference_name"],
		)
		if about_a_case(mail.reference_doctype, mail.reference_name)
	]
	if about_cases:
		frappe.db.delete("Communication Link", {"parent": ("in", about_cases), "parenttype": "Communication"})
