from frappe.model.document import Document

from meldcode_app import protocol_runs


class MeldcodeProtocol(Document):
	"""A protocol's steps as a checklist (rules/protocols.py); runs copy them when they start."""

	def validate(self):
		protocol_runs.check_protocol(self)
