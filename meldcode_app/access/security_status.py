"""What could open the meldcode to someone it should not, for the board: one row per finding."""

import frappe
from frappe import _
from frappe.twofactor import two_factor_is_enabled
from frappe.utils import add_days, date_diff, get_fullname, now_datetime
from frappe.utils.safe_exec import is_safe_exec_enabled

from meldcode_app.access.grants import ACTIVE, GRANT, PENDING

CASE_TEAM_FUNCTIONS = ("Intern Begeleider", "Aandachtsfunctionaris", "Director")
RECENT_DAYS = 30


def columns() -> list[dict]:
	return [
		{"fieldname": "check", "label": _("Check"), "fieldtype": "Data", "width": 230},
		{"fieldname": "person", "label": _("Person"), "fieldtype": "Data", "width": 200},
		{"fieldname": "detail", "label": _("Detail"), "fieldtype": "Data", "width": 360},
		{
			"fieldname": "grant",
			"label": _("Access Grant"),
			"fieldtype": "Link",
			"options": GRANT,
			"width": 110,
		},
		{"fieldname": "since", "label": _("Since"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "days", "label": _("Days"), "fieldtype": "Int", "width": 70},
	]


def rows() -> list[dict]:
	grants = frappe.get_all(GRANT, fields=["*"], order_by="requested_on asc")
	return [
		*pending(grants),
		*system_managers(grants),
		*without_two_factor(grants),
		server_scripts(),
		*recently_decided(grants),
	]


def described(grant) -> str:
	if grant.board:
		return _("Meldcode Board role")
	school = frappe.get_cached_value("Meldcode School", grant.school, "school_name") or grant.school
	return _("{0} at {1}").format(_(grant.function), school)


def pending(grants) -> list[dict]:
	now = now_datetime()
	return [
		{
			"check": _("Waiting for a decision"),
			"person": get_fullname(grant.user),
			"detail": _("{0}, asked by {1}").format(described(grant), get_fullname(grant.requested_by)),
			"grant": grant.name,
			"since": grant.requested_on,
			"days": date_diff(now, grant.requested_on),
		}
		for grant in grants
		if grant.status == PENDING
	]


def active_users(grants, functions=None) -> list[str]:
	return sorted(
		{
			grant.user
			for grant in grants
			if grant.status == ACTIVE and (functions is None or grant.board or grant.function in functions)
		}
	)


def system_managers(grants) -> list[dict]:
	managers = set(
		frappe.get_all("Has Role", filters={"parenttype": "User", "role": "System Manager"}, pluck="parent")
	)
	return [
		{
			"check": _("Holds a function and is System Manager"),
			"person": get_fullname(user),
			"detail": _("A System Manager can change the site's users and settings."),
		}
		for user in active_users(grants)
		if user in managers
	]


def without_two_factor(grants) -> list[dict]:
	return [
		{
			"check": _("No two-factor authentication"),
			"person": get_fullname(user),
			"detail": _("Case team or board: logs in with a password only."),
		}
		for user in active_users(grants, CASE_TEAM_FUNCTIONS)
		if not two_factor_is_enabled(user=user)
	]


def server_scripts() -> dict:
	enabled = is_safe_exec_enabled()
	return {
		"check": _("Server scripts"),
		"detail": _("Enabled: a System Manager can run code that reads every table.")
		if enabled
		else _("Disabled."),
	}


def recently_decided(grants) -> list[dict]:
	since = add_days(now_datetime(), -RECENT_DAYS)
	decided = [
		grant
		for grant in grants
		if grant.status != PENDING and grant.decided_on and grant.decided_on >= since
	]
	return [
		{
			"check": _("Decided in the last 30 days"),
			"person": get_fullname(grant.user),
			"detail": _("{0}: {1}, decided by {2}").format(
				_(grant.status), described(grant), get_fullname(grant.decided_by)
			),
			"grant": grant.name,
			"since": grant.decided_on,
		}
		for grant in sorted(decided, key=lambda grant: grant.decided_on, reverse=True)
	]
