from frappe.model.document import Document


class MeldcodeRouteTerm(Document):
	pass
