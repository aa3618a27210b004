from frappe import _
from frappe.utils import getdate

from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.record_terms import keep_term_todo, reset_escalations
from meldcode_app.rules.exclusion import Exclusion, check_exclusion, due_dates
from meldcode_app.utils import latest_today, rules_enforced

DATES = (
	"start_date",
	"end_date",
	"board_approved_on",
	"inspectie_informed_on",
	"teacher_heard_on",
	"director_heard_on",
	"decision_on",
	"appeal_received_on",
	"appeal_decided_on",
)


class MeldcodeExclusion(CaseRecord):
	"""A time-out, schorsing or verwijdering of a pupil (seed 003, "Protocol schorsen en
	verwijderen"), with its conditions and terms."""

	def validate(self):
		validate_same_school(self)
		if not (self.measure and self.start_date):
			return  # Frappe names what is missing
		exclusion = exclusion_of(self)
		with rules_enforced(_("Measure not recorded")):
			check_exclusion(exclusion, latest_today())
		self.update(due_dates(exclusion))
		reset_escalations(self)

	def on_update(self):
		"""The terms on the ToDo list of whoever recorded the measure: the inspectie from the
		second day of a suspension, the decision on an appeal or objection."""
		users = [self.owner] if self.owner and self.owner != "Administrator" else []
		keep_term_todo(
			self, "Inspectie Informed By", self.inspectie_due, users, bool(self.inspectie_informed_on)
		)
		keep_term_todo(self, "Decision Due", self.appeal_decision_due, users, bool(self.appeal_decided_on))


def exclusion_of(values) -> Exclusion:
	"""The rules' view of a stored or edited measure (a document or a row with these fields)."""
	return Exclusion(
		measure=values.get("measure"),
		director_approved=bool(values.get("director_approved")),
		ground=values.get("ground") or None,
		other_school=values.get("other_school"),
		**{field: getdate(values.get(field)) if values.get(field) else None for field in DATES},
	)
