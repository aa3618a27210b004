"""Accounts are not taken over quietly: a new password or API key that someone else sets for a
user who holds an Active grant (staff of a school or the board), and a login-as, is recorded in
Frappe's Activity Log and told, by a link to the grant only, to that person and to whoever
confirms their grants (the school's director, or the board)."""

import frappe
from frappe import _

from meldcode_app.access.grants import (
	BENCH_ADMINISTRATOR,
	GRANT,
	OPEN,
	bench_administrator_acts,
	deciders,
	tell,
)
from meldcode_app.safe_api import safe_method

PASSWORD, API_KEY, LOGIN_AS = "password", "API key", "login-as"
RESET_FIELDS = ("reset_password_key", "last_reset_password_key_generated_on")
SUBJECTS = {
	PASSWORD: "Someone else set a new password for an account with access to the meldcode.",
	API_KEY: "Someone else made a new API key for an account with access to the meldcode.",
	LOGIN_AS: "The Administrator logged in as a user with access to the meldcode.",
}


def note_changes_by_others(user, method=None) -> None:
	"""User before_validate, while the new password is still on the form (Frappe clears it in validate)."""
	if user.is_new() or frappe.session.user == user.name:
		return
	stored = user.get_doc_before_save()
	if stored and any(user.get(f) != stored.get(f) for f in RESET_FIELDS) and not bench_administrator_acts():
		# A reset key planted by someone else is a password of their choosing, set quietly.
		frappe.throw(
			_("Only the user themselves (by the e-mail Frappe sends) resets a password."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	changes = []
	if user.get("new_password"):
		changes.append(PASSWORD)
	secret = user.get("api_secret")
	if secret and set(secret) != {"*"}:  # Frappe shows a stored secret as asterisks
		changes.append(API_KEY)
	user.flags.changed_by_others = changes


def tell_changes_by_others(user, method=None) -> None:
	for change in user.flags.changed_by_others or ():
		record(user.name, change)


def record(user: str, change: str) -> None:
	# A grant still awaiting its decision too: the account would be taken over once confirmed.
	held = frappe.get_all(
		GRANT, filters={"user": user, "status": ("in", OPEN)}, fields=["*"], order_by="creation"
	)
	if not held:
		return
	frappe.get_doc(
		{
			"doctype": "Activity Log",
			"user": user,
			"status": "Success",
			"operation": "Impersonate" if change == LOGIN_AS else "",
			"reference_doctype": "User",
			"reference_name": user,
			"subject": f"Meldcode: {change} of {user} set by {frappe.session.user}",
		}
	).insert(ignore_permissions=True, ignore_links=True)
	told = {user}.union(*(deciders(grant) for grant in held)) - {frappe.session.user}
	tell(told, held[0], SUBJECTS[change])


@frappe.whitelist(methods=["POST"])
@safe_method
def impersonate(user: str, reason: str):
	"""Frappe's login-as (the Administrator only), told to the person and their deciders first."""
	from frappe.core.doctype.user.user import impersonate as frappe_impersonate

	frappe.only_for(BENCH_ADMINISTRATOR)
	if not isinstance(user, str) or not frappe.db.exists("User", user):
		frappe.throw(_("User {0} does not exist.").format(user))
	record(user, LOGIN_AS)
	return frappe_impersonate(user, reason)


# What runs as the Administrator or lets someone log in as anyone: the bench's Administrator's only.
ADMINISTRATOR_ONLY = ("Scheduled Job Type", "Social Login Key", "LDAP Settings")


def refuse_unless_bench_administrator(doc, method=None) -> None:
	"""Before validate of a Scheduled Job Type (it runs any function as the Administrator), a Social
	Login Key or the LDAP settings (an outside server that says who logs in)."""
	if not bench_administrator_acts():
		frappe.throw(
			_("Only the bench's Administrator sets up a {0}.").format(_(doc.doctype)),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
