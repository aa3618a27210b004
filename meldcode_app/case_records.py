"""Rules shared by the records of a dossier (signals, conversations, weighings, Veilig Thuis contacts)."""

import frappe
from frappe import _

from meldcode_app.education import fill_from_student
from meldcode_app.rules.conditions import to_python


def validate_same_school(doc):
	"""A record linked to a dossier is about the dossier's pupil at the dossier's school."""
	fill_from_student(doc)
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


def refuse_deletion(doc, method=None):
	"""Case records are destroyed only through the recorded destruction procedure, never deleted in the desk."""
	if not frappe.flags.meldcode_destruction:
		frappe.throw(
			_(
				"{0} {1} cannot be deleted. A dossier is destroyed only through the recorded destruction procedure."
			).format(_(doc.doctype), doc.name),
			frappe.PermissionError,
			title=_("Not deleted"),
		)


def enforce_conditional_mandatory(doc, method=None):
	"""The form marks a field mandatory under a condition (``mandatory_depends_on``); Frappe v15
	only checks that in the browser, so the server checks it too, for REST and scripts."""
	missing = [
		_(df.label)
		for df in doc.meta.fields
		if df.mandatory_depends_on
		and doc.get(df.fieldname) in (None, "", [])
		and frappe.safe_eval(to_python(df.mandatory_depends_on), None, {"doc": doc})
	]
	if missing:
		frappe.throw(
			_("Still needed: {0}.").format(", ".join(frappe.bold(label) for label in missing)),
			frappe.MandatoryError,
			title=_("Missing"),
		)
