from frappe.model.document import Document


class MeldcodeSignalParentContact(Document):
	pass
