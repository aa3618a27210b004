"""Link searches and form defaults for the app's forms: a link offers only what fits, described
in the user's language with the pupil and the step, never an e-mail address.

Each query reads through frappe.get_list, so the app's query conditions decide what a user sees;
the pupil's name is only in the description of a dossier the user may read."""

import frappe
from frappe import _
from frappe.utils import escape_html

from meldcode_app.access.school_membership import schools_of_user
from meldcode_app.rules import link_choices
from meldcode_app.safe_api import safe_method

SEARCH_LIMIT = 500  # dossiers read before `fits` narrows them: far more than one school has open


def _like(txt: str | None) -> str:
	return f"%{(txt or '').strip()}%"


@frappe.whitelist()
@safe_method
def dossiers(
	doctype: str,
	txt: str = "",
	searchfield: str | None = None,
	start: int = 0,
	page_len: int = 20,
	filters: dict | None = None,
):
	"""Dossiers for a link: `purpose` weighing (stap 4 or 5), melding (stap 5, or the acute path
	before it was reported) or open (any open dossier); optionally of one `school`."""
	if doctype != "Meldcode Dossier":
		frappe.throw(_("This search offers dossiers only."), title=_("Not done"))
	filters = dict(filters or {})
	purpose = filters.pop("purpose", None) or link_choices.OPEN
	school = filters.pop("school", None)
	if purpose not in link_choices.PURPOSES or filters or not isinstance(school, str | None):
		frappe.throw(_("This search takes a purpose and a school only."), title=_("Not done"))
	if not frappe.has_permission("Meldcode Dossier", "read"):
		return []  # a teacher's signal form: no dossier to offer
	conditions = {"workflow_state": ("in", link_choices.candidate_states(purpose))}
	if school:
		conditions["school"] = school
	rows = frappe.get_list(
		"Meldcode Dossier",
		filters=conditions,
		or_filters={"name": ("like", _like(txt)), "pupil_name": ("like", _like(txt))} if txt else None,
		fields=["name", "pupil_name", "workflow_state", "acute"],
		order_by="modified desc",
		limit_page_length=SEARCH_LIMIT,
	)
	fitting = [r for r in rows if link_choices.fits(purpose, r.workflow_state, bool(r.acute))]
	# Frappe puts a link's description into the page as markup (round 82)
	return [
		(r.name, escape_html(r.pupil_name), _(r.workflow_state), _("Acute Path") if r.acute else None)
		for r in fitting[max(start, 0) : max(start, 0) + max(page_len, 0)]
	]


@frappe.whitelist()
@safe_method
def schools(
	doctype: str,
	txt: str = "",
	searchfield: str | None = None,
	start: int = 0,
	page_len: int = 20,
	filters: dict | None = None,
):
	"""Schools for a link: the user's own schools; everyone who works at none (the board, the
	administrator) picks from every school they may read."""
	if doctype != "Meldcode School":
		frappe.throw(_("This search offers schools only."), title=_("Not done"))
	conditions = {"disabled": 0}
	mine = schools_of_user()
	if mine:
		conditions["name"] = ("in", mine)
	rows = frappe.get_list(
		"Meldcode School",
		filters=conditions,
		or_filters={f: ("like", _like(txt)) for f in ("name", "school_name", "city")} if txt else None,
		fields=["name", "school_name", "city"],
		order_by="name asc",
		start=max(start, 0),
		limit_page_length=max(page_len, 0),
	)
	return [(r.name, escape_html(r.school_name), escape_html(r.city)) for r in rows]


def boot_session(bootinfo):
	"""A user who works at one school starts every new form at that school."""
	user = getattr(bootinfo, "user", None)
	if user is None or user.get("defaults") is None:
		return
	school = link_choices.default_school(schools_of_user())
	if school and not user.defaults.get("school"):
		user.defaults["school"] = school
