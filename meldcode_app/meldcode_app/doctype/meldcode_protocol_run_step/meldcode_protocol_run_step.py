from frappe.model.document import Document


class MeldcodeProtocolRunStep(Document):
	pass
