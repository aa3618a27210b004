"""The Rapportage Meldcode prefilled from a dossier (DOMAIN 4.5, H43)."""

import frappe
from frappe.utils import today

from meldcode_app.access.permissions import record_for
from meldcode_app.dossier_route import staff_of


def prefilled_values(dossier_name: str) -> dict:
	dossier = record_for("Meldcode Dossier", dossier_name)
	contacts = frappe.get_all(
		"Veilig Thuis Contact", filters={"dossier": dossier_name, "docstatus": 1}, pluck="contact_type"
	)
	return {
		"school": dossier.school,
		"dossier": dossier_name,
		"report_date": today(),
		"contact_person": staff_of(dossier, "Aandachtsfunctionaris"),
		"melding_made": "Yes, Child Abuse" if "Melding" in contacts else "No",
		"external_consultation": int("Advice" in contacts),
		"external_organisations": "Veilig Thuis" if "Advice" in contacts else None,
	}
