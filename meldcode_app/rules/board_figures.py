"""The board's figures for one school year (DOMAIN 7.10), built from plain rows without Frappe.

No pupil appears here: the rows carry schools, dates, states and categories only, and every
count below the threshold is shown as "< threshold". A total that would give away a suppressed
count (it contains exactly one) is hidden as well, and so is an average over too few dossiers.
Labels are English templates; ``translate`` (Frappe's ``_`` in the app) turns them into Dutch.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from meldcode_app.rules.board_workbook import Sheet
from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.exclusion import MEASURES
from meldcode_app.rules.route import CLOSING_OUTCOMES, OPEN_STATES

HIDDEN = "*"
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


@dataclass(frozen=True)
class Suppression:
	threshold: int

	@property
	def small(self) -> str:
		return f"< {self.threshold}"

	def is_small(self, value: int) -> bool:
		return 0 < value < self.threshold

	def count(self, value: int) -> int | str:
		return self.small if self.is_small(value) else value

	def total(self, components: list[int]) -> int | str:
		"""A total stays visible unless it is small itself or exactly one of its parts is suppressed."""
		value = sum(components)
		if self.is_small(value):
			return self.small
		return HIDDEN if sum(1 for c in components if self.is_small(c)) == 1 else value

	def average(self, values: list[int]) -> float | str:
		if not values:
			return ""
		return HIDDEN if len(values) < self.threshold else round(sum(values) / len(values), 1)


# Column kinds of the summary: a plain count, a total over the columns named, or an average.
COUNT, TOTAL, AVERAGE = "count", "total", "average"


@dataclass(frozen=True)
class Column:
	key: str
	label: str
	arg: str | None = None
	kind: str = COUNT
	parts: tuple[str, ...] = ()

	def title(self, translate: Translate) -> str:
		return translate(self.label).format(translate(self.arg)) if self.arg else translate(self.label)


SUMMARY_COLUMNS = (
	Column("opened", _("Dossiers opened")),
	Column("closed", _("Dossiers closed"), kind=TOTAL, parts=tuple(f"closed:{o}" for o in CLOSING_OUTCOMES)),
	*(Column(f"closed:{o}", _("Closed: {0}"), o) for o in CLOSING_OUTCOMES),
	*(Column(f"open:{s}", _("Open at year end: {0}"), s) for s in OPEN_STATES),
	Column("meldingen", _("Meldingen to Veilig Thuis")),
	Column("advice", _("Advice requests to Veilig Thuis")),
	*(Column(f"days:{s}", _("Average days in {0}"), s, kind=AVERAGE) for s in OPEN_STATES),
	Column("terms_on_time", _("Terms kept on time")),
	Column("terms_late", _("Terms kept late")),
	Column("terms_overdue", _("Terms overdue")),
	# Seed 003's protocols around the meldcode: measures, calamities and (board only) staff reports.
	*(Column(f"measure:{m}", _("Measures: {0}"), m) for m in MEASURES),
	Column("calamities", _("Serious incidents (calamity)")),
	Column("staff_reports", _("Suspicions about staff reported")),
)
# Never shown to a school's own functions: a suspicion about staff is the board's case.
BOARD_ONLY_COLUMNS = ("staff_reports",)


def summary_columns(board_view: bool = True) -> tuple[Column, ...]:
	return tuple(c for c in SUMMARY_COLUMNS if board_view or c.key not in BOARD_ONLY_COLUMNS)


def state_at(dossier: Dossier, day: date) -> str | None:
	state = None
	for step, entered_on in dossier.steps:
		if entered_on <= day:
			state = step
	return state


def school_counts(
	year: SchoolYear,
	today: date,
	dossiers: list[Dossier],
	contacts: list[tuple[str, date]],
	terms: list[Term],
	events: list[tuple[str, date]] = (),
) -> dict:
	"""The raw figures of one school: counts, and for averages the list of day counts.
	``contacts`` are (kind, date) of submitted Veilig Thuis contacts."""
	end = min(year.end, today)
	raw = Counter()
	raw["opened"] = sum(1 for d in dossiers if d.opened_on in year)
	for d in dossiers:
		if d.closed_on in year and d.closing_outcome:
			raw[f"closed:{d.closing_outcome}"] += 1
		if d.opened_on <= end and not (d.closed_on and d.closed_on <= end):
			raw[f"open:{state_at(d, end)}"] += 1
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
	days = defaultdict(list)
	for d in dossiers:
		for (state, entered_on), (_next, left_on) in zip(d.steps, d.steps[1:], strict=False):
			if left_on in year:
				days[f"days:{state}"].append((left_on - entered_on).days)
	return {**raw, **days}


def present(suppression: Suppression, raw: dict, columns: tuple[Column, ...] = SUMMARY_COLUMNS) -> list:
	"""The summary cells of one school, suppression applied."""
	cells = []
	for column in columns:
		if column.kind == AVERAGE:
			cells.append(suppression.average(raw.get(column.key, [])))
		elif column.kind == TOTAL:
			cells.append(suppression.total([raw.get(p, 0) for p in column.parts]))
		else:
			cells.append(suppression.count(raw.get(column.key, 0)))
	return cells


def present_board_total(
	suppression: Suppression, raws: list[dict], columns: tuple[Column, ...] = SUMMARY_COLUMNS
) -> list:
	"""The board's row: each count column a total over the schools, averages over all dossiers."""
	cells = []
	for column in columns:
		if column.kind == AVERAGE:
			cells.append(suppression.average([v for raw in raws for v in raw.get(column.key, [])]))
		elif column.kind == TOTAL:
			cells.append(suppression.total([raw.get(p, 0) for raw in raws for p in column.parts]))
		else:
			cells.append(suppression.total([raw.get(column.key, 0) for raw in raws]))
	return cells


def incidents_by_month(suppression: Suppression, incidents: list[tuple[str, date, str]]) -> list[list]:
	"""(school, date, kind) -> rows of school, month, kind and number, suppression applied."""
	counts = Counter((school, day.strftime("%Y-%m"), kind) for school, day, kind in incidents)
	return [[s, m, k, suppression.count(n)] for (s, m, k), n in sorted(counts.items())]


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
	(_("Dossiers closed"), _("Dossiers closed during the school year, in total and by outcome.")),
	(
		_("Open at year end"),
		_("Dossiers still open on 31 July (or today, during the year), by the step they were in."),
	),
	(_("Meldingen to Veilig Thuis"), _("Submitted meldingen to Veilig Thuis during the school year.")),
	(_("Advice requests to Veilig Thuis"), _("Submitted (anonymous) advice requests to Veilig Thuis.")),
	(
		_("Average days"),
		_("Average number of days a dossier stayed in a step, over the steps left during the year."),
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
		_("Incidents of the school year handled with the actieplan bij calamiteiten."),
	),
	(
		_("Suspicions about staff reported"),
		_(
			"Suspicions of abuse by someone working at the school, received by the board (the board's view only)."
		),
	),
	(
		_("< {0}"),
		_(
			"A number from 1 up to the threshold of Meldcode Settings is not shown, so that no child can be recognised."
		),
	),
	(
		"*",
		_(
			"Not shown because it would give away a small number, or because it is an average over too few dossiers."
		),
	),
	(
		_("Text starting with ="),
		_(
			"A text starting with =, +, - or @ is stored with a leading apostrophe so that it cannot run as a formula."
		),
	),
	(_("Long texts"), _("A text longer than a cell holds continues, whole, on the sheet of long texts.")),
)


def board_sheets(
	year: SchoolYear,
	today: date,
	suppression: Suppression,
	schools: list[tuple[str, str, str]],
	dossiers: dict[str, list[Dossier]],
	contacts: dict[str, list[tuple[str, date]]],
	terms: dict[str, list[Term]],
	incidents: list[tuple[str, date, str]],
	reports: list[dict],
	translate: Translate = _same,
	events: dict[str, list[tuple[str, date]]] | None = None,
	board_view: bool = True,
) -> list:
	"""All sheets of the workbook. ``schools`` are (name, school name, BRIN); the other inputs are
	keyed by school name; ``events`` are (kind, date) of the protocols' records (a summary column's
	key). Outside the board's view the board-only columns are left out."""
	school_names = {name: title for name, title, _brin in schools}
	columns = summary_columns(board_view)
	raws = [
		school_counts(
			year, today, dossiers.get(n, []), contacts.get(n, []), terms.get(n, []), (events or {}).get(n, [])
		)
		for n, _t, _b in schools
	]
	summary_rows = [
		[title, brin, *present(suppression, raw, columns)]
		for (_n, title, brin), raw in zip(schools, raws, strict=True)
	]
	if len(schools) > 1:
		summary_rows.append(
			[translate(_("All schools")), "", *present_board_total(suppression, raws, columns)]
		)
	tr = translate
	return [
		Sheet(
			tr(_("Explanation")),
			[tr(_("Figure")), tr(_("Meaning"))],
			[[tr(f).format(suppression.threshold) if "{0}" in f else tr(f), tr(e)] for f, e in EXPLANATIONS]
			+ [[tr(_("School year")), year.label], [tr(_("Threshold")), suppression.threshold]],
			[28, 110],
		),
		Sheet(
			tr(_("Per school")),
			[tr(_("School")), tr(_("BRIN Code")), *(c.title(tr) for c in columns)],
			summary_rows,
			[28, 10] + [16] * len(columns),
		),
		Sheet(
			tr(_("Incidents")),
			[tr(_("School")), tr(_("Month")), tr(_("Kind of Incident")), tr(_("Number"))],
			(
				[school_names.get(s, s), month, tr(kind), n]
				for s, month, kind, n in incidents_by_month(
					suppression, [i for i in incidents if i[1] in year]
				)
			),
			[28, 10, 34, 10],
		),
		Sheet(
			tr(_("Rapportage Meldcode")),
			[tr(label) for _key, label, _w in REPORT_COLUMNS],
			(
				[
					school_names.get(r["school"], r["school"])
					if key == "school"
					else tr(r[key])
					if key in TRANSLATED_VALUES and r.get(key)
					else r.get(key)
					for key, _label, _w in REPORT_COLUMNS
				]
				for r in reports
				if r["report_date"] in year
			),
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
