"""Times drawing a dossier's timeline of 300 items (two years of a case): the SVG the form shows.

Pure Python, no site needed:

    python benchmarks/dossier_timeline.py
"""

import sys
import time
from datetime import date, timedelta
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meldcode_app.rules.timeline import DONE, LANES, OPEN, OVERDUE, Item, legend, render  # noqa: E402

ON = date(2026, 12, 5)
BUDGET_MS = 300


def items(count: int) -> list[Item]:
	states = (DONE, OPEN, OVERDUE)
	return [
		Item(
			LANES[n % len(LANES)],
			ON - timedelta(days=(n * 730) // count),
			f"Record {n}",
			f"/app/x/{n}",
			states[n % 3],
		)
		for n in range(count)
	]


def main():
	labels = {lane: lane for lane in LANES}
	for count in (30, 300, 3000):
		sample = items(count)
		times = []
		for _run in range(20):
			start = time.perf_counter()
			html = render(sample, ON, labels, "Vandaag") + legend(
				dict.fromkeys((DONE, OPEN, OVERDUE, "cancelled"), "x")
			)
			times.append((time.perf_counter() - start) * 1000)
		print(
			f"{count:5d} items: median {median(times):7.2f} ms, max {max(times):7.2f} ms, {len(html) // 1024} KiB"
		)
	print(f"budget for 300 items: {BUDGET_MS} ms (the browser parses the SVG once it arrives)")


if __name__ == "__main__":
	main()
