"""The case team's open dossiers by step with their running and overdue terms; the same
permission filter as the list (frappe.get_list), and no pupil's name; school and casemanager by
name."""

from collections import Counter

import frappe
from frappe import _
from frappe.utils import getdate, today


def execute(filters: dict | None = None) -> tuple:
	dossiers = frappe.get_list(
		"Meldcode Dossier",
		filters={"workflow_state": ("!=", "Closed")},
		fields=["name", "school", "workflow_state", "casemanager_name", "opened_on", "acute"],
		order_by="opened_on asc",
	)
	terms = term_summary([d.name for d in dossiers])
	school_names = {
		school: frappe.get_cached_value("Meldcode School", school, "school_name") or school
		for school in {d.school for d in dossiers}
	}
	data = [
		{
			**d,
			"school": school_names[d.school],
			"workflow_state": _(d.workflow_state),
			"next_due": terms.get(d.name, {}).get("next_due"),
			"overdue": terms.get(d.name, {}).get("overdue", 0),
		}
		for d in dossiers
	]
	steps = Counter(_(d.workflow_state) for d in dossiers)
	chart = {
		"data": {
			"labels": list(steps),
			"datasets": [{"name": _("Open dossiers"), "values": list(steps.values())}],
		},
		"type": "bar",
	}
	return columns(), data, None, chart


def columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Dossier"),
			"fieldtype": "Link",
			"options": "Meldcode Dossier",
			"width": 150,
		},
		{"fieldname": "school", "label": _("School"), "fieldtype": "Data", "width": 200},
		{"fieldname": "workflow_state", "label": _("Step"), "fieldtype": "Data", "width": 200},
		{"fieldname": "casemanager_name", "label": _("Casemanager"), "fieldtype": "Data", "width": 180},
		{"fieldname": "opened_on", "label": _("Opened On"), "fieldtype": "Date", "width": 110},
		{"fieldname": "acute", "label": _("Acute"), "fieldtype": "Check", "width": 70},
		{"fieldname": "next_due", "label": _("Next Term Due"), "fieldtype": "Date", "width": 120},
		{"fieldname": "overdue", "label": _("Overdue Terms"), "fieldtype": "Int", "width": 110},
	]


def term_summary(dossiers: list[str]) -> dict:
	if not dossiers:
		return {}
	term = frappe.qb.DocType("Meldcode Dossier Term")
	summary = {}
	now = getdate(today())
	for parent, due in (
		frappe.qb.from_(term)
		.select(term.parent, term.due_date)
		.where(term.parenttype == "Meldcode Dossier")
		.where(term.parent.isin(dossiers))
		.where(term.status == "Open")
	).run():
		row = summary.setdefault(parent, {"next_due": None, "overdue": 0})
		due = getdate(due)
		row["overdue"] += due < now
		row["next_due"] = min(filter(None, [row["next_due"], due]))
	return summary
