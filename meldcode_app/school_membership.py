"""Membership of a school: the one answer to "which schools may this user see"."""

import frappe

from meldcode_app.rules.roles import FUNCTION_ROLES


def schools_of_user(user: str | None = None, functions: tuple[str, ...] | None = None) -> list[str]:
	"""Names of the active schools where ``user`` is staff, optionally only in ``functions``."""
	school = frappe.qb.DocType("Meldcode School")
	staff = frappe.qb.DocType("Meldcode School Staff")
	query = (
		frappe.qb.from_(staff)
		.join(school)
		.on(school.name == staff.parent)
		.select(staff.parent)
		.distinct()
		.where(staff.parenttype == "Meldcode School")
		.where(staff.user == (user or frappe.session.user))
		.where(school.disabled == 0)
	)
	if functions:
		query = query.where(staff.function.isin(functions))
	return [row[0] for row in query.run()]


def grant_function_roles(school) -> None:
	"""Give each staff member the role that belongs to their function at this school."""
	for row in school.staff:
		role = FUNCTION_ROLES[row.function]
		if role not in frappe.get_roles(row.user):
			user = frappe.get_doc("User", row.user)
			user.flags.ignore_permissions = True
			user.add_roles(role)
