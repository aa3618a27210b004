import frappe
from frappe.utils import today

from meldcode_app import dossier_route
from meldcode_app.case_records import CaseRecord
from meldcode_app.education import fill_from_student
from meldcode_app.rules import route
from meldcode_app.terms import set_next_deadline


class MeldcodeDossier(CaseRecord):
	def before_insert(self):
		self.opened_on = today()
		self.workflow_state = self.workflow_state or route.STEP_1
		dossier_route.set_route(self)

	def validate(self):
		fill_from_student(self)
		dossier_route.set_aftercare(
			self
		)  # before the move is judged: a posted end of aftercare counts for nothing
		dossier_route.validate_move(self)
		dossier_route.process_new_events(self)
		dossier_route.apply_move(self)

	def before_save(self):
		# The casemanager changes with the step (set_casemanager); the name in lists follows it.
		self.casemanager_name = (
			frappe.db.get_value("User", self.casemanager, "full_name") if self.casemanager else None
		)
		set_next_deadline(self)

	def on_update(self):
		dossier_route.after_move(self)
