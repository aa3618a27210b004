import frappe


def execute():
	"""The actieplan calamiteit shows who ticked an item by name (new field)."""
	frappe.db.sql(
		"""update `tabMeldcode Calamity Action` action join `tabUser` user on user.name = action.done_by
		set action.done_by_name = user.full_name"""
	)
