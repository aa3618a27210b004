"""Benchmark (not a test): the board's workbook for a large board.

Generates a board of 40 schools over 10 school years (about 8,000 dossiers with their steps and
terms, 60,000 signals, 10,000 incidents, Veilig Thuis contacts and Rapportage Meldcode) inside a
transaction, then prints for the last school year:
- the workbook's time (meldcode_app.board_export.export, as Administrator),
- the floor: only the rows the year's figures depend on, read with one raw SQL query each,
  the same figures (the app's pure aggregation and hiding), written with openpyxl in write-only
  mode without any formatting,
- their ratio, and the peak memory of the export (tracemalloc, a separate run).
Everything is rolled back afterwards.

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/meldcode_app/benchmarks/board_workbook.py your-test-site
"""

import os
import random
import sys
import time
import tracemalloc
from datetime import date, timedelta
from io import BytesIO

import frappe
from frappe.utils import now_datetime
from frappe.utils.password import get_encryption_key
from openpyxl import Workbook

SCHOOLS, YEARS, DOSSIERS_PER_SCHOOL_YEAR = 40, 10, 20
SIGNALS_PER_DOSSIER, INCIDENTS_PER_SCHOOL_YEAR = 7.5, 25
FIRST_YEAR = 2016
STATES = [
	"Step 1 Signalling",
	"Step 2 Collegial Consultation",
	"Step 3 Conversation",
	"Step 4 Weighing",
	"Step 5 Deciding",
]
OUTCOMES = ["Unfounded", "Help Closed With Monitoring", "Reported and Closed"]
KINDS = [
	"Bullying",
	"Exclusion",
	"Aggression and Violence",
	"Threat",
	"Discrimination and Radicalisation",
	"Sexually Transgressive Behaviour",
]


def generate(
	schools_count=SCHOOLS,
	years=YEARS,
	dossiers_per_school_year=DOSSIERS_PER_SCHOOL_YEAR,
	incidents_per_school_year=INCIDENTS_PER_SCHOOL_YEAR,
):
	random.seed(7)
	now = now_datetime()
	meta = ("Administrator", "Administrator", now, now)
	schools = [(f"{n:02d}BM", f"Benchmarkschool {n:02d}") for n in range(schools_count)]
	frappe.db.bulk_insert(
		"Meldcode School",
		["name", "brin_code", "school_name", "disabled", "owner", "modified_by", "creation", "modified"],
		[(b, b, title, 0, *meta) for b, title in schools],
	)
	dossiers, steps, terms, signals, contacts, reports, incidents = [], [], [], [], [], [], []
	n = 0
	for year in range(FIRST_YEAR, FIRST_YEAR + years):
		start = date(year, 8, 1)
		for school, _title in schools:
			for _ in range(dossiers_per_school_year):
				n += 1
				name = f"BENCH-D-{n:06d}"
				opened = start + timedelta(days=random.randrange(330))
				depth = random.randrange(1, len(STATES) + 1)
				closed = opened + timedelta(days=10 * depth + 20) if random.random() < 0.7 else None
				state = "Closed" if closed else STATES[depth - 1]
				dossiers.append(
					(
						name,
						school,
						f"Benchmark {n}",
						state,
						opened,
						closed,
						random.choice(OUTCOMES) if closed else None,
						*meta,
					)
				)
				for i, step in enumerate(STATES[:depth] + (["Closed"] if closed else [])):
					entered = closed if step == "Closed" else opened + timedelta(days=10 * i)
					steps.append(
						(
							frappe.generate_hash(length=12),
							name,
							"steps",
							"Meldcode Dossier",
							i + 1,
							step,
							entered,
							*meta,
						)
					)
				for i in range(3):
					due = opened + timedelta(days=7 * (i + 1))
					kept = random.random() < 0.8
					terms.append(
						(
							frappe.generate_hash(length=12),
							name,
							"terms",
							"Meldcode Dossier",
							i + 1,
							"data_gathering",
							"All data gathered and recorded",
							due,
							"Kept" if kept else "Open",
							due + timedelta(days=random.randrange(-3, 4)) if kept else None,
							3,
							*meta,
						)
					)
				for i in range(int(SIGNALS_PER_DOSSIER) + n % 2):
					signals.append(
						(
							f"BENCH-S-{n:06d}-{i}",
							school,
							name,
							f"Benchmark {n}",
							opened,
							"10:00:00",
							"Klas",
							"Feitelijke beschrijving.",
							"Fact",
							*meta,
						)
					)
				if random.random() < 0.3:
					contacts.append(
						(
							f"BENCH-V-{n:06d}",
							name,
							school,
							random.choice(["Melding", "Advice"]),
							opened + timedelta(days=20),
							1,
							*meta,
						)
					)
				if random.random() < 0.2:
					reports.append(
						(
							f"BENCH-R-{n:06d}",
							school,
							opened + timedelta(days=30),
							"Abuse",
							"Korte omschrijving.",
							"None",
							"No",
							"Yes",
							"Wachttijden.",
							*meta,
						)
					)
			for i in range(incidents_per_school_year):
				incidents.append(
					(
						f"BENCH-I-{year}-{school}-{i}",
						school,
						start + timedelta(days=random.randrange(360)),
						"Plein",
						random.choice(KINDS),
						"Beschrijving.",
						"Leerkracht",
						"A.B.",
						*meta,
					)
				)
	common = ["owner", "modified_by", "creation", "modified"]
	frappe.db.bulk_insert(
		"Meldcode Dossier",
		[
			"name",
			"school",
			"pupil_name",
			"workflow_state",
			"opened_on",
			"closed_on",
			"closing_outcome",
			*common,
		],
		dossiers,
	)
	frappe.db.bulk_insert(
		"Meldcode Dossier Step",
		["name", "parent", "parentfield", "parenttype", "idx", "state", "entered_on", *common],
		steps,
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
			"completed_on",
			"escalation_level",
			*common,
		],
		terms,
	)
	frappe.db.bulk_insert(
		"Meldcode Signal",
		[
			"name",
			"school",
			"dossier",
			"pupil_name",
			"signal_date",
			"signal_time",
			"location",
			"situation",
			"nature",
			*common,
		],
		signals,
	)
	frappe.db.bulk_insert(
		"Veilig Thuis Contact",
		["name", "dossier", "school", "contact_type", "contact_datetime", "docstatus", *common],
		contacts,
	)
	frappe.db.bulk_insert(
		"Meldcode Monitoring Report",
		[
			"name",
			"school",
			"report_date",
			"subject",
			"description",
			"public_unrest",
			"melding_made",
			"informing_needed",
			"knelpunten",
			*common,
		],
		reports,
	)
	frappe.db.bulk_insert(
		"Safety Incident",
		[
			"name",
			"school",
			"incident_date",
			"location",
			"category",
			"description",
			"reported_by",
			"involved",
			*common,
		],
		incidents,
	)
	return {
		"dossiers": len(dossiers),
		"signals": len(signals),
		"incidents": len(incidents),
		"steps": len(steps),
		"terms": len(terms),
	}


# The floor reads only the rows a school year's figures depend on: the dossiers open on some day
# of the year (or the day before) with their steps, and the year's contacts, terms, incidents,
# measures, staff reports and Rapportage Meldcode.
IN_YEAR = "d.opened_on <= %(end)s and (d.closed_on is null or d.closed_on >= %(day_before)s)"
FLOOR_QUERIES = {
	"schools": "select name, school_name, brin_code from `tabMeldcode School` order by name",
	"dossiers": f"select d.name, d.school, d.opened_on, d.closed_on, d.closing_outcome from `tabMeldcode Dossier` d where {IN_YEAR}",
	"steps": "select s.parent, s.state, s.entered_on from `tabMeldcode Dossier Step` s join `tabMeldcode Dossier` d "
	f"on d.name = s.parent where s.parenttype = 'Meldcode Dossier' and {IN_YEAR} order by s.parent, s.idx",
	"contacts": "select school, contact_type, contact_datetime from `tabVeilig Thuis Contact` where docstatus = 1 "
	"and contact_datetime between %(start)s and %(end_moment)s",
	"terms": "select d.school, t.due_date, t.status, t.completed_on from `tabMeldcode Dossier Term` t join `tabMeldcode Dossier` d "
	"on d.name = t.parent where t.parenttype = 'Meldcode Dossier' and t.due_date between %(start)s and %(end)s",
	"incidents": "select school, incident_date, category, calamity from `tabSafety Incident` "
	"where incident_date between %(start)s and %(end)s",
	"measures": "select school, start_date, measure from `tabMeldcode Exclusion` where start_date between %(start)s and %(end)s",
	"staff_reports": "select school, received_on from `tabMeldcode Staff Report` where received_on between %(start)s and %(end)s",
	"reports": "select * from `tabMeldcode Monitoring Report` where report_date between %(start)s and %(end)s",
	"protocols": "select name from `tabMeldcode Protocol` order by name",
	"runs": "select r.name, r.protocol, r.school, r.started_on, s.number, s.idx, s.due_date, s.done_on "
	"from `tabMeldcode Protocol Run` r left join `tabMeldcode Protocol Run Step` s on s.parent = r.name "
	"and s.parenttype = 'Meldcode Protocol Run' where r.started_on between %(start)s and %(end)s "
	"order by r.name, s.idx",
}


def floor_figures(year: int):
	"""The board's figures of a school year from the floor's queries (every school, the board's
	view), aggregated and hidden by the same pure code as the export."""
	from meldcode_app.rules import board_figures as figures

	school_year = figures.SchoolYear.starting(year)
	values = {
		"start": school_year.start,
		"end": school_year.end,
		"day_before": school_year.start - timedelta(days=1),
		"end_moment": f"{school_year.end} 23:59:59",
	}
	rows = {key: frappe.db.sql(query, values) for key, query in FLOOR_QUERIES.items()}
	dossiers, by_name = {}, {}
	for name, school, opened_on, closed_on, outcome in rows["dossiers"]:
		by_name[name] = figures.Dossier(school, opened_on, closed_on, outcome)
		dossiers.setdefault(school, []).append(by_name[name])
	for parent, state, entered_on in rows["steps"]:
		by_name[parent].steps.append((state, entered_on))
	contacts, terms, events = {}, {}, {}
	for school, kind, moment in rows["contacts"]:
		contacts.setdefault(school, []).append((kind, moment.date()))
	for school, due, status, completed in rows["terms"]:
		terms.setdefault(school, []).append(figures.Term(school, due, status, completed))
	for school, day, _kind, calamity in rows["incidents"]:
		if calamity:
			events.setdefault(school, []).append(("calamities", day))
	for school, day, measure in rows["measures"]:
		events.setdefault(school, []).append((f"measure:{measure}", day))
	for school, day in rows["staff_reports"]:
		events.setdefault(school, []).append(("staff_reports", day))
	runs = {}
	for name, protocol, school, started_on, number, idx, due, done_on in rows["runs"]:
		entry = runs.setdefault(name, (protocol, school, started_on, []))
		if idx is not None:
			entry[3].append((number or str(idx), due, done_on))
	threshold = frappe.db.get_single_value("Meldcode Settings", "small_count_threshold")
	figures_of_year = figures.publish(
		school_year,
		frappe.utils.getdate(),
		threshold,
		[tuple(r) for r in rows["schools"]],
		dossiers,
		contacts,
		terms,
		[(school, day, kind) for school, day, kind, _c in rows["incidents"]],
		events,
		[name for (name,) in rows["protocols"]],
		[
			figures.ProtocolRun(p, school, started, tuple(steps))
			for p, school, started, steps in runs.values()
		],
		get_encryption_key().encode(),
		threshold,
	)
	return figures_of_year, rows["reports"]


def floor(year: int) -> None:
	"""The figures written with openpyxl in write-only mode, without any formatting."""
	figures_of_year, reports = floor_figures(year)
	workbook = Workbook(write_only=True)
	sheet = workbook.create_sheet()
	for (school, key), value in figures_of_year.values.items():
		sheet.append([school, key, "*" if (school, key) in figures_of_year.hidden else value])
	sheet = workbook.create_sheet()
	protocols = figures_of_year.protocols
	for cell, value in protocols.values.items():
		sheet.append([*cell, "*" if cell in protocols.hidden else value])
	sheet = workbook.create_sheet()
	for row in reports:
		sheet.append(list(row))
	workbook.save(BytesIO())


def timed(call) -> float:
	start = time.perf_counter()
	call()
	return time.perf_counter() - start


def main(site: str):
	from meldcode_app.board_export import export

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	# Each export writes an Access Log, which commits outside tests; the generated board must
	# stay in the transaction so that it can be rolled back.
	frappe.flags.in_test = True
	try:
		counts = generate()
		print("generated:", ", ".join(f"{v:,} {k}" for k, v in counts.items()))
		year = FIRST_YEAR + YEARS - 1
		export(year)  # warm Frappe's caches (meta, settings) once
		floor(year)
		workbook_seconds = min(timed(lambda: export(year)) for _ in range(3))
		floor_seconds = min(timed(lambda: floor(year)) for _ in range(3))
		tracemalloc.start()
		export(year)
		peak = tracemalloc.get_traced_memory()[1]
		tracemalloc.stop()
		print(f"workbook for school year {year}-{year + 1}, {SCHOOLS} schools: {workbook_seconds:.2f} s")
		print(
			f"floor (the rows of the year by raw SQL, the same figures, write-only openpyxl): {floor_seconds:.2f} s"
		)
		print(f"ratio: {workbook_seconds / floor_seconds:.2f} (target at most 1.5)")
		print(f"peak memory of the export: {peak / 2**20:.1f} MB (target at most 200 MB)")
	finally:
		# The exports wrote files to disk; the rollback does not remove them.
		for url in frappe.get_all(
			"File", filters={"file_name": ("like", "meldcode-%.xlsx")}, pluck="file_url"
		):
			path = frappe.utils.get_files_path(url.rsplit("/", 1)[-1], is_private=1)
			if os.path.exists(path):
				os.remove(path)
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1] if len(sys.argv) > 1 else "meldcode.test")
