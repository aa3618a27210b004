"""The letters to parents after a serious incident (seed 003): printed from the Safety Incident
in Dutch, and the letter as sent kept with the incident, privately."""

import hashlib

import frappe
from frappe import _
from frappe.utils import today

from meldcode_app.access.permissions import may
from meldcode_app.printing import render_pdf
from meldcode_app.rules.letters import check_letter
from meldcode_app.safe_api import safe_method
from meldcode_app.utils import rules_enforced


@frappe.whitelist()
@safe_method
def keep_sent_letter(incident: str, letter: str) -> str:
	"""The letter as it was sent, as a private PDF on the incident with its SHA-256; returns its URL."""
	with rules_enforced(_("Letter not kept")):
		check_letter(letter)
	if not may("write", "Safety Incident", incident):
		frappe.throw(
			_("You may not change {0} {1}.").format(_("Safety Incident"), incident),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	frappe.get_doc("Safety Incident", incident).run_method("validate")  # names no child
	pdf = render_pdf("Safety Incident", incident, letter)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{frappe.scrub(letter)}-{incident}-{today()}-{frappe.generate_hash(length=16)}.pdf",
			"attached_to_doctype": "Safety Incident",
			"attached_to_name": incident,
			"is_private": 1,
			"content": pdf,
		}
	).insert(ignore_permissions=True)
	frappe.get_doc("Safety Incident", incident).add_comment(
		"Info",
		_("{0} sent on {1} and kept (SHA-256 {2}).").format(letter, today(), hashlib.sha256(pdf).hexdigest()),
	)
	return file.file_url
