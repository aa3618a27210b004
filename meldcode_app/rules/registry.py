"""The one registry of the app's protected DocTypes: hooks, the request guard, destruction and the
tests read it, so a new case DocType is protected by being registered here once."""

import json
from pathlib import Path

from meldcode_app.rules.desk import MODULE, MODULE_PROFILE

_MODULE_FOLDER = Path(__file__).resolve().parent.parent / "meldcode_app"


def _shipped() -> dict[str, frozenset[str]]:
	"""DocType -> names of the records the app ships: its module's definitions and its fixtures."""
	records: dict[str, set[str]] = {"Module Def": {MODULE}, "Module Profile": {MODULE_PROFILE}}
	for path in _MODULE_FOLDER.glob("*/*/*.json"):
		if path.stem == path.parent.name:
			record = json.loads(path.read_text())
			records.setdefault(record["doctype"], set()).add(record["name"])
	for path in (_MODULE_FOLDER.parent / "fixtures").glob("*.json"):
		for record in json.loads(path.read_text()):
			records.setdefault(record["doctype"], set()).add(record["name"])
	return {doctype: frozenset(names) for doctype, names in records.items()}


# What the app ships, by its definitions: its own whatever the database says of its module (a
# System Manager renamed Module Def "Meldcode App", round 64) or of its names (renamed its Page,
# Workflow, Print Formats, round 65).
SHIPPED = _shipped()
APP_DOCTYPES = SHIPPED["DocType"]
APP_WORKSPACES = SHIPPED["Workspace"]

# Case DocType -> the field that names its dossier ("name" for the dossier itself). Each has a
# `school` field: the school a record belongs to is the key of need-to-know.
CASE_DOCTYPES = {
	"Meldcode Dossier": "name",
	"Meldcode Signal": "dossier",
	"Meldcode Conversation": "dossier",
	"Meldcode Weighing": "dossier",
	"Veilig Thuis Contact": "dossier",
	"Meldcode Correction Request": "dossier",
	"Meldcode Monitoring Report": "dossier",
	"Safety Incident": "dossier",
	"Meldcode Exclusion": "dossier",
	"Meldcode Parent Share": "dossier",  # a verslag shared with a parent (access/parent_shares.py)
}

# The board's own cases, about someone working at a school: readable by the board only, never by
# the school's functions (seed 003, "Protocol misbruik door professionals"). Each has a `school`
# field and an `accused_user`, who never reads it, and `named_readers`: whom the board names to
# read it (not change it), never the accused.
BOARD_CASE_DOCTYPES = ("Meldcode Staff Report",)

# Runs of a protocol (rules/protocols.py) on what they concern: an incident or a death for the
# school's case team; a professional's report of unwanted behaviour towards them for that
# professional and the school's director only (it names an adult, often a parent). Each has a
# `school`, a `kind` and a `professional` field.
PROTOCOL_RUN_DOCTYPES = ("Meldcode Protocol Run",)

# Kept when their dossier is destroyed, without the link: the Rapportage Meldcode names no child,
# the incident register is the school's chronological record (H44).
KEPT_AFTER_DESTRUCTION = ("Meldcode Monitoring Report", "Safety Incident")
DESTROYED_WITH_DOSSIER = tuple(
	doctype
	for doctype in CASE_DOCTYPES
	if doctype != "Meldcode Dossier" and doctype not in KEPT_AFTER_DESTRUCTION
)

# Child DocType -> the case DocTypes whose rows it holds; rows carry their parent's scope.
CHILD_DOCTYPES = {
	"Meldcode Case Team Member": ("Meldcode Dossier",),
	"Meldcode Dossier Term": ("Meldcode Dossier",),
	"Meldcode Dossier Step": ("Meldcode Dossier",),
	"Meldcode Dossier Event": ("Meldcode Dossier",),
	"Meldcode Signal Indicator Link": ("Meldcode Signal",),
	"Meldcode Signal Parent Contact": ("Meldcode Signal",),
	"Meldcode Conversation Participant": ("Meldcode Conversation",),
	"Meldcode Conversation Signal": ("Meldcode Conversation",),
	"Meldcode Agreement": ("Meldcode Conversation", "Meldcode Weighing"),
	"Meldcode Action": ("Meldcode Conversation",),
	"Meldcode Addendum": ("Meldcode Conversation",),
	"Meldcode Weighing Evidence": ("Meldcode Weighing",),
	"Meldcode Reported Fact": ("Veilig Thuis Contact",),
	"Meldcode Requested Change": ("Meldcode Correction Request",),
	"Meldcode Monitoring Activity": ("Meldcode Monitoring Report",),
	"Meldcode Staff Report Reader": ("Meldcode Staff Report",),
	"Meldcode Protocol Run Step": ("Meldcode Protocol Run",),
}

# Records readable by their author only: working notes (H23) and the board's exports.
AUTHOR_ONLY_DOCTYPES = ("Meldcode Working Note", "Meldcode Export")

# Frappe's records that hold what logs someone in: the mails it sends (password resets and login
# links), OAuth tokens and codes. DocType -> the field naming whose they are (None: nobody's but
# the bench's Administrator).
SECRET_DOCTYPES = {
	"Email Queue": None,
	"OAuth Bearer Token": "user",
	"OAuth Authorization Code": "user",
	# an OAuth client's secret is a plain field; a connected app's tokens are a user's (round 55)
	"OAuth Client": None,
	"Token Cache": "user",
	# a report's stored result, made as its maker and read by its name alone (round 164)
	"Prepared Report": "owner",
}

# Records about case records that hold no content, readable per school.
SCHOOL_LOG_DOCTYPES = ("Meldcode Destruction Log",)

# The app's DocTypes that hold no case content: configuration and reference data.
CONFIGURATION_DOCTYPES = (
	"Meldcode Settings",
	"Meldcode Non Working Day",
	"Meldcode School",
	"Meldcode School Staff",
	"Meldcode Route",
	"Meldcode Route Phase",
	"Meldcode Route Term",
	"Meldcode Contact",
	"Meldcode Signal Indicator",
	"Meldcode Access Grant",  # who works where, asked and confirmed (access/grants.py)
	"Meldcode Protocol",  # a protocol's steps, word for word, adapted by a school like its route
	"Meldcode Protocol Step",
	"Meldcode Published Figures",  # an ended year's board figures as first shown, labels only
)

# Records Frappe keeps about other documents: DocType -> (field naming the DocType, field naming
# the document). A trace of a case record is read through that record only.
TRACE_DOCTYPES = {
	"Version": ("ref_doctype", "docname"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"View Log": ("reference_doctype", "reference_name"),
	"Access Log": ("export_from", "reference_document"),
	"Deleted Document": ("deleted_doctype", "deleted_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"ToDo": ("reference_type", "reference_name"),
	"Notification Log": ("document_type", "document_name"),
	"Workflow Action": ("reference_doctype", "reference_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	# a label's link copies its record's title (a case ToDo's text, round 56)
	"Tag Link": ("document_type", "document_name"),
}
# Traces that are also listed for the one person they are for (a ToDo, a notification).
TRACE_RECIPIENTS = {"ToDo": "allocated_to", "Notification Log": "for_user"}

# Traces of a case record that carry its text (old and new values, comments, mails, views).
# Files and ToDos carry names and terms, not case text.
TEXT_TRACES = ("Version", "Comment", "Communication", "View Log", "Access Log", "Deleted Document")

# Records by which a user writes into another document: who writes them must be able to write
# that document (a ToDo adds an assignment, a like or tag changes the record, a follow mails it).
WRITE_INTO_DOCTYPES = {
	"ToDo": ("reference_type", "reference_name"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"Tag Link": ("document_type", "document_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"Workflow Action": ("reference_doctype", "reference_name"),
}
# Traces that other traces are about in turn (a comment on a ToDo, a version of a comment).
TRACES_OF_TRACES = ("ToDo", "Comment", "Communication", "File")
# Every record about another record, and (DocType field, name field) where it names that record.
TRACE_REFERENCES = {**WRITE_INTO_DOCTYPES, **TRACE_DOCTYPES}
# Whose records tell that a parent has an account (a share makes one, and Frappe a contact and the
# account's settings with it): one its reader may not read or list is, to them, not there
# (access/request_guard.py, access/scoped_methods.py; rounds 88, 89).
ACCOUNT_DOCTYPES = ("User", "Contact", "Notification Settings", "Dashboard Settings")

PROTECTED_DOCTYPES = frozenset(
	(
		*CASE_DOCTYPES,
		*BOARD_CASE_DOCTYPES,
		*PROTOCOL_RUN_DOCTYPES,
		*CHILD_DOCTYPES,
		*AUTHOR_ONLY_DOCTYPES,
		*SCHOOL_LOG_DOCTYPES,
	)
)
# Records whose parent or owner decides access: the case records themselves and working notes.
RECORD_DOCTYPES = frozenset(
	(*CASE_DOCTYPES, *BOARD_CASE_DOCTYPES, *PROTOCOL_RUN_DOCTYPES, *AUTHOR_ONLY_DOCTYPES)
)
# What a trace of a case points at: a case record, or another trace (a file on a case's comment).
CASE_TRACE_TARGETS = tuple(sorted({*RECORD_DOCTYPES, *TRACE_REFERENCES}))

# Set up only by the bench's Administrator: what runs as the Administrator (a scheduled job), what
# says who logs in (a social login, LDAP, an OAuth client: one that skips consent handed its
# maker a director's session for one click), and where a domain's mail goes.
BENCH_ADMINISTRATOR_SETTINGS = (
	"Scheduled Job Type",
	"Social Login Key",
	"LDAP Settings",
	"Email Domain",
	"OAuth Client",
	"OAuth Provider Settings",
	# Imports records of any DocType with their validation skipped (Frappe's import_doc): a
	# System Manager's package planted notifications that mailed the dossiers out (round 38).
	"Package Import",
	# Where the site's backups go (its whole database), and where a connected app's secret and
	# its users' tokens are sent (round 56).
	"S3 Backup Settings",
	"Dropbox Settings",
	"Google Drive",
	"Connected App",
	# Written to the server's files at each save, at a path its name chooses: a System Manager who
	# gave himself its create right wrote folders and JSON anywhere the bench may write (round 198).
	"Dashboard Chart Source",
	# Export every record of their modules to the server's files, each at a path its name chooses:
	# a theme named "../../x" wrote and overwrote JSON anywhere the bench may write (round 205).
	"Package",
	"Package Release",
)
# Background jobs as Frappe lists them, with their arguments (a comment's text, who is told of
# which record): the bench's Administrator's only.
JOB_DOCTYPES = frozenset(("RQ Job", "RQ Worker"))
# Fields that hold a key to an account: no request but the bench's Administrator's names them (a
# count filtered on another user's api_key read it one character a count).
SECRET_FIELDS = frozenset(("api_key", "api_secret", "reset_password_key"))
