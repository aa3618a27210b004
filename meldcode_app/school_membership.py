"""Membership of a school: the one answer to "which schools may this user see"."""

import frappe

from meldcode_app.rules.roles import FUNCTION_ROLES


def memberships(user: str | None = None) -> list[tuple[str, str]]:
	"""(school, function) for each active school where ``user`` is staff: the one query."""
	school = frappe.qb.DocType("Meldcode School")
	staff = frappe.qb.DocType("Meldcode School Staff")
	return (
		frappe.qb.from_(staff)
		.join(school)
		.on(school.name == staff.parent)
		.select(staff.parent, staff.function)
		.where(staff.parenttype == "Meldcode School")
		.where(staff.user == (user or frappe.session.user))
		.where(school.disabled == 0)
	).run()


def schools_of_user(user: str | None = None, functions: tuple[str, ...] | None = None) -> list[str]:
	"""Names of the active schools where ``user`` is staff, optionally only in ``functions``."""
	return sorted({s for s, function in memberships(user) if not functions or function in functions})


def grant_function_roles(school) -> None:
	"""Give each staff member the role that belongs to their function at this school."""
	for row in school.staff:
		role = FUNCTION_ROLES[row.function]
		if role not in frappe.get_roles(row.user):
			user = frappe.get_doc("User", row.user)
			user.flags.ignore_permissions = True
			user.add_roles(role)
