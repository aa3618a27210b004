from frappe.model.document import Document


class MeldcodeCalamityAction(Document):
	pass
