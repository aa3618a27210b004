import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate


class MeldcodeSettings(Document):
	def validate(self):
		self.validate_terms()
		self.validate_non_working_days()

	def validate_terms(self):
		for df in self.meta.get("fields", {"fieldtype": "Int"}):
			if cint(self.get(df.fieldname)) <= 0:
				frappe.throw(
					_("{0} must be a whole number greater than zero.").format(frappe.bold(_(df.label))),
					title=_("Invalid term"),
				)

	def validate_non_working_days(self):
		for row in self.non_working_days:
			row.to_date = row.to_date or row.from_date
			if getdate(row.to_date) < getdate(row.from_date):
				frappe.throw(
					_("Row {0}: a non-working period cannot end before it starts.").format(row.idx),
					title=_("Invalid non-working day"),
				)
