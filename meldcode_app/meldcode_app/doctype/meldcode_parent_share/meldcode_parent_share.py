from meldcode_app.case_records import CaseRecord


class MeldcodeParentShare(CaseRecord):
	"""One verslag shared with one parent through the portal; made, withdrawn, signed and ended
	by meldcode_app.access.parent_shares only (the case team reads it)."""
