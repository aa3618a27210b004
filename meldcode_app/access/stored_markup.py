"""Markup that would run in a page is stored only through a save the app judges.

The app judges and cleans every value a save writes ("*" hooks in code_in_pages.py). Frappe and
other apps also write past a save: a whitelisted function's ``db.set_value`` (ERPNext sets an
Issue's status, open to any account), a controller method that ``db_update()``s the record it was
posted (a BOM's cost update, with read permission), ``db_insert()`` of a log a user fills in (the
Access Log), ``db_set`` of a custom field's new name (round 76), a header kept as a user's last
address (round 77). The desk shows many of those values as markup, where a script in them ran with
the case team's session. So in a request or job of anyone but the bench's Administrator, a
statement that would store markup that runs (rules/active_markup.py) is refused, unless a save
the app judged let that value through as it is (a field Frappe does not clean, such as a
notification's message). Decided at the database, for every door, as sandboxed_code.py does for
reads; the case records keep their text as typed."""

import re

import frappe
from frappe import _

from meldcode_app.access.code_in_pages import SANITISED_ELSEWHERE
from meldcode_app.rules.active_markup import runs_in_a_page
from meldcode_app.rules.registry import PROTECTED_DOCTYPES

# A character without which no text runs as markup, an attribute or a script link.
MAY_RUN = re.compile(r"[<&\"'`:\\]")
WRITES_TO = re.compile(
	r"^[\s(]*(?:insert(?:\s+ignore)?\s+into|replace\s+into|update(?:\s+ignore)?)\s+"
	r"(?:`tab(?P<quoted>[^`]+)`|tab(?P<bare>\w+))",
	re.IGNORECASE,
)
CASE_DOCTYPES = frozenset(name.lower() for name in PROTECTED_DOCTYPES)
# Where Frappe keeps text it shows as text or not at all: a report's PDF export keeps the whole
# page in the Access Log (a code editor shows it), its styles and links included (round 78); a
# record's last comments, cut short, are kept for their count (round 79).
KEPT_AS_TEXT = {"access log": frozenset(("page", "columns", "filters"))}
KEPT_IN_EVERY_TABLE = frozenset(("_comments",))
# A record as Frappe's db_insert writes it (its columns, then as many values), and columns set
# one by one ("update `tabX` set `a`=%s, `b`=%s where …").
INSERT_COLUMNS = re.compile(r"^\s*insert\s+into\s+`tab[^`]+`\s*\(([^)]*)\)\s*values", re.IGNORECASE)
UPDATE_COLUMNS = re.compile(r"^\s*update\s+`tab[^`]+`\s+set\s+(.+?)\s+where\s", re.IGNORECASE | re.DOTALL)
SET_COLUMN = re.compile(r"^`?(\w+)`?\s*=\s*%s$")


def watch_writes() -> None:
	"""Hook helper (with the database watch): this request or job is watched unless the bench's
	Administrator's. Not only its arguments: Frappe stores a header (X-Forwarded-For as a user's
	last address) past a save, where the user's form showed it as markup (round 77)."""
	frappe.local.meldcode_markup_watched = frappe.session.user != "Administrator"
	frappe.local.meldcode_markup_judged = set()


def note_judged(doc, method=None):
	"""Hook (before_validate and validate of every DocType, after the app's checks and cleaning):
	what this save stores as it is was judged (also one the app makes acting as the Administrator,
	such as a parent's welcome mail). A field Frappe cleans in its own validate (a comment's
	content) counts as it is then."""
	if not getattr(frappe.local, "meldcode_markup_watched", False):
		return
	for row in (doc, *doc.get_all_children()):
		# as stored: a virtual field's value is no write (and its code is not run for it)
		for fieldname, value in row.get_valid_dict(sanitize=False, ignore_virtual=True).items():
			if method == "before_validate" and (row.doctype, fieldname) in SANITISED_ELSEWHERE:
				continue
			if isinstance(value, str) and MAY_RUN.search(value) and runs_in_a_page(value):
				frappe.local.meldcode_markup_judged.add(value)


def refuse_markup_past_a_save(query: str, values) -> None:
	"""In the database watch: a statement that stores markup that would run, which no save judged
	(a text sent, or cut, cased or joined, or a header)."""
	if not getattr(frappe.local, "meldcode_markup_watched", False) or not (written := WRITES_TO.match(query)):
		return
	table = (written.group("quoted") or written.group("bare")).lower()
	if table in CASE_DOCTYPES:
		return  # the case records keep text as typed and show it as text (typed_text.js)
	judged = frappe.local.meldcode_markup_judged
	if runs_in_a_page(query) or any(
		value not in judged and MAY_RUN.search(value) and runs_in_a_page(value)
		for value in texts_of(shown_values(table, query, values))
	):
		frappe.throw(
			_("Markup sent with the request would be stored past the checks of a save; it was not stored."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def shown_values(table: str, query: str, values):
	"""The values of a statement but those Frappe shows as text or not at all."""
	kept = KEPT_AS_TEXT.get(table, frozenset()) | KEPT_IN_EVERY_TABLE
	if not isinstance(values, list | tuple):
		return values
	if inserted := INSERT_COLUMNS.match(query):
		names = [name.strip().strip("`") for name in inserted.group(1).split(",")]
		if len(names) != len(values):
			return values
	elif updated := UPDATE_COLUMNS.match(query):
		sets = [SET_COLUMN.match(part.strip()) for part in updated.group(1).split(",")]
		if not all(sets) or len(sets) > len(values):
			return values
		names = [match.group(1) for match in sets] + [None] * (len(values) - len(sets))
	else:
		return values
	return [value for name, value in zip(names, values, strict=True) if name not in kept]


def texts_of(values) -> list[str]:
	"""A statement's text values, also those of each row of a statement for many rows."""
	if isinstance(values, dict):
		values = list(values.values())
	elif not isinstance(values, list | tuple):
		values = [values]
	texts = []
	for value in values:
		if isinstance(value, str):
			texts.append(value)
		elif isinstance(value, list | tuple | dict):
			texts.extend(texts_of(value))
	return texts
