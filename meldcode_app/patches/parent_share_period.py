"""The period a verslag stays shared with the parents gets its default on sites that had the
settings before it existed."""

import frappe


def execute():
	if not frappe.db.get_single_value("Meldcode Settings", "parent_share_days"):
		frappe.db.set_single_value("Meldcode Settings", "parent_share_days", 30)
