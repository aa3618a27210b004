from frappe.model.document import Document


class MeldcodeSignalIndicator(Document):
	pass
