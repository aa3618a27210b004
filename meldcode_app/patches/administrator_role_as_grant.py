"""The Meldcode Administrator role is held with a confirmed grant, as the board's: whoever holds it
on upgrade gets an Active grant, decided by "migration", so nobody loses it."""

import frappe

from meldcode_app.patches.staff_lists_as_grants import activate
from meldcode_app.rules.roles import ADMINISTRATOR


def execute():
	if not frappe.flags.in_patch:
		return  # a scheduled job that names this patch grants nothing
	holders = frappe.get_all(
		"Has Role", filters={"parenttype": "User", "role": ADMINISTRATOR}, pluck="parent", distinct=True
	)
	activate([{"user": user, "administrator": 1} for user in holders if user != "Administrator"])
