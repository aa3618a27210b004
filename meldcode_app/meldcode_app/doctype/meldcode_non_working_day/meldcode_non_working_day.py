from frappe.model.document import Document


class MeldcodeNonWorkingDay(Document):
	pass
