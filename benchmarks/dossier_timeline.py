"""Benchmark (not a test): drawing a dossier's timeline of 300 items (two years of a case).

Without a site it times the drawing alone (pure Python):

    python benchmarks/dossier_timeline.py

With a site (the bench's Python from the sites folder) it also times the whole whitelisted method
as the school's aandachtsfunctionaris would call it, reading a dossier of 300 signals and terms
made with bulk inserts inside a transaction that is rolled back:

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/meldcode_app/benchmarks/dossier_timeline.py meldcode.test
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


def on_site(site: str):
	import frappe
	from frappe.utils import add_days, now_datetime, today

	from meldcode_app import api
	from meldcode_app.access.school_membership import active_staff

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		school = frappe.get_all("Meldcode School", pluck="name", limit=1)
		if not school:
			sys.exit("the site has no Meldcode School")
		school = school[0]
		staff = [user for _s, function, user in active_staff([school]) if function == "Aandachtsfunctionaris"]
		if not staff:
			sys.exit("the school has no aandachtsfunctionaris")
		now, name = now_datetime(), "BENCH-TIMELINE"
		base = ["creation", "modified", "owner", "modified_by"]
		frappe.db.bulk_insert(
			"Meldcode Dossier",
			["name", "school", "pupil_name", "workflow_state", "opened_on", *base],
			[
				(
					name,
					school,
					"Benchmark",
					"Step 2 Collegial Consultation",
					add_days(today(), -730),
					now,
					now,
					"Administrator",
					"Administrator",
				)
			],
		)
		frappe.db.bulk_insert(
			"Meldcode Signal",
			["name", "school", "dossier", "pupil_name", "signal_date", "nature", "situation", *base],
			[
				(
					f"BENCH-S-{n}",
					school,
					name,
					"Benchmark",
					add_days(today(), -n * 5),
					"Fact",
					"x",
					now,
					now,
					"Administrator",
					"Administrator",
				)
				for n in range(150)
			],
		)
		frappe.db.bulk_insert(
			"Meldcode Dossier Term",
			[
				"name",
				"parent",
				"parentfield",
				"parenttype",
				"idx",
				"term_code",
				"term",
				"due_date",
				"status",
				*base,
			],
			[
				(
					f"BENCH-T-{n}",
					name,
					"terms",
					"Meldcode Dossier",
					n + 1,
					"next_consultation",
					"Next consultation",
					add_days(today(), 30 - n * 5),
					"Kept" if n % 3 else "Open",
					now,
					now,
					"Administrator",
					"Administrator",
				)
				for n in range(150)
			],
		)
		frappe.set_user(staff[0])
		times = []
		for _run in range(10):
			start = time.perf_counter()
			html = api.dossier_timeline(name)
			times.append((time.perf_counter() - start) * 1000)
		print(
			f"  300 items through meldcode_app.api.dossier_timeline as {staff[0]}: median {median(times):.1f} ms, max {max(times):.1f} ms, {html.count('<a ')} items drawn"
		)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
	if len(sys.argv) > 1:
		on_site(sys.argv[1])
