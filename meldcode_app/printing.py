"""What the app's print formats need besides the document: helpers registered for Jinja, and
the signed PDF of a conversation with its SHA-256 (DOMAIN 4.7, 7.7; H33)."""

import hashlib
import html
import sys
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import format_date, format_time, get_datetime, now_datetime
from frappe.utils.pdf import get_pdf
from frappe.www.printview import get_html_and_style

from meldcode_app.access.code_in_pages import letter_head_of_a_case
from meldcode_app.access.permissions import record_for
from meldcode_app.rules import privacy

# The five weighing questions as the school documents word them (seed 002, "Stap 4"; question 1
# as seed 003 asks it). Quotations: printed as they stand, not translated.
AFWEGINGSVRAGEN = (
	(
		"1. Vermoeden",
		"Heb je op basis van het dossier meldcode, (eventueel) overleg met externe professionals en het gesprek "
		"met ouders een vermoeden van Huiselijk geweld en/of Kindermishandeling?",
	),
	(
		"2. Veiligheid",
		"Op basis van de stappen 1 t/m 4 van de Meldcode schatten wij als school (ondersteuningsgroep met ook de "
		"aandachtsfunctionaris en directeur ) in dat er sprake is van acute en/of structurele onveiligheid.",
	),
	(
		"3. Hulp",
		"Zijn wij als ondersteuningsteam in staat om effectieve hulp te bieden of te organiseren en kan de dreiging "
		"voor mogelijk huiselijk geweld of kindermishandeling afgewend worden?",
	),
	(
		"4. Hulp",
		"Aanvaarden de betrokkenen de hulp zoals in afweging 3 is georganiseerd en zijn zij bereid zich actief in "
		"te zetten?",
	),
	(
		"5. Resultaat",
		"Leidt de hulp binnen de afgesproken termijn tot de afgesproken resultaten ten aanzien van de veiligheid, "
		"het welzijn en/of het herstel van de direct betrokkenen?",
	),
)


def as_typed(value) -> str:
	"""Frappe stores typed HTML partly as entities; this gives back what was typed, to be escaped once."""
	return html.unescape(str(value or ""))


def initials(value) -> str:
	return privacy.initials(as_typed(value))


# A verslag is read and signed in Dutch, whoever or whatever prints it: the language and the date
# and time formats are the print's own, not the session's or the site's.
PRINT_LANGUAGE = "nl"
DUTCH_DATE = "dd-mm-yyyy"


@contextmanager
def in_dutch():
	"""Render in Dutch and give the caller's language back afterwards."""
	previous = getattr(frappe.local, "lang", None)
	try:
		frappe.local.lang = PRINT_LANGUAGE
		yield
	finally:
		frappe.local.lang = previous


def nl_date(value) -> str:
	return format_date(value, DUTCH_DATE) if value else ""


def nl_datetime(value) -> str:
	if not value:
		return ""
	value = get_datetime(value)
	return f"{format_date(value.date(), DUTCH_DATE)} {value:%H:%M}"


def meldcode_print_context(doc) -> dict:
	"""School, letter head, reference and print moment for the header of every printed page. Every
	print starts here, so this is where its language becomes Dutch for the rest of the rendering
	(the print request ends with it; the app's own renderers give the language back, in_dutch)."""
	frappe.local.lang = PRINT_LANGUAGE
	school_name = doc.get("school")
	school = (
		frappe.db.get_value("Meldcode School", school_name, ["school_name", "letter_head"], as_dict=True)
		or {}
	)
	letter_head = (
		letter_head_of_a_case(frappe.db.get_value("Letter Head", school.get("letter_head"), "content") or "")
		if school.get("letter_head")
		else None
	)
	return {
		"school_name": school.get("school_name") or "",
		"letter_head": letter_head,
		"reference": doc.get("dossier") or doc.name,
		"printed_on": now_datetime(),
		"afwegingsvragen": AFWEGINGSVRAGEN,
	}


def printing_the_apps_own_format() -> bool:
	"""Whether Frappe's print view is rendering one of the app's own print formats: the app's Jinja
	methods that read case records serve those only, not a template a site's user wrote."""
	frame = sys._getframe(1)
	while frame is not None:
		if (frame.f_globals.get("__name__"), frame.f_code.co_name) == (
			"frappe.www.printview",
			"get_rendered_template",
		):
			print_format = frame.f_locals.get("print_format")
			return getattr(print_format, "module", None) == "Meldcode App" and print_format.standard == "Yes"
		frame = frame.f_back
	return False


def meldcode_signals_of(doc) -> list:
	"""The signals a printed dossier (its Logboek voor signalen, oldest first) or conversation (the
	signals discussed, in its order) holds, for whoever may read that record as stored. Templates
	read case records only through the app's methods (meldcode_app.access.sandboxed_code)."""
	doctype, name = doc.get("doctype"), doc.get("name")
	if not printing_the_apps_own_format():
		return []  # a template a site's user wrote (a notification the scheduler renders as Administrator)
	if doctype not in ("Meldcode Dossier", "Meldcode Conversation") or not (
		frappe.has_permission(doctype, "read", name)
		# the parent a share names reads the verslag as the school prints it (access/parent_shares.py)
		or (
			doctype == "Meldcode Conversation"
			and frappe.has_website_permission(frappe.get_doc(doctype, name))
		)
	):
		return []
	if doctype == "Meldcode Conversation":
		rows = frappe.get_all(
			"Meldcode Conversation Signal",
			filters={"parenttype": doctype, "parent": name},
			pluck="signal",
			order_by="idx asc",
		)
		school, dossier = frappe.db.get_value(doctype, name, ["school", "dossier"])
		signals = [frappe.get_doc("Meldcode Signal", signal) for signal in rows if signal]
		# never another school's or another dossier's (another pupil's), whatever the table holds
		# and only those the renderer may read (a teacher named the aandachtsfunctionaris's signals)
		return [
			s
			for s in signals
			if s.school == school
			and (s.dossier or None) == (dossier or None)
			and frappe.has_permission("Meldcode Signal", "read", s)
		]
	names = frappe.get_all(
		"Meldcode Signal",
		filters={"dossier": name},
		pluck="name",
		order_by="signal_date asc, signal_time asc, creation asc",
	)
	return [frappe.get_doc("Meldcode Signal", signal) for signal in names]


def signed_pdf_intact(conversation: str) -> bool:
	"""Whether the kept PDF of a signed verslag is still the one signed: its SHA-256 now equals
	the one recorded at signing."""
	doc = record_for("Meldcode Conversation", conversation)
	if not (doc.signed_pdf and doc.signed_pdf_sha256):
		frappe.throw(_("{0} has no signed PDF yet.").format(doc.name), title=_("Not signed"))
	file = frappe.db.get_value(
		"File",
		{"file_url": doc.signed_pdf, "attached_to_doctype": doc.doctype, "attached_to_name": doc.name},
	)
	if not file:
		return False  # no File keeps it any more: not the one signed
	content = frappe.get_doc("File", file).get_content()  # text when the file reads as UTF-8
	content = content.encode() if isinstance(content, str) else content
	return hashlib.sha256(content).hexdigest() == doc.signed_pdf_sha256


SIGNED_FORMAT = {"Support Team": "Overlegformulier"}


def store_signed_pdf(conversation, pdf: bytes | None = None) -> None:
	"""On signing, keep the PDF as it was signed (``pdf``, else the print format now), privately,
	with its SHA-256; an amendment gets its own."""
	print_format = SIGNED_FORMAT.get(conversation.conversation_type, "Gespreksverslag")
	if pdf is None:
		pdf = render_pdf(
			conversation.doctype, conversation.name, print_format
		)  # in Dutch: part of what is signed
	digest = hashlib.sha256(pdf).hexdigest()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{frappe.scrub(print_format)}-{conversation.name}-{frappe.generate_hash(length=16)}.pdf",
			"attached_to_doctype": conversation.doctype,
			"attached_to_name": conversation.name,
			# the field it is the value of: Frappe's own attaching on a later save finds it there
			"attached_to_field": "signed_pdf",
			"is_private": 1,
			"content": pdf,
		}
	).insert(ignore_permissions=True)
	conversation.db_set({"signed_pdf": file.file_url, "signed_pdf_sha256": digest})


def hhmm(value) -> str:
	"""A time as 15:30, without seconds."""
	return format_time(value, "HH:mm") if value else ""


def render_pdf(doctype: str, name: str, print_format: str) -> bytes:
	"""A print format as PDF through Frappe's renderer and PDF path, with the styles inline: no
	web request (whose access log commits mid-transaction) and no fetch of the site's own URL."""
	with in_dutch():
		rendered = get_html_and_style(doctype, name, print_format, no_letterhead=1)
	return pdf_of(rendered["html"], rendered["style"])


def pdf_of(html: str, style: str) -> bytes:
	"""Rendered print HTML with its style as a PDF page."""
	page = (
		'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
		f"<style>{style}</style></head>"
		f'<body><div class="print-format">{html}</div></body></html>'
	)
	return get_pdf(page)
