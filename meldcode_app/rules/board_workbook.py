"""Writes the board's workbook with openpyxl in write-only mode (no Frappe): a frozen header row,
a filter and readable widths on every sheet; text that starts like a formula cannot run as one;
a text longer than a spreadsheet cell holds continues on a sheet of its own, so nothing is cut.
A sheet may carry a native bar chart below its table; its numbers are written to a sheet of
chart figures of their own, so a chart never reads a hidden cell ("< 5", "*") of a table."""

from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # characters a spreadsheet cell holds
PART = 32_000
# One alignment for every text cell, wrapped when long: made once, not per cell (the workbook of
# a large board has thousands).
TOP_ALIGNED = {wrap: Alignment(wrap_text=wrap, vertical="top") for wrap in (False, True)}


@dataclass(frozen=True)
class Chart:
	"""A clustered bar chart: ``categories`` along the axis, each series a name and one shown
	number per category (never a hidden cell: see board_figures.plottable)."""

	title: str
	categories: list[str]
	series: list[tuple[str, list[int]]]


@dataclass
class Sheet:
	title: str
	header: list[str]
	rows: Iterable[list]
	widths: list[int]
	chart: Chart | None = None


def neutralise(value):
	"""A text that starts like a formula is stored as text with a leading apostrophe."""
	if isinstance(value, str) and value.startswith(FORMULA_START):
		return "'" + value
	return value


def write(
	sheets: list[Sheet],
	target,
	long_texts_title: str,
	long_texts_header: list[str],
	continued: str,
	chart_data_title: str = "Chart figures",
) -> None:
	"""``continued`` is a template "{0} {1}" for the note left in a cell whose text continues."""
	workbook = Workbook(write_only=True)
	overflow, charts = [], []
	for sheet in sheets:
		ws = workbook.create_sheet(sheet.title[:31])
		for index, width in enumerate(sheet.widths, start=1):
			ws.column_dimensions[get_column_letter(index)].width = width
		ws.freeze_panes = "A2"
		bold = Font(bold=True)
		header = []
		for title in sheet.header:
			cell = WriteOnlyCell(ws, value=neutralise(title))
			cell.font = bold
			header.append(cell)
		ws.append(header)
		count = 0
		for count, row in enumerate(sheet.rows, start=1):
			cells = []
			for column, value in enumerate(row, start=1):
				if isinstance(value, str) and len(value) > CELL_LIMIT:
					parts = [value[i : i + PART] for i in range(0, len(value), PART)]
					overflow += [
						[sheet.title, count + 1, sheet.header[column - 1], n, len(parts), part]
						for n, part in enumerate(parts, start=1)
					]
					value = continued.format(long_texts_title, len(parts))
				cell = WriteOnlyCell(ws, value=neutralise(value))
				if isinstance(value, str):
					cell.data_type = "s"
					cell.alignment = TOP_ALIGNED[len(value) > 60]
				cells.append(cell)
			ws.append(cells)
		ws.auto_filter.ref = f"A1:{get_column_letter(max(len(sheet.header), 1))}{count + 1}"
		if sheet.chart and sheet.chart.categories and sheet.chart.series:
			charts.append((ws, f"A{count + 3}", sheet.chart))
	if overflow:
		write_overflow(workbook, long_texts_title, long_texts_header, overflow)
	if charts:
		write_charts(workbook, chart_data_title, charts)
	workbook.save(target)


def write_charts(workbook, title: str, charts: list) -> None:
	"""Each chart's figures as a block of the chart figures sheet (a header row of series names,
	then a row per category), and the chart on its own sheet below the table."""
	data = workbook.create_sheet(title[:31])
	data.column_dimensions["A"].width = 36
	row = 1
	for ws, anchor, chart in charts:
		data.append([neutralise(chart.title), *(neutralise(name) for name, _values in chart.series)])
		for index, category in enumerate(chart.categories):
			data.append([neutralise(category), *(values[index] for _name, values in chart.series)])
		last = row + len(chart.categories)
		bars = BarChart()
		bars.type, bars.grouping, bars.title = "col", "clustered", chart.title
		bars.width, bars.height = 24, 10
		bars.display_blanks = "gap"
		bars.add_data(
			Reference(data, min_col=2, max_col=1 + len(chart.series), min_row=row, max_row=last),
			titles_from_data=True,
		)
		bars.set_categories(Reference(data, min_col=1, min_row=row + 1, max_row=last))
		ws.add_chart(bars, anchor)
		data.append([])
		row = last + 2


def write_overflow(workbook, title: str, header: list[str], rows: list[list]) -> None:
	ws = workbook.create_sheet(title[:31])
	for index, width in enumerate((22, 8, 24, 8, 8, 120), start=1):
		ws.column_dimensions[get_column_letter(index)].width = width
	ws.freeze_panes = "A2"
	ws.append(header)
	for row in rows:
		cells = [WriteOnlyCell(ws, value=neutralise(v)) for v in row]
		cells[-1].data_type = "s"
		ws.append(cells)
	ws.auto_filter.ref = f"A1:F{len(rows) + 1}"
