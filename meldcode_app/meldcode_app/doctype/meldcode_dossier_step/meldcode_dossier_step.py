from frappe.model.document import Document


class MeldcodeDossierStep(Document):
	pass
