"""Writes the board's workbook with openpyxl in write-only mode (no Frappe): a frozen header row,
a filter and readable widths on every sheet; text that starts like a formula cannot run as one;
a text longer than a spreadsheet cell holds continues on a sheet of its own, so nothing is cut."""

from collections.abc import Iterable
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # characters a spreadsheet cell holds
PART = 32_000


@dataclass
class Sheet:
	title: str
	header: list[str]
	rows: Iterable[list]
	widths: list[int]


def neutralise(value):
	"""A text that starts like a formula is stored as text with a leading apostrophe."""
	if isinstance(value, str) and value.startswith(FORMULA_START):
		return "'" + value
	return value


def write(
	sheets: list[Sheet], target, long_texts_title: str, long_texts_header: list[str], continued: str
) -> None:
	"""``continued`` is a template "{0} {1}" for the note left in a cell whose text continues."""
	workbook = Workbook(write_only=True)
	overflow = []
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
					cell.alignment = Alignment(wrap_text=len(value) > 60, vertical="top")
				cells.append(cell)
			ws.append(cells)
		ws.auto_filter.ref = f"A1:{get_column_letter(max(len(sheet.header), 1))}{count + 1}"
	if overflow:
		write_overflow(workbook, long_texts_title, long_texts_header, overflow)
	workbook.save(target)


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
