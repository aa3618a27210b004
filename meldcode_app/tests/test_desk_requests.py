"""The desk's own requests the app replaced: a chart of the app counts for each user and speaks
their language; the route history keeps no route that names a case record."""

import json

import frappe

from meldcode_app.access.route_history import deferred_insert, names_a_case_record
from meldcode_app.desk import chart_data
from meldcode_app.rules import route
from meldcode_app.tests.factories import as_user, open_dossier
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

CHART = "Open Meldcode Dossiers by Step"


class TestDeskRequests(MeldcodeTestCase):
	def test_the_steps_chart_is_counted_per_user_and_in_dutch(self):
		open_dossier("A")

		def counts(user):
			result = as_user(user)(chart_data, chart_name=CHART, refresh=0) or {
				"labels": [],
				"datasets": [{"values": []}],
			}
			return dict(zip(result["labels"], result["datasets"][0]["values"], strict=True))

		def own(user):
			filters = {"workflow_state": ("!=", route.CLOSED)}
			return as_user(user)(frappe.get_list, "Meldcode Dossier", filters=filters, pluck="name")

		director_a, director_b = staff_user("A", "Director"), staff_user("B", "Director")
		self.assertIn("Stap 1 Signaleren", counts(director_a))
		self.assertNotIn(route.STEP_1, counts(director_a))
		self.assertEqual(sum(counts(director_b).values()), len(own(director_b)), "not school A's figures")

	def test_a_route_naming_a_case_record_is_not_kept(self):
		self.assertTrue(names_a_case_record("Form/Meldcode Dossier/MD-2026-00001"))
		self.assertTrue(names_a_case_record("meldcode-signal/MS-2026-00001"))
		self.assertFalse(names_a_case_record("Workspaces/Meldcode"))
		self.assertFalse(names_a_case_record("query-report/Meldcode Open Dossiers"))

	def test_the_route_history_takes_only_what_names_no_case_record(self):
		kept = []
		original = frappe.desk.doctype.route_history.route_history.deferred_insert
		frappe.desk.doctype.route_history.route_history.deferred_insert = lambda routes: kept.extend(
			json.loads(routes)
		)
		try:
			deferred_insert(
				json.dumps(
					[
						{"route": "Form/Meldcode Dossier/MD-1", "creation": "2026-11-25 10:00:00"},
						{"route": "Workspaces/Meldcode", "creation": "2026-11-25 10:00:01"},
					]
				)
			)
		finally:
			frappe.desk.doctype.route_history.route_history.deferred_insert = original
		self.assertEqual([r["route"] for r in kept], ["Workspaces/Meldcode"])
		with self.assertRaises(frappe.ValidationError):
			deferred_insert("not json")
