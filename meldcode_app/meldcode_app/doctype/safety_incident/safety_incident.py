import frappe
from frappe import _
from frappe.utils import getdate, today

from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.rules.flags import REACTION
from meldcode_app.rules.letters import LETTER_FIELDS, check_letter_names_no_pupil
from meldcode_app.rules.records import check_initials_only, check_not_in_future
from meldcode_app.utils import rules_enforced


class SafetyIncident(CaseRecord):
	"""One row of the incidentenregistratie sociale veiligheid (DOMAIN 4.4), kept chronologically (H44)."""

	def validate(self):
		validate_same_school(self)
		with rules_enforced(_("Incident not registered")):
			check_not_in_future(getdate(self.incident_date), getdate(today()), _("The date of an incident"))
			check_initials_only(self.involved)
		with rules_enforced(_("Letter not saved")):
			check_letter_names_no_pupil(
				{_(self.meta.get_label(f)): self.get(f) for f in LETTER_FIELDS}, self.pupils_of_school()
			)
		if (
			self.category == "Sexually Transgressive Behaviour"
			and self.flag
			and not self.pedagogical_reaction
		):
			self.pedagogical_reaction = _(REACTION[self.flag])

	def pupils_of_school(self) -> set[str]:
		"""The pupils the school has recorded: a letter to parents names none of them."""
		if not any(self.get(f) for f in LETTER_FIELDS):
			return set()
		return {
			name
			for doctype in ("Meldcode Dossier", "Meldcode Signal")
			for name in frappe.get_all(
				doctype, filters={"school": self.school}, pluck="pupil_name", distinct=True
			)
		}
