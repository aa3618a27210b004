from frappe.model.document import Document


class MeldcodeConversationParticipant(Document):
	pass
