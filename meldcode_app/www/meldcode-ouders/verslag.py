"""The parents' portal: one shared verslag, to read and sign, and the parents' requests."""

import frappe
from frappe import _

from meldcode_app.access.parent_shares import PORTAL, enter_portal, verslag_for_portal

no_cache = 1


def get_context(context):
	enter_portal()
	context.title = _("Verslag")
	context.portal = PORTAL
	try:
		context.update(verslag_for_portal(frappe.form_dict.get("verslag")))
	except frappe.PermissionError:
		# The same answer whether the verslag exists or not; rendered here, since Frappe's own
		# "not found" page is remembered for its URL, also after the verslag is shared.
		frappe.local.message_log = []
		context.not_found = True
		context.http_status_code = 404
