"""The parents' portal: the verslagen shared with the logged-in parent."""

import frappe
from frappe import _

from meldcode_app.access.parent_shares import PORTAL, PORTAL_LANGUAGE, shares_of

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to={PORTAL}"
		raise frappe.Redirect(302)  # not remembered by the browser: after login the page opens
	frappe.local.lang = PORTAL_LANGUAGE
	context.title = _("Verslagen from the school")
	context.shares = shares_of(frappe.session.user)
	context.portal = PORTAL
