"""The board's figures as charts: native charts in the workbook that openpyxl loads, that hold no
pupil name and draw only shown figures; the protocols' runs counted with the same suppression."""

import re
import shutil
import subprocess
import zipfile
from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from test_board_workbook import PUPIL, TODAY, TWO_SCHOOLS, YEAR, figures, opened, report

from meldcode_app.rules.board_figures import (
	ALL,
	HIDDEN,
	ProtocolRun,
	board_sheets,
	plottable,
	publish,
)
from meldcode_app.rules.board_workbook import write

THREE_SCHOOLS = (*TWO_SCHOOLS, ("S3", "De Wilg", "99CC"))


def test_a_hidden_cell_is_never_plotted():
	labels, series = plottable(["A", "B", "C"], [("opened", [12, "< 5", 7]), ("closed", ["*", "< 5", 6])])
	assert labels == ["A", "C"] and series == [("opened", [12, 7])]
	assert all(isinstance(v, int) for _n, values in series for v in values)


def test_the_choice_that_draws_most_bars_wins():
	labels, series = plottable(["A", "B"], [("x", [5, 6]), ("y", [7, "*"])])
	assert (labels, series) == (["A", "B"], [("x", [5, 6])])
	assert plottable(["A"], [("x", ["< 5"])]) == ([], [])


def build(reports=(), schools=THREE_SCHOOLS, dossiers=None, incidents=(), protocols=None, only=None):
	publication = (
		figures(schools, dossiers, incidents)
		if protocols is None
		else publish_protocols(list(schools), *protocols)
	)
	sheets = board_sheets(YEAR, publication, list(reports), only=only)
	out = BytesIO()
	write(
		sheets,
		out,
		"Long texts",
		["Sheet", "Row", "Column", "Part", "Of", "Text"],
		"{0} {1}",
		"Chart figures",
	)
	return publication, out.getvalue()


def cells(book, reference: str) -> list:
	"""The values a chart's reference ('Sheet'!$B$2:$B$4) points at."""
	sheet, area = reference.rsplit("!", 1)
	ws = book[sheet.strip("'")]
	found = ws[area.replace("$", "")]
	rows = found if isinstance(found, tuple) else ((found,),)
	return [c.value for row in rows for c in (row if isinstance(row, tuple) else (row,))]


def charted(book, sheet: str) -> list[tuple[str, dict]]:
	"""Each series of the charts on ``sheet``: its name and {category: value}."""
	result = []
	for chart in book[sheet]._charts:
		for series in chart.series:
			name = cells(book, series.tx.strRef.f)[0]
			categories = cells(book, (series.cat.strRef or series.cat.numRef).f)
			values = cells(book, series.val.numRef.f)
			result.append((name, dict(zip(categories, values, strict=True))))
	return result


def many_dossiers():
	return {"S1": opened("S1", 12), "S2": opened("S2", 2), "S3": opened("S3", 7)}


def test_the_workbook_charts_load_and_plot_only_shown_figures():
	publication, content = build(dossiers=many_dossiers())
	book = load_workbook(BytesIO(content))
	assert "Chart figures" in book.sheetnames
	series = charted(book, "Per school")
	assert series, "a chart of the main figures"
	titles = {title: name for name, title, _brin in THREE_SCHOOLS}
	for _name, points in series:
		for school, value in points.items():
			assert isinstance(value, int)
			assert publication.cell(titles[school], "opened") == value
	shown = [name for name, _t, _b in THREE_SCHOOLS if isinstance(publication.cell(name, "opened"), int)]
	hidden = [name for name, _t, _b in THREE_SCHOOLS if name not in shown]
	assert shown and hidden, "the test needs a shown and a hidden school"
	plotted = {school for _n, points in series for school in points}
	assert plotted == {title for name, title, _b in THREE_SCHOOLS if name in shown}


def test_the_incident_chart_draws_the_kinds_shown_of_all_schools():
	day = date(2025, 10, 1)
	incidents = (
		[("S1", day, "Bullying")] * 9
		+ [("S2", day, "Bullying")] * 6
		+ [("S3", day, "Bullying")] * 5
		+ [("S3", day, "Threat")]
	)
	publication, content = build(incidents=incidents)
	book = load_workbook(BytesIO(content))
	[(name, points)] = charted(book, "Incidents")
	assert name == "All schools"
	assert points == {"Bullying": 20}  # the hidden "< 5" of Threat is not drawn
	assert publication.cell(ALL, "incident:Threat") == "< 5"


def test_the_charts_hold_no_pupil_name():
	_publication, content = build(reports=[report()], dossiers=many_dossiers())
	with zipfile.ZipFile(BytesIO(content)) as package:
		charts = [n for n in package.namelist() if n.startswith("xl/charts/")]
		assert charts
		text = " ".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))
	for personal in (PUPIL, "MD-2025-00007", "af@school.nl"):
		assert personal not in text


def test_a_year_of_small_counts_has_no_chart():
	_publication, content = build(schools=TWO_SCHOOLS)
	book = load_workbook(BytesIO(content))
	assert "Chart figures" not in book.sheetnames
	assert not book["Per school"]._charts


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed here")
def test_libreoffice_opens_the_charts(tmp_path):
	_publication, content = build(dossiers=many_dossiers())
	source = tmp_path / "figures.xlsx"
	source.write_bytes(content)
	subprocess.run(
		["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
		check=True,
		timeout=120,
	)
	assert (tmp_path / "figures.pdf").stat().st_size > 0


def run(protocol, school, started, steps=(("1", None, None),)):
	return ProtocolRun(protocol, school, started, tuple(steps))


def publish_protocols(schools, protocols, runs):
	"""The figures of a year without dossiers, with the runs of ``protocols``."""
	return publish(YEAR, TODAY, 5, schools, {}, {}, {}, [], {}, protocols, runs)


def test_protocol_runs_are_counted_with_the_same_suppression():
	start = date(2025, 9, 1)
	done = start + timedelta(days=6)
	runs = (
		[run("P", "S1", start, [("1", start + timedelta(days=3), done)]) for _ in range(6)]
		+ [run("P", "S2", start, [("1", start + timedelta(days=3), None)]) for _ in range(2)]
		+ [run("P", "S1", date(2024, 9, 1))]  # another year
	)
	protocols = publish_protocols(list(TWO_SCHOOLS), ["P", "Q"], runs).protocols
	assert protocols.cell("P", "S2", "runs") == "< 5"
	# all schools minus the shown school would give the small one away: one of them is hidden
	assert HIDDEN in (protocols.cell("P", "S1", "runs"), protocols.cell("P", ALL, "runs"))
	assert protocols.values[("P", "S1", "runs")] == 6  # the other year's run is not counted
	# each ticked after its term, or open past it; how runs went only of all schools together
	assert protocols.values[("P", ALL, "late_runs")] == 8
	assert protocols.cell("P", "S1", "late_runs") == protocols.cell("P", "S1", "finished") == ""
	assert protocols.cell("Q", "S1", "runs") == "< 5"
	both = publish_protocols(list(TWO_SCHOOLS), ["P"], [run("P", s, start) for s in ["S1"] * 6 + ["S2"] * 7])
	assert [both.protocols.cell("P", s, "runs") for s in ("S1", "S2", ALL)] == [6, 7, 13]
	assert protocols.average_days("P") == 6.0
	assert protocols.often_late("P") == "1"
	assert protocols.average_days("Q") == HIDDEN


def test_the_protocol_sheet_names_no_one():
	start = date(2025, 9, 1)
	runs = [run("Omgaan met overlijden en rouw", "S1", start) for _ in range(5)]
	_publication, content = build(schools=TWO_SCHOOLS, protocols=(["Omgaan met overlijden en rouw"], runs))
	book = load_workbook(BytesIO(content))
	rows = list(book["Protocols"].iter_rows(min_row=2, values_only=True))
	assert [r[:3] for r in rows] == [
		("Omgaan met overlijden en rouw", "De Linde", 5),
		("Omgaan met overlijden en rouw", "Het Anker", "< 5"),
		("Omgaan met overlijden en rouw", "All schools", "*"),
	]
	assert not re.search(r"@|MD-\d", " ".join(str(v) for r in rows for v in r))
