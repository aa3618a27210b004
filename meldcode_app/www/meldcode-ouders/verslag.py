"""The parents' portal: one shared verslag, to read and sign, and the parents' requests."""

import frappe
from frappe import _

from meldcode_app.access.parent_shares import PORTAL, verslag_for_portal
from meldcode_app.rules.parent_shares import SIGNATURES

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to={PORTAL}"
		raise frappe.Redirect
	frappe.local.lang = "nl"
	try:
		context.update(verslag_for_portal(frappe.form_dict.get("verslag")))
	except frappe.PermissionError:
		frappe.local.message_log = []
		raise frappe.PageDoesNotExistError from None  # the same answer, whether it exists or not
	context.title = _("Verslag")
	context.portal = PORTAL
	context.signatures = SIGNATURES
