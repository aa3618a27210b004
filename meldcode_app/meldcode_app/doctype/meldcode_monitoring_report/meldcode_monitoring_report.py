import frappe
from frappe import _
from frappe.utils import getdate

from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.rules.privacy import identifies_a_pupil, names_a_record
from meldcode_app.rules.records import check_not_in_future
from meldcode_app.utils import latest_today, rules_enforced

FREE_TEXT = (
	"subject_detail",
	"description",
	"unrest_note",
	"involved_note",
	"informing_note",
	"external_organisations",
	"knelpunten",
	"remarks",
)


class MeldcodeMonitoringReport(CaseRecord):
	"""One Rapportage Meldcode (DOMAIN 4.5): bundled for the board, so it never names the pupil."""

	def validate(self):
		validate_same_school(self)
		with rules_enforced(_("Rapportage not recorded")):
			check_not_in_future(
				getdate(self.report_date), latest_today(), _("The date of a Rapportage Meldcode")
			)
		self.validate_not_before_the_dossier()
		self.validate_no_pupil_named()

	def validate_not_before_the_dossier(self):
		"""A report dated before its dossier went into an ended year's figures for the board while
		the case was in the running year, the school's own (round 196)."""
		opened = self.dossier and frappe.db.get_value("Meldcode Dossier", self.dossier, "opened_on")
		if opened and getdate(self.report_date) < getdate(opened):
			frappe.throw(
				_("A Rapportage Meldcode is dated on or after its dossier was opened ({0}).").format(
					frappe.format(opened, "Date")
				),
				title=_("Rapportage not recorded"),
			)

	def validate_no_pupil_named(self):
		"""No pupil of the school's case records by name, initials, class or date of birth, and no
		record's name: the board read a report that named the pupil and left its dossier out, and
		one with the pupil's initials, class and date of birth (round 196), names spelled past the
		check, another pupil beside its dossier's, a dossier's and a Student's record name (round
		199), look-alike letters, other date formats and a class of another dossier (round 203)."""
		texts = [(self.meta.get_label(f), self.get(f)) for f in FREE_TEXT]
		texts += [(_("Activities"), row.activity) for row in self.activities]
		pupils = pupils_of(self.school)
		named = {label for label, text in texts if identifies(text, pupils)}
		if named:
			frappe.throw(
				_(
					"A Rapportage Meldcode goes to the board and is written without the pupil's name, initials, class or date of birth; remove it from: {0}."
				).format(", ".join(_(label) for label in sorted(named))),
				title=_("Rapportage not recorded"),
			)


def identifies(text: str | None, pupils: list[tuple]) -> bool:
	return names_a_record(text) or any(identifies_a_pupil(text, *pupil) for pupil in pupils)


def pupils_of(school: str) -> list[tuple]:
	"""(name, class, date of birth) of whom a school's report may not identify: every pupil of the
	school's dossiers (its own dossier's among them), signals and exclusions."""
	fields = ["pupil_name", "pupil_class", "pupil_date_of_birth"]
	dossiers = frappe.get_all("Meldcode Dossier", {"school": school}, fields, as_list=1)
	names = [
		*frappe.get_all("Meldcode Signal", {"school": school}, pluck="pupil_name"),
		*frappe.get_all("Meldcode Exclusion", {"school": school}, pluck="pupil_name"),
	]
	return [*map(tuple, dossiers), *((name, None, None) for name in names)]
