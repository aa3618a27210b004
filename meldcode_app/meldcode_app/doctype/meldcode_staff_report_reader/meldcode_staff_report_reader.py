from frappe.model.document import Document


class MeldcodeStaffReportReader(Document):
	"""Someone the board names to read one suspicion about staff (not to change it)."""
