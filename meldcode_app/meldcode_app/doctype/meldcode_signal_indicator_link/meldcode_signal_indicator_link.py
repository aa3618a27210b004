from frappe.model.document import Document


class MeldcodeSignalIndicatorLink(Document):
	pass
