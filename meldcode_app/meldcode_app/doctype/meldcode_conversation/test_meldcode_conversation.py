import frappe
from frappe.utils import add_days, getdate, now_datetime, today

from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.tests.factories import as_user, conversation, make_signal, open_dossier
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

test_ignore = LINKED_DOCTYPES


def count():
	return frappe.db.count("Meldcode Conversation")


class TestMeldcodeConversation(MeldcodeTestCase):
	def test_parents_conversation_needs_exactly_two_school_people(self):
		dossier = open_dossier()
		before = count()
		self.assertRefused(
			lambda: conversation(dossier, participants=[staff_user("A", "Aandachtsfunctionaris")]),
			"nooit alleen gevoerd",
		)
		three = [staff_user("A", f) for f in ("Aandachtsfunctionaris", "Teacher", "Director")]
		self.assertRefused(
			lambda: conversation(dossier, participants=three), "hooguit 2 mensen van de school deel, niet 3"
		)
		af = staff_user("A", "Aandachtsfunctionaris")
		self.assertRefused(lambda: conversation(dossier, participants=[af, af]), af, "meer dan eens")
		self.assertEqual(count(), before)

	def test_a_signature_without_date_and_place_is_refused_in_plain_dutch(self):
		self.assertRefused(
			lambda: conversation(
				open_dossier(), parents_signature="Voor Gezien", signed_on=None, signed_at=None
			),
			"Een ondertekening 'voor gezien' vraagt om de datum en plaats",
		)

	def test_a_signed_report_refuses_edits_and_takes_addenda(self):
		doc = conversation(
			open_dossier(), parents_signature="Voor Gezien", signed_on=today(), signed_at="Hilversum"
		)
		doc = frappe.get_doc("Meldcode Conversation", doc.name)
		doc.report = "Achteraf anders opgeschreven."
		self.assertRaises(frappe.ValidationError, doc.save)

		doc = frappe.get_doc("Meldcode Conversation", doc.name)
		doc.append("addenda", {"kind": "Supplement", "text": "Wij herkennen ons niet in de tweede alinea."})
		as_user(staff_user("A", "Aandachtsfunctionaris"))(doc.save)
		doc = frappe.get_doc("Meldcode Conversation", doc.name)
		self.assertEqual(doc.addenda[0].added_by, staff_user("A", "Aandachtsfunctionaris"))
		self.assertEqual(doc.report, "Wij hebben de signalen één voor één besproken. Moeder herkent de zorg.")

		doc.addenda[0].text = "Toch maar anders."
		self.assertRefused(doc.save, "kan niet worden gewijzigd of verwijderd")
		doc = frappe.get_doc("Meldcode Conversation", doc.name)
		doc.set("addenda", [])
		self.assertRefused(doc.save, "kan niet worden gewijzigd of verwijderd")

	def test_a_conversation_discusses_the_signals_of_its_own_dossier_only(self):
		own = make_signal("A")
		other = make_signal("A", pupil="Testkind Noor Jansen", situation="Noor vertelde over ruzie thuis.")
		dossier = open_dossier("A", [own.name])
		open_dossier("A", [other.name])  # another pupil's dossier at the same school
		self.assertRefused(
			lambda: conversation(dossier, signals_discussed=[{"signal": own.name}, {"signal": other.name}]),
			f"Signaal {other.name} is geen signaal van het dossier van dit gesprek",
		)
		doc = conversation(dossier, submit=False, signals_discussed=[{"signal": own.name}])
		self.assertEqual([row.signal for row in doc.signals_discussed], [own.name], "control: its own")
		doc.append("signals_discussed", {"signal": other.name})
		self.assertRefused(
			lambda: as_user(staff_user("A", "Aandachtsfunctionaris"))(doc.save), "geen signaal"
		)

	def test_the_server_says_who_added_an_addendum_and_when(self):
		"""A new addendum row gets the session user and now, whatever was posted; the parents'
		view only through the app's own code (the portal's signing, a correction request)."""
		af = staff_user("A", "Aandachtsfunctionaris")
		parent = staff_user("A", "Teacher")  # any other account: the author posted is not taken
		forged = {"added_by": parent, "added_on": "2020-01-01 09:00:00"}
		draft = conversation(
			open_dossier(),
			submit=False,
			addenda=[{"kind": "Supplement", "text": "Bij het concept.", **forged}],
		)
		self.assertEqual(draft.addenda[0].added_by, af, "the draft's author, not the posted one")
		doc = frappe.get_doc("Meldcode Conversation", conversation(open_dossier()).name)
		doc.append("addenda", {"kind": "Supplement", "text": "Aanvulling.", **forged})
		as_user(af)(doc.save)
		row = frappe.get_doc("Meldcode Conversation", doc.name).addenda[0]
		self.assertEqual(row.added_by, af)
		self.assertEqual(getdate(row.added_on), getdate(now_datetime()))

		doc = frappe.get_doc("Meldcode Conversation", doc.name)
		doc.append("addenda", {"kind": "Parents' View", "text": "Zogenaamd van de ouders.", **forged})
		self.assertRefused(lambda: as_user(af)(doc.save), "niet met de hand")
		doc = frappe.get_doc("Meldcode Conversation", doc.name)
		doc.append("addenda", {"kind": "Parents' View", "text": "Wel van de ouders."})
		doc.flags.parents_view_by_the_app = True  # control: as the portal's signing sets it
		as_user(af)(doc.save)
		self.assertEqual(
			[(a.kind, a.added_by) for a in frappe.get_doc("Meldcode Conversation", doc.name).addenda],
			[("Supplement", af), ("Parents' View", af)],
		)

	def test_an_amendment_keeps_the_addenda_of_the_original(self):
		af = staff_user("A", "Aandachtsfunctionaris")
		doc = frappe.get_doc("Meldcode Conversation", conversation(open_dossier()).name)
		doc.append("addenda", {"kind": "Parents' View", "text": "Van de ouders."})
		doc.flags.parents_view_by_the_app = True
		as_user(af)(doc.save)
		doc = frappe.get_doc("Meldcode Conversation", doc.name)
		as_user(af)(doc.cancel)
		amendment = frappe.copy_doc(doc)
		amendment.update({"amended_from": doc.name, "docstatus": 0})
		as_user(staff_user("A", "Director"))(amendment.insert)
		self.assertEqual(
			[(a.kind, a.added_by, a.added_on) for a in amendment.addenda],
			[(a.kind, a.added_by, a.added_on) for a in doc.addenda],
		)

	def test_amendment_keeps_the_signed_original(self):
		doc = frappe.get_doc("Meldcode Conversation", conversation(open_dossier()).name)
		as_user(staff_user("A", "Aandachtsfunctionaris"))(doc.cancel)
		amendment = frappe.copy_doc(doc)
		amendment.update({"amended_from": doc.name, "docstatus": 0})
		amendment.report = "Gecorrigeerd verslag."
		as_user(staff_user("A", "Aandachtsfunctionaris"))(amendment.insert)
		self.assertEqual(
			frappe.db.get_value("Meldcode Conversation", doc.name, ["docstatus", "report"]), (2, doc.report)
		)
		self.assertEqual(amendment.name, f"{doc.name}-1")

	def test_an_amendment_of_a_signed_verslag_is_signed_again(self):
		"""Round 18: the amendment kept the portal signature without its marker; the other parent's
		new share then showed it as the team's, and refused their own signature. The H33 audit: an
		amendment with a rewritten report kept the parents' signature on paper too. The control: a
		new signature the team records on the amendment stays."""
		af = staff_user("A", "Aandachtsfunctionaris")
		signed = {"parents_signature": "Voor Akkoord", "signed_on": today(), "signed_at": "Ouderportaal"}
		for by_portal, signed_again in ((True, None), (False, None), (False, "School, tweede gesprek")):
			doc = frappe.get_doc("Meldcode Conversation", conversation(open_dossier()).name)
			doc.db_set(
				{**signed, "parent_signed_by": "Moeder (moeder@ouders.example)" if by_portal else None}
			)
			as_user(af)(doc.cancel)
			amendment = frappe.copy_doc(doc)
			amendment.update({"amended_from": doc.name, "docstatus": 0, "report": "Gecorrigeerd verslag."})
			if signed_again:
				amendment.signed_at = signed_again
			as_user(af)(amendment.insert)
			kept = {f: amendment.get(f) for f in signed}
			if signed_again:
				self.assertEqual(kept, {**signed, "signed_at": signed_again})
			else:
				self.assertEqual(kept, dict.fromkeys(signed), f"signed through the portal: {by_portal}")

	def test_signature_needs_date_and_place(self):
		self.assertRefused(
			lambda: conversation(open_dossier(), submit=False, parents_signature="Voor Akkoord"),
			"vraagt om de datum en plaats van ondertekening",
		)

	def test_due_dates_before_the_conversation_are_refused(self):
		agreements = [
			{"agreement": "Huisarts bellen", "owner_name": "Moeder", "due_date": add_days(today(), -3)}
		]
		self.assertRefused(
			lambda: conversation(open_dossier(), submit=False, agreements=agreements), "kan niet vóór"
		)

	def test_conversation_in_the_future_is_refused(self):
		self.assertRefused(
			lambda: conversation(open_dossier(), submit=False, conversation_date=add_days(today(), 2)),
			"De datum van een gesprek kan niet in de toekomst liggen.",
		)

	def test_support_team_sets_the_next_consultation_within_three_weeks(self):
		dossier = open_dossier()
		self.assertRefused(
			lambda: conversation(
				dossier, "Support Team", submit=False, next_meeting_date=add_days(today(), 30)
			),
			"binnen 3 weken",
		)
		conversation(dossier, "Support Team", submit=False, next_meeting_date=add_days(today(), 30), urgent=1)
		doc = conversation(dossier, "Support Team")
		terms = {
			t.term_code: t
			for t in frappe.get_doc("Meldcode Dossier", dossier.name).terms
			if t.status == "Open"
		}
		self.assertEqual(str(terms["next_consultation"].due_date), str(doc.next_meeting_date))

	def test_a_teacher_records_an_own_conversation_without_a_dossier(self):
		doc = frappe.get_doc(
			{
				"doctype": "Meldcode Conversation",
				"school": self.school_a,
				"pupil_name": "Testkind Sam de Vries",
				"conversation_type": "Child",
				"conversation_date": today(),
				"school_participants": [{"user": staff_user("A", "Teacher"), "part": "Leads"}],
				"goal": "Vragen hoe het gaat.",
				"report": "Sam vertelt dat het thuis druk is.",
				"child_not_promised_secrecy": 1,
			}
		)
		as_user(staff_user("A", "Teacher"))(doc.insert)
		self.assertEqual(doc.owner, staff_user("A", "Teacher"))

	def test_signing_needs_what_the_meldcode_asks_of_the_conversation(self):
		dossier = open_dossier()
		self.assertRefused(lambda: conversation(dossier, next_appointment=None), "vervolgafspraak")
		self.assertRefused(
			lambda: conversation(dossier, heavy=1, parents_signature="Not Signed"), "ondertekenen de ouders"
		)
		minuted = [
			{"user": staff_user("A", "Aandachtsfunctionaris"), "part": "Leads"},
			{"user": staff_user("A", "Director"), "part": "Takes Minutes"},
		]
		self.assertRefused(
			lambda: conversation(
				dossier, heavy=1, parents_signature="Voor Gezien", signed_on=today(), signed_at="School"
			),
			"door een ander genotuleerd",
		)
		doc = conversation(
			dossier,
			heavy=1,
			parents_signature="Voor Gezien",
			signed_on=today(),
			signed_at="School",
			submit=False,
		)
		doc.set("school_participants", minuted)
		as_user(staff_user("A", "Aandachtsfunctionaris"))(doc.save)
		as_user(staff_user("A", "Aandachtsfunctionaris"))(doc.submit)
		self.assertEqual(doc.docstatus, 1)

	def test_a_child_is_never_promised_secrecy(self):
		dossier = open_dossier()
		child = [staff_user("A", "Aandachtsfunctionaris"), staff_user("A", "Teacher")]
		self.assertRefused(lambda: conversation(dossier, "Child", participants=child), "geheimhouding")
		self.assertEqual(
			conversation(dossier, "Child", participants=child, child_not_promised_secrecy=1).docstatus, 1
		)

	def test_after_a_disclosure_veilig_thuis_comes_before_the_parents(self):
		from meldcode_app.tests.factories import melding

		dossier = open_dossier()
		frappe.db.set_value("Meldcode Dossier", dossier.name, "disclosure", 1)
		child = [staff_user("A", "Aandachtsfunctionaris"), staff_user("A", "Teacher")]
		self.assertRefused(lambda: conversation(dossier), "vertel het eerst het kind")  # H34
		conversation(
			dossier,
			"Child",
			participants=child,
			child_not_promised_secrecy=1,
			child_told_parents_will_be_spoken_to=1,
		)
		self.assertRefused(lambda: conversation(dossier), "raadpleeg Veilig Thuis")
		self.assertTrue(
			conversation(
				dossier, disclosure_override_reason="Moeder bracht het kind zelf in veiligheid."
			).name
		)
		melding(
			dossier,
			contact_type="Advice",
			question="Hoe nu verder?",
			advice="Eerst met moeder alleen.",
			next_steps="AF belt terug.",
		)
		self.assertTrue(conversation(dossier).name)

	def test_a_partner_organisation_hears_a_named_pupil_only_with_consent(self):
		dossier = open_dossier()
		self.assertRefused(lambda: conversation(dossier, "External", submit=False), "gerichte toestemming")
		self.assertTrue(conversation(dossier, "External", submit=False, external_anonymous=1).name)
		consent = {
			"consent_specific": 1,
			"consent_purpose": "Gezinscoach inzetten",
			"consent_provider": "Intern begeleider",
			"consent_recipient": "CJG",
			"consent_given_by": "Moeder, 20-11-2026",
		}
		self.assertTrue(conversation(dossier, "External", submit=False, **consent).name)
