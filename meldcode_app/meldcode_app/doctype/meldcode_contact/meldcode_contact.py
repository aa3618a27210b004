from frappe.model.document import Document


class MeldcodeContact(Document):
	pass
