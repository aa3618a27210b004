"""Every verslag renders to a PDF through Frappe's own PDF path, with the text a reader needs,
user text escaped, and the signed PDF kept with its SHA-256."""

import hashlib
import io

import frappe
from frappe.utils import add_days, getdate, today
from pypdf import PdfReader

from meldcode_app.access.code_in_pages import is_a_line
from meldcode_app.tests.factories import (
	as_user,
	conversation,
	make_signal,
	melding,
	move,
	open_dossier,
	reload,
	weighing,
)
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

AF_A = staff_user("A", "Aandachtsfunctionaris")
PAYLOAD = '<script>alert("x")</script><table><tr><td>tabel</td></tr></table>'


def pdf_text(doctype, name, print_format) -> str:
	pdf = frappe.get_print(doctype, name, print_format, as_pdf=True)
	return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def html_of(doctype, name, print_format) -> str:
	return frappe.get_print(doctype, name, print_format)


def text_fields(doctype) -> list[str]:
	return [
		df.fieldname
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in ("Data", "Small Text", "Text", "Long Text")
		and not df.options
		and not df.read_only
		and not is_a_line(frappe.get_meta(doctype), df)  # a line holds no markup at all
	]


class TestPrintFormats(MeldcodeTestCase):
	def signed_parents_conversation(self, **values):
		dossier = open_dossier()
		signal = frappe.get_all("Meldcode Signal", {"dossier": dossier.name}, pluck="name")[0]
		return conversation(
			dossier,
			parents_signature="Voor Akkoord",
			signed_on=today(),
			signed_at="Hilversum",
			next_appointment=f"{add_days(today(), 14)} 15:00:00",
			signals_discussed=[{"signal": signal}],
			**values,
		)

	def test_gespreksverslag_shows_signatures_and_the_parents_view(self):
		doc = self.signed_parents_conversation()
		doc = frappe.get_doc("Meldcode Conversation", doc.name)
		doc.append("addenda", {"kind": "Parents' View", "text": "Vader ziet het anders dan de school."})
		doc.flags.parents_view_by_the_app = True  # as the portal's signing does
		doc.save()
		text = pdf_text(doc.doctype, doc.name, "Gespreksverslag")
		for expected in (
			"Gespreksverslag",
			"VERTROUWELIJK",
			doc.dossier,
			"Voor gezien",
			"Voor akkoord",
			"Handtekening van de ouder(s)",
			"Moeder belt de huisarts",
			"Visie van de ouders",
			"Vader ziet het anders dan de school.",
			"Sam had een blauwe plek",
		):
			self.assertIn(expected, text)

	def test_the_signed_pdf_is_kept_with_its_hash_and_an_amendment_keeps_the_old_one(self):
		doc = frappe.get_doc("Meldcode Conversation", self.signed_parents_conversation().name)
		file = frappe.get_doc("File", {"file_url": doc.signed_pdf})
		self.assertTrue(file.is_private)
		self.assertEqual(hashlib.sha256(file.get_content()).hexdigest(), doc.signed_pdf_sha256)
		signed_text = " ".join(
			" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(file.get_content())).pages
		)
		self.assertIn("Voor akkoord", signed_text)

		as_user(AF_A)(doc.cancel)
		amendment = frappe.copy_doc(doc)
		amendment.update({"amended_from": doc.name, "docstatus": 0, "report": "Gecorrigeerd verslag."})
		as_user(AF_A)(amendment.insert)
		as_user(AF_A)(amendment.submit)
		amendment.reload()
		self.assertNotEqual(amendment.signed_pdf_sha256, doc.signed_pdf_sha256)
		old = frappe.get_doc("File", {"file_url": doc.signed_pdf})
		self.assertEqual(hashlib.sha256(old.get_content()).hexdigest(), doc.signed_pdf_sha256)
		self.assertEqual(
			frappe.db.get_value("Meldcode Conversation", doc.name, "signed_pdf_sha256"), doc.signed_pdf_sha256
		)

	def test_the_signed_verslag_is_dutch_when_an_english_session_signs_it(self):
		"""The verslag the parents sign does not depend on who or what submitted it."""
		frappe.db.set_default("date_format", "mm-dd-yyyy")
		frappe.db.set_default("time_format", "HH:mm:ss")
		frappe.local.user_date_format = frappe.local.user_time_format = None
		frappe.local.lang = "en"
		doc = frappe.get_doc("Meldcode Conversation", self.signed_parents_conversation().name)
		self.assertEqual(frappe.local.lang, "en", "signing gives the session its language back")
		file = frappe.get_doc("File", {"file_url": doc.signed_pdf})
		text = " ".join(
			" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(file.get_content())).pages
		)
		day = getdate(today())
		follow_up = add_days(day, 14)
		for expected in (
			"VERTROUWELIJK",
			"Gespreksverslag",
			"Soort gesprek Ouders",
			f"Afgedrukt op {day:%d-%m-%Y}",
			f"{day:%d-%m-%Y} 15:00",
			f"Vervolgafspraak {follow_up:%d-%m-%Y} 15:00",
		):
			self.assertIn(expected, text)
		for english in ("CONFIDENTIAL", "Conversation Report", "Kind of Conversation", "15:00:00"):
			self.assertNotIn(english, text)
		self.assertEqual(frappe.utils.formatdate(day), f"{day:%m-%d-%Y}", "the session keeps its own format")

	def test_overlegformulier_follows_bijlage_3(self):
		dossier = open_dossier()
		doc = conversation(
			dossier,
			"Support Team",
			a_signals="Blauwe plekken, teruggetrokken gedrag.",
			b_actions_taken="Gesprek met moeder.",
			c_action_plan=[
				{
					"action": "Schoolarts inschakelen",
					"owner_name": "AF",
					"due_date": add_days(today(), 7),
					"goal": "Letselduiding",
				}
			],
			d_feedback="Per mail aan de directeur.",
			f_route_followed="Stap 2 doorlopen.",
		)
		text = pdf_text(doc.doctype, doc.name, "Overlegformulier")
		for expected in (
			"Overlegformulier",
			"A. Analyse van de situatie",
			"B. Eerdere acties",
			"C. Actieplan",
			"D. Terugkoppeling",
			"E. Resultaten van de acties",
			"F. Gevolgde route",
			"Schoolarts inschakelen",
			"Volgend overlegmoment",
		):
			self.assertIn(expected, text)

	def test_afwegingsverslag_shows_the_five_questions_as_the_seeds_word_them(self):
		dossier = open_dossier()
		move(dossier, "Start Collegial Consultation")
		move(dossier, "Plan Conversation")
		conversation(dossier)
		move(dossier, "Start Weighing")
		doc = weighing(reload(dossier), "Yes", "No", "Yes", "Yes")
		text = pdf_text(doc.doctype, doc.name, "Afwegingsverslag")
		for expected in (
			"1. Vermoeden",
			"2. Veiligheid",
			"3. Hulp",
			"4. Hulp",
			"5. Resultaat",
			"acute en/of structurele onveiligheid",
			"Aanvaarden de betrokkenen de hulp",
			"Hulp organiseren",
			"Beslissing 1",
			"Beslissing 2",
			"Is er voldoende zicht op veiligheid",
			"Toelichting bij vraag 3.",
		):
			self.assertIn(expected, text)

	def test_melding_veilig_thuis_shows_facts_sources_and_the_parents(self):
		doc = melding(open_dossier(), veilig_thuis_reference="VT-2026-0042")
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update({"feedback_received_on": today(), "feedback": "Veilig Thuis start onderzoek."})
		doc.save()
		text = pdf_text(doc.doctype, doc.name, "Melding Veilig Thuis")
		for expected in (
			"Melding bij Veilig Thuis",
			"Blauwe plek op de linkerwang",
			"Eigen waarneming leerkracht",
			"vader maakt bezwaar",
			"VT-2026-0042",
			"Veilig Thuis start onderzoek.",
			"Besluit verwacht uiterlijk",
		):
			self.assertIn(expected, text)

	def test_logboek_lists_the_signals_chronologically(self):
		first = make_signal(signal_date=add_days(today(), -3), situation="Eerste signaal in de gang.")
		dossier = open_dossier(signals=[first.name])
		make_signal(dossier=dossier.name, situation="Tweede signaal bij het hek.")
		text = pdf_text("Meldcode Dossier", dossier.name, "Logboek voor signalen")
		self.assertLess(text.index("Eerste signaal"), text.index("Tweede signaal"))
		self.assertIn("Gesignaleerd door", text)

	def test_printed_text_is_what_was_typed(self):
		"""Frappe's PDF step rewrites src= and href= wherever they stand; typed text survives it."""
		typed = """Zij schreef: <img src="x"> en <a href="y">z</a>; 3 < 5 > 2 & a=b "c" 'd'."""
		doc = conversation(open_dossier(), report=typed)
		self.assertIn(typed, pdf_text(doc.doctype, doc.name, "Gespreksverslag"))

	def test_a_pdf_of_typed_html_fetches_nothing(self):
		"""wkhtmltopdf fetches what a page names: typed text names a listener on this machine."""
		import threading
		from http.server import BaseHTTPRequestHandler, HTTPServer

		from frappe.utils.pdf import get_pdf

		fetched = []

		class Listener(BaseHTTPRequestHandler):
			def do_GET(self):
				fetched.append(self.path)
				self.send_response(404)
				self.end_headers()

			def log_message(self, *args):
				pass

		server = HTTPServer(("127.0.0.1", 0), Listener)
		threading.Thread(target=server.serve_forever, daemon=True).start()
		url = f"http://127.0.0.1:{server.server_port}"
		try:
			typed = f'Zag <img src="{url}/typed.png"> en <link rel="stylesheet" href="{url}/typed.css">.'
			doc = conversation(open_dossier(), report=typed, goal=typed)
			signal = make_signal(situation=typed, action_taken=f'Plein <img src="{url}/action.png">')
			for doctype, name, print_format in (
				(doc.doctype, doc.name, "Gespreksverslag"),
				("Meldcode Dossier", open_dossier(signals=[signal.name]).name, "Logboek voor signalen"),
			):
				self.assertIn("typed.png", pdf_text(doctype, name, print_format), print_format)
			self.assertEqual(fetched, [])
			get_pdf(f'<p>Ter controle</p><img src="{url}/control.png">')
			self.assertIn("/control.png", fetched, "the positive control: a real image is fetched")
		finally:
			server.shutdown()

	def test_html_and_script_in_every_free_text_field_print_as_text(self):
		dossier = open_dossier()
		values = {field: PAYLOAD for field in text_fields("Meldcode Conversation")}
		doc = conversation(dossier, "Support Team", submit=False, **values)
		signal = make_signal(**{f: PAYLOAD for f in text_fields("Meldcode Signal")})
		contact = melding(
			open_dossier(), submit=False, **{f: PAYLOAD for f in text_fields("Veilig Thuis Contact")}
		)
		for doctype, name, print_format in (
			(doc.doctype, doc.name, "Gespreksverslag"),
			(doc.doctype, doc.name, "Overlegformulier"),
			(contact.doctype, contact.name, "Melding Veilig Thuis"),
		):
			html = html_of(doctype, name, print_format)
			self.assertNotIn('alert("x")</script>', html, print_format)
			self.assertNotIn("<td>tabel</td>", html, print_format)
			self.assertIn("&lt;script&gt;", html, print_format)
		from meldcode_app.meldcode_app.doctype.meldcode_monitoring_report.test_meldcode_monitoring_report import (
			report,
		)

		rationales = {f"q{n}_rationale": PAYLOAD for n in (1, 2)}
		weighed = weighing(open_dossier(), "Yes", "No", submit=False, participants=PAYLOAD, **rationales)
		rapportage = report(
			open_dossier(), **{f: PAYLOAD for f in ("description", "knelpunten", "remarks", "unrest_note")}
		)
		for doctype, name, print_format in (
			(weighed.doctype, weighed.name, "Afwegingsverslag"),
			(rapportage.doctype, rapportage.name, "Rapportage Meldcode"),
		):
			html = html_of(doctype, name, print_format)
			self.assertNotIn('alert("x")</script>', html, print_format)
			self.assertIn("&lt;script&gt;", html, print_format)
		signal_dossier = open_dossier(signals=[signal.name])
		html = html_of("Meldcode Dossier", signal_dossier.name, "Logboek voor signalen")
		self.assertNotIn('alert("x")</script>', html)
		self.assertIn("&lt;script&gt;", html)

	def test_rapportage_meldcode_on_one_page(self):
		from meldcode_app.meldcode_app.doctype.meldcode_monitoring_report.test_meldcode_monitoring_report import (
			report,
		)

		doc = report(open_dossier())
		pdf = frappe.get_print(doc.doctype, doc.name, "Rapportage Meldcode", as_pdf=True)
		reader = PdfReader(io.BytesIO(pdf))
		self.assertEqual(len(reader.pages), 1)
		text = " ".join(reader.pages[0].extract_text().split())
		for expected in (
			"Rapportage Meldcode",
			"Mishandeling",
			"Gesprekken met ouders (3x)",
			"Knelpunten",
			"twee weken",
		):
			self.assertIn(expected, text)
		self.assertNotIn("Sam", text)
