from frappe.model.document import Document


class MeldcodeDestructionLog(Document):
	pass
