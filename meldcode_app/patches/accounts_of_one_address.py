"""An account is named by one e-mail address (accounts.one_address_per_account): Frappe mailed a
reset or login link to every address of a name that listed several. Such an account made before is
closed, its sessions ended; the administrator makes it again by one address."""

import frappe

from meldcode_app.access.accounts import of_one_address
from meldcode_app.access.parent_shares import end_sessions


def execute():
	for user in frappe.get_all("User", filters={"name": ("not in", frappe.STANDARD_USERS)}, pluck="name"):
		if not of_one_address(user):
			frappe.db.set_value("User", user, "enabled", 0, update_modified=False)
			end_sessions(user)
