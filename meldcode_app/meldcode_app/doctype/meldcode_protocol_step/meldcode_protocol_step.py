from frappe.model.document import Document


class MeldcodeProtocolStep(Document):
	pass
