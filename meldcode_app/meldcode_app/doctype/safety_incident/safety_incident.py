import frappe
from frappe import _
from frappe.utils import getdate

from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.protocol_runs import start_for_incident
from meldcode_app.record_terms import keep_term_todo, reset_escalations
from meldcode_app.rules.flags import REACTION
from meldcode_app.rules.letters import LETTER_FIELDS, check_letter_names_no_pupil
from meldcode_app.rules.opvang import STEPS, Opvang, check_opvang, due_dates
from meldcode_app.rules.records import check_initials_only, check_not_in_future
from meldcode_app.rules.term_escalation import RECORD_TERMS
from meldcode_app.terms import school_staff
from meldcode_app.utils import latest_today, rules_enforced


class SafetyIncident(CaseRecord):
	"""One row of the incidentenregistratie sociale veiligheid (DOMAIN 4.4), kept chronologically (H44)."""

	def validate(self):
		validate_same_school(self)
		with rules_enforced(_("Incident not registered")):
			check_not_in_future(getdate(self.incident_date), latest_today(), _("The date of an incident"))
			check_initials_only(self.involved)
		with rules_enforced(_("Opvang not recorded")):
			opvang = self.opvang()
			check_opvang(opvang, latest_today())
		self.update(due_dates(opvang))
		reset_escalations(self)
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

	def opvang(self) -> Opvang:
		"""The rules' view of the opvang after this incident (rules/opvang.py)."""
		return Opvang(
			incident_date=getdate(self.incident_date),
			victim_pupil=bool(self.victim_pupil),
			victim_staff=bool(self.victim_staff),
			victim_initials=self.victim_initials,
			**{field: getdate(self.get(field)) if self.get(field) else None for field, _what in STEPS},
		)

	def on_update(self):
		"""The opvang's terms on the ToDo list of the school's director(s), closed once kept; a
		serious incident gets the actieplan calamiteit as a protocol run."""
		if self.calamity:
			start_for_incident(self)
		directors = school_staff({self.school}, ("Director",)).get((self.school, "Director"), [])
		for term in RECORD_TERMS:
			if term.doctype == self.doctype:
				due = self.get(term.due_field)
				keep_term_todo(self, term.label, due, directors, bool(self.get(term.done_field)))

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
