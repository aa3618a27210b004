"""Membership of a school: the one answer to "which schools may this user see"."""

import frappe

# A function at a school holds when the school lists the person in it, the school is not
# disabled, and a second person confirmed it: an Active Meldcode Access Grant (access/grants.py).
ACTIVE = "Active"


def _active_staff_query():
	school = frappe.qb.DocType("Meldcode School")
	staff = frappe.qb.DocType("Meldcode School Staff")
	grant = frappe.qb.DocType("Meldcode Access Grant")
	return (
		frappe.qb.from_(staff)
		.join(school)
		.on(school.name == staff.parent)
		.join(grant)
		.on((grant.school == staff.parent) & (grant.user == staff.user) & (grant.function == staff.function))
		.where(staff.parenttype == "Meldcode School")
		.where(school.disabled == 0)
		.where(grant.status == ACTIVE)
	), staff


def memberships(user: str | None = None) -> list[tuple[str, str]]:
	"""(school, function) for each active school where ``user`` holds a confirmed function: the one query."""
	query, staff = _active_staff_query()
	return (
		query.select(staff.parent, staff.function)
		.distinct()
		.where(staff.user == (user or frappe.session.user))
		.run()
	)


def active_staff(schools, functions: tuple[str, ...] | None = None) -> list[tuple[str, str, str]]:
	"""(school, function, user) of the confirmed staff of ``schools``, in the order of the staff list."""
	if not schools:
		return []
	query, staff = _active_staff_query()
	query = query.select(staff.parent, staff.function, staff.user).where(staff.parent.isin(list(schools)))
	if functions:
		query = query.where(staff.function.isin(list(functions)))
	return query.orderby(staff.parent).orderby(staff.idx).run()


def schools_of_user(user: str | None = None, functions: tuple[str, ...] | None = None) -> list[str]:
	"""Names of the active schools where ``user`` is staff, optionally only in ``functions``."""
	return sorted({s for s, function in memberships(user) if not functions or function in functions})
