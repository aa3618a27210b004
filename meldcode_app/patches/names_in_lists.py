import frappe


def execute():
	"""Lists show people by name: who signalled (new field) and the casemanager (a name that did
	not follow a change of casemanager before)."""
	frappe.db.sql(
		"""update `tabMeldcode Signal` signal_ join `tabUser` user on user.name = signal_.signalled_by
		set signal_.signalled_by_name = user.full_name"""
	)
	frappe.db.sql(
		"""update `tabMeldcode Dossier` dossier join `tabUser` user on user.name = dossier.casemanager
		set dossier.casemanager_name = user.full_name"""
	)
