"""Small bridges between the Frappe-free rules and Frappe."""

from contextlib import contextmanager
from datetime import date, datetime, timezone

import frappe
from frappe import _
from frappe.utils import (
	convert_utc_to_timezone,
	cstr,
	formatdate,
	get_datetime,
	get_system_timezone,
	getdate,
	today,
)

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.record_names import PREFIXES, record_name


def translated(violation: RuleViolation) -> str:
	def shown(arg):
		if isinstance(arg, date):
			return formatdate(arg)
		return _(arg) if isinstance(arg, str) else arg

	return _(violation.message).format(*(shown(a) for a in violation.args_))


def latest_today() -> date:
	"""Today as late as it is for the system or for the session user. The desk fills in "today"
	and "now" in the user's own time zone (User.time_zone), so a record made just now by someone
	whose clock is ahead of the site's is not refused as dated in the future."""
	system = getdate(today())
	user_zone = frappe.db.get_value("User", frappe.session.user, "time_zone")
	if not user_zone or user_zone == get_system_timezone():
		return system
	return max(system, convert_utc_to_timezone(datetime.now(timezone.utc), user_zone).date())


@contextmanager
def rules_enforced(title: str | None = None):
	"""Turn a RuleViolation from the rules package into a translated ``frappe.throw``."""
	try:
		yield
	except RuleViolation as violation:
		frappe.throw(translated(violation), title=title or _("Not allowed"))


def acting_as_system():
	"""For the few moves the app makes itself (a signal reopening a dossier): the workflow
	checks the current user's roles, which a teacher adding a signal does not have.
	Yields the real user, to be recorded as the one who caused the move."""
	return acting_as("Administrator")


@contextmanager
def acting_as(acting: str):
	"""Run as ``acting`` (the site, or Guest as a parent's own reset runs) and come back; yields the
	real user."""
	user = frappe.session.user
	session = frappe.local.session
	# Frappe's set_user empties the request's session (its sid and data) and form: given back as
	# they were, else the session saved at the end of the request named no user, and the case
	# team member who had shared a verslag was logged out.
	kept = {key: session.get(key) for key in ("sid", "data")}
	form_dict = frappe.local.form_dict
	acting_for = getattr(frappe.local, "meldcode_acting_for", ())
	frappe.local.meldcode_acting_for = (*acting_for, user)
	frappe.set_user(acting)
	try:
		yield user
	finally:
		frappe.set_user(user)
		session.update(kept)
		frappe.local.form_dict = form_dict
		frappe.local.meldcode_acting_for = acting_for


def as_stored(value, fieldtype: str):
	"""A field's value compared as the database keeps it: the desk posts a Datetime as text
	("2026-12-05 10:15:00.123456") where the stored document holds a datetime; empty is None."""
	if value in (None, ""):
		return None
	if fieldtype == "Datetime":
		try:
			return get_datetime(value)
		except Exception:
			return cstr(value)  # not a moment at all: differs from any stored one
	return cstr(value)


def name_new_record(doc, method=None):
	"""Hook (autoname of every DocType): the app's records get a name with random characters
	(rules/record_names.py); one already taken is drawn again."""
	if doc.doctype not in PREFIXES:
		return
	year = getdate(today()).year
	for _attempt in range(10):
		name = record_name(doc.doctype, year)
		if not frappe.db.exists(doc.doctype, name):
			doc.name = name
			return
