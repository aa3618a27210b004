"""Destruction of case records: only by a recorded rule, leaving metadata and never content
(DOMAIN 7.3, 7.8; H22, H23). Frappe's own traces of the records (versions, comments, view and
access logs, files, ToDos, notifications, deleted-document copies) go with them."""

import json

import frappe
from frappe import _
from frappe.utils import add_months, add_years, cint, getdate, now_datetime, today

from meldcode_app.access.lookups import not_weighed
from meldcode_app.access.permissions import case_behind, record_for
from meldcode_app.meldcode_app.doctype.meldcode_exclusion.meldcode_exclusion import DATES, exclusion_of
from meldcode_app.rules.exclusion import ended_on
from meldcode_app.rules.records import age_on
from meldcode_app.rules.registry import (
	BOARD_CASE_DOCTYPES,
	DESTROYED_WITH_DOSSIER,
	KEPT_AFTER_DESTRUCTION,
	TRACE_DOCTYPES,
	TRACES_OF_TRACES,
	WRITE_INTO_DOCTYPES,
)
from meldcode_app.rules.retention import RETENTION_FIELDS, in_force
from meldcode_app.rules.roles import DIRECTOR

UNFOUNDED = "Dossier Closed as Unfounded"
WORKING_NOTE_PERIOD = "Retention Period of Working Notes"
RETENTION_PERIOD = "End of Retention Period"
PUPILS_REQUEST = "Request of the Pupil"


def destroy(doctype: str, names: list[str], depth: int = 0):
	"""Remove records, their child rows and every trace Frappe keeps of them (and of those, two
	steps down), without a copy."""
	if not names:
		return
	destroy_traces(doctype, names, depth)
	for table in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(table.options, {"parenttype": doctype, "parent": ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})


def destroy_traces(doctype: str, names: list[str], depth: int = 0):
	"""Every trace Frappe keeps of the records (files, versions, comments, ToDos, logs, labels,
	copies of deleted traces, events' participants), and of those, two steps down."""
	with not_weighed():  # found by the app, not by a request's filters (access/lookups.py)
		_destroy_traces(doctype, names, depth)


def _destroy_traces(doctype: str, names: list[str], depth: int):
	for name in frappe.get_all(
		"File", filters={"attached_to_doctype": doctype, "attached_to_name": ("in", names)}, pluck="name"
	):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True, delete_permanently=True)
	for trace, (doctype_field, name_field) in TRACE_DOCTYPES.items():
		if trace != "File":
			traced = frappe.get_all(
				trace, filters={doctype_field: doctype, name_field: ("in", names)}, pluck="name"
			)
			if trace in TRACES_OF_TRACES and depth < 2:
				# with their own traces: a comment, tag or file on a case's ToDo (round 204)
				destroy(trace, traced, depth + 1)
				continue
			# the versions of its traces first: an edited comment's version holds its old and new text
			if traced:
				frappe.db.delete("Version", {"ref_doctype": trace, "docname": ("in", traced)})
			frappe.db.delete(trace, {doctype_field: doctype, name_field: ("in", names)})
	# a trace deleted before keeps its text in a copy that names the record (round 207)
	for trace, (doctype_field, name_field) in WRITE_INTO_DOCTYPES.items():
		frappe.db.sql(
			f"""delete from `tabDeleted Document` where `deleted_doctype` = %(trace)s
			and json_value(`data`, '$.{doctype_field}') = %(doctype)s
			and json_value(`data`, '$.{name_field}') in %(names)s""",
			{"trace": trace, "doctype": doctype, "names": tuple(names)},
		)
	frappe.db.delete("Event Participants", {"reference_doctype": doctype, "reference_docname": ("in", names)})
	frappe.db.delete("Notification Log", {"document_type": doctype, "document_name": ("in", names)})
	frappe.db.delete("DocShare", {"share_doctype": doctype, "share_name": ("in", names)})


def take_traces_along(doc, method=None):
	"""Hook (on_trash of a ToDo, comment, mail or file): deleting one about a case record takes its
	own traces with it, now and without a copy. Frappe removes a deleted ToDo's comments later, in a
	job, and keeps its attachment as a deleted document; about nothing any more, neither was a case's
	to anyone (round 207)."""
	reference = WRITE_INTO_DOCTYPES[doc.doctype]
	behind = case_behind(doc.get(reference[0]), doc.get(reference[1]))
	if behind is not None:
		destroy_traces(doc.doctype, [doc.name], depth=behind[0] + 1)


def log(rule: str, record_type: str, count: int, school: str | None = None, dossier: str | None = None):
	frappe.get_doc(
		{
			"doctype": "Meldcode Destruction Log",
			"destroyed_on": now_datetime(),
			"rule": rule,
			"record_type": record_type,
			"record_count": count,
			"school": school,
			"dossier_reference": dossier,
			"destroyed_by": frappe.session.user,
		}
	).insert(ignore_permissions=True)


def destroy_working_notes(names: list[str], rule: str, school: str | None = None, dossier: str | None = None):
	destroy("Meldcode Working Note", names)
	log(rule, "Meldcode Working Note", len(names), school, dossier)


def destroy_working_notes_of_unfounded(dossier):
	"""Hook: closing a dossier as unfounded destroys all working notes about it (H22)."""
	names = frappe.get_all("Meldcode Working Note", filters={"dossier": dossier.name}, pluck="name")
	destroy_working_notes(names, UNFOUNDED, dossier.school, dossier.name)


def destroy_dossier(dossier_name: str, rule: str):
	"""The whole dossier with everything about it; refused while a legal hold is set."""
	school, hold = frappe.db.get_value("Meldcode Dossier", dossier_name, ["school", "legal_hold"])
	if hold:
		frappe.throw(_("Dossier {0} is under a legal hold and is not destroyed.").format(dossier_name))
	frappe.flags.meldcode_destruction = True
	try:
		for doctype in KEPT_AFTER_DESTRUCTION:
			frappe.db.set_value(doctype, {"dossier": dossier_name}, "dossier", None)
		for doctype in DESTROYED_WITH_DOSSIER:
			names = frappe.get_all(doctype, filters={"dossier": dossier_name}, pluck="name")
			destroy(doctype, names)
			if names:
				log(rule, doctype, len(names), school, dossier_name)
		notes = frappe.get_all("Meldcode Working Note", filters={"dossier": dossier_name}, pluck="name")
		if notes:
			destroy_working_notes(notes, rule, school, dossier_name)
		destroy("Meldcode Dossier", [dossier_name])
		log(rule, "Meldcode Dossier", 1, school, dossier_name)
	finally:
		frappe.flags.meldcode_destruction = False


def apply_retention_periods():
	"""Daily job: working notes past their period, and closed dossiers, staff reports and measures
	past theirs unless on hold."""
	settings = frappe.get_cached_doc("Meldcode Settings")
	kept = json.loads(settings.shortened_retention) if settings.shortened_retention else None
	periods = in_force(
		{field: cint(settings.get(field)) for field in RETENTION_FIELDS}, kept, getdate(today())
	)
	note_limit = add_months(today(), -cint(settings.working_note_retention_months))  # at once (H23)
	note, dossier = frappe.qb.DocType("Meldcode Working Note"), frappe.qb.DocType("Meldcode Dossier")
	expired_notes = (
		frappe.qb.from_(note)
		.left_join(dossier)
		.on(dossier.name == note.dossier)
		.select(note.name, dossier.school)
		.where(
			((dossier.workflow_state == "Closed") & (dossier.closed_on <= note_limit))
			| (dossier.name.isnull() & (note.creation <= note_limit))
		)
	).run()
	by_school = {}
	for name, school in expired_notes:
		by_school.setdefault(school, []).append(name)
	for school, names in by_school.items():
		destroy_working_notes(names, WORKING_NOTE_PERIOD, school)

	dossier_limit = add_years(today(), -periods["dossier_retention_years"])
	for name in frappe.get_all(
		"Meldcode Dossier",
		filters={"workflow_state": "Closed", "closed_on": ("<=", dossier_limit), "legal_hold": 0},
		pluck="name",
	):
		destroy_dossier(name, RETENTION_PERIOD)
	destroy_records_without_dossier(dossier_limit)


def destroy_records_without_dossier(limit):
	"""A suspicion about staff and a measure recorded without a dossier, past their period unless
	on hold. A measure with a dossier goes with its dossier (DESTROYED_WITH_DOSSIER).

	The domain gives no retention period for these records (DOMAIN 7.8 and Appendix C14 state none,
	seed 003 neither): the nearest rule is the closed dossier's, so they are kept as long as a
	closed dossier (Meldcode Settings, "Keep a closed dossier"), a staff report from the day the
	board closed it, a measure from the day it is over (rules.exclusion.ended_on)."""
	expired = {}
	for name, school in frappe.get_all(
		"Meldcode Staff Report",
		filters={"status": "Closed", "closed_on": ("<=", limit), "legal_hold": 0},
		fields=["name", "school"],
		as_list=True,
	):
		expired.setdefault(("Meldcode Staff Report", school), []).append(name)
	for row in frappe.get_all(
		"Meldcode Exclusion",
		filters={"dossier": ("is", "not set"), "legal_hold": 0, "start_date": ("<=", limit)},
		fields=["name", "school", "measure", "director_approved", "ground", "other_school", *DATES],
	):
		over = ended_on(exclusion_of(row))
		if over and over <= getdate(limit):
			expired.setdefault(("Meldcode Exclusion", row.school), []).append(row.name)
	frappe.flags.meldcode_destruction = True
	try:
		for (doctype, school), names in expired.items():
			destroy(doctype, names)
			# The school's case team reads the destruction log of its school: that a suspicion about
			# one of its staff existed is not for them, so the board's cases are logged without it.
			log(RETENTION_PERIOD, doctype, len(names), None if doctype in BOARD_CASE_DOCTYPES else school)
	finally:
		frappe.flags.meldcode_destruction = False


def answer_pupils_request(dossier_name: str, requested_on, destroy_it: bool, reason: str | None):
	dossier = record_for("Meldcode Dossier", dossier_name)
	if DIRECTOR not in frappe.get_roles():
		frappe.throw(_("Only the director answers a request to destroy a dossier."), frappe.PermissionError)
	minimum = frappe.get_cached_doc("Meldcode Settings").pupil_request_age
	if (
		not dossier.pupil_date_of_birth
		or age_on(getdate(dossier.pupil_date_of_birth), getdate(requested_on)) < minimum
	):
		frappe.throw(
			_(
				"A pupil may ask for the destruction of their dossier from the age of {0}; record the date of birth."
			).format(minimum),
			title=_("Request not possible"),
		)
	if not destroy_it:
		if not (reason or "").strip():
			frappe.throw(_("A refusal states its reason."), title=_("Request not answered"))
		dossier.add_comment(
			"Info",
			_("Request of the pupil to destroy the dossier, received {0}, refused: {1}").format(
				frappe.format(requested_on, "Date"), reason
			),
		)
		return
	destroy_dossier(dossier_name, PUPILS_REQUEST)
