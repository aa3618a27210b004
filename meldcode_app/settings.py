"""Meldcode Settings as the rest of the app reads them."""

from datetime import date

import frappe
from frappe.utils import getdate

from meldcode_app.rules.terms import TERM_RULES, due_date
from meldcode_app.rules.working_days import WorkingDayCalendar
from meldcode_app.utils import rules_enforced


def get_settings():
	return frappe.get_cached_doc("Meldcode Settings")


def working_day_calendar(settings=None) -> WorkingDayCalendar:
	settings = settings or get_settings()
	with rules_enforced():
		return WorkingDayCalendar(
			(getdate(row.from_date), getdate(row.to_date or row.from_date))
			for row in settings.non_working_days
		)


def term_due_date(code: str, start: date | str, overrides: dict | None = None) -> date:
	"""The due date of a term of DOMAIN 2.2 (see ``meldcode_app.rules.terms.TERM_RULES``);
	``overrides`` are a route's own amounts by setting."""
	settings = get_settings()
	amounts = {rule.setting: settings.get(rule.setting) for rule in TERM_RULES.values()} | (overrides or {})
	with rules_enforced():
		return due_date(code, getdate(start), amounts, working_day_calendar(settings))
