"""Benchmark (not a test): what the request guard and the database watch cost.

Run with the bench's Python from the bench's sites folder, against a site with the demo data
(`bench --site SITE execute meldcode_app.demo.create_demo_data`):

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/meldcode_app/benchmarks/request_guard.py meldcode.test

Sends the same list, form and report requests as the demo aandachtsfunctionaris through Frappe's
own WSGI application (its test client, logged in with an API key), alternating with and without
the guard, and prints the median time of each. Then it runs the guard alone on each request and
prints its median time and the queries it runs: the user's scope is computed by the permission
hooks, once per request, not by the guard. Last, the same requests and the save of a note, with
and without the database watch (access/sandboxed_code.py: every statement of a request is read
for foreign code and for SQL the request sent). Last, the save of 10 KB of formatted text with and
without the rule on markup stored past a save (access/stored_markup.py) and its noting.
"""

import json
import statistics
import sys
import time

import frappe
from frappe.app import make_form_dict
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client, set_request

from meldcode_app.access import request_guard, sandboxed_code, stored_markup
from meldcode_app.tests.test_request_guard import api_token
from meldcode_app.tests.utils import counted_queries

USER = "af@demo.meldcode.example"
ROUNDS = 60


def requests_to_time(dossier: str) -> dict[str, tuple[str, dict]]:
	return {
		"list": (
			"/api/method/frappe.desk.reportview.get",
			{"doctype": "Meldcode Dossier", "fields": '["name", "pupil_name", "workflow_state"]'},
		),
		"form": (
			"/api/method/frappe.desk.form.load.getdoc",
			{"doctype": "Meldcode Dossier", "name": dossier},
		),
		"report": ("/api/method/frappe.desk.query_report.run", {"report_name": "Meldcode Open Dossiers"}),
	}


def timed_request(path: str, params: dict, authorization: str, site: str) -> float:
	client = get_test_client(use_cookies=False)
	post = path.endswith("frappe.client.insert")
	start = time.perf_counter()
	response = make_request(
		target=client.post if post else client.get,
		args=(path,),
		kwargs={"data" if post else "query_string": params, "headers": {"Authorization": authorization}},
		site=site,
	)
	elapsed = time.perf_counter() - start
	assert response.status_code == 200, response.get_data(as_text=True)[:300]
	return elapsed


def guard_alone(path: str, params: dict) -> tuple[float, int]:
	"""Median seconds of the guard on one request, and the queries it runs (first call included)."""
	from urllib.parse import urlencode

	frappe.set_user(USER)
	set_request(method="GET", path=path, query_string=urlencode(params))
	make_form_dict(frappe.local.request)
	with counted_queries() as queries:
		request_guard.guard_request()
	times = []
	for _ in range(ROUNDS * 10):
		start = time.perf_counter()
		request_guard.guard_request()
		times.append(time.perf_counter() - start)
	frappe.local.request = None
	frappe.set_user("Administrator")
	return statistics.median(times), queries[0]


def main(site: str):
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	dossier = frappe.get_all("Meldcode Dossier", filters={"school": "00ZZ"}, pluck="name", limit=1)
	if not dossier:
		sys.exit("No demo data on this site: bench --site SITE execute meldcode_app.demo.create_demo_data")
	authorization = api_token(USER)
	frappe.db.commit()
	print(f"{'request':8} {'with guard':>12} {'without':>12} {'difference':>12}   guard alone  its queries")
	for kind, (path, params) in requests_to_time(dossier[0]).items():
		w, wo = with_and_without(request_guard, "guard_request", path, params, authorization, site)
		alone, queries = guard_alone(path, params)
		print(f"{kind:8} {w:10.2f}ms {wo:10.2f}ms {w - wo:+10.2f}ms   {alone * 1000:8.3f}ms  {queries}")
	note = ("/api/method/frappe.client.insert", {"doc": '{"doctype": "Note", "title": "Benchmark"}'})
	print(f"\n{'request':8} {'with watch':>12} {'without':>12} {'difference':>12}")
	for kind, (path, params) in {**requests_to_time(dossier[0]), "save": note}.items():
		w, wo = with_and_without(sandboxed_code, "watch_database", path, params, authorization, site)
		print(f"{kind:8} {w:10.2f}ms {wo:10.2f}ms {w - wo:+10.2f}ms")
	# A save of 10 KB of the editor's markup, with and without the rule on writes past a save
	# (stored_markup.py: every statement's text values are read) and its noting of judged values.
	content = "".join(
		f'<p>Alinea {i}: <strong>vet</strong>, <span style="color: rgb(230, 0, 0);">rood</span> en '
		f'<a href="https://school.example/{i}">een link</a> &amp; meer.</p>'
		for i in range(60)
	)
	formatted = (
		"/api/method/frappe.client.insert",
		{"doc": json.dumps({"doctype": "Note", "title": "Benchmark", "content": content})},
	)
	print(f"\n{'10 KB note':24} {'with':>10} {'without':>12} {'difference':>12}")
	for label, module, hook in (
		("rule at the database", sandboxed_code, "refuse_markup_past_a_save"),
		("noting judged values", stored_markup, "note_judged"),
	):
		w, wo = with_and_without(module, hook, *formatted, authorization, site)
		print(f"{label:24} {w:8.2f}ms {wo:10.2f}ms {w - wo:+10.2f}ms")
	frappe.db.delete("Note", {"title": "Benchmark"})
	frappe.db.commit()
	frappe.destroy()


def with_and_without(module, hook: str, path, params, authorization, site) -> tuple[float, float]:
	"""Median milliseconds of a request with the hook ``module.hook`` and with it doing nothing."""
	kept = getattr(module, hook)
	timed_request(path, params, authorization, site)  # warm caches
	with_hook, without = [], []
	try:
		for _ in range(ROUNDS):
			setattr(module, hook, kept)
			with_hook.append(timed_request(path, params, authorization, site))
			setattr(module, hook, lambda *args, **kwargs: None)
			without.append(timed_request(path, params, authorization, site))
	finally:
		setattr(module, hook, kept)
	return statistics.median(with_hook) * 1000, statistics.median(without) * 1000


if __name__ == "__main__":
	main(sys.argv[1] if len(sys.argv) > 1 else "meldcode.test")
