import frappe
from frappe import _
from frappe.model.document import Document

from meldcode_app.access.grants import sync_school
from meldcode_app.desk import ensure_saved_filters
from meldcode_app.rules.schools import check_staff, normalise_brin
from meldcode_app.utils import rules_enforced


class MeldcodeSchool(Document):
	def autoname(self):
		self.set_brin_code()
		self.name = self.brin_code

	def validate(self):
		self.set_brin_code()
		self.validate_unique_brin()
		self.validate_staff()

	def on_update(self):
		sync_school(self)
		ensure_saved_filters([row.user for row in self.staff])

	def before_rename(self, old, new, merge=False):
		# A school's name is its BRIN code, and every case record and grant links to it: renamed or
		# merged, another school's case team would read its cases under grants nobody gave.
		frappe.throw(
			_("A school is not renamed or merged: its cases and grants belong to it."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)

	def set_brin_code(self):
		with rules_enforced(_("Invalid BRIN code")):
			self.brin_code = normalise_brin(self.brin_code)

	def validate_unique_brin(self):
		if self.is_new() and frappe.db.exists("Meldcode School", self.brin_code):
			frappe.throw(
				_("A school with BRIN code {0} already exists.").format(frappe.bold(self.brin_code)),
				title=_("Duplicate BRIN code"),
			)

	def validate_staff(self):
		with rules_enforced(_("Invalid staff")):
			check_staff((row.user, row.function) for row in self.staff)
		users = [row.user for row in self.staff]
		enabled = set(frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="name"))
		for row in self.staff:
			if row.user not in enabled:
				frappe.throw(
					_("Row {0}: user {1} is disabled and cannot be staff of a school.").format(
						row.idx, frappe.bold(row.user)
					),
					title=_("Invalid staff"),
				)
