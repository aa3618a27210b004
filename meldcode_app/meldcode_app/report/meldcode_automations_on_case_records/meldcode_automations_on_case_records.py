"""What acts on the schools' case records besides the case team: the app's own workflow, print
formats and fields, made by the bench's Administrator, and any notification, webhook, script or
customisation set up before the app refused them, switched off on upgrade
(meldcode_app.access.automations). The board sees from it that nothing else reads a case."""

from frappe import _
from frappe.utils import get_fullname

from meldcode_app.access.automations import automations_on_case_records


def execute(filters: dict | None = None) -> tuple[list, list]:
	columns = [
		{"fieldname": "kind", "label": _("Kind"), "fieldtype": "Data", "width": 170},
		{"fieldname": "record", "label": _("Record"), "fieldtype": "Data", "width": 240},
		{"fieldname": "acts_on", "label": _("Acts On"), "fieldtype": "Data", "width": 200},
		{"fieldname": "state", "label": _("State"), "fieldtype": "Data", "width": 130},
		{"fieldname": "made_by", "label": _("Made By"), "fieldtype": "Data", "width": 170},
		{"fieldname": "modified", "label": _("Last Changed"), "fieldtype": "Datetime", "width": 160},
	]
	rows = [
		{
			**row,
			"kind": _(row["kind"]),
			"acts_on": _(row["acts_on"]),
			"state": _("Switched Off") if row["switched_off"] else _("Active"),
			"made_by": get_fullname(row["made_by"]),
		}
		for row in automations_on_case_records()
	]
	return columns, rows
