from frappe.model.document import Document


class MeldcodeConversationSignal(Document):
	pass
