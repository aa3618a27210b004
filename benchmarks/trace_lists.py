"""Benchmark (not a test): what keeping case traces out of Frappe's lists costs.

Run with the bench's Python from the bench's sites folder, against a site that has the app:

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/meldcode_app/benchmarks/trace_lists.py meldcode.test

A System Manager with no school lists ToDos, comments, files and versions (a page of 20, newest
first, and the count the list shows) while the site holds 1,000, 10,000 and 50,000 of each: half
about case dossiers or their traces, half about other records. The list's condition
(access/permissions.trace_query_conditions) excludes rows about a case record and rows about a
trace of one, two steps deep. Prints the median time of each list with and without that condition
and checks that no case trace is listed. Everything is inserted in one transaction and rolled back.
"""

import statistics
import sys
import time

import frappe
from frappe.utils import now_datetime

USER = "trace-lists-benchmark@example.org"
ROUNDS = 7
SIZES = (1_000, 10_000, 50_000)
# DocType -> its columns and one row about a case (or a trace of one) and one about a User.
FIELDS = {
	"ToDo": ("reference_type", "reference_name", "description"),
	"Comment": ("reference_doctype", "reference_name", "content"),
	"File": ("attached_to_doctype", "attached_to_name", "file_name"),
	"Version": ("ref_doctype", "docname", "data"),
}


def rows(doctype: str, first: int, count: int) -> list[tuple]:
	"""Even rows are about a case: a dossier, a case's ToDo (a comment on it), or a case's comment
	(a version of it); odd rows about a user."""
	now = now_datetime()
	made = []
	for n in range(first, first + count):
		if n % 2:
			about = ("User", USER)
		elif doctype == "Comment" and n % 4 == 0:
			about = ("ToDo", f"BT-ToDo-{n:07d}")
		elif doctype == "Version" and n % 4 == 0:
			about = ("Comment", f"BT-Comment-{n:07d}")
		else:
			about = ("Meldcode Dossier", f"BT-{n % 500:04d}")
		row = (f"BT-{doctype}-{n:07d}", *about, f"row {n}", now, now, USER, USER)
		made.append((*row, 1) if doctype == "File" else row)  # files of a case are private
	return made


def fill(doctype: str, first: int, count: int):
	frappe.db.bulk_insert(
		doctype,
		["name", *FIELDS[doctype], "creation", "modified", "owner", "modified_by"]
		+ (["is_private"] if doctype == "File" else []),
		rows(doctype, first, count),
	)


def make_dossiers(school: str):
	now = now_datetime()
	frappe.db.bulk_insert(
		"Meldcode Dossier",
		["name", "school", "pupil_name", "workflow_state", "creation", "modified", "owner", "modified_by"],
		[
			(f"BT-{n:04d}", school, f"Benchmark {n}", "Step 1 Signalling", now, now, USER, USER)
			for n in range(500)
		],
	)


def median_seconds(call) -> float:
	times = []
	for _ in range(ROUNDS):
		start = time.perf_counter()
		call()
		times.append(time.perf_counter() - start)
	return statistics.median(times)


def listing(doctype: str, read=frappe.get_list, fields=("name",)):
	"""A list page as the desk asks for it (``read``: get_list with the user's permissions, get_all
	without any), or with ``count(*)`` the count under it."""
	return read(doctype, fields=list(fields), order_by="modified desc", limit_page_length=20)


def main(site: str):
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		school = frappe.get_all("Meldcode School", pluck="name", limit=1)
		if not school:
			sys.exit("The site needs at least one Meldcode School.")
		make_dossiers(school[0])
		frappe.get_doc(
			{"doctype": "User", "email": USER, "first_name": "Benchmark", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
		frappe.get_doc("User", USER).add_roles("System Manager")
		made = 0
		for total in SIZES:
			for doctype in FIELDS:
				fill(doctype, made, total - made)
			made = total
			frappe.set_user(USER)
			for doctype in FIELDS:
				listed = listing(doctype)
				about_a_case = [
					row.name for row in listed if row.name.startswith("BT-") and row.name[-1] in "02468"
				]
				assert not about_a_case, f"{doctype}: case traces listed: {about_a_case}"
				figures = [
					median_seconds(lambda dt=doctype, read=read, fields=fields: listing(dt, read, fields))
					* 1000
					for fields in (("name",), ("count(*) as n",))
					for read in (frappe.get_list, frappe.get_all)
				]
				print(
					f"{total:>6} {doctype:<8} page {figures[0]:7.1f} ms (without {figures[1]:5.1f}),"
					f" count {figures[2]:7.1f} ms (without {figures[3]:5.1f})"
				)
			frappe.set_user("Administrator")
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1] if len(sys.argv) > 1 else "meldcode.test")
