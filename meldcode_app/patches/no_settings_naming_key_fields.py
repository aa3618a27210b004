"""Customisations that name a key or password field (a fetch, a currency's options, User's title
field set to api_key) or what only the bench's Administrator sets up (an OAuth client, whose
secret is plain text: a link to fetch it from, its title, a role's permission to read it), made
before the app refused them (access/automations.refuse_case_targets), are removed; the bench's
Administrator's own stay."""

import frappe

from meldcode_app.access.automations import ADMINISTRATORS_OWN, acted_on, settings_naming_fields
from meldcode_app.rules.request_names import folded, names_a_secret_field

CUSTOMISATIONS = {"Property Setter": "doc_type", "Custom Field": "dt", "Custom DocPerm": "parent"}


def execute():
	for doctype, customised in CUSTOMISATIONS.items():
		for name in frappe.get_all(doctype, filters={"owner": ("!=", "Administrator")}, pluck="name"):
			doc = frappe.get_doc(doctype, name)
			owned = any(isinstance(n, str) and folded(n) in ADMINISTRATORS_OWN for n in acted_on(doc))
			if owned or any(names_a_secret_field(str(s)) for s in settings_naming_fields(doc)):
				frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
				frappe.clear_cache(doctype=doc.get(customised))
