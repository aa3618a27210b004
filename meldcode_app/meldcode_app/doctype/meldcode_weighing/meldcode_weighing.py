import frappe
from frappe import _

from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.dossier_route import open_help_term
from meldcode_app.rules import route
from meldcode_app.rules.afwegingskader import HELP_REQUIREMENTS, QUESTIONS, YES, help_is_adequate, weigh
from meldcode_app.utils import rules_enforced


class MeldcodeWeighing(CaseRecord):
	def validate(self):
		validate_same_school(self)
		self.derive_decisions()
		self.validate_required_records()

	def derive_decisions(self):
		with rules_enforced(_("Weighing not possible")):
			result = weigh({q: self.get(q) for q in QUESTIONS})
		self.outcome = result.outcome
		self.report_required = int(result.report_required)
		self.meldnorm = result.meldnorm
		self.answered_with_veilig_thuis = int(bool(result.answered_with_veilig_thuis))
		self.help_possible = int(
			help_is_adequate(self.parents_cooperate, {r: self.get(r) for r in HELP_REQUIREMENTS})
		)

	def validate_required_records(self):
		missing = []
		for n, question in enumerate(QUESTIONS, start=1):
			if self.get(question) and not self.get(f"q{n}_rationale"):
				missing.append(_("the rationale of question {0}").format(n))
		if self.q1_suspicion == YES and not (self.board_informed_on and self.board_informed_by):
			missing.append(_("when and by whom the board was informed (question 1)"))
		if self.q2_unsafe in ("Yes", "Doubt") and not self.reported_by_phone_on:
			missing.append(_("when the report to Veilig Thuis was made by phone (question 2)"))
		if self.q4_help_accepted == YES:
			if not self.help_term:
				missing.append(_("the term by which the effect of the help is measurable (question 4)"))
			if not self.help_tasks:
				missing.append(_("the tasks of everyone involved (question 4)"))
			if not self.casemanager_tasks:
				missing.append(_("the tasks of the casemanager (question 4)"))
		if self.q5_result == YES and not self.monitoring_agreements:
			missing.append(_("the monitoring agreements with their terms (question 5)"))
		if missing:
			frappe.throw(
				_("The weighing still needs: {0}.").format("; ".join(missing)), title=_("Weighing incomplete")
			)

	def before_submit(self):
		if not self.outcome:
			frappe.throw(
				_("A weighing without an outcome cannot be submitted."), title=_("Weighing incomplete")
			)
		state = frappe.db.get_value("Meldcode Dossier", self.dossier, "workflow_state")
		if state != route.STEP_4:
			frappe.throw(
				_("A weighing is submitted in step 4; dossier {0} is in {1}.").format(self.dossier, _(state)),
				title=_("Weighing not possible"),
			)

	def on_submit(self):
		dossier = frappe.get_doc("Meldcode Dossier", self.dossier)
		open_help_term(dossier, self)
		dossier.save(ignore_permissions=True)
