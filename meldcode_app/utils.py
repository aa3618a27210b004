"""Small bridges between the Frappe-free rules and Frappe."""

from contextlib import contextmanager

import frappe
from frappe import _

from meldcode_app.rules.errors import RuleViolation


def translated(violation: RuleViolation) -> str:
	return _(violation.message).format(*(_(a) if isinstance(a, str) else a for a in violation.args_))


@contextmanager
def rules_enforced(title: str | None = None):
	"""Turn a RuleViolation from the rules package into a translated ``frappe.throw``."""
	try:
		yield
	except RuleViolation as violation:
		frappe.throw(translated(violation), title=title or _("Not allowed"))
