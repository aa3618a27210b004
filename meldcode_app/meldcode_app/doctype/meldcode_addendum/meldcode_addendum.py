from frappe.model.document import Document


class MeldcodeAddendum(Document):
	pass
