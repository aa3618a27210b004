import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, formatdate, getdate, today

from meldcode_app.rules.disclosure import SMALL_COUNT_FLOOR, thresholds_kept
from meldcode_app.rules.retention import RETENTION_FIELDS, kept_longer
from meldcode_app.rules.roles import ADMINISTRATOR
from meldcode_app.rules.settings_limits import (
	LONGEST_NON_WORKING_PERIOD,
	MOST_NON_WORKING_DAYS_A_YEAR,
	largest,
	period_too_long,
	year_too_full,
)

SHORTENED = "{0}: shortened from {1} to {2} by {3}; the longer period stays in force until {4}."


class MeldcodeSettings(Document):
	def validate(self):
		self.validate_terms()
		self.validate_non_working_days()
		if cint(self.small_count_threshold) < SMALL_COUNT_FLOOR:
			frappe.throw(
				_(
					"The small-count threshold is at least {0}: a smaller count could point at a child."
				).format(SMALL_COUNT_FLOOR),
				title=_("Invalid threshold"),
			)
		self.keep_shortened_retention()
		self.keep_published_thresholds()

	def keep_published_thresholds(self):
		"""A changed small-count threshold applies from the next school year: the years up to this
		one keep the threshold they were published with (rules/disclosure.thresholds_kept); the
		kept thresholds are the app's, whatever a request sent for them."""
		before = self.get_doc_before_save() or frappe._dict(frappe.db.get_singles_dict(self.doctype))
		stored = json.loads(before.kept_thresholds) if before.get("kept_thresholds") else []
		day = getdate(today())
		kept = thresholds_kept(
			stored,
			cint(before.get("small_count_threshold")),
			cint(self.small_count_threshold),
			day.year if day.month >= 8 else day.year - 1,
		)
		self.kept_thresholds = json.dumps(kept) if kept else None

	def keep_shortened_retention(self):
		"""A shortened retention period takes effect after a grace period, and the board and the
		Meldcode Administrators are told at once (rules/retention.py); the kept periods are the
		app's, whatever a request sent for them."""
		# Frappe's insert of a single writes over the stored one with no copy of it before (a System
		# Manager's "new" Meldcode Settings skipped the grace period, round 62): the stored values.
		before = self.get_doc_before_save() or frappe._dict(frappe.db.get_singles_dict(self.doctype))
		if not before.get(RETENTION_FIELDS[0]):
			self.shortened_retention = None  # the first save: nothing was in force
			return
		periods = lambda doc: {field: cint(doc.get(field)) for field in RETENTION_FIELDS}  # noqa: E731
		stored = json.loads(before.shortened_retention) if before.get("shortened_retention") else None
		kept = kept_longer(periods(before), periods(self), stored, getdate(today()))
		self.shortened_retention = json.dumps(kept) if kept else None
		shortened = [f for f in RETENTION_FIELDS if cint(self.get(f)) < cint(before.get(f))]
		if shortened:
			self.tell_of_shortening(before, shortened, kept["until"])

	def tell_of_shortening(self, before, fields, until):
		from meldcode_app.access.grants import board_members, holding
		from meldcode_app.terms import insert_notifications, user_languages

		users = sorted((board_members() | holding(ADMINISTRATOR)) - {frappe.session.user, "Administrator"})
		languages = user_languages(users)
		insert_notifications(
			[
				(
					user,
					self.doctype,
					self.name,
					_(SHORTENED, languages[user]).format(
						_(self.meta.get_label(field), languages[user]),
						cint(before.get(field)),
						cint(self.get(field)),
						frappe.session.user,
						frappe.format(until, "Date"),
					),
				)
				for user in users
				for field in fields
			]
		)

	def validate_terms(self):
		# The numbers as the app defines them, not as the form shows them: a Property Setter made a
		# term a text field, which these checks then passed by (round 64).
		numbers = frappe.get_all(
			"DocField", filters={"parent": self.doctype, "fieldtype": "Int"}, fields=["fieldname", "label"]
		)
		for df in numbers:
			if cint(self.get(df.fieldname)) <= 0:
				frappe.throw(
					_("{0} must be a whole number greater than zero.").format(frappe.bold(_(df.label))),
					title=_("Invalid term"),
				)
			limit = largest(df.fieldname)
			if limit is not None and cint(self.get(df.fieldname)) > limit:
				frappe.throw(
					_("{0} is at most {1}.").format(frappe.bold(_(df.label)), limit), title=_("Invalid term")
				)

	def validate_non_working_days(self):
		for row in self.non_working_days:
			row.to_date = row.to_date or row.from_date
			if getdate(row.to_date) < getdate(row.from_date):
				frappe.throw(
					_("Row {0}: a non-working period cannot end before it starts.").format(row.idx),
					title=_("Invalid non-working day"),
				)
			if period_too_long(getdate(row.from_date), getdate(row.to_date)):
				frappe.throw(
					_("Row {0}: a non-working period lasts at most {1} days.").format(
						row.idx, LONGEST_NON_WORKING_PERIOD
					),
					title=_("Invalid non-working day"),
				)
		periods = [(getdate(row.from_date), getdate(row.to_date)) for row in self.non_working_days]
		if start := year_too_full(periods):
			frappe.throw(
				_("In the year from {0} the non-working periods come to more than {1} days.").format(
					formatdate(start), MOST_NON_WORKING_DAYS_A_YEAR
				),
				title=_("Invalid non-working day"),
			)
