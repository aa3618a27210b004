from frappe.model.document import Document


class MeldcodeProtocol(Document):
	"""A protocol's steps as a checklist (rules/protocols.py); runs copy them when they start."""
