"""Sharing a verslag with the parents through the portal (no Frappe): with whom, when it may be
shared, how long a share lasts, and what the parents may sign (DOMAIN 4.7, 4.12)."""

import json
import re
from datetime import date, timedelta

from meldcode_app.rules.errors import RuleViolation, _

SIGNATURES = ("Voor Gezien", "Voor Akkoord")
PARENTS_VIEW = "Parents' View"  # the kind of addendum that holds a parent's zienswijze
ACTIVE, WITHDRAWN, EXPIRED, SIGNED = "Active", "Withdrawn", "Expired", "Signed"
# A share a parent still reads: open to sign, or signed and readable until it ends.
READABLE = (ACTIVE, SIGNED)
MAX_PARENTS = 2
EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


def parent_emails(emails) -> list[str]:
	"""One or two distinct e-mail addresses, from a comma-separated text or a JSON list."""
	if isinstance(emails, str):
		text = emails.strip()
		if text.startswith("["):
			try:
				emails = json.loads(text)
			except ValueError:
				emails = [text]
		else:
			emails = re.split(r"[,;\s]+", text)
	found = []
	for email in emails or []:
		email = str(email).strip().lower()
		if not email or email in found:
			continue
		if not EMAIL.match(email):
			raise RuleViolation(_("{0} is not an e-mail address."), email)
		if not (email.isascii() and email.isprintable()):
			# The database compares names without accents and control characters: "müller" (or
			# "muller" and an invisible character) would find the account of "muller", another
			# family's. An address with accents is given as its ASCII form.
			raise RuleViolation(
				_(
					"{0} has letters with accents or invisible characters; give the address in plain letters (a domain as xn--…)."
				),
				email,
			)
		found.append(email)
	if not found:
		raise RuleViolation(_("Give the e-mail address of one or both parents."))
	if len(found) > MAX_PARENTS:
		raise RuleViolation(_("A verslag is shared with at most two parents."))
	return found


def check_may_share(
	kind: str,
	signed: bool,
	closed: bool,
	disclosure: bool,
	veilig_thuis_consulted: bool,
	acute: bool,
	melding_submitted: bool,
	reason_not_to_inform: bool,
) -> None:
	"""Only a signed verslag of a conversation with the parents, and only while the parents may
	be informed: not after a disclosure before Veilig Thuis was consulted, not on the acute path
	before the melding, not when a reason not to inform them is recorded (DOMAIN 4.9, H35)."""
	if kind != "Parents":
		raise RuleViolation(
			_("Only the verslag of a conversation with the parents is shared with the parents.")
		)
	if not signed:
		raise RuleViolation(_("Only a signed verslag is shared with the parents."))
	if closed:
		raise RuleViolation(_("The dossier is closed; its verslagen are no longer shared."))
	if disclosure and not veilig_thuis_consulted:
		raise RuleViolation(
			_(
				"The child disclosed: the verslag is shared with the parents only after Veilig Thuis was consulted."
			)
		)
	if acute and not melding_submitted:
		raise RuleViolation(
			_("On the acute path the verslag is shared with the parents only after the melding.")
		)
	if reason_not_to_inform:
		raise RuleViolation(
			_("A reason not to inform the parents is recorded in the dossier; the verslag is not shared.")
		)


def expires_on(shared_on: date, days: int) -> date:
	"""The last day a share is open: ``days`` days after sharing."""
	if days < 1:
		raise RuleViolation(_("A share lasts at least one day."))
	return shared_on + timedelta(days=days)


def is_open(status: str, expiry: date, today: date) -> bool:
	"""Whether the parent still reads the verslag: not withdrawn or expired, not past its last day."""
	return status in READABLE and today <= expiry


def readable(status: str, expiry: date, today: date, sharing: dict) -> bool:
	"""Deny by default, checked at every read: a share is open while it is neither withdrawn nor
	expired and the verslag may still be shared (check_may_share with today's facts: still
	submitted, the parents may still be informed, the dossier not closed)."""
	if not is_open(status, expiry, today):
		return False
	try:
		check_may_share(**sharing)
	except RuleViolation:
		return False
	return True


def own_view(kind: str, added_by: str | None, parent: str) -> bool:
	"""An addendum shown beside the verslag as it was shared (the share's snapshot, which holds no
	parents' view): the parent's own zienswijze; the other parent's or the team's is not."""
	return kind == PARENTS_VIEW and added_by == parent


# A parent's request goes to whoever on the case team may act on it, in this order.
ANSWERING_FUNCTIONS = ("Aandachtsfunctionaris", "Intern Begeleider", "Director")


def who_answers(casemanager: str | None, casemanager_functions, staff: list[tuple[str, str]]) -> str | None:
	"""Who answers a parent's request on a dossier: the casemanager while they hold a case-team
	function at its school (at stap 1 the casemanager is the signalling teacher, who does not
	read the dossier), else the school's first aandachtsfunctionaris, intern begeleider or
	director on its confirmed staff list ``staff`` of (function, user); None without any."""
	if casemanager and set(casemanager_functions) & set(ANSWERING_FUNCTIONS):
		return casemanager
	for function in ANSWERING_FUNCTIONS:
		for held, user in staff:
			if held == function:
				return user
	return None


def check_may_request(already_open: bool) -> None:
	"""One open request of each kind per share: the next waits until the school has answered."""
	if already_open:
		raise RuleViolation(_("You have already asked for this; the school is handling it."))


def check_may_sign(
	status: str, expiry: date, today: date, signature: str, already_signed: str | None
) -> None:
	if not is_open(status, expiry, today):
		raise RuleViolation(_("This verslag is no longer shared with you; ask the school."))
	if status == SIGNED or already_signed in SIGNATURES:
		raise RuleViolation(_("This verslag has already been signed; it is signed once."))
	if signature not in SIGNATURES:
		raise RuleViolation(_("Sign 'voor gezien' or 'voor akkoord'."))


def child_decides(birth_date: date | None, today: date, age: int) -> bool:
	"""A pupil of ``age`` (16) or older decides on inspection and correction of their dossier."""
	if not birth_date:
		return False
	years = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
	return years >= age
