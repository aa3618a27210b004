from frappe.model.document import Document


class MeldcodeMonitoringActivity(Document):
	pass
