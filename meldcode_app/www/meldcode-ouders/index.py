"""The parents' portal: the verslagen shared with the logged-in parent."""

import frappe
from frappe import _

from meldcode_app.access.parent_shares import PORTAL, enter_portal, shares_of

no_cache = 1


def get_context(context):
	enter_portal()
	context.title = _("Verslagen from the school")
	context.shares = shares_of(frappe.session.user)
	context.portal = PORTAL
