import frappe
from frappe import _
from frappe.utils import getdate

from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.rules.privacy import names_a_pupil
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
		self.validate_no_pupil_name()

	def validate_no_pupil_name(self):
		if not self.dossier:
			return
		pupil = frappe.db.get_value("Meldcode Dossier", self.dossier, "pupil_name")
		named = [self.meta.get_label(f) for f in FREE_TEXT if names_a_pupil(self.get(f), pupil)]
		named += [_("Activities") for row in self.activities if names_a_pupil(row.activity, pupil)]
		if named:
			frappe.throw(
				_(
					"A Rapportage Meldcode goes to the board and is written without the pupil's name; remove it from: {0}."
				).format(", ".join(_(label) for label in named)),
				title=_("Rapportage not recorded"),
			)
