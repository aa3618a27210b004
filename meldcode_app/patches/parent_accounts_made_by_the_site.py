"""Parents' accounts the app made before (access/parent_shares.portal_user) named the team member
who shared a verslag as their owner, in the account's sharing and settings too, and had no
welcome mail and a language of their own, which anyone who may list users read: they are made
alike by the site now (rounds 46 to 48)."""

import frappe

from meldcode_app.access.accounts import link_guardians


def execute():
	users = frappe.get_all("Meldcode Parent Share", pluck="parent_user", distinct=True)
	for user in filter(None, users):
		if frappe.db.get_value("User", user, "user_type") != "Website User":
			continue
		frappe.db.set_value(
			"User",
			user,
			{
				"owner": "Administrator",
				"modified_by": "Administrator",
				"send_welcome_email": 1,
				"language": frappe.db.get_single_value("System Settings", "language"),
			},
			update_modified=False,
		)
		by_the_site = {"owner": "Administrator", "modified_by": "Administrator"}
		for doctype, filters in (
			("DocShare", {"share_doctype": "User", "share_name": user}),
			("Notification Settings", {"name": user}),
		):
			for name in frappe.get_all(doctype, filters=filters, pluck="name"):
				frappe.db.set_value(doctype, name, by_the_site, update_modified=False)
		frappe.db.delete(
			"Comment",
			{
				"reference_doctype": "User",
				"reference_name": user,
				"comment_type": "Shared",
				"owner": ("!=", "Administrator"),
			},
		)
		link_guardians(user)
