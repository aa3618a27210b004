"""Recording rules for signals, conversations and meldingen (DOMAIN 4, 7.4; H11-H16, H18, H24-H27)."""

import re
from collections.abc import Iterable
from datetime import date, timedelta

from meldcode_app.rules.errors import RuleViolation, _

INITIALS = re.compile(r"^(?:[A-Z]\.?){1,4}$")
SEPARATORS = re.compile(r"\s*(?:,|;|/|\ben\b|\band\b|\s)\s*")

ALLOWED_REASONS_NOT_INFORMED = (
	"Safety of the Child at Risk",
	"Safety of Someone Else at Risk",
	"Urgency",
	"Contact with the School Would Be Broken Off",
	"Trust Relationship at Stake",
	"Disclosure: Coordinated with Veilig Thuis",
)


def check_initials_only(text: str | None) -> None:
	"""Other people involved are written by their initials only (H26), e.g. "J.D., K.L."."""
	for token in filter(None, SEPARATORS.split((text or "").strip())):
		if not INITIALS.match(token):
			raise RuleViolation(
				_("Write other people by their initials only (for example J.D.), not {0}."), token
			)


def check_not_in_future(day: date, today: date, what: str) -> None:
	if day > today:
		raise RuleViolation(_("{0} cannot be in the future."), what)


def check_third_party_source(from_third_party: bool, source: str | None, consent: bool) -> None:
	"""Third-party information needs its source, and the source's consent to record it (H24)."""
	if not from_third_party:
		return
	if not (source or "").strip():
		raise RuleViolation(_("Information from a third party needs its source."))
	if not consent:
		raise RuleViolation(
			_(
				"Information from a third party can only be recorded when the source consents; without consent it is not recorded."
			)
		)


def check_parents_conversation_staff(school_participants: int, maximum: int = 2) -> None:
	"""A conversation with the parents is never held by one person alone, and by at most two
	people of the school (H16)."""
	if school_participants < 2:
		raise RuleViolation(
			_("A conversation with the parents is never held alone: two people of the school take part.")
		)
	if school_participants > maximum:
		raise RuleViolation(
			_("At most {0} people of the school take part in a conversation with the parents, not {1}."),
			maximum,
			school_participants,
		)


def check_each_person_once(users: list[str]) -> None:
	"""A person of the school is one participant, in one part: named twice, one person would count
	as the two a conversation with the parents needs (H16), or take their own minutes (H31)."""
	named = [user for user in users if user]
	if twice := sorted({user for user in named if named.count(user) > 1}):
		raise RuleViolation(
			_("{0} is named more than once among the school's participants: each person takes part once."),
			", ".join(twice),
		)


def check_next_consultation(meeting: date, next_meeting: date, urgent: bool, within_weeks: int) -> None:
	"""Each consultation sets the next one, within the term unless urgent (H18), never before itself."""
	if next_meeting < meeting:
		raise RuleViolation(_("The next consultation cannot be before this consultation."))
	if not urgent and next_meeting > meeting + timedelta(weeks=within_weeks):
		raise RuleViolation(
			_(
				"The next consultation is within {0} weeks of this one (by {1}), unless the situation is urgent."
			),
			within_weeks,
			meeting + timedelta(weeks=within_weeks),
		)


def check_due_dates_after(day: date, due_dates: Iterable[date | None], what: str) -> None:
	for due in due_dates:
		if due and due < day:
			raise RuleViolation(_("A due date of the {0} cannot be before {1}."), what, day)


def age_on(date_of_birth: date, day: date) -> int:
	return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def check_melding(
	parents_informed: str | None,
	not_informed_reason: str | None,
	child_age: int | None,
	child_conversation: str | None,
	conversation_age: int,
	facts: list[tuple[str | None, str | None]],
	anonymous: bool,
	anonymous_reason: str | None,
) -> None:
	"""What a melding to Veilig Thuis must state (H9, H11-H14)."""
	if parents_informed not in ("Yes", "No"):
		raise RuleViolation(_("A melding states whether the parents were informed beforehand."))
	if parents_informed == "No" and not_informed_reason not in ALLOWED_REASONS_NOT_INFORMED:
		raise RuleViolation(
			_("When the parents were not informed beforehand, the melding states the allowed reason why not.")
		)
	if child_age is not None and child_age >= conversation_age and child_conversation not in ("Yes", "No"):
		raise RuleViolation(
			_("The child is {0}: from {1} the melding states whether the child was talked to."),
			child_age,
			conversation_age,
		)
	if not facts:
		raise RuleViolation(_("A melding states the facts and events it rests on."))
	for index, (fact, source) in enumerate(facts, start=1):
		if not (fact or "").strip() or not (source or "").strip():
			raise RuleViolation(_("Fact {0} of the melding needs its source."), index)
	if anonymous and not (anonymous_reason or "").strip():
		raise RuleViolation(_("An anonymous melding is an exception and needs the reason."))


def check_conversation_records(
	kind: str,
	heavy: bool,
	parts: list[str],
	signature: str | None,
	agreements: int,
	next_appointment: bool,
	not_promised_secrecy: bool,
) -> None:
	"""What a signed conversation records (H31, H32, H34). ``parts`` are the school participants' parts."""
	if kind == "Parents":
		if not agreements or not next_appointment:
			raise RuleViolation(
				_(
					"A conversation with the parents records the agreements made and the follow-up appointment."
				)
			)
		if heavy:
			if signature not in ("Voor Gezien", "Voor Akkoord"):
				raise RuleViolation(
					_(
						"In a heavy care conversation the parents sign the report, voor gezien or voor akkoord."
					)
				)
			if "Takes Minutes" not in parts or parts.count("Leads") < 1:
				raise RuleViolation(
					_("A heavy care conversation is led by one person and minuted by another.")
				)
	if kind == "Child" and not not_promised_secrecy:
		raise RuleViolation(
			_("A child is never promised absolute secrecy; record that this was not promised.")
		)


def check_disclosure(
	disclosure: bool, kind: str, veilig_thuis_consulted: bool, override_reason: str | None
) -> None:
	"""After a disclosure the parents are not spoken to before Veilig Thuis is consulted (H35)."""
	if (
		disclosure
		and kind == "Parents"
		and not veilig_thuis_consulted
		and not (override_reason or "").strip()
	):
		raise RuleViolation(
			_("The child disclosed: consult Veilig Thuis before talking with the parents, or record why not.")
		)


def check_child_told_first(disclosure: bool, kind: str, child_told: bool) -> None:
	"""A child who disclosed is told before the parents are spoken to (H34)."""
	if disclosure and kind == "Parents" and not child_told:
		raise RuleViolation(
			_(
				"The child disclosed: tell the child before talking with the parents, and record it in the conversation with the child."
			)
		)


def check_diagnosis(contains_diagnosis: bool, diagnosed_by: str | None, big_registered: bool) -> None:
	"""A diagnosis is recorded only when a trained, BIG-registered professional made it (H25)."""
	if contains_diagnosis and not ((diagnosed_by or "").strip() and big_registered):
		raise RuleViolation(
			_("A diagnosis is recorded only with the professional who made it, trained and BIG-registered.")
		)


def check_information_request(
	veilig_thuis_has_consent: str | None, weighing: str | None, oral: bool, report_approved: str | None
) -> None:
	"""Information given to Veilig Thuis on request (H41, DOMAIN 4.11)."""
	if veilig_thuis_has_consent not in ("Yes", "No", "Unknown"):
		raise RuleViolation(_("Record whether Veilig Thuis has the consent of those involved."))
	if veilig_thuis_has_consent != "Yes" and not (weighing or "").strip():
		raise RuleViolation(
			_(
				"Without consent, record how the school weighed what giving the information means for the child."
			)
		)
	if oral and report_approved not in ("Yes", "No"):
		raise RuleViolation(
			_(
				"For information given orally or by phone, record whether the school approved Veilig Thuis's report of it."
			)
		)


def check_partner_consent(
	anonymous: bool,
	specific: bool,
	purpose: str | None,
	provider: str | None,
	recipient: str | None,
	given_by: str | None,
) -> None:
	"""Talking about a pupil with a partner organisation other than Veilig Thuis, not anonymously,
	needs the parents' consent: specific, for a purpose, from whom to whom (H42, DOMAIN 4.13)."""
	if anonymous:
		return
	if not (specific and all((v or "").strip() for v in (purpose, provider, recipient, given_by))):
		raise RuleViolation(
			_(
				"A conversation with an external organisation about a named pupil needs the parents' specific consent: its purpose, who gives and who receives the information, and which parent consented."
			)
		)


def check_signals_of_dossier(dossier: str | None, signal_dossiers: dict[str, str | None]) -> None:
	"""A conversation discusses the signals of its own dossier only (without a dossier: signals
	in no dossier yet), never another pupil's; ``signal_dossiers`` maps each signal to its dossier."""
	for signal, of in signal_dossiers.items():
		if (of or None) != (dossier or None):
			raise RuleViolation(
				_(
					"Signal {0} is not a signal of this conversation's dossier; a conversation discusses only those."
				),
				signal,
			)


def check_new_addendum(kind: str, parents_view_by_the_app: bool) -> None:
	"""A parent's zienswijze is added by the app's own code only (the portal's signing, an answered
	correction request), never posted as such by the team."""
	if kind == "Parents' View" and not parents_view_by_the_app:
		raise RuleViolation(
			_(
				"The parents' view is added by the parents through the portal or by answering their correction request, not by hand."
			)
		)
