from frappe.model.document import Document


class MeldcodePublishedFigures(Document):
	"""A school year's figures as the board was first given them once the year had ended, label
	by label (``rules.board_figures.Published``): served as kept, so that two downloads of an ended
	year tell nothing of what changed in between (round 165)."""
