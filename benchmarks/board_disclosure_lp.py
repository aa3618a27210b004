"""An exact check (not a test) of the board figures' hiding: for generated boards of small
schools over three school years, with their protocols' runs (tests/test_board_disclosure.py), a
linear program per hidden cell over every relation the auditor knows gives the narrowest range a
reader can derive, where the auditor's test uses interval propagation. Prints per board the
hidden cells, how many an LP narrows to fewer values than the threshold, and the narrowest range.

Needs scipy (not a dependency of the app or its tests):

    pip install scipy && python benchmarks/board_disclosure_lp.py [first seed] [last seed]
"""

import math
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "tests")]

import numpy as np  # noqa: E402
from scipy.optimize import linprog  # noqa: E402
from test_board_disclosure import INF, THRESHOLD, YEARS, downloads, labels, relations_of  # noqa: E402


def exact_ranges(published: dict) -> dict:
	"""Each hidden cell of the years downloaded: (lowest, highest) by linear programming."""
	shown, ranges = labels(published)  # what the auditor test reads from the sheets
	keys = list(ranges)
	index = {k: i for i, k in enumerate(keys)}
	equal, equal_b, less, less_b = [], [], [], []
	for relation in relations_of(published):
		row, constant = np.zeros(len(keys)), 0
		for key, coefficient in relation.terms:
			if key in index:
				row[index[key]] += coefficient
			else:
				constant += coefficient * shown[key]
		if row.any():
			(equal if relation.equal else less).append(row)
			(equal_b if relation.equal else less_b).append(-constant)
	bounds = [(lo, None if hi == INF else hi) for lo, hi in (ranges[k] for k in keys)]
	found = {}
	for key in keys:
		if key[0] not in YEARS:
			continue
		c = np.zeros(len(keys))
		c[index[key]] = 1
		ends = []
		for sign in (1, -1):
			result = linprog(
				sign * c,
				A_ub=np.array(less) if less else None,
				b_ub=less_b or None,
				A_eq=np.array(equal),
				b_eq=equal_b,
				bounds=bounds,
				method="highs",
			)
			ends.append(sign * result.fun if result.status == 0 else INF)  # unbounded above
		found[key] = (math.ceil(ends[0] - 1e-6), INF if ends[1] == INF else math.floor(ends[1] + 1e-6))
	return found


def main(first: int, last: int):
	narrowed_boards = 0
	for seed in range(first, last + 1):
		found = exact_ranges(downloads(seed))
		narrowed = {k: r for k, r in found.items() if r[1] - r[0] < THRESHOLD - 1}
		narrowest = min(found.values(), key=lambda r: r[1] - r[0])
		narrowed_boards += bool(narrowed)
		print(
			f"board {seed}: {len(found)} hidden cells, {len(narrowed)} narrowed below {THRESHOLD} values"
			f" (narrowest range {narrowest[0]}-{narrowest[1]})"
		)
	print(f"boards with a cell an LP narrows: {narrowed_boards} of {last - first + 1}")


if __name__ == "__main__":
	main(*(int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (0, 29))
