import frappe

from meldcode_app.protocol_runs import RUN, add_missing_templates
from meldcode_app.rules.protocols import ACTIEPLAN_CALAMITEIT

OLD_TABLE = "tabMeldcode Calamity Action"


def execute():
	"""The actieplan calamiteit became a protocol: each serious incident's checklist becomes a run
	of the template "Actieplan calamiteit" with every item as it was (ticked, by whom, when, its
	note); the old table is left for Frappe to drop with its DocType."""
	add_missing_templates()
	try:
		rows = frappe.db.sql(
			f"""select parent, idx, phase, item, done, done_by, done_by_name, done_on, note
			from `{OLD_TABLE}` where parenttype = 'Safety Incident' order by parent, idx""",
			as_dict=True,
		)
	except Exception as error:
		if frappe.db.is_table_missing(error):
			return  # installed after the change
		raise
	by_incident = {}
	for row in rows:
		by_incident.setdefault(row.parent, []).append(row)
	for incident, items in by_incident.items():
		if frappe.db.exists(RUN, {"safety_incident": incident, "protocol": ACTIEPLAN_CALAMITEIT}):
			continue
		school, incident_date, owner = frappe.db.get_value(
			"Safety Incident", incident, ["school", "incident_date", "owner"]
		) or (None, None, None)
		if not school:
			continue
		run = frappe.get_doc(
			{
				"doctype": RUN,
				"protocol": ACTIEPLAN_CALAMITEIT,
				"school": school,
				"safety_incident": incident,
				"started_on": incident_date,
				"owner": owner,
				"steps": [
					{
						"number": str(row.idx),
						"section": row.phase,
						"step_text": row.item,
						"actor": "Director",
						"done": row.done,
						"done_by": row.done_by,
						"done_by_name": row.done_by_name,
						"done_on": row.done_on,
						"note": row.note,
					}
					for row in items
				],
			}
		)
		run.flags.ignore_permissions = True
		run.flags.ignore_links = True  # a ticker who left keeps their name on the item
		run.flags.keep_ticks = True
		run.insert()
