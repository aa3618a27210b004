from frappe.model.document import Document


class MeldcodeExport(Document):
	"""The record an export file of the board's figures is attached to from birth: its reader is
	the one who made it, so the file never lies unattached for another record to take."""
