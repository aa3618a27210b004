import frappe
from frappe import _
from frappe.utils import getdate

from meldcode_app.access.parent_shares import PARENTS_VIEW_FLAG, who_answers
from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.rules.records import check_not_in_future
from meldcode_app.settings import term_due_date
from meldcode_app.terms import add_term, keep_term
from meldcode_app.utils import latest_today, rules_enforced


class MeldcodeCorrectionRequest(CaseRecord):
	"""The parents' written request to correct the dossier (H30): answered within the term, a
	refusal with its reason; facts are not overwritten, the correction and the parents' view
	are added to each record concerned."""

	def validate(self):
		validate_same_school(self)
		with rules_enforced(_("Correction request not recorded")):
			check_not_in_future(
				getdate(self.received_on), latest_today(), _("The date a request was received")
			)
		self.answer_due = term_due_date("correction_request_answer", self.received_on)
		if self.decision in ("Refused", "Partly Granted") and not (self.refusal_reason or "").strip():
			frappe.throw(_("A refusal states its reason."), title=_("Answer incomplete"))
		if self.answered_on and getdate(self.answered_on) < getdate(self.received_on):
			frappe.throw(
				_("The answer cannot be dated before the request was received."), title=_("Invalid date")
			)

	def after_insert(self):
		dossier = frappe.get_doc("Meldcode Dossier", self.dossier)
		add_term(
			dossier,
			"correction_request_answer",
			self.received_on,
			who_answers(dossier.name),
			due=self.answer_due,
		)
		dossier.save(ignore_permissions=True)

	def before_submit(self):
		if not (self.decision and self.answered_on):
			frappe.throw(
				_("Submitting sends the written answer: it needs the decision and the date of the answer."),
				title=_("Answer incomplete"),
			)

	def on_submit(self):
		for row in self.requested_changes:
			self.add_to_record(row.record_type, row.record)
		dossier = frappe.get_doc("Meldcode Dossier", self.dossier)
		keep_term(dossier, "correction_request_answer", self.answered_on)
		dossier.save(ignore_permissions=True)

	def add_to_record(self, doctype: str, name: str):
		additions = [
			(kind, text)
			for kind, text in (("Correction", self.correction), ("Parents' View", self.parents_view))
			if text
		]
		for kind, text in additions:
			if doctype == "Meldcode Conversation":
				conversation = frappe.get_doc(doctype, name)
				conversation.append("addenda", {"kind": kind, "text": text})
				conversation.flags.ignore_permissions = True
				conversation.flags[PARENTS_VIEW_FLAG] = True  # the parents' view their request asked for
				conversation.save()
			else:
				frappe.get_doc(doctype, name).add_comment(
					"Info", _("{0} (correction request {1}): {2}").format(_(kind), self.name, text)
				)
