"""Parents' accounts the app made before (access/parent_shares.portal_user) named the team member
who shared a verslag as their owner, which anyone who may list users read: they are the site's."""

import frappe


def execute():
	users = frappe.get_all("Meldcode Parent Share", pluck="parent_user", distinct=True)
	for user in filter(None, users):
		if frappe.db.get_value("User", user, "user_type") == "Website User":
			frappe.db.set_value(
				"User",
				user,
				{"owner": "Administrator", "modified_by": "Administrator"},
				update_modified=False,
			)
