from frappe.model.document import Document

from meldcode_app.access import grants


class MeldcodeAccessGrant(Document):
	"""One person's function at one school, or the board's role; see meldcode_app.access.grants."""

	def onload(self):
		self.set_onload("may_decide", grants.may_decide(self))

	def validate(self):
		grants.check_change(self)

	def on_trash(self):
		grants.refuse_deletion(self)

	def before_rename(self, old, new, merge=False):
		grants.refuse_deletion(self)  # a merge would make one grant of two
