"""Whitelisted methods of the app."""

import functools

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from meldcode_app import (
	board_export,
	destruction,
	dossier_route,
	inspection_copy,
	monitoring_report,
	printing,
	timeline,
)
from meldcode_app.access import grants, parent_shares
from meldcode_app.access.permissions import record_for
from meldcode_app.rules.board_figures import SchoolYear
from meldcode_app.rules.request_names import folded
from meldcode_app.safe_api import safe_method


@frappe.whitelist()
@safe_method
def open_dossier_from_signals(signals: list[str]) -> str:
	"""The aandachtsfunctionaris (or director) opens a dossier from one or more signals about one pupil."""
	if not signals:
		frappe.throw(_("Choose at least one signal."))
	docs = [record_for("Meldcode Signal", name, "write") for name in signals]
	for doc in docs:
		if doc.dossier:
			frappe.throw(_("Signal {0} already belongs to dossier {1}.").format(doc.name, doc.dossier))
	if len({(d.school, d.pupil_name, d.get("student")) for d in docs}) > 1:
		frappe.throw(_("A dossier is about one pupil of one school; these signals are not."))
	values = {"doctype": "Meldcode Dossier", "school": docs[0].school, "pupil_name": docs[0].pupil_name}
	# With Education the dossier names the signals' Student itself, not only the name.
	if frappe.get_meta("Meldcode Dossier").has_field("student"):
		values["student"] = docs[0].get("student")
	dossier = frappe.get_doc(values).insert()
	for doc in docs:
		doc.dossier = dossier.name
		doc.save()
	dossier = frappe.get_doc("Meldcode Dossier", dossier.name)
	dossier_route.set_casemanager(dossier)
	dossier.save()
	return dossier.name


@frappe.whitelist()
@safe_method
def start_acute_path(dossier: str) -> None:
	"""Direct danger: the director becomes casemanager and same-day terms start (H36)."""
	doc = record_for("Meldcode Dossier", dossier, "write")
	dossier_route.start_acute_path(doc)
	doc.save()


@frappe.whitelist()
@safe_method
def export_inspection_pdf(dossier: str) -> str:
	"""The parents' inspection copy as a private PDF File; returns its URL."""
	return inspection_copy.export(dossier)


@frappe.whitelist()
@safe_method
def answer_pupils_destruction_request(
	dossier: str, requested_on: str, destroy: bool, reason: str | None = None
) -> None:
	"""A pupil of 16 or older asks to destroy their dossier; the director destroys it or refuses
	with a reason. Either way the answer is recorded."""
	destruction.answer_pupils_request(dossier, requested_on, destroy, reason)


@frappe.whitelist()
@safe_method
def verify_signed_pdf(conversation: str) -> bool:
	"""Whether the kept PDF of a signed verslag is still the one signed (its SHA-256)."""
	return printing.signed_pdf_intact(conversation)


@frappe.whitelist()
@safe_method
def dossier_timeline(dossier: str) -> str:
	"""The dossier's timeline as HTML (SVG): only what the reader may read of it."""
	return timeline.html(dossier)


@frappe.whitelist()
@safe_method
def make_monitoring_report(dossier: str) -> dict:
	"""A new Rapportage Meldcode prefilled from the dossier (H43): school, contact person, melding, consultations."""
	return monitoring_report.prefilled_values(dossier)


@frappe.whitelist()
@safe_method
def export_board_workbook(year: int, school: str | None = None) -> str:
	"""The board's .xlsx for a school year (starting 1 August of ``year``) as a private File; returns its URL."""
	return board_export.export(year, school)


@frappe.whitelist()
@safe_method
def enqueue_board_workbook(year: int, school: str | None = None) -> None:
	"""For a large board: the same workbook made in the background, with a progress bar; the file
	arrives as a notification with its link."""
	board_export.refuse_unpublished(
		SchoolYear.starting(int(year)), board_export.allowed_schools(frappe.session.user), frappe.session.user
	)
	frappe.enqueue(
		"meldcode_app.board_export.export_in_background",
		queue="long",
		year=year,
		school=school,
		user=frappe.session.user,
	)


@frappe.whitelist()
@safe_method
def export_yearly_bundle(year: int, school: str | None = None) -> str:
	"""The yearly bundle of Rapportage Meldcode and incidents for a school year, as a private PDF; returns its URL."""
	return board_export.yearly_bundle(year, school)


@frappe.whitelist(methods=["POST"])
@safe_method
def decide_access_grant(grant: str, decision: str) -> str:
	"""``Confirm`` or ``Refuse`` a pending Meldcode Access Grant; returns its new status."""
	return grants.decide(grant, decision)


@frappe.whitelist()
@safe_method
def access_grants_awaiting_me(filters=None) -> int:
	"""Number Card: the pending access grants the user may decide."""
	return len(grants.awaiting())


@frappe.whitelist(methods=["POST"])
@safe_method
def share_with_parents(conversation: str, emails: str) -> list[str]:
	"""Share a signed conversation with the parents (one or two e-mail addresses, comma-separated
	or a JSON list): each gets a portal login and an e-mail with a link; returns the shares."""
	return parent_shares.share(conversation, emails)


@frappe.whitelist(methods=["POST"])
@safe_method
def withdraw_parent_share(share: str) -> None:
	"""End a share with a parent before its term."""
	parent_shares.withdraw(share)


# The portal's POST methods, per account and verslag: a brake on scripted requests (the rules
# themselves allow one signature and one open request of each kind per share). Not per address:
# Frappe takes that from a header the parent writes (round 53).
PORTAL_RATE = {"key": "rate_key", "ip_based": False, "limit": 10, "seconds": 60 * 60}


def one_spelling(method):
	"""The verslag's name as stored (MC-…, upper case, no spaces) before the rate limit counts it:
	the database matches any spelling, so another spelling must not get a fresh counter."""

	@functools.wraps(method)
	def wrapper(*args, **kwargs):
		for arguments in (frappe.form_dict, kwargs):
			if isinstance(arguments.get("conversation"), str):
				arguments["conversation"] = arguments["conversation"].strip().upper()
		# counted as the database finds the verslag (zero-width characters gave a fresh count, round
		# 54), and under one method name, whichever API version it came through
		conversation = frappe.form_dict.get("conversation")
		frappe.form_dict.rate_key = f"{frappe.session.user}:{folded(str(conversation or ''))}"
		frappe.form_dict.cmd = f"{method.__module__}.{method.__name__}"
		return method(*args, **kwargs)

	return wrapper


@frappe.whitelist(methods=["POST"])
@one_spelling
@rate_limit(**PORTAL_RATE)
@safe_method
def parent_sign(conversation: str, signature: str, view: str = "") -> str:
	"""The parent signs a shared verslag, ``Voor Gezien`` or ``Voor Akkoord``, with their zienswijze."""
	return parent_shares.sign(conversation, signature, view)


@frappe.whitelist(methods=["POST"])
@one_spelling
@rate_limit(**PORTAL_RATE)
@safe_method
def parent_request(conversation: str, kind: str, text: str = "", ground: str = "") -> str:
	"""The parent asks for the inspection copy (``Inspection``) or a correction (``Correction``)."""
	return parent_shares.request(conversation, kind, text, ground)
