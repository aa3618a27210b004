"""Case records are not followed: Frappe's hourly or daily digest of a followed document mails its
changed values and comments (read with no permission check) to the follower, also after they
left the case team. A like, comment or assignment on a case record makes no follow, even for a
user who asked Frappe to follow everything."""

from frappe.email.doctype.document_follow.document_follow import DocumentFollow

from meldcode_app.rules.registry import RECORD_DOCTYPES


class DocumentFollowOutsideCases(DocumentFollow):
	"""Frappe's Document Follow (hook override_doctype_class)."""

	def insert(self, *args, **kwargs):
		if self.ref_doctype in RECORD_DOCTYPES:
			return self  # Frappe's follow_document ignores what it gets back
		return super().insert(*args, **kwargs)
