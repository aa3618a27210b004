from frappe.model.document import Document


class MeldcodeWorkingNote(Document):
	pass
