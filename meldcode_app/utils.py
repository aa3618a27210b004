"""Small bridges between the Frappe-free rules and Frappe."""

from contextlib import contextmanager
from datetime import date

import frappe
from frappe import _
from frappe.utils import formatdate

from meldcode_app.rules.errors import RuleViolation


def translated(violation: RuleViolation) -> str:
	def shown(arg):
		if isinstance(arg, date):
			return formatdate(arg)
		return _(arg) if isinstance(arg, str) else arg

	return _(violation.message).format(*(shown(a) for a in violation.args_))


@contextmanager
def rules_enforced(title: str | None = None):
	"""Turn a RuleViolation from the rules package into a translated ``frappe.throw``."""
	try:
		yield
	except RuleViolation as violation:
		frappe.throw(translated(violation), title=title or _("Not allowed"))


@contextmanager
def acting_as_system():
	"""For the few moves the app makes itself (a signal reopening a dossier): the workflow
	checks the current user's roles, which a teacher adding a signal does not have.
	Yields the real user, to be recorded as the one who caused the move."""
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		yield user
	finally:
		frappe.set_user(user)
