"""Rules shared by the records of a dossier (signals, conversations, weighings, Veilig Thuis contacts)."""

import frappe
from frappe import _


def validate_same_school(doc):
	"""A record linked to a dossier is about the dossier's pupil at the dossier's school."""
	if not doc.get("dossier"):
		return
	school, pupil = frappe.db.get_value("Meldcode Dossier", doc.dossier, ["school", "pupil_name"])
	if doc.get("school") and doc.school != school:
		frappe.throw(
			_("Dossier {0} belongs to another school.").format(doc.dossier), title=_("Wrong dossier")
		)
	doc.school = school
	if doc.meta.has_field("pupil_name"):
		doc.pupil_name = doc.pupil_name or pupil
