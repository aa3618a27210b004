from frappe.model.document import Document


class MeldcodeWeighingEvidence(Document):
	pass
