"""The board's figures for one school year (DOMAIN 7.10), built from plain rows without Frappe.

No pupil appears here: the rows carry schools, dates, states and categories only. Every count
below the threshold, zero included, is shown as "< threshold", and further cells are hidden as
"*" wherever the totals and identities between the figures would narrow a hidden one down
(``disclosure``); an average is shown only over at least the threshold of dossiers.
Labels are English templates; ``translate`` (Frappe's ``_`` in the app) turns them into Dutch.
"""

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

from meldcode_app.rules import disclosure
from meldcode_app.rules.board_workbook import Chart, Sheet
from meldcode_app.rules.disclosure import Relation
from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.exclusion import MEASURES
from meldcode_app.rules.protocols import ACTIEPLAN_CALAMITEIT
from meldcode_app.rules.route import CLOSING_OUTCOMES, OPEN_STATES

HIDDEN = "*"
WITHHELD = "x"
# The years MariaDB's dates can hold.
FIRST_YEAR, LAST_YEAR = 1000, 9999
Translate = Callable[[str], str]


def _same(text: str) -> str:
	return text


@dataclass(frozen=True)
class SchoolYear:
	start: date
	end: date

	@classmethod
	def starting(cls, year: int) -> "SchoolYear":
		"""A Dutch school year runs from 1 August to 31 July."""
		if not FIRST_YEAR <= year < LAST_YEAR:
			raise RuleViolation(_("{0} is not a school year the records can have."), year)
		return cls(date(year, 8, 1), date(year + 1, 7, 31))

	@property
	def label(self) -> str:
		return f"{self.start.year}-{self.end.year}"

	def __contains__(self, day: date | None) -> bool:
		return day is not None and self.start <= day <= self.end

	@classmethod
	def last_ended(cls, today: date) -> "SchoolYear":
		return cls.starting(today.year - 1 if today.month >= 8 else today.year - 2)

	def published_on(self) -> date:
		"""The day from which the year's figures go beyond a school's own staff: a running year's,
		compared between two days, tell small numbers of what happened in between (round 162: a
		school that reached 5 between two downloads gave its earlier "< 5" away)."""
		return self.end + timedelta(days=1)


@dataclass
class Dossier:
	school: str
	opened_on: date
	closed_on: date | None
	closing_outcome: str | None
	steps: list[tuple[str, date]] = field(default_factory=list)  # (state, entered on), in order


@dataclass(frozen=True)
class Term:
	school: str
	due_date: date
	status: str  # Open, Kept, Cancelled
	completed_on: date | None


INCIDENT_KINDS = (
	"Bullying",
	"Exclusion",
	"Group Pressure",
	"Abuse of Power",
	"Sexually Transgressive Behaviour",
	"Aggression and Violence",
	"Verbal Aggression",
	"Threat",
	"Intimidating Behaviour",
	"Discrimination and Radicalisation",
	"Neglect",
	"Abuse",
	"Domestic Violence",
	"Death",
	"Other",
)


@dataclass(frozen=True)
class Column:
	key: str
	label: str
	arg: str | None = None

	def title(self, translate: Translate) -> str:
		return translate(self.label).format(translate(self.arg)) if self.arg else translate(self.label)


SUMMARY_COLUMNS = (
	Column("opened", _("Dossiers opened")),
	Column("closed", _("Dossiers closed")),
	Column("meldingen", _("Meldingen to Veilig Thuis")),
	Column("advice", _("Advice requests to Veilig Thuis")),
	Column("terms_on_time", _("Terms kept on time")),
	Column("terms_late", _("Terms kept late")),
	Column("terms_overdue", _("Terms overdue")),
	# Seed 003's protocols around the meldcode: measures, calamities and (board only) staff reports.
	*(Column(f"measure:{m}", _("Measures: {0}"), m) for m in MEASURES),
	Column("calamities", _("Serious incidents (calamity)")),
	Column("staff_reports", _("Suspicions about staff reported")),
)
INCIDENT_COLUMNS = tuple(Column(f"incident:{k}", k) for k in INCIDENT_KINDS)
# How the dossiers closed ended: of all schools together only. Per school the few closed dossiers
# of a small school, its row's total and the columns' totals together gave its outcomes away.
OUTCOME_COLUMNS = tuple(Column(f"closed:{o}", _("Closed: {0}"), o) for o in CLOSING_OUTCOMES)
# Never shown to a school's own functions: a suspicion about staff is the board's case.
BOARD_ONLY_COLUMNS = ("staff_reports",)
# The cells of the board as a whole carry this in place of a school's name.
ALL = ""
OPEN, OPEN_AT_START = "open", "open_at_start"


def summary_columns(board_view: bool = True) -> tuple[Column, ...]:
	return tuple(c for c in SUMMARY_COLUMNS if board_view or c.key not in BOARD_ONLY_COLUMNS)


def state_at(dossier: Dossier, day: date) -> str | None:
	state = None
	for step, entered_on in dossier.steps:
		if entered_on <= day:
			state = step
	return state


def is_open(dossier: Dossier, day: date) -> bool:
	return dossier.opened_on <= day and not (dossier.closed_on and dossier.closed_on <= day)


def school_counts(
	year: SchoolYear,
	today: date,
	dossiers: list[Dossier],
	contacts: list[tuple[str, date]],
	terms: list[Term],
	events: list[tuple[str, date]] = (),
	incidents: list[tuple[date, str]] = (),
) -> Counter:
	"""The counts of one school in the year. ``contacts`` are (kind, date) of submitted Veilig
	Thuis contacts, ``events`` (column key, date) of the protocols' records, ``incidents``
	(date, kind) of the register."""
	end = min(year.end, today)
	raw = Counter()
	raw["opened"] = sum(1 for d in dossiers if d.opened_on in year)
	for d in dossiers:
		if d.closed_on in year and d.closing_outcome:
			raw[f"closed:{d.closing_outcome}"] += 1
	raw["closed"] = sum(raw[f"closed:{o}"] for o in CLOSING_OUTCOMES)
	kinds = Counter(kind for kind, day in contacts if day in year)
	raw["meldingen"], raw["advice"] = kinds.get("Melding", 0), kinds.get("Advice", 0)
	for t in terms:
		if t.due_date not in year or t.status == "Cancelled":
			continue
		if t.status == "Kept" and t.completed_on:
			raw["terms_on_time" if t.completed_on <= t.due_date else "terms_late"] += 1
		elif t.status == "Open" and t.due_date < end:
			raw["terms_overdue"] += 1
	raw.update(Counter(kind for kind, day in events if day in year))
	raw.update(Counter(f"incident:{kind}" for day, kind in incidents if day in year))
	return raw


def step_counts(year: SchoolYear, today: date, dossiers: list[Dossier]) -> tuple[Counter, dict]:
	"""For the board as a whole: the dossiers open at the start of the year and at its end (or
	today) by step, and per step the days spent in it by the dossiers that left it this year."""
	end = min(year.end, today)
	raw = Counter({OPEN_AT_START: sum(1 for d in dossiers if is_open(d, year.start - timedelta(days=1)))})
	for d in dossiers:
		if is_open(d, end):
			raw[f"open:{state_at(d, end) or OPEN_STATES[0]}"] += 1
	raw[OPEN] = sum(raw[f"open:{s}"] for s in OPEN_STATES)
	days = defaultdict(list)
	for d in dossiers:
		for (state, entered_on), (_next, left_on) in zip(d.steps, d.steps[1:], strict=False):
			if left_on in year:
				days[state].append((left_on - entered_on).days)
	return raw, days


def label(kind: str, value: int, threshold: int) -> str:
	"""How a hidden cell (``disclosure``'s kind) is shown."""
	if kind == disclosure.BAND and value >= threshold:
		return "{}–{}".format(*disclosure.band(value, threshold))
	if kind == disclosure.COMPLEMENT:
		return HIDDEN
	return WITHHELD if kind == disclosure.WITHHELD else f"< {threshold}"


@dataclass
class Publication:
	"""One school year's figures for a set of schools, with the cells to hide chosen once for
	every table they appear in (the workbook, the report, the bundle)."""

	threshold: int
	schools: list[tuple[str, str, str]]  # (name, school name, BRIN)
	values: dict
	hidden: dict
	days: dict
	protocols: "ProtocolPublication | None" = None

	def cell(self, school: str, key: str) -> int | str:
		cell = (school, key)
		kind = self.hidden.get(cell)
		if kind is None:
			return self.values[cell]
		return label(kind, self.values[cell], self.threshold)

	def row(self, school: str, columns: tuple[Column, ...]) -> list:
		return [self.cell(school, c.key) for c in columns]

	def average_days(self, state: str) -> float | str:
		"""Shown as its count (the dossiers that left the step, a cell of its own) allows."""
		return shown_average(self.days.get(state, []), self.hidden.get((ALL, f"left:{state}")))


def shown_average(values: list, kind: str | None) -> float | str:
	"""An average over the threshold of values or more, as the label of their count (``kind``:
	a count shown or "*" is at least the threshold, "< 5" below it, "x" withheld) allows: an
	average shown or not is a label of its count too (round 162)."""
	if kind == disclosure.WITHHELD:
		return WITHHELD
	if kind in (None, disclosure.COMPLEMENT) and values:
		return round(sum(values) / len(values), 1)
	return HIDDEN


def labelled_by_threshold(values: dict, threshold: int) -> dict:
	"""The kinds of counts published only as above or below the threshold (an average shown or
	not, a step listed as often late or not)."""
	return {k: disclosure.COMPLEMENT if v >= threshold else disclosure.SMALL for k, v in values.items()}


@dataclass(frozen=True)
class ProtocolRun:
	"""What the figures need of a run of a protocol: no text, no name."""

	protocol: str
	school: str
	started_on: date
	steps: tuple[tuple[str, date | None, date | None], ...]  # (number, due, done on)


PROTOCOL_COLUMNS = (
	Column("runs", _("Runs started")),
	Column("finished", _("Runs finished")),
	# Runs, not steps: a count of late steps is at most the runs times the protocol's steps with a
	# term, and a large one gave a school's hidden runs away.
	Column("late_runs", _("Runs with a step late or overdue")),
)
# How the runs went: of all schools together only. Per school, "finished" and "late" at most the
# runs, summed over the other schools, narrowed a small school's figure (as the outcomes did).
ALL_ONLY_PROTOCOL_COLUMNS = ("finished", "late_runs")


def publish(
	year: SchoolYear,
	today: date,
	threshold: int,
	schools: list[tuple[str, str, str]],
	dossiers: dict[str, list[Dossier]],
	contacts: dict[str, list[tuple[str, date]]],
	terms: dict[str, list[Term]],
	incidents: list[tuple[str, date, str]],
	events: dict[str, list[tuple[str, date]]] | None = None,
	protocols: list[str] | None = None,
	runs: list[ProtocolRun] = (),
	key: bytes = b"",
	threshold_before: int | None = None,
	start_shown: int | str | None = None,
) -> Publication:
	"""Counts every figure of the year, per school and for all schools together, and hides the
	small ones with their complements (``disclosure.suppress``). The outcomes of the dossiers
	closed and the dossiers open by step are counted for all schools together only. The
	relations a reader knows: each column of all schools is the sum of the schools; dossiers
	closed of all schools are the sum of the outcomes; open at year end is the sum of the steps;
	open at the start plus opened equals closed plus open at the end, of all schools and of each
	school (whose open dossiers are never published, but never fewer than none and at most those
	of all schools); serious incidents are at most the incidents of the register.

	With ``protocols`` the runs of those protocols are counted too (``ProtocolPublication``) and
	hidden in the same ``suppress``, with their own relations and the one that ties them to the
	other figures: every serious incident starts one run of the Actieplan calamiteit (or of the
	school's own version of it), so per school and of all schools the serious incidents equal
	those runs (at most them when a run was also started by hand).

	``key`` (the site's secret) draws which banded figures are withheld besides those that must
	be (``disclosure.band_kind``); ``threshold_before``, the previous year's threshold, is the one
	its open dossiers at year end were shown with, this year's open at the start; ``start_shown``:
	how the previous year, kept as first published, showed them (a dossier reopened since may
	have changed the number: then this year withholds it, round 168)."""
	registers = defaultdict(list)
	for school, day, kind in incidents:
		registers[school].append((day, kind))
	counted = [
		(
			name,
			school_counts(
				year,
				today,
				dossiers.get(name, []),
				contacts.get(name, []),
				terms.get(name, []),
				(events or {}).get(name, []),
				registers[name],
			),
		)
		for name, _title, _brin in schools
	]
	keys = [c.key for c in SUMMARY_COLUMNS + INCIDENT_COLUMNS]
	values = {(school, key): raw[key] for school, raw in counted for key in keys}
	steps, days = step_counts(year, today, [d for name, _t, _b in schools for d in dossiers.get(name, [])])
	values.update(
		{(ALL, key): sum(raw[key] for _s, raw in counted) for key in keys + [c.key for c in OUTCOME_COLUMNS]}
	)
	values.update(
		{(ALL, key): steps[key] for key in (OPEN_AT_START, OPEN, *(f"open:{s}" for s in OPEN_STATES))}
	)
	rows = [name for name, _raw in counted] + [ALL]
	relations = [
		Relation.total((ALL, key), [(name, key) for name, _raw in counted]) for key in keys if counted
	]
	flow = (((ALL, OPEN_AT_START), 1), ((ALL, "opened"), 1), ((ALL, "closed"), -1), ((ALL, OPEN), -1))
	relations += [
		Relation.total((ALL, "closed"), [(ALL, c.key) for c in OUTCOME_COLUMNS]),
		Relation.total((ALL, OPEN), [(ALL, f"open:{s}") for s in OPEN_STATES]),
		Relation(flow),
		# A dossier reopened after it was closed breaks the identity, never this.
		Relation(tuple((cell, -c) for cell, c in flow), equal=False),
	]
	relations += [
		Relation((((row, "calamities"), 1), *(((row, c.key), -1) for c in INCIDENT_COLUMNS)), equal=False)
		for row in rows
	]
	protocol_values, run_days, late_steps, parts_of_runs = {}, {}, {}, {}
	if protocols is not None:
		protocol_values, run_days, late_steps = protocol_counts(year, today, rows[:-1], protocols, runs)
		parts_of_runs = protocol_parts(year, today, rows[:-1], protocols, runs)
		relations += [
			Relation.total((p, ALL, key), [(p, s, disclosure.PART, key) for s in rows[:-1]])
			for p in protocols
			for key in ALL_ONLY_PROTOCOL_COLUMNS
		]
		values.update(protocol_values)
		relations += protocol_relations(rows[:-1], protocols)
		# Each step's runs late, shown as a step listed as often late or not (round 162).
		late_cells = {
			(p, ALL, f"late:{number}"): n for p, counts in late_steps.items() for number, n in counts.items()
		}
		values.update(late_cells)
		protocol_values.update(late_cells)
		for p, _all, column in late_cells:
			for school in rows[:-1]:
				parts_of_runs.setdefault((p, school, disclosure.PART, column), 0)
			relations.append(
				Relation.total((p, ALL, column), [(p, s, disclosure.PART, column) for s in rows[:-1]])
			)
			relations.append(Relation((((p, ALL, column), 1), ((p, ALL, "late_runs"), -1)), equal=False))
			relations += [
				Relation(
					(((p, s, disclosure.PART, column), 1), ((p, s, disclosure.PART, "late_runs"), -1)),
					equal=False,
				)
				for s in rows[:-1]
			]
	# The dossiers open at a year's end are also the next year's open at the start: shown as a
	# band of the threshold in both years, so that neither year's figures narrow them.
	# A school's own staff know its counts, and of a school with nothing in the year (one made
	# today) anyone may know it: the board with school A's count, or with such a school, worked out
	# school B's "< 5" from the totals (round 154). The hidden cells hold for those readers too.
	# What is shown for all schools only has a part per school that its staff know (round 156):
	# unpublished cells, whose sum is the figure.
	part_keys = [c.key for c in OUTCOME_COLUMNS] + [OPEN_AT_START, OPEN, *(f"open:{s}" for s in OPEN_STATES)]
	parts = dict(parts_of_runs)
	# How many dossiers left each step: shown as its average days shown or not (round 162).
	leavers = {(ALL, f"left:{state}"): len(days.get(state, [])) for state in OPEN_STATES}
	values.update(leavers)
	for name, raw in counted:
		school_steps, school_days = step_counts(year, today, dossiers.get(name, []))
		parts.update({(name, disclosure.PART, key): raw.get(key, school_steps[key]) for key in part_keys})
		parts.update(
			{(name, disclosure.PART, key): len(school_days.get(key[5:], [])) for _all, key in leavers}
		)
	if counted:
		relations += [
			Relation.total((ALL, key), [(name, disclosure.PART, key) for name, _r in counted])
			for key in [*part_keys, *(key for _all, key in leavers)]
		]
	for name, _raw in counted:  # each school's flow, as of all schools
		school_flow = tuple(
			((name, disclosure.PART, key) if key in part_keys else (name, key), c) for (_all, key), c in flow
		)
		relations += [
			Relation(school_flow),
			Relation(tuple((cell, -c) for cell, c in school_flow), equal=False),
		]
	of_school = {  # a school's cells: (school, …), and of a protocol (protocol, school, …)
		name: {k for k in (*values, *parts) if isinstance(k, tuple) and name in k[:2]} for name, _r in counted
	}
	counts = {**values, **parts}
	empty = {k for cells in of_school.values() if not any(counts[k] for k in cells) for k in cells}
	# Either one is the other year's too: shown with that year's threshold and drawn by the day it
	# counts, the same in both years.
	counted_on = {
		OPEN: (min(year.end, today), threshold),
		OPEN_AT_START: (year.start - timedelta(days=1), threshold_before or threshold),
	}
	fixed = labelled_by_threshold(
		{**leavers, **{k: v for k, v in values.items() if k[-1].startswith("late:")}}, threshold
	)
	fixed |= {
		(ALL, column): disclosure.band_kind(
			values[(ALL, column)],
			[parts[(name, disclosure.PART, column)] for name, _r in counted],
			width,
			disclosure.draw(key, day, values[(ALL, column)], threshold=width),
		)
		for column, (day, width) in counted_on.items()
	}
	start = (ALL, OPEN_AT_START)
	if start_shown is not None and start_shown != label(
		fixed[start], values[start], counted_on[OPEN_AT_START][1]
	):
		fixed[start] = disclosure.WITHHELD
	hidden = disclosure.suppress(
		{**values, **parts},
		relations,
		threshold,
		fixed=fixed,
		widths={(ALL, column): width for column, (_day, width) in counted_on.items()},
		insiders=[empty, *(empty | cells for cells in of_school.values())],
		parts=parts,
	)
	publication = Publication(
		threshold,
		list(schools),
		{k: v for k, v in values.items() if k not in protocol_values},
		{k: v for k, v in hidden.items() if k not in protocol_values and k not in parts},
		days,
	)
	if protocols is not None:
		publication.protocols = ProtocolPublication(
			threshold,
			list(protocols),
			protocol_values,
			{k: v for k, v in hidden.items() if k in protocol_values},
			run_days,
			late_steps,
		)
	return publication


@dataclass
class ProtocolPublication:
	"""Per protocol and school the runs started in the year; of all schools together also those
	finished and those with a step late, the average days to finish (over at least the threshold
	of runs) and the steps late in at least the threshold of runs. Hidden with the other figures
	of the year (``publish``)."""

	threshold: int
	protocols: list[str]
	values: dict
	hidden: dict
	days: dict
	late_steps: dict

	def cell(self, protocol: str, school: str, key: str) -> int | str:
		"""A figure as shown; how the runs went only of all schools (else empty)."""
		cell = (protocol, school, key)
		if cell not in self.values:
			return ""
		if cell not in self.hidden:
			return self.values[cell]
		return label(self.hidden[cell], self.values[cell], self.threshold)

	def average_days(self, protocol: str) -> float | str:
		"""Shown as the label of the runs finished allows."""
		return shown_average(self.days.get(protocol, []), self.kind((protocol, ALL, "finished")))

	def often_late(self, protocol: str) -> str:
		"""The steps late in at least the threshold of runs (of all schools), by their number;
		withheld when a step's count is (a step listed or not is a label of its count)."""
		kinds = {
			number: self.kind((protocol, ALL, f"late:{number}"))
			for number in self.late_steps.get(protocol, {})
		}
		if disclosure.WITHHELD in kinds.values():
			return WITHHELD
		return ", ".join(number for number, kind in sorted(kinds.items()) if kind != disclosure.SMALL)

	def kind(self, cell) -> str | None:
		"""How a figure is hidden: as chosen, else a small one as small (None: shown)."""
		return self.hidden.get(cell, disclosure.SMALL if self.values[cell] < self.threshold else None)


@dataclass
class Published:
	"""What a publication shows, label by label (a number, "< 5", "*", "x", a range), with the
	same reading methods as ``Publication``: an ended year's figures are kept as the board was
	first given them (``as_json``), so that two downloads of an ended year tell nothing of what
	changed in between (round 165: a term kept, a dossier reopened or an incident registered after
	the year had ended changed its figures, and two downloads pinned a "< 5")."""

	threshold: int
	schools: list[tuple[str, str, str]]
	cells: dict
	averages: dict
	protocols: "PublishedProtocols | None" = None

	def cell(self, school: str, key: str) -> int | str:
		return self.cells[(school, key)]

	def row(self, school: str, columns: tuple[Column, ...]) -> list:
		return [self.cell(school, c.key) for c in columns]

	def average_days(self, state: str) -> float | str:
		return self.averages[state]


@dataclass
class PublishedProtocols:
	protocols: list[str]
	cells: dict
	averages: dict
	often: dict

	def cell(self, protocol: str, school: str, key: str) -> int | str:
		return self.cells.get((protocol, school, key), "")

	def average_days(self, protocol: str) -> float | str:
		return self.averages[protocol]

	def often_late(self, protocol: str) -> str:
		return self.often[protocol]


def published(publication: Publication) -> Published:
	"""What ``publication`` shows."""
	runs = publication.protocols
	return Published(
		publication.threshold,
		[tuple(school) for school in publication.schools],
		{cell: publication.cell(*cell) for cell in publication.values},
		{state: publication.average_days(state) for state in OPEN_STATES},
		runs
		and PublishedProtocols(
			list(runs.protocols),
			{cell: runs.cell(*cell) for cell in runs.values if not cell[-1].startswith("late:")},
			{p: runs.average_days(p) for p in runs.protocols},
			{p: runs.often_late(p) for p in runs.protocols},
		),
	)


def as_json(shown: Published) -> str:
	def pairs(cells: dict) -> list:
		return [[list(cell), value] for cell, value in cells.items()]

	runs = shown.protocols
	return json.dumps(
		{
			"threshold": shown.threshold,
			"schools": shown.schools,
			"cells": pairs(shown.cells),
			"averages": shown.averages,
			"protocols": runs
			and {
				"protocols": runs.protocols,
				"cells": pairs(runs.cells),
				"averages": runs.averages,
				"often": runs.often,
			},
		}
	)


def from_json(text: str) -> Published:
	data = json.loads(text)
	runs = data["protocols"]
	return Published(
		data["threshold"],
		[tuple(school) for school in data["schools"]],
		{tuple(cell): value for cell, value in data["cells"]},
		data["averages"],
		runs
		and PublishedProtocols(
			runs["protocols"],
			{tuple(cell): value for cell, value in runs["cells"]},
			runs["averages"],
			runs["often"],
		),
	)


def protocol_counts(
	year: SchoolYear, today: date, names: list[str], protocols: list[str], runs: list[ProtocolRun]
) -> tuple[dict, dict, dict]:
	"""Per protocol and school (and of all schools) the runs started in the year; of all schools
	also those finished and those with a step done after its term or open past it; per protocol
	the days the finished runs took and per step the runs in which it was late."""
	values = {
		(p, s, c.key): 0
		for p in protocols
		for s in [*names, ALL]
		for c in PROTOCOL_COLUMNS
		if s == ALL or c.key not in ALL_ONLY_PROTOCOL_COLUMNS
	}
	days, late_steps = defaultdict(list), defaultdict(Counter)
	for run in runs:
		if run.started_on not in year or run.protocol not in protocols or run.school not in names:
			continue
		late, finished = run_state(run, today)
		values[(run.protocol, run.school, "runs")] += 1
		values[(run.protocol, ALL, "runs")] += 1
		values[(run.protocol, ALL, "finished")] += finished
		values[(run.protocol, ALL, "late_runs")] += bool(late)
		if finished:
			days[run.protocol].append((max(done for _n, _d, done in run.steps) - run.started_on).days)
		late_steps[run.protocol].update(late)
	return values, dict(days), dict(late_steps)


def run_state(run: ProtocolRun, today: date) -> tuple[set, bool]:
	"""The steps of a run done after their term or open past it, and whether it is finished."""
	late = {number for number, due, done in run.steps if due and (done or today) > due}
	return late, bool(run.steps) and all(done for _n, _due, done in run.steps)


def protocol_parts(
	year: SchoolYear, today: date, names: list[str], protocols: list[str], runs: list[ProtocolRun]
) -> dict:
	"""Each school's part of the protocol figures shown for all schools only (its finished runs
	and runs late): never published, known to the school's own staff (round 157)."""
	parts = {
		(p, s, disclosure.PART, key): 0 for p in protocols for s in names for key in ALL_ONLY_PROTOCOL_COLUMNS
	}
	for run in runs:
		if run.started_on in year and run.protocol in protocols and run.school in names:
			late, finished = run_state(run, today)
			parts[(run.protocol, run.school, disclosure.PART, "finished")] += finished
			parts[(run.protocol, run.school, disclosure.PART, "late_runs")] += bool(late)
			for number in late:
				key = (run.protocol, run.school, disclosure.PART, f"late:{number}")
				parts[key] = parts.get(key, 0) + 1
	return parts


def calamity_protocols(protocols: list[str]) -> list[str]:
	"""The protocols a serious incident starts: the Actieplan calamiteit and the schools' own
	versions of it, named after it (``protocol_runs.protocol_for``)."""
	return [p for p in protocols if p.startswith(ACTIEPLAN_CALAMITEIT)]


def protocol_relations(names: list[str], protocols: list[str]) -> list[Relation]:
	"""What a reader knows of the protocol figures: each protocol's runs of all schools are the
	sum of the schools'; its finished runs and runs with a step late are at most its runs; the
	serious incidents of a school (and of all schools) are its runs of the Actieplan calamiteit,
	at most them when a run was also started by hand. ``suppress`` keeps the relations that hold."""
	relations = [Relation.total((p, ALL, "runs"), [(p, s, "runs") for s in names]) for p in protocols]
	relations += [
		Relation((((p, ALL, key), 1), ((p, ALL, "runs"), -1)), equal=False)
		for p in protocols
		for key in ALL_ONLY_PROTOCOL_COLUMNS
	]
	actieplan = calamity_protocols(protocols)
	for s in [*names, ALL] if actieplan else []:
		terms = (((s, "calamities"), 1), *(((p, s, "runs"), -1) for p in actieplan))
		relations += [Relation(terms), Relation(terms, equal=False)]
	return relations


def plottable(categories: list[str], series: list[tuple[str, list]]) -> tuple[list, list]:
	"""The largest chart of the given figures in which every bar is a shown number: a hidden
	cell ("< 5", "*") is never drawn, not as zero either. Tries each choice of series and keeps
	the categories whose figures are all shown in it; the choice that draws the most bars wins,
	then the one with the most categories."""
	best, best_score = ([], []), (0, 0)
	for size in range(len(series), 0, -1):
		for chosen in combinations(series, size):
			kept = [
				i
				for i in range(len(categories))
				if all(isinstance(v[i], int) and not isinstance(v[i], bool) for _n, v in chosen)
			]
			if kept and (len(kept) * size, len(kept)) > best_score:
				best_score = (len(kept) * size, len(kept))
				best = ([categories[i] for i in kept], [(n, [v[i] for i in kept]) for n, v in chosen])
	return best


CHART_COLUMNS = ("opened", "closed", "meldingen", "advice")


# The Rapportage Meldcode rows as the board receives them: never the dossier or a contact's name.
REPORT_COLUMNS = (
	("school", _("School"), 24),
	("report_date", _("Date"), 12),
	("subject", _("Subject"), 18),
	("subject_detail", _("Subject Detail"), 24),
	("description", _("Description"), 60),
	("public_unrest", _("Public Unrest"), 14),
	("involved", _("Involved (Not Professionals)"), 28),
	("activities", _("Activities Performed"), 40),
	("melding_made", _("Melding Made"), 20),
	("informing_needed", _("Those Involved Had to Be Informed"), 14),
	("external_organisations", _("Which Organisations"), 30),
	("knelpunten", _("Bottlenecks in Carrying Out the Meldcode"), 60),
	("remarks", _("Remarks"), 40),
)
TRANSLATED_VALUES = ("subject", "public_unrest", "melding_made", "informing_needed")

EXPLANATIONS = (
	(_("Dossiers opened"), _("Meldcode dossiers opened during the school year (1 August to 31 July).")),
	(
		_("Dossiers closed"),
		_(
			"Dossiers closed during the school year. Per school only their number: how they ended (unfounded, help closed with monitoring, reported and closed) is counted for all schools together only, on the sheet Per outcome. From the figures the board cannot tell how a school's case ended; a row of the Rapportage Meldcode does say per case whether a melding was made."
		),
	),
	(
		_("Open at year end"),
		_(
			"Dossiers of all schools together still open on 31 July (or today, during the year), by the step they were in."
		),
	),
	(_("Meldingen to Veilig Thuis"), _("Submitted meldingen to Veilig Thuis during the school year.")),
	(_("Advice requests to Veilig Thuis"), _("Submitted (anonymous) advice requests to Veilig Thuis.")),
	(
		_("Average days"),
		_(
			"Of all schools together: the average number of days a dossier stayed in a step, over the steps left during the year."
		),
	),
	(
		_("Terms"),
		_("Terms due during the year: kept on or before the due date, kept later, or still open after it."),
	),
	(
		_("Measures"),
		_("Time-outs, suspensions and removals of pupils that started during the school year."),
	),
	(
		_("Serious incidents (calamity)"),
		_(
			"Incidents of the school year handled with the actieplan bij calamiteiten. Each starts a run of the protocol Actieplan calamiteit (or the school's own version of it), so that protocol's runs on the sheet Protocols are normally the same number; the figures of both sheets are hidden together."
		),
	),
	(
		_("Incidents"),
		_("Incidents of the register per school and kind over the whole school year."),
	),
	(
		_("Suspicions about staff reported"),
		_(
			"Suspicions of abuse by someone working at the school, received by the board (the board's view only)."
		),
	),
	(
		_("< {0}"),
		_("Fewer than {0}, none included: a small number is not shown, so that no child can be recognised."),
	),
	(
		_("A range such as 10–14"),
		_(
			"The dossiers of all schools open at year end are shown as a range of {0} numbers: they are next year's open at the start too, and a range keeps both years' figures from giving a small number away."
		),
	),
	(
		"*",
		_(
			"At least {0}, not shown because a hidden small number could otherwise be worked out from the totals, the other figures or another year's figures; also an average over fewer than {0} dossiers."
		),
	),
	(
		"x",
		_(
			"Not shown, whatever the number: a small number of one school could otherwise be worked out by the staff of another school, who know their own school's figures. Some figures are withheld at random as well, so that an x says nothing about the number."
		),
	),
	(
		_("Rapportage Meldcode"),
		_(
			"One row per significant incident concerning the Meldcode, as seed 003 asks: the school, the date, the subject and the school's own short texts. It names no pupil, parent or staff member, but the board learns per case what happened and when."
		),
	),
	(
		_("The running school year"),
		_(
			"The figures of a school year go to the board when it has ended. A school's own staff see its figures of the running school year, which change as it goes on."
		),
	),
	(
		_("Text starting with ="),
		_(
			"A text starting with =, +, - or @ is stored with a leading apostrophe so that it cannot run as a formula."
		),
	),
	(_("Long texts"), _("A text longer than a cell holds continues, whole, on the sheet of long texts.")),
	(
		_("Charts"),
		_(
			"The charts below the tables draw only the figures that are shown; a hidden figure is left out, never drawn as a number. Their numbers are on the sheet of chart figures."
		),
	),
	(
		_("Protocols"),
		_(
			"Runs of the school's protocols (seed 003) started during the school year, per school. Of all schools together only: how many were finished and in how many days on average, how many had a step done after its term or still open past it, and the steps late in at least {0} runs. From the figures the board cannot tell how a school's runs went. Hidden like the other figures and together with them."
		),
	),
)


def report_values(report: dict, school_names: dict, translate: Translate) -> list:
	"""One Rapportage Meldcode as the board receives it, in every export the same columns."""
	return [
		school_names.get(report["school"], report["school"])
		if key == "school"
		else translate(report[key])
		if key in TRANSLATED_VALUES and report.get(key)
		else report.get(key)
		for key, _label, _w in REPORT_COLUMNS
	]


def board_sheets(
	year: SchoolYear,
	publication: Publication,
	reports: list[dict],
	translate: Translate = _same,
	board_view: bool = True,
	only: str | None = None,
) -> list:
	"""All sheets of the workbook: of every school of ``publication``, or ``only`` of one (then
	without the row of all schools), with the sheet of protocols when ``publication`` counted
	them. Outside the board's view the board-only columns are left out."""
	tr = translate
	threshold = publication.threshold
	columns = summary_columns(board_view)
	schools = [s for s in publication.schools if only in (None, s[0])]
	school_names = {name: title for name, title, _brin in publication.schools}
	rows = [(name, title, brin) for name, title, brin in schools]
	if only is None and len(publication.schools) > 1:
		rows.append((ALL, tr(_("All schools")), ""))
	by_key = {c.key: c for c in SUMMARY_COLUMNS}
	summary_chart = plottable(
		[title for name, title, _brin in rows if name != ALL],
		[
			(by_key[key].title(tr), [publication.cell(name, key) for name, _t, _b in rows if name != ALL])
			for key in CHART_COLUMNS
		],
	)
	incident_chart = rows and plottable(  # of all schools, or of the one school exported
		[tr(c.label) for c in INCIDENT_COLUMNS],
		[(rows[-1][1], publication.row(rows[-1][0], INCIDENT_COLUMNS))],
	)
	sheets = [
		Sheet(
			tr(_("Explanation")),
			[tr(_("Figure")), tr(_("Meaning"))],
			[[tr(f).format(threshold), tr(e).format(threshold)] for f, e in EXPLANATIONS]
			+ [[tr(_("School year")), year.label], [tr(_("Threshold")), threshold]],
			[28, 110],
		),
		Sheet(
			tr(_("Per school")),
			[tr(_("School")), tr(_("BRIN Code")), *(c.title(tr) for c in columns)],
			[[title, brin, *publication.row(name, columns)] for name, title, brin in rows],
			[28, 10] + [16] * len(columns),
			chart(tr(_("Main figures per school (shown figures only)")), summary_chart),
		),
		Sheet(
			tr(_("Per step")),
			[tr(_("Step")), tr(_("Open at year end")), tr(_("Average days in step"))],
			[[tr(s), publication.cell(ALL, f"open:{s}"), publication.average_days(s)] for s in OPEN_STATES]
			+ [[tr(_("All steps")), publication.cell(ALL, OPEN), ""]],
			[34, 16, 20],
		)
		if only is None
		else None,
		Sheet(
			tr(_("Per outcome")),
			[tr(_("Outcome")), tr(_("Dossiers closed"))],
			[[tr(c.arg), publication.cell(ALL, c.key)] for c in OUTCOME_COLUMNS]
			+ [[tr(_("All outcomes")), publication.cell(ALL, "closed")]],
			[34, 16],
		)
		if only is None
		else None,
		Sheet(
			tr(_("Incidents")),
			[tr(_("School")), tr(_("BRIN Code")), *(tr(c.label) for c in INCIDENT_COLUMNS)],
			[[title, brin, *publication.row(name, INCIDENT_COLUMNS)] for name, title, brin in rows],
			[28, 10] + [14] * len(INCIDENT_COLUMNS),
			chart(tr(_("Incidents per kind (shown figures only)")), incident_chart),
		),
		# How the runs went shows on the row of all schools only: never in the export of one school.
		protocol_sheet(
			publication.protocols,
			rows if only or len(publication.schools) > 1 else [*rows, (ALL, tr(_("All schools")), "")],
			tr,
		)
		if publication.protocols
		else None,
		Sheet(
			tr(_("Rapportage Meldcode")),
			[tr(label) for _key, label, _w in REPORT_COLUMNS],
			(report_values(r, school_names, tr) for r in reports if r["report_date"] in year),
			[w for _k, _l, w in REPORT_COLUMNS],
		),
		Sheet(
			tr(_("Knelpunten")),
			[tr(_("School")), tr(_("Date")), tr(_("Bottlenecks in Carrying Out the Meldcode"))],
			(
				[school_names.get(r["school"], r["school"]), r["report_date"], r["knelpunten"]]
				for r in reports
				if r["report_date"] in year and r.get("knelpunten")
			),
			[28, 12, 100],
		),
	]
	return [sheet for sheet in sheets if sheet is not None]


def chart(title: str, plotted: tuple | None) -> Chart | None:
	return Chart(title, *plotted) if plotted and plotted[0] else None


def protocol_sheet(protocols: ProtocolPublication, rows: list, tr: Translate) -> Sheet:
	"""Per protocol a row per school with its runs started and, on the row of all schools, also
	the runs finished and with a step late, the average days to finish and the steps often late.
	No name, no text of a run."""
	return Sheet(
		tr(_("Protocols")),
		[
			tr(_("Protocol")),
			tr(_("School")),
			*(tr(c.label) for c in PROTOCOL_COLUMNS),
			tr(_("Average days to finish")),
			tr(_("Steps often late")),
		],
		[
			[
				protocol,
				title,
				*(protocols.cell(protocol, name, c.key) for c in PROTOCOL_COLUMNS),
				protocols.average_days(protocol) if name == ALL else "",
				protocols.often_late(protocol) if name == ALL else "",
			]
			for protocol in protocols.protocols
			for name, title, _brin in rows
		],
		[40, 28, 14, 14, 18, 18, 24],
	)
