"""Benchmark (not a test): the daily term job and the renewal of the lists' next deadlines over
1,000 and 10,000 open dossiers.

Run with the bench's Python from the bench's sites folder, against a site that has the app:

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/meldcode_app/benchmarks/daily_terms.py meldcode.test

Creates the dossiers with bulk inserts inside a transaction, runs the job, prints its time and
its number of queries, and rolls everything back.
"""

import sys
import time

import frappe
from frappe.utils import add_days, now_datetime, today


def make_dossiers(count: int, school: str, first: int):
	now = now_datetime()
	dossiers, terms = [], []
	for n in range(first, first + count):
		name = f"BENCH-{n:06d}"
		dossiers.append(
			(
				name,
				school,
				f"Benchmark {n}",
				"Step 2 Collegial Consultation",
				now,
				now,
				"Administrator",
				"Administrator",
			)
		)
		# Half of the terms are overdue, the other half run on: the job must not look at each dossier.
		due = add_days(today(), -3 if n % 2 else 30)
		terms.append(
			(
				frappe.generate_hash(length=10),
				name,
				"terms",
				"Meldcode Dossier",
				1,
				"data_gathering",
				"All data gathered and recorded",
				due,
				"Open",
				0,
				now,
				now,
				"Administrator",
				"Administrator",
			)
		)
	frappe.db.bulk_insert(
		"Meldcode Dossier",
		["name", "school", "pupil_name", "workflow_state", "creation", "modified", "owner", "modified_by"],
		dossiers,
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
			"escalation_level",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		terms,
	)


def measure(job) -> tuple[float, int]:
	from meldcode_app.tests.utils import counted_queries

	start = time.perf_counter()
	with counted_queries() as count:
		job()
	return time.perf_counter() - start, count[0]


def main(site: str):
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	from meldcode_app.terms import remind_and_escalate, renew_next_deadlines

	try:
		school = frappe.get_all("Meldcode School", pluck="name", limit=1)
		if not school:
			sys.exit("The site needs at least one Meldcode School with staff.")
		made = 0
		for total in (1_000, 10_000):
			make_dossiers(total - made, school[0], made)
			made = total
			# One run to fill Frappe's caches (settings, meta), then the measured run.
			for _ in range(2):
				frappe.db.sql(
					"update `tabMeldcode Dossier Term` set escalation_level = 0 where parent like 'BENCH-%%'"
				)
				frappe.db.delete("Notification Log", {"document_name": ("like", "BENCH-%")})
				seconds, queries = measure(remind_and_escalate)
			print(f"{total:>6} open dossiers: daily term job {seconds:.2f} s, {queries} queries")
			seconds, queries = measure(renew_next_deadlines)
			print(f"{total:>6} open dossiers: next deadlines renewed {seconds:.2f} s, {queries} queries")
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1] if len(sys.argv) > 1 else "meldcode.test")
