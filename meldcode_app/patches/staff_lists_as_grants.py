"""Four eyes on every grant: today's staff lists and board members become Active grants, asked
and decided by "migration", so nobody loses access on upgrade."""

import frappe
from frappe.utils import now_datetime

from meldcode_app.access.grants import ACTIVE, BENCH_ADMINISTRATOR, GRANT
from meldcode_app.rules.roles import BOARD

NOTE = "migration"


def execute():
	if not frappe.flags.in_patch:
		return  # a scheduled job that names this patch grants nothing
	staff = frappe.get_all(
		"Meldcode School Staff",
		filters={"parenttype": "Meldcode School"},
		fields=["parent as school", "user", "function"],
		distinct=True,
	)
	board = frappe.get_all(
		"Has Role", filters={"parenttype": "User", "role": BOARD}, pluck="parent", distinct=True
	)
	activate([*staff, *({"user": user, "board": 1} for user in board)])


def activate(grants: list[dict]) -> None:
	"""Each grant Active, asked and decided by "migration", unless one was decided before."""
	for values in grants:
		if frappe.db.exists(GRANT, values):  # decided once: a refused or revoked grant stays so
			continue
		grant = frappe.get_doc(
			{
				"doctype": GRANT,
				**values,
				"status": ACTIVE,
				"requested_by": BENCH_ADMINISTRATOR,
				"requested_on": now_datetime(),
				"decided_by": BENCH_ADMINISTRATOR,
				"decided_on": now_datetime(),
				"reason": NOTE,
			}
		)
		grant.flags.changed_by_grants = True
		grant.insert(ignore_permissions=True, ignore_links=True)
