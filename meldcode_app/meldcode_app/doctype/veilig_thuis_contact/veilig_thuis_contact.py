import frappe
from frappe import _
from frappe.utils import getdate

from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.rules.records import age_on, check_information_request, check_melding, check_not_in_future
from meldcode_app.rules.terms import SAME_DAY_MELDING
from meldcode_app.settings import get_settings, term_due_date
from meldcode_app.terms import add_term, keep_term
from meldcode_app.utils import latest_today, rules_enforced


class VeiligThuisContact(CaseRecord):
	def validate(self):
		validate_same_school(self)
		moment = getdate(self.contact_datetime)
		with rules_enforced(_("Contact not recorded")):
			check_not_in_future(moment, latest_today(), _("The date of a contact with Veilig Thuis"))
		if self.contact_type == "Information Request":
			self.validate_information_request(approval_due=False)
		if self.contact_type == "Melding":
			self.validate_melding(moment)
			self.decision_due = term_due_date("veilig_thuis_decision", moment)

	def validate_melding(self, moment):
		birth_date = frappe.db.get_value("Meldcode Dossier", self.dossier, "pupil_date_of_birth")
		self.child_age = age_on(getdate(birth_date), moment) if birth_date else None
		with rules_enforced(_("Melding incomplete")):
			check_melding(
				self.parents_informed,
				self.not_informed_reason,
				self.child_age,
				self.child_conversation,
				get_settings().child_conversation_age,
				[(row.fact, row.source) for row in self.facts],
				self.identified == "Anonymous",
				self.anonymous_reason,
			)

	def validate_information_request(self, approval_due: bool):
		with rules_enforced(_("Contact not recorded")):
			check_information_request(
				self.veilig_thuis_has_consent,
				self.consent_weighing,
				approval_due and self.mode == "By Phone",
				self.report_approved,
			)

	def before_submit(self):
		"""An oral information request is closed once the school approved Veilig Thuis's report of it (H41)."""
		if self.contact_type == "Information Request":
			self.validate_information_request(approval_due=True)

	def on_submit(self):
		if self.contact_type != "Melding":
			return
		dossier = frappe.get_doc("Meldcode Dossier", self.dossier)
		keep_term(dossier, SAME_DAY_MELDING, getdate(self.contact_datetime))
		add_term(
			dossier,
			"veilig_thuis_decision",
			getdate(self.contact_datetime),
			self.contact_by,
			due=self.decision_due,
		)
		dossier.save(ignore_permissions=True)

	def on_update_after_submit(self):
		if self.contact_type == "Melding" and self.feedback_received_on:
			dossier = frappe.get_doc("Meldcode Dossier", self.dossier)
			keep_term(dossier, "veilig_thuis_decision", self.feedback_received_on)
			dossier.save(ignore_permissions=True)
