"""Shares made before a share kept the verslag as shared get their snapshot now: the verslag as
the portal showed it (the addenda it held when it was shared; the signals of its own dossier).
What the team changed in the signals since sharing cannot be undone here."""

import frappe
from frappe.utils import get_datetime

from meldcode_app.access.parent_shares import CONVERSATION, SHARE, rendered_verslag
from meldcode_app.rules.parent_shares import READABLE


def execute():
	for share in frappe.get_all(
		SHARE,
		filters={"status": ("in", READABLE), "verslag_snapshot": ("is", "not set")},
		fields=["name", "conversation", "shared_on"],
	):
		if not frappe.db.exists(CONVERSATION, share.conversation):
			continue
		doc = frappe.get_doc(CONVERSATION, share.conversation)
		shared_on = get_datetime(share.shared_on)
		doc.addenda = [row for row in doc.addenda if row.added_on and get_datetime(row.added_on) <= shared_on]
		frappe.db.set_value(
			SHARE, share.name, "verslag_snapshot", rendered_verslag(doc), update_modified=False
		)
