"""Who viewed, printed or downloaded a suspicion about staff: for the board, which keeps these
cases (seed 003, "Protocol misbruik door professionals"), of the reports it may read (never the
accused's own). The school's case team never sees these entries (Meldcode Access Audit lists the
school's case records only)."""

import frappe

from meldcode_app.meldcode_app.report.meldcode_access_audit.meldcode_access_audit import (
	columns,
	logged,
	shown,
)
from meldcode_app.rules.registry import BOARD_CASE_DOCTYPES


def execute(filters: dict | None = None) -> tuple[list, list]:
	entries = logged(BOARD_CASE_DOCTYPES)
	visible = set()
	for doctype in BOARD_CASE_DOCTYPES:
		names = sorted({name for _m, _u, _a, dt, name in entries if dt == doctype and name})
		if names:
			# through get_list: the board's query conditions decide, as for the list itself
			readable = frappe.get_list(doctype, filters={"name": ("in", names)}, pluck="name")
			visible |= {(doctype, name) for name in readable}
	return columns(), shown(entries, visible)
