from frappe.model.document import Document


class MeldcodeRoutePhase(Document):
	pass
