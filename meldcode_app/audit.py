"""Frappe logs a print preview as an Access Log but not a PDF download; case records log both.
The PDF is always made from the stored record: a posted ``doc`` is ignored (Frappe would judge
print permission on it, and a request can only post it as text)."""

import frappe
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.utils.print_format import download_pdf as frappe_download_pdf

from meldcode_app.rules.registry import BOARD_CASE_DOCTYPES, CASE_DOCTYPES
from meldcode_app.safe_api import safe_method


@frappe.whitelist(allow_guest=True)
@safe_method
def download_pdf(
	doctype: str, name: str, format=None, doc=None, no_letterhead=0, language=None, letterhead=None
):
	frappe_download_pdf(doctype, name, format, None, no_letterhead, language, letterhead)
	if doctype in CASE_DOCTYPES or doctype in BOARD_CASE_DOCTYPES:
		make_access_log(doctype=doctype, document=name, file_type="PDF", method="Download PDF")
