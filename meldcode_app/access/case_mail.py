"""No e-mail lands on a case record or a trace of one by its address.

With an Email Account's automatic linking on, Frappe links a mail to every record an address names
("school+meldcode_dossier=MD-2026-00012@…"), and makes that record the mail's reference: anyone,
a stranger writing to the school's mailbox too, put a mail on a dossier's timeline, and the answer
told whether a dossier existed. A mail about a case also took timeline links to the Contacts of its
addresses (and to their Students and Customers), whose timelines Frappe reads past permissions, so
its text showed to whoever made a Contact with a parent's address (round 61). The app records
contacts with a case in the dossier itself (Meldcode Contact)."""

from meldcode_app.access.permissions import case_behind
from meldcode_app.rules.registry import RECORD_DOCTYPES


def about_a_case(doctype, name) -> bool:
	"""A case DocType whether or not the record exists (no answer tells), or a trace of a case."""
	return doctype in RECORD_DOCTYPES or case_behind(doctype, name) is not None


def note_the_reference_asked(communication, method=None):
	"""Communication before_validate: the reference as sent, before Frappe links the addresses."""
	communication.flags.meldcode_reference_asked = (
		communication.reference_doctype,
		communication.reference_name,
	)


def keep_mail_off_cases(communication, method=None):
	"""Communication validate, after Frappe's own: a reference Frappe took from an address is not a
	case's; no timeline link reaches a case; a mail about a case links to nothing else."""
	asked = communication.flags.get("meldcode_reference_asked")
	found = (communication.reference_doctype, communication.reference_name)
	if asked is not None and found != asked and about_a_case(*found):
		communication.reference_doctype, communication.reference_name = asked
	if about_a_case(communication.reference_doctype, communication.reference_name):
		communication.set("timeline_links", [])
		return
	communication.set(
		"timeline_links",
		[row for row in communication.timeline_links if not about_a_case(row.link_doctype, row.link_name)],
	)
