from frappe.model.document import Document


class MeldcodeSchoolStaff(Document):
	pass
