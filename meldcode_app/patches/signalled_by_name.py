import frappe


def execute():
	"""Signals recorded before the list showed who signalled by name get the name."""
	frappe.db.sql(
		"""update `tabMeldcode Signal` signal_ join `tabUser` user on user.name = signal_.signalled_by
		set signal_.signalled_by_name = user.full_name
		where ifnull(signal_.signalled_by_name, '') = ''"""
	)
