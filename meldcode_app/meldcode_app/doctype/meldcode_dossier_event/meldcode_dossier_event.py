from frappe.model.document import Document


class MeldcodeDossierEvent(Document):
	pass
