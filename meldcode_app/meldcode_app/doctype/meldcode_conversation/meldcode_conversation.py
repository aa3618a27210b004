import frappe
from frappe import _
from frappe.utils import get_fullname, getdate, now_datetime

from meldcode_app.access.links import answer_as_missing
from meldcode_app.access.parent_shares import PARENTS_VIEW_FLAG
from meldcode_app.access.permissions import may
from meldcode_app.access.school_membership import active_staff
from meldcode_app.case_records import CaseRecord, validate_same_school
from meldcode_app.education import fill_guardians, guardian_addresses
from meldcode_app.printing import store_signed_pdf
from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.records import (
	check_child_told_first,
	check_conversation_records,
	check_disclosure,
	check_due_dates_after,
	check_each_person_once,
	check_new_addendum,
	check_next_consultation,
	check_not_in_future,
	check_parents_conversation_staff,
	check_partner_consent,
	check_signals_of_dossier,
)
from meldcode_app.settings import get_settings
from meldcode_app.terms import add_term, insert_notifications, keep_term, user_languages
from meldcode_app.utils import as_stored, latest_today, rules_enforced

# Written by the signing code only: the signed PDF with its SHA-256, and a parent's signature
# through the portal (meldcode_app.access.parent_shares.sign).
SIGNATURE_FILE_FIELDS = ("signed_pdf", "signed_pdf_sha256", "parent_signed_by", "parent_signed_on")
PARENTS_SIGNATURE_FIELDS = ("parents_signature", "signed_on", "signed_at")
# What the case team is told of a conversation that a writer outside it recorded on their dossier.
DISCLOSURE_NOT_ALLOWED = "{0} recorded a conversation with the parents on dossier {1} that the child's disclosure did not allow yet: check it."
SIGNED_BY_AN_OUTSIDER = (
	"{0} signed a conversation on dossier {1}: check it, and set the terms it starts or keeps."
)


class MeldcodeConversation(CaseRecord):
	def onload(self):
		if self.conversation_type == "Parents":  # the share dialog shows the guardians' addresses
			self.set_onload("guardian_addresses", guardian_addresses(self.get("student")))

	def validate(self):
		self.keep_signature()
		self.check_signals_readable()  # before any rule reads the signals' dossiers (round 38)
		validate_same_school(self)
		fill_guardians(self)
		day = getdate(self.conversation_date)
		with rules_enforced(_("Conversation not recorded")):
			check_not_in_future(day, latest_today(), _("The date of a conversation"))
			check_each_person_once([p.user for p in self.school_participants])
			if self.conversation_type == "Parents":
				check_parents_conversation_staff(len(self.school_participants))
			if self.conversation_type == "External":
				check_partner_consent(
					self.external_anonymous,
					self.consent_specific,
					self.consent_purpose,
					self.consent_provider,
					self.consent_recipient,
					self.consent_given_by,
				)
			if self.conversation_type == "Support Team":
				check_next_consultation(
					day, getdate(self.next_meeting_date), self.urgent, get_settings().next_consultation_weeks
				)
			check_due_dates_after(day, [getdate(a.due_date) for a in self.agreements], _("agreements"))
			check_due_dates_after(
				day, [getdate(a.due_date) for a in self.c_action_plan if a.due_date], _("action plan")
			)
			if self.next_appointment:
				check_due_dates_after(day, [getdate(self.next_appointment)], _("next appointment"))
			check_signals_of_dossier(self.dossier, self.dossiers_of_signals())
		self.validate_disclosure()
		self.validate_signature()
		self.stamp_addenda()

	def check_signals_readable(self):
		"""Who adds a discussed signal reads it: a teacher named the aandachtsfunctionaris's signals
		and printed them, and learnt from the answer which dossier holds one (round 38). Answered as
		a signal that does not exist."""
		stored = self.get_doc_before_save()
		before = {row.signal for row in stored.signals_discussed} if stored else set()
		for row in self.signals_discussed:
			if row.signal and row.signal not in before and not may("read", "Meldcode Signal", row.signal):
				answer_as_missing(row, row.meta.get_field("signal"), row.signal)

	def dossiers_of_signals(self) -> dict:
		names = [row.signal for row in self.signals_discussed if row.signal]
		if not names:
			return {}
		found = frappe.get_all(
			"Meldcode Signal",
			filters={"name": ("in", names)},
			fields=["name", "dossier"],
			ignore_permissions=True,
		)
		return {row.name: row.dossier for row in found}

	def validate_disclosure(self):
		if not self.dossier:
			return
		disclosure = frappe.db.get_value("Meldcode Dossier", self.dossier, "disclosure")
		consulted = frappe.db.exists("Veilig Thuis Contact", {"dossier": self.dossier, "docstatus": 1})
		child_told = frappe.db.exists(
			"Meldcode Conversation",
			{
				"dossier": self.dossier,
				"conversation_type": "Child",
				"child_told_parents_will_be_spoken_to": 1,
				"docstatus": ("<", 2),
			},
		)

		def check():
			check_child_told_first(bool(disclosure), self.conversation_type, bool(child_told))
			check_disclosure(
				bool(disclosure), self.conversation_type, bool(consulted), self.disclosure_override_reason
			)

		if may("read", "Meldcode Dossier", self.dossier):
			with rules_enforced(_("Conversation not recorded")):
				check()
			return
		# A writer outside the case team learnt from this refusal whether the child had disclosed
		# (round 37): their conversation is recorded as it took place, and the case team is told.
		try:
			check()
		except RuleViolation:
			self.flags.disclosure_not_allowed = True

	def before_submit(self):
		"""Signing: the report must hold what the meldcode asks of this kind of conversation."""
		with rules_enforced(_("Report not signed")):
			check_conversation_records(
				self.conversation_type,
				bool(self.heavy),
				[p.part for p in self.school_participants],
				self.parents_signature,
				len(self.agreements),
				bool(self.next_appointment),
				bool(self.child_not_promised_secrecy),
			)

	def validate_signature(self):
		if self.parents_signature in ("Voor Gezien", "Voor Akkoord") and not (
			self.signed_on and self.signed_at
		):
			frappe.throw(
				_("A signature '{0}' needs the date and place of signing.").format(
					_(self.parents_signature).lower()
				),
				title=_("Conversation not recorded"),
			)

	def keep_signature(self):
		"""The signed PDF and its SHA-256, and who signed through the portal, are written by the
		signing only (printing.store_signed_pdf, parent_shares.sign, past validation): no door takes
		them from a client, before or after signing."""
		stored = None if self.is_new() else self.get_doc_before_save()
		kept = self.signature_values(stored)
		if stored is None and self.amended_from:
			fields = (*SIGNATURE_FILE_FIELDS, *PARENTS_SIGNATURE_FIELDS)
			original = self.signature_values(
				frappe.db.get_value(self.doctype, self.amended_from, fields, as_dict=True), fields
			)
			if all(self.signature_values(self)[f] in (None, original[f]) for f in SIGNATURE_FILE_FIELDS):
				self.update(dict.fromkeys(SIGNATURE_FILE_FIELDS))  # the original's; the amendment signs anew
			if original["parent_signed_by"] or self.signature_values(self, PARENTS_SIGNATURE_FIELDS) == {
				f: original[f] for f in PARENTS_SIGNATURE_FIELDS
			}:
				# The parents signed the original's text, through the portal or on paper, not the
				# amendment's: it is signed again (a rewritten report kept their "voor akkoord").
				self.update(dict.fromkeys(PARENTS_SIGNATURE_FIELDS))
		posted = self.signature_values(self)
		for field in SIGNATURE_FILE_FIELDS:
			if posted[field] != kept[field]:
				frappe.throw(
					_("{0} is set by signing the report, never by hand.").format(
						_(self.meta.get_label(field))
					),
					frappe.PermissionError,
					title=_("Signed report"),
				)

	def signature_values(self, doc, fields=SIGNATURE_FILE_FIELDS) -> dict:
		"""Compared as stored: the desk posts a datetime as text (utils.as_stored)."""
		return {f: as_stored(doc.get(f) if doc else None, self.meta.get_field(f).fieldtype) for f in fields}

	def before_update_after_submit(self):
		"""After signing the report stands; addenda are only added, never changed or removed (H33)."""
		self.keep_signature()
		before = self.get_doc_before_save()
		kept = {row.name: row for row in self.addenda}
		for old in before.addenda:
			row = kept.get(old.name)
			if not row or (row.kind, row.text) != (old.kind, old.text):
				frappe.throw(
					_("An addendum of a signed report cannot be changed or removed; add a new one."),
					title=_("Signed report"),
				)
		self.stamp_addenda()

	def stamp_addenda(self):
		"""Who added an addendum and when is the server's word: a stored row keeps its own, a new
		row (also one posted with another author or date) gets the session user and now. An
		amendment keeps the rows copied from the signed original."""
		stored = {} if self.is_new() else {row.name: row for row in self.get_doc_before_save().addenda}
		copied = self.addenda_of_original() if self.is_new() and self.amended_from else []
		for row in self.addenda:
			before = stored.get(row.name)
			if before:
				row.added_by, row.added_on = before.added_by, before.added_on
				if row.kind == before.kind:
					continue
			elif (key := addendum_key(row)) in copied:
				copied.remove(key)
				continue
			with rules_enforced(_("Addendum not added")):
				check_new_addendum(row.kind, bool(self.flags.get(PARENTS_VIEW_FLAG)))
			if not before:
				row.added_by, row.added_on = frappe.session.user, now_datetime()

	def addenda_of_original(self) -> list:
		rows = frappe.get_all(
			"Meldcode Addendum",
			filters={"parenttype": self.doctype, "parent": self.amended_from, "parentfield": "addenda"},
			fields=["kind", "text", "added_by", "added_on"],
			ignore_permissions=True,
		)
		return [addendum_key(row) for row in rows]

	def after_insert(self):
		if self.flags.disclosure_not_allowed:
			self.tell_case_team(DISCLOSURE_NOT_ALLOWED)

	def tell_case_team(self, subject: str):
		"""The dossier's aandachtsfunctionarissen and casemanager are told, by a link, of what a
		writer outside the case team recorded on their dossier."""
		school, casemanager = frappe.db.get_value("Meldcode Dossier", self.dossier, ["school", "casemanager"])
		team = {user for _school, _function, user in active_staff({school}, ("Aandachtsfunctionaris",))}
		team.discard(None)
		if casemanager:
			team.add(casemanager)
		languages, writer = user_languages(team), get_fullname(frappe.session.user)
		insert_notifications(
			[
				(
					user,
					self.doctype,
					self.name,
					_(subject, languages[user]).format(writer, self.dossier),
				)
				for user in sorted(team)
			]
		)

	def on_submit(self):
		store_signed_pdf(self)
		if not self.dossier:
			return
		if not may("read", "Meldcode Dossier", self.dossier):
			# The dossier's terms are its team's: a teacher's signed conversation moved them, and
			# whether the signing was refused told them the dossier's step (round 38).
			if self.flags.disclosure_not_allowed:
				self.tell_case_team(DISCLOSURE_NOT_ALLOWED)
			self.tell_case_team(SIGNED_BY_AN_OUTSIDER)
			return
		dossier = frappe.get_doc("Meldcode Dossier", self.dossier)
		if self.conversation_type == "Parents":
			add_term(dossier, "support_team_meeting", self.conversation_date, dossier.casemanager)
		elif self.conversation_type == "Support Team":
			keep_term(dossier, "support_team_meeting", self.conversation_date)
			keep_term(dossier, "next_consultation", self.conversation_date)
			add_term(
				dossier,
				"next_consultation",
				self.conversation_date,
				dossier.casemanager,
				due=self.next_meeting_date,
			)
		dossier.save(ignore_permissions=True)


def addendum_key(row) -> tuple:
	return (row.kind, row.text, row.added_by, as_stored(row.added_on, "Datetime"))
