import frappe
from frappe import _
from frappe.utils import getdate

from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.dossier_route import reopen_by_signal
from meldcode_app.rules.records import (
	check_diagnosis,
	check_initials_only,
	check_not_in_future,
	check_third_party_source,
)
from meldcode_app.utils import latest_today, rules_enforced


class MeldcodeSignal(CaseRecord):
	def before_insert(self):
		# Every signal is traceable to the professional who gave it (H28); nobody can set it for someone else.
		self.signalled_by = frappe.session.user
		self.signalled_by_name = frappe.db.get_value("User", self.signalled_by, "full_name")

	def validate(self):
		self.validate_signalled_by()
		with rules_enforced(_("Signal not recorded")):
			check_not_in_future(getdate(self.signal_date), latest_today(), _("The date of a signal"))
			check_third_party_source(self.from_third_party, self.source, self.source_consent)
			check_initials_only(self.others_involved)
			check_diagnosis(self.contains_diagnosis, self.diagnosed_by, self.big_registered)
		validate_same_school(self)

	def validate_signalled_by(self):
		before = self.get_doc_before_save()
		if before and before.signalled_by != self.signalled_by:
			frappe.throw(_("Who signalled cannot be changed."), title=_("Signal not recorded"))

	def on_update(self):
		before = self.get_doc_before_save()
		if self.dossier and (not before or before.dossier != self.dossier):
			reopen_by_signal(self.dossier, self.name)
