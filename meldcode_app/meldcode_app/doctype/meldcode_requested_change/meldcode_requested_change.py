from frappe.model.document import Document


class MeldcodeRequestedChange(Document):
	pass
