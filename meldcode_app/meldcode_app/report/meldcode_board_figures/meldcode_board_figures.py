"""The board's figures per school for a school year, hidden exactly as in the workbook; the board
sees every school, a case team its own schools. How the dossiers closed ended is shown above the
table, for all schools together only (as on the workbook's sheet per outcome)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from meldcode_app.board_export import allowed_schools, board_view, not_yet_published, publication
from meldcode_app.rules import board_figures as figures


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	last_ended = figures.SchoolYear.last_ended(getdate(today()))
	year = figures.SchoolYear.starting(int(filters.year)) if filters.year else last_ended
	user = frappe.session.user
	schools = allowed_schools(user)
	if not schools:
		# Told, not raised: Frappe's watch of a report that raised is never stopped, and 15 seconds
		# later made the board's report a prepared one for everyone.
		return [], [], _("You may not see the figures of any school.")
	if reason := not_yet_published(year, schools, user):
		return [], [], reason
	figures_of_year = publication(year, schools, user)
	summary_columns = figures.summary_columns(board_view(user))
	rows = [(name, title, brin) for name, title, brin in figures_of_year.schools]
	if len(rows) > 1:
		rows.append((figures.ALL, _("All schools"), ""))
	keys = ["school", "brin_code"] + [c.key for c in summary_columns]
	data = [
		dict(zip(keys, [title, brin, *figures_of_year.row(name, summary_columns)], strict=True))
		for name, title, brin in rows
	]
	columns = [
		{"fieldname": "school", "label": _("School"), "fieldtype": "Data", "width": 200},
		{"fieldname": "brin_code", "label": _("BRIN Code"), "fieldtype": "Data", "width": 90},
	] + [
		{"fieldname": c.key, "label": c.title(_), "fieldtype": "Data", "width": 130} for c in summary_columns
	]
	# A hidden figure is left out of the chart, never drawn as a number (figures.plottable).
	chart = report_chart(figures_of_year, summary_columns)
	message = _(
		"School year {0}. A number below {1} is shown as '< {1}'; '*' hides a figure from which a small one could be worked out, 'x' one that is withheld. Hidden figures are not in the chart."
	).format(year.label, figures_of_year.threshold)
	return columns, data, message, chart, outcome_summary(figures_of_year)


def outcome_summary(figures_of_year: figures.Publication) -> list[dict]:
	"""The dossiers closed by outcome, of all schools together: never per school."""
	return [
		{
			"label": _("{0} (all schools)").format(c.title(_)),
			"value": figures_of_year.cell(figures.ALL, c.key),
			"datatype": "Data",
		}
		for c in figures.OUTCOME_COLUMNS
	]


def report_chart(figures_of_year: figures.Publication, columns) -> dict | None:
	"""The main figures per school as bars: only the schools and figures that are shown."""
	by_key = {c.key: c for c in columns}
	schools = figures_of_year.schools
	labels, series = figures.plottable(
		[title for _name, title, _brin in schools],
		[
			(by_key[key].title(_), [figures_of_year.cell(name, key) for name, _t, _b in schools])
			for key in figures.CHART_COLUMNS
		],
	)
	if not labels:
		return None
	return {
		"data": {"labels": labels, "datasets": [{"name": n, "values": v} for n, v in series]},
		"type": "bar",
		"barOptions": {"stacked": 0},
	}
