"""The parents' inspection copy: the dossier and its records, without working notes, with
third parties by initials (DOMAIN 7.2, H23)."""

import frappe
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.utils import now_datetime
from frappe.utils.pdf import get_pdf

from meldcode_app.access.permissions import record_for
from meldcode_app.printing import in_dutch, meldcode_print_context
from meldcode_app.rules.afwegingskader import QUESTIONS


def render(dossier_name: str) -> str:
	dossier = frappe.get_doc("Meldcode Dossier", dossier_name)

	def records(doctype, order_by, **filters):
		names = frappe.get_all(
			doctype,
			filters={"dossier": dossier_name, "docstatus": ("!=", 2), **filters},
			pluck="name",
			order_by=order_by,
		)
		return [frappe.get_doc(doctype, name) for name in names]

	with in_dutch():
		return frappe.render_template(
			"templates/meldcode/inspection_copy.html",
			{
				"dossier": dossier,
				"ctx": meldcode_print_context(dossier),
				"signals": records("Meldcode Signal", "signal_date asc, signal_time asc"),
				"conversations": records("Meldcode Conversation", "conversation_date asc"),
				"weighings": records("Meldcode Weighing", "weighing_date asc", docstatus=1),
				"contacts": records("Veilig Thuis Contact", "contact_datetime asc", docstatus=1),
				"questions": QUESTIONS,
			},
		)


def export(dossier_name: str) -> str:
	"""A private PDF attached to the dossier, logged as an export; returns the file's URL."""
	record_for("Meldcode Dossier", dossier_name)
	pdf = get_pdf(render(dossier_name))
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"inzage-{dossier_name}-{now_datetime():%Y%m%d%H%M%S}-{frappe.generate_hash(length=16)}.pdf",
			"attached_to_doctype": "Meldcode Dossier",
			"attached_to_name": dossier_name,
			"is_private": 1,
			"content": pdf,
		}
	).insert(ignore_permissions=True)
	make_access_log(
		doctype="Meldcode Dossier", document=dossier_name, file_type="PDF", method="Inspection Copy"
	)
	return file.file_url
