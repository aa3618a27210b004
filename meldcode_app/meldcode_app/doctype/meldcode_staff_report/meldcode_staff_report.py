import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from meldcode_app.access.accounts import has_access, start_with_keys_of_their_own
from meldcode_app.access.grants import bench_administrator_acts, board_members, holds_board_role
from meldcode_app.access.permissions import named_reader_shares
from meldcode_app.access.school_membership import memberships
from meldcode_app.case_records import CaseRecord
from meldcode_app.record_terms import keep_term_todo, reset_escalations
from meldcode_app.rules.records import check_initials_only
from meldcode_app.rules.staff_report import (
	CLOSED,
	StaffReportRoute,
	check_named_readers,
	check_route,
	due_dates,
)
from meldcode_app.settings import working_day_calendar
from meldcode_app.utils import latest_today, rules_enforced


class MeldcodeStaffReport(CaseRecord):
	"""Meldplicht (seed 003, "Protocol misbruik door professionals"): a suspicion about someone
	working at the school, reported to the board; the board's case, never the school's."""

	def before_insert(self):
		user = frappe.session.user
		functions = [function for school, function in memberships(user) if school == self.school]
		if not functions and user != "Administrator" and not holds_board_role(user):
			frappe.throw(
				_(
					"Only someone working at school {0} reports a suspicion about a staff member of that school to the board."
				).format(self.school),
				frappe.PermissionError,
				title=_("Not staff of the school"),
			)
		self.reported_by = user
		self.reported_on = now_datetime()
		self.received_on = today()
		if functions and not self.reporter_function:
			self.reporter_function = functions[0]

	def validate(self):
		with rules_enforced(_("Report not saved")):
			check_initials_only(self.accused_initials)
			check_initials_only(self.pupil_initials)
			route = self.route()
			check_route(route, latest_today())
			check_named_readers([row.user for row in self.named_readers], self.accused_user)
			self.update(due_dates(route, working_day_calendar()))
		# whom the board names reads this case: a first access, as a first grant is (round 197)
		self.flags.first_access = [row.user for row in self.named_readers if not has_access(row.user)]
		reset_escalations(self)
		self.closed_on = (self.closed_on or today()) if self.status == CLOSED else None

	def route(self) -> StaffReportRoute:
		def day(field):
			return getdate(self.get(field)) if self.get(field) else None

		return StaffReportRoute(
			received_on=day("received_on") or getdate(today()),
			inspector_consulted_on=day("inspector_consulted_on"),
			reasonable_suspicion=self.reasonable_suspicion or None,
			suspicion_established_on=day("suspicion_established_on"),
			complainant_parents_informed_on=day("complainant_parents_informed_on"),
			accused_informed_on=day("accused_informed_on"),
			aangifte_on=day("aangifte_on"),
			aangifte_with=self.aangifte_with,
			proved_false=bool(self.proved_false),
			rehabilitation=self.rehabilitation,
			status=self.status or "Open",
		)

	def on_update(self):
		"""The board's terms on its ToDo list: consult the vertrouwensinspecteur, then the aangifte."""
		board = sorted(board_members() - {self.accused_user})
		keep_term_todo(
			self,
			"Consultation of the Vertrouwensinspecteur",
			self.inspector_consultation_due,
			board,
			bool(self.inspector_consulted_on),
		)
		keep_term_todo(self, "Aangifte", self.aangifte_due, board, bool(self.aangifte_on))
		if not bench_administrator_acts():
			for user in self.flags.first_access or ():
				start_with_keys_of_their_own(user)
		named_reader_shares(self)

	def after_insert(self):
		"""The board hears of it at once, by a link that carries no content."""
		for user in sorted(board_members() - {self.accused_user}):
			frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": user,
					"type": "Alert",
					"document_type": self.doctype,
					"document_name": self.name,
					"subject": _("A suspicion about a staff member was reported: {0}").format(self.name),
				}
			).insert(ignore_permissions=True)
