"""Small counts that stay hidden under arithmetic (no Frappe).

A published table is a set of cells (non-negative whole numbers) and the relations a reader
knows between them: a total equals the sum of its parts, an identity between columns, one count
at most another. A cell below the threshold, zero included, is shown as "< threshold": the
reader learns it lies in 0 .. threshold - 1. That alone is not enough: a shown total minus its
shown parts, or a shown row broken into small parts, can pin a hidden cell down. ``suppress``
therefore also hides complementary cells (shown as "*", which a reader knows to be at least the
threshold) until ``bounds`` (interval propagation over the relations and their linear
combinations) leaves every hidden cell a range at least ``threshold - 1`` wide.
"""

import hashlib
import hmac
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

SMALL, COMPLEMENT, BAND = "small", "complement", "band"
PART = "part"  # never published: a school's part of a figure of all schools
# Shown as nothing a reader can bound: where a label's own bounds ("< 5", "*") would still tell a
# school's staff another school's small count (a total "< 5" that is school A's 4 leaves B 0).
WITHHELD = "withheld"
INF = math.inf
# The smallest threshold the site may set: a System Manager's threshold of 1 showed the board
# every count of one to four (round 61).
SMALL_COUNT_FLOOR = 5


@dataclass(frozen=True)
class Relation:
	"""sum(coefficient * cell) == 0, or <= 0 when ``equal`` is False."""

	terms: tuple[tuple[Hashable, int], ...]
	equal: bool = True

	@classmethod
	def total(cls, total: Hashable, parts: Iterable[Hashable]) -> "Relation":
		return cls(((total, 1), *((p, -1) for p in parts)))

	def holds(self, values: dict) -> bool:
		value = sum(c * values[k] for k, c in self.terms)
		return value == 0 if self.equal else value <= 0


def band(value: int, threshold: int) -> tuple[int, int]:
	"""The range a banded figure is shown as: the multiple of the threshold it falls in (below
	the threshold: as small)."""
	low = value // threshold * threshold
	return low, low + threshold - 1


def initial_range(kind: str, threshold: int, value: int = 0) -> tuple[float, float]:
	if kind == BAND:
		return band(value, threshold)
	if kind in (PART, WITHHELD):
		return (0, INF)
	return (0, threshold - 1) if kind == SMALL else (threshold, INF)


def bounds(
	relations: list[Relation], shown: dict, ranges: dict[Hashable, tuple[float, float]]
) -> dict[Hashable, tuple[float, float]]:
	"""The narrowest whole-number range of each hidden cell a reader can derive from the shown
	cells, what the labels say (``ranges``: the hidden cells with their range) and the relations."""
	ranges = dict(ranges)
	rows = []  # (terms over hidden cells, constant, equal): sum(terms) == / <= constant
	for relation in relations:
		terms = {k: float(c) for k, c in relation.terms if k in ranges}
		if terms:
			rows.append(
				(terms, -sum(c * shown[k] for k, c in relation.terms if k not in ranges), relation.equal)
			)
	rows += _combinations([r for r in rows if r[2]])
	rows = [
		([(k, float(c)) for k, c in terms.items()], float(constant), equal) for terms, constant, equal in rows
	]
	for _pass in range(100):
		changed = False
		for terms, constant, equal in rows:
			for key, coefficient, low, high in _rests(terms, ranges):
				# coefficient * x == (or <=) constant - rest, with rest in [low, high]
				if coefficient > 0:
					new_low = (constant - high) / coefficient if equal else -INF
					new_high = (constant - low) / coefficient
				else:
					new_low = (constant - low) / coefficient
					new_high = (constant - high) / coefficient if equal else INF
				lo, hi = ranges[key]
				lo2 = max(lo, math.ceil(new_low - 1e-6)) if new_low > -INF else lo
				hi2 = min(hi, math.floor(new_high + 1e-6)) if new_high < INF else hi
				if (lo2, hi2) != (lo, hi):
					ranges[key] = (lo2, hi2)
					changed = True
		if not changed:
			break
	return ranges


def _rests(terms: list, ranges: dict):
	"""Per term: its key, its coefficient and the range of the sum of the other terms."""
	lows = [c * ranges[k][0] if c > 0 else c * ranges[k][1] for k, c in terms]
	highs = [c * ranges[k][1] if c > 0 else c * ranges[k][0] for k, c in terms]
	low_inf, high_inf = lows.count(-INF), highs.count(INF)
	low_sum = sum(v for v in lows if v != -INF)
	high_sum = sum(v for v in highs if v != INF)
	for (key, c), low, high in zip(terms, lows, highs, strict=True):
		rest_low = -INF if low_inf - (low == -INF) else low_sum - (0 if low == -INF else low)
		rest_high = INF if high_inf - (high == INF) else high_sum - (0 if high == INF else high)
		yield key, c, rest_low, rest_high


def _combinations(rows: list) -> list:
	"""Linear combinations of the equalities a reader can form: the reduced row echelon form of
	each connected group, which brings out a cell that several relations together determine."""
	reduced = []
	for group in _connected(rows):
		pivots = []  # [key, row, constant]: row[key] == 1 and no other pivot row has key
		for terms, constant, _equal in group:
			row, constant = dict(terms), float(constant)
			for key, pivot_row, pivot_constant in pivots:
				if factor := row.get(key):
					constant -= factor * pivot_constant
					_subtract(row, pivot_row, factor)
			if not row:
				continue
			key = min(row, key=repr)
			head = row[key]
			row, constant = {k: v / head for k, v in row.items()}, constant / head
			for pivot in pivots:
				if factor := pivot[1].get(key):
					pivot[2] -= factor * constant
					_subtract(pivot[1], row, factor)
			pivots.append([key, row, constant])
		reduced += [(row, constant, True) for _key, row, constant in pivots]
	return reduced


def _subtract(row: dict, other: dict, factor) -> None:
	for k, v in other.items():
		value = row.get(k, 0) - factor * v
		if abs(value) > 1e-9:
			row[k] = value
		else:
			row.pop(k, None)


def _connected(rows: list) -> list[list]:
	"""Rows grouped by the hidden cells they share."""
	parent = list(range(len(rows)))

	def find(i):
		while parent[i] != i:
			parent[i] = parent[parent[i]]
			i = parent[i]
		return i

	owner = {}
	for i, (terms, _c, _e) in enumerate(rows):
		for key in terms:
			if key in owner:
				parent[find(i)] = find(owner[key])
			else:
				owner[key] = i
	groups = {}
	for i, row in enumerate(rows):
		groups.setdefault(find(i), []).append(row)
	return list(groups.values())


def band_kind(value: int, parts: Iterable[int], threshold: int, drawn: bool) -> str:
	"""How a banded figure is shown, from its value and its schools' parts alone, so that both
	years that show it agree: withheld when one school's part is the band's top (which would tell
	that school's staff that every other school had none), and when ``drawn`` (``draw``), so that
	a withheld figure tells no one that this was so."""
	return WITHHELD if drawn or band(value, threshold)[1] in set(parts) else BAND


def draw(key: bytes, *about: object, threshold: int) -> bool:
	"""True for one in ``threshold`` of the figures ``about`` names, by a key the reader lacks."""
	digest = hmac.new(key, repr(about).encode(), hashlib.sha256).digest()
	return int.from_bytes(digest[:8], "big") % threshold == 0


def narrowed(ranges: dict, threshold: int) -> list:
	"""Hidden cells a reader can narrow to fewer than ``threshold`` possible values."""
	return [k for k, (lo, hi) in ranges.items() if hi - lo < threshold - 1]


def suppress(
	values: dict,
	relations: list[Relation],
	threshold: int,
	fixed: dict[Hashable, str] | None = None,
	insiders: Iterable[Iterable[Hashable]] = (),
	parts: Iterable[Hashable] = (),
	widths: dict[Hashable, int] | None = None,
) -> dict[Hashable, str]:
	"""Which cells to hide and how: every cell below ``threshold`` (zero too) as small, and as
	complements shown cells, one per relation and round, until each hidden cell's range is wide.
	``fixed``: cells shown with a label of their own (the kind given), never exactly and never
	given a complement: a band (also published in another table, another year's, so that its label
	follows from its values alone and both tables agree on it; ``band_kind``), or a count shown
	only as at least the threshold or below it (an average shown or not); ``widths``: a band's
	width when the other table has another threshold (default ``threshold``). ``insiders``:
	groups of cells a reader may know besides (a school's own staff know its counts, round 154):
	no small cell of the other groups follows exactly for a reader who knows a group too (the
	labels of the totals narrow them all a little), and a known cell is never a complement. ``parts``: cells never published (a school's
	part of a figure shown for all schools only, round 156), whose small ones follow exactly for
	no insider either. Where no shown cell is left to hide, a hidden cell around a narrowed one is
	withheld: shown as nothing a reader can bound."""
	relations = [r for r in relations if r.holds(values)]
	fixed = fixed or {}
	anchored = [k for k, kind in fixed.items() if kind == WITHHELD]
	widths = widths or {}
	readers = [frozenset(), *(frozenset(group) for group in insiders)]
	of_insiders = frozenset().union(*readers)
	parts = set(parts)
	hidden = {k: fixed.get(k, SMALL) for k, v in values.items() if k in fixed or v < threshold}
	hidden.update(dict.fromkeys(parts, PART))
	by_cell = {}
	for relation in relations:
		for key, _c in relation.terms:
			by_cell.setdefault(key, []).append(relation)
	while True:
		added = False
		for known in readers:
			shown = {k: v for k, v in values.items() if k not in hidden or k in known}
			labels = {
				k: initial_range(kind, widths.get(k, threshold), values[k])
				for k, kind in hidden.items()
				if k not in known
			}
			ranges = bounds(relations, shown, labels)
			too_narrow = [
				k
				for k, (lo, hi) in ranges.items()
				if k not in parts and hi - lo < widths.get(k, threshold) - 1
			]
			# A withheld banded cell is bounded in the other year's table too: each year keeps it
			# unbounded within the threshold on either side, so that both together narrow nothing.
			too_narrow += [
				k
				for k in anchored
				if ranges[k][0] > max(0, values[k] - threshold + 1)
				or ranges[k][1] < values[k] + threshold - 1
			]
			if known:  # an insider works out none of the others' small counts exactly
				too_narrow = [
					k
					for k, (low, high) in ranges.items()
					if k in of_insiders and low == high and (hidden[k] == SMALL or values[k] < threshold)
				]
			# One complement per relation and round: a complement often widens its neighbours too.
			settled = set()
			for key in too_narrow:
				if settled.intersection(map(id, by_cell.get(key, []))):
					continue
				choice = _complement(key, by_cell, hidden, values, known)
				if choice is not None:
					hidden[choice] = COMPLEMENT
				elif (choice := _withheld(key, by_cell, hidden, known)) is not None:
					hidden[choice] = WITHHELD
				else:
					continue
				added = True
				settled.update(id(r) for r in by_cell.get(key, []) + by_cell.get(choice, []))
		if not added:  # every hidden cell is wide, or nothing is left around one to hide
			return hidden


def _complement(key, by_cell, hidden, values, known=frozenset()):
	"""A shown cell that shares a relation with ``key``, or failing that with the hidden cells
	around it; not one the reader knows."""
	around, seen, reached = [], {key}, [key]
	while reached and not around:
		cell = reached.pop()
		for relation in by_cell.get(cell, []):
			for k, _c in relation.terms:
				if k not in hidden and k not in known:
					around.append(k)
				elif k not in seen:
					seen.add(k)
					reached.append(k)
	# Not the smallest: a reader who knows the rule would learn that a "*" is at most its
	# neighbours. An order by the cells' names alone tells nothing of their values.
	return min(around, key=lambda k: hashlib.sha256(repr(k).encode()).hexdigest()) if around else None


def _withheld(key, by_cell, hidden, known):
	"""A hidden cell whose label bounds ``key``: the nearest across the relations, ``key`` last."""

	def may(k):
		return hidden.get(k) in (SMALL, COMPLEMENT) and k not in known

	seen, layer = {key}, [key]
	while layer:
		reached = []
		for cell in layer:
			for relation in by_cell.get(cell, []):
				reached += [k for k, _c in relation.terms if k not in seen and not seen.add(k)]
		if found := [k for k in reached if may(k)]:
			return min(found, key=lambda k: hashlib.sha256(repr(k).encode()).hexdigest())
		layer = [k for k in reached if k in hidden and k not in known]
	return key if may(key) else None


# A school year is published with one small-count threshold: two publications of a year with
# different thresholds told a hidden count (at 6 "all schools: *", at 7 "< 7", so 6; school A's 5
# at 5, so school B had 1, round 150). A change applies from the next school year on; each change
# keeps the threshold it replaced for the years up to the one it was made in.


def thresholds_kept(kept: list[dict], before: int, after: int, this_year: int) -> list[dict]:
	"""``kept`` after the threshold changed from ``before`` to ``after`` in school year
	``this_year`` (the calendar year it starts in)."""
	if not before or int(before) == int(after):
		return kept
	return [*kept, {"until": int(this_year), "threshold": int(before)}]


def threshold_for(year: int, kept: list[dict], current: int) -> int:
	"""The threshold the school year starting in ``year`` is published with: the one the first
	change made in that year or later replaced, else the current one; never below the floor."""
	for rule in kept:
		if year <= int(rule["until"]):
			return max(SMALL_COUNT_FLOOR, int(rule["threshold"]))
	return max(SMALL_COUNT_FLOOR, int(current or 0))
