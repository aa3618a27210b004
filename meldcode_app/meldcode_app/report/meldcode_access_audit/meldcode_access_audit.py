"""Who viewed, printed or exported the case records of the schools the user leads (DOMAIN 7.7)."""

import frappe
from frappe import _

from meldcode_app.access.permissions import scope_of
from meldcode_app.rules.registry import CASE_DOCTYPES


def execute(filters: dict | None = None) -> tuple[list, list]:
	return columns(), rows(frappe.session.user, frappe._dict(filters or {}))


def columns() -> list[dict]:
	return [
		{"fieldname": "moment", "label": _("Date and Time"), "fieldtype": "Datetime", "width": 170},
		{"fieldname": "user", "label": _("User"), "fieldtype": "Link", "options": "User", "width": 220},
		{"fieldname": "action", "label": _("Action"), "fieldtype": "Data", "width": 140},
		{"fieldname": "record_type", "label": _("Record Type"), "fieldtype": "Data", "width": 180},
		{
			"fieldname": "record",
			"label": _("Record"),
			"fieldtype": "Dynamic Link",
			"options": "record_type",
			"width": 170,
		},
	]


def rows(user: str, filters) -> list[dict]:
	"""The same scope as the lists: only records of the schools where the user is on the case team."""
	schools = scope_of(user).case_team_schools if user != "Administrator" else None
	entries = logged(CASE_DOCTYPES)
	visible = visible_records({(dt, name) for _m, _u, _a, dt, name in entries if name}, schools)
	return shown(entries, visible)


def logged(doctypes) -> list[tuple]:
	"""Every view, print, download and export of records of ``doctypes``: (moment, user, action,
	DocType, record), two queries."""
	view, access = frappe.qb.DocType("View Log"), frappe.qb.DocType("Access Log")
	views = (
		frappe.qb.from_(view)
		.select(view.creation, view.viewed_by, view.reference_doctype, view.reference_name)
		.where(view.reference_doctype.isin(list(doctypes)))
	).run()
	accesses = (
		frappe.qb.from_(access)
		.select(
			access.creation,
			access.user,
			access.export_from,
			access.reference_document,
			access.method,
			access.file_type,
		)
		.where(access.export_from.isin(list(doctypes)))
	).run()
	entries = [(m, u, _("Viewed"), dt, name) for m, u, dt, name in views]
	entries += [
		(m, u, _(method or "Export") + (f" ({ft})" if ft else ""), dt, name)
		for m, u, dt, name, method, ft in accesses
	]
	return entries


def shown(entries: list[tuple], visible: set[tuple[str, str]]) -> list[dict]:
	"""The entries about ``visible`` records, newest first."""
	return [
		{"moment": m, "user": u, "action": a, "record_type": _(dt), "record": name}
		for m, u, a, dt, name in sorted(entries, reverse=True)
		if (dt, name) in visible
	]


def visible_records(records: set[tuple[str, str]], schools) -> set[tuple[str, str]]:
	"""One query per record type: which of ``records`` belong to ``schools`` (all for None)."""
	visible = set()
	for doctype in {dt for dt, _name in records}:
		names = [name for dt, name in records if dt == doctype]
		filters = {"name": ("in", names)}
		if schools is not None:
			if not schools:
				continue
			filters["school"] = ("in", schools)
		visible |= {(doctype, n) for n in frappe.get_all(doctype, filters=filters, pluck="name")}
	return visible
