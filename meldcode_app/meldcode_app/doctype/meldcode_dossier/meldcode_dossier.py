import frappe
from frappe import _
from frappe.utils import today

from meldcode_app import dossier_route
from meldcode_app.access.grants import bench_administrator_acts
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
		self.keep_opened_on()
		fill_from_student(self)
		dossier_route.set_aftercare(
			self
		)  # before the move is judged: a posted end of aftercare counts for nothing
		dossier_route.validate_move(self)
		dossier_route.process_new_events(self)
		dossier_route.apply_move(self)

	def keep_opened_on(self):
		"""The day a dossier opened is the app's: its terms and the board's years count from it, and
		a report dated before it went into an ended year's figures (round 199)."""
		stored = None if self.is_new() else self.get_doc_before_save()
		if stored and str(self.opened_on) != str(stored.opened_on) and not bench_administrator_acts():
			frappe.throw(
				_("The day a dossier was opened is set when it opens and does not change."),
				title=_("Not saved"),
			)

	def before_save(self):
		# The casemanager changes with the step (set_casemanager); the name in lists follows it.
		self.casemanager_name = (
			frappe.db.get_value("User", self.casemanager, "full_name") if self.casemanager else None
		)
		set_next_deadline(self)

	def on_update(self):
		dossier_route.after_move(self)
