from frappe.model.document import Document


class MeldcodeDossierTerm(Document):
	pass
