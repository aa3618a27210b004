"""The board's figures per school for a school year, with the same suppression as the workbook;
the board sees every school, a case team its own schools."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from meldcode_app.board_export import allowed_schools, board_view, read_events, read_rows
from meldcode_app.rules import board_figures as figures


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	now = getdate(today())
	year = figures.SchoolYear.starting(int(filters.year or (now.year if now.month >= 8 else now.year - 1)))
	schools = allowed_schools(frappe.session.user)
	if not schools:
		frappe.throw(_("You may not see the figures of any school."), frappe.PermissionError)
	school_rows, dossiers, contacts, terms, _incidents, _reports = read_rows(year, schools)
	suppression = figures.Suppression(frappe.get_cached_doc("Meldcode Settings").small_count_threshold)
	board = board_view(frappe.session.user)
	events = read_events(year, schools, board)
	summary_columns = figures.summary_columns(board)
	keys = ["school", "brin_code"] + [c.key for c in summary_columns]
	data = []
	for name, title, brin in school_rows:
		raw = figures.school_counts(
			year,
			now,
			dossiers.get(name, []),
			contacts.get(name, []),
			terms.get(name, []),
			events.get(name, []),
		)
		data.append(
			dict(zip(keys, [title, brin, *figures.present(suppression, raw, summary_columns)], strict=True))
		)
	columns = [
		{"fieldname": "school", "label": _("School"), "fieldtype": "Data", "width": 200},
		{"fieldname": "brin_code", "label": _("BRIN Code"), "fieldtype": "Data", "width": 90},
	] + [
		{"fieldname": c.key, "label": c.title(_), "fieldtype": "Data", "width": 130} for c in summary_columns
	]
	opened = [row["opened"] for row in data]
	chart = {
		"data": {
			"labels": [row["school"] for row in data],
			"datasets": [
				{"name": _("Dossiers opened"), "values": [v if isinstance(v, int) else 0 for v in opened]}
			],
		},
		"type": "bar",
	}
	message = _("School year {0}. A number below {1} is shown as '< {1}' and not in the chart.").format(
		year.label, suppression.threshold
	)
	return columns, data, message, chart
