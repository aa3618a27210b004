from frappe.model.document import Document


class MeldcodeCaseTeamMember(Document):
	pass
