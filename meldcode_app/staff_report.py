"""Meldplicht: every staff member reports a suspicion about someone working at the school to the
board, and cannot read the report back (seed 003, "Protocol misbruik door professionals")."""

import frappe
from frappe import _

from meldcode_app.safe_api import safe_method


@frappe.whitelist()
@safe_method
def report_suspicion(
	school: str,
	nature: str,
	accused_function: str,
	accused_initials: str,
	information: str,
	pupil_initials: str | None = None,
	accused_user: str | None = None,
) -> str:
	"""Write-only: the report goes to the board; the reporter gets a confirmation, not the record."""
	frappe.get_doc(
		{
			"doctype": "Meldcode Staff Report",
			"school": school,
			"nature": nature,
			"accused_function": accused_function,
			"accused_initials": accused_initials,
			"accused_user": accused_user,
			"pupil_initials": pupil_initials,
			"information": information,
		}
	).insert(ignore_permissions=True)
	return _(
		"Your report was sent to the board. You cannot read it back; the board may contact you about it."
	)
