"""The dossier's picture: lanes, colours, escaping and a scale for two weeks or two years."""

import re
from datetime import date, timedelta
from xml.etree import ElementTree

from meldcode_app.rules.timeline import (
	CANCELLED,
	DONE,
	LANES,
	OPEN,
	OVERDUE,
	Item,
	legend,
	render,
	term_state,
	ticks,
)

ON = date(2026, 12, 5)
LABELS = {lane: lane.title() for lane in LANES}


def item(lane="signals", days_ago=3, state=DONE, title="Signaal", name="MS-1"):
	return Item(lane, ON - timedelta(days=days_ago), title, f"/app/meldcode-signal/{name}", state)


def test_terms_are_red_when_overdue_and_green_when_kept():
	assert term_state("Open", ON - timedelta(days=1), ON) == OVERDUE
	assert term_state("Open", ON, ON) == OPEN
	assert term_state("Kept", ON - timedelta(days=9), ON) == DONE
	assert term_state("Cancelled", ON - timedelta(days=9), ON) == CANCELLED


def test_each_item_is_a_link_to_its_record_with_its_date_and_colour():
	svg = render([item(), item("terms", -2, OVERDUE, "Termijn", "MD-1")], ON, LABELS, "Vandaag")
	tree = ElementTree.fromstring(svg)  # well-formed
	links = tree.findall("{http://www.w3.org/2000/svg}a")
	assert [a.get("href") for a in links] == ["/app/meldcode-signal/MS-1", "/app/meldcode-signal/MD-1"]
	assert "02-12-2026: Signaal" in svg
	assert 'fill="#c62828"' in svg  # overdue in red
	assert "Vandaag" in svg


def test_what_a_record_says_is_escaped():
	svg = render([item(title='<script>alert("x")</script>', name='"><img src=x>')], ON, LABELS, "Vandaag")
	assert "<script>" not in svg and "<img" not in svg
	ElementTree.fromstring(svg)


def test_the_axis_reads_weeks_for_two_weeks_and_months_for_two_years():
	short = ticks(ON - timedelta(days=14), ON)
	assert 1 <= len(short) <= 3 and all(re.match(r"\d+ \w+", label) for _day, label in short)
	long = ticks(ON - timedelta(days=730), ON)
	assert 4 <= len(long) <= 12 and any("2025" in label for _day, label in long)


def test_hundreds_of_items_stay_on_the_picture():
	items = [item(LANES[n % len(LANES)], n * 2, name=f"R-{n}") for n in range(300)]
	svg = render(items, ON, LABELS, "Vandaag")
	xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
	assert len(xs) + svg.count("<rect x=") - len(LANES) >= 300
	assert min(xs) >= 150 and max(xs) <= 1000


def test_the_legend_names_the_four_colours():
	text = legend({DONE: "Gedaan", OPEN: "Open", OVERDUE: "Verlopen", CANCELLED: "Geannuleerd"})
	assert all(word in text for word in ("Gedaan", "Open", "Verlopen", "Geannuleerd"))
