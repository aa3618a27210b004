from frappe.model.document import Document


class MeldcodeAction(Document):
	pass
