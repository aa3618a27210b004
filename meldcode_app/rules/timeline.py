"""The dossier as one picture: its records and terms on a time axis, drawn as plain SVG (no
script, every text escaped). The caller passes only what its reader may read, with the labels
already in the reader's language."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

# The lanes, top to bottom; each item belongs to one.
LANES = ("signals", "conversations", "weighings", "veilig_thuis", "steps", "terms")

# An item's state decides its colour: overdue red, done green, open or unsigned grey-blue.
DONE, OPEN, OVERDUE, CANCELLED = "done", "open", "overdue", "cancelled"
COLOURS = {DONE: "#2e7d32", OPEN: "#1565c0", OVERDUE: "#c62828", CANCELLED: "#9e9e9e"}

WIDTH, LEFT, RIGHT, LANE_HEIGHT, TOP = 1000, 150, 20, 44, 34
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Item:
	lane: str
	day: date
	title: str  # what the item is, in the reader's language, without the pupil's name
	url: str  # the record it opens
	state: str = DONE


def term_state(status: str | None, due: date, on: date) -> str:
	"""A term kept is green, cancelled grey, open past its due date red."""
	if status == "Kept":
		return DONE
	if status == "Cancelled":
		return CANCELLED
	return OVERDUE if due < on else OPEN


def dutch_date(day: date) -> str:
	return day.strftime("%d-%m-%Y")


def span(items: Iterable[Item], today: date) -> tuple[date, date]:
	"""From the first item to the last or today, whichever is later, with a little room."""
	days = [item.day for item in items] or [today]
	first, last = min(days), max(max(days), today)
	margin = max(2, (last - first).days // 30)
	return first - timedelta(days=margin), last + timedelta(days=margin)


def ticks(first: date, last: date) -> list[tuple[date, str]]:
	"""Axis labels: weeks for a short case, months for a longer one, quarters beyond two years."""
	days = (last - first).days
	if days <= 60:
		start = first + timedelta(days=(7 - first.weekday()) % 7)
		return [(d, f"{d.day} {MONTHS[d.month - 1]}") for d in _every(start, last, timedelta(days=7))]
	step = 1 if days <= 400 else 3 if days <= 900 else 6
	result, month = [], date(first.year, first.month, 1)
	while month <= last:
		if month >= first and (month.month - 1) % step == 0:
			label = MONTHS[month.month - 1] + (f" {month.year}" if month.month == 1 or not result else "")
			result.append((month, label))
		month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
	return result


def _every(start: date, last: date, step: timedelta):
	while start <= last:
		yield start
		start += step


def render(items: Iterable[Item], today: date, lane_labels: Mapping[str, str], today_label: str) -> str:
	"""The timeline as an SVG string: one lane per kind of record, each item a dot that opens its
	record, with its date and title on hover; items on the same day stack a little."""
	items = sorted(items, key=lambda i: (LANES.index(i.lane), i.day))
	first, last = span(items, today)
	scale = (WIDTH - LEFT - RIGHT) / max(1, (last - first).days)
	height = TOP + LANE_HEIGHT * len(LANES) + 22

	def x(day: date) -> float:
		return round(LEFT + (day - first).days * scale, 1)

	parts = [
		f'<svg class="meldcode-timeline" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
		f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">'
	]
	for n, lane in enumerate(LANES):
		y = TOP + n * LANE_HEIGHT
		fill = "#f5f7fa" if n % 2 == 0 else "#ffffff"
		parts.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{LANE_HEIGHT}" fill="{fill}"/>')
		parts.append(
			f'<text x="8" y="{y + LANE_HEIGHT / 2 + 4}" fill="#37474f">{escape(lane_labels[lane])}</text>'
		)
	for day, label in ticks(first, last):
		parts.append(
			f'<line x1="{x(day)}" y1="{TOP - 4}" x2="{x(day)}" y2="{height - 18}" stroke="#e0e0e0"/>'
			f'<text x="{x(day)}" y="{TOP - 10}" text-anchor="middle" fill="#607d8b">{escape(label)}</text>'
		)
	parts.append(
		f'<line x1="{x(today)}" y1="{TOP - 4}" x2="{x(today)}" y2="{height - 18}" stroke="#ff8f00" '
		f'stroke-dasharray="4 3"/><text x="{x(today)}" y="{height - 4}" text-anchor="middle" '
		f'fill="#ff8f00">{escape(today_label)}</text>'
	)
	stacked: dict[tuple[str, int], int] = {}
	for item in items:
		lane = LANES.index(item.lane)
		column = round(x(item.day) / 6)
		level = stacked.get((item.lane, column), 0)
		stacked[(item.lane, column)] = level + 1
		cy = TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2 + ((level % 3) - 1) * 9
		colour = COLOURS[item.state]
		shape = (
			f'<rect x="{x(item.day) - 5}" y="{cy - 5}" width="10" height="10" transform="rotate(45 '
			f'{x(item.day)} {cy})" fill="{colour}"/>'
			if item.lane == "terms"
			else f'<circle cx="{x(item.day)}" cy="{cy}" r="6" fill="{colour}" stroke="#fff"/>'
		)
		parts.append(
			f'<a href="{escape(item.url)}" data-state="{item.state}"><title>{dutch_date(item.day)}: '
			f"{escape(item.title)}</title>{shape}</a>"
		)
	parts.append("</svg>")
	return "".join(parts)


def legend(labels: Mapping[str, str]) -> str:
	"""The colours explained, in the reader's language."""
	return (
		'<div class="meldcode-timeline-legend" style="font-size:12px;margin-top:4px">'
		+ " ".join(
			f'<span style="margin-right:12px"><span style="display:inline-block;width:10px;height:10px;'
			f'border-radius:5px;background:{COLOURS[state]};margin-right:4px"></span>{escape(labels[state])}</span>'
			for state in (DONE, OPEN, OVERDUE, CANCELLED)
		)
		+ "</div>"
	)
