from frappe.model.document import Document


class MeldcodeAgreement(Document):
	pass
