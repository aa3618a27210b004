from frappe.model.document import Document


class MeldcodeReportedFact(Document):
	pass
