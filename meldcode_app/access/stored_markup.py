"""Markup a request sends is stored only through a save the app judges.

The app judges and cleans every value a save writes ("*" hooks in code_in_pages.py). Frappe and
other apps also write past a save: a whitelisted function's ``db.set_value`` (ERPNext sets an
Issue's status, open to any account), a controller method that ``db_update()``s the record it was
posted (a BOM's cost update, with read permission), ``db_insert()`` of a log a user fills in (the
Access Log), ``db_set`` of a custom field's new name (round 76). The desk shows many of those
values as markup, where a script in them ran with the case team's session. So while a request (or
a job) sent a text that would run as markup in a page, a statement that would store it, or any
other such markup (the sent text cut, cased or joined), is refused unless a save the app judged
let that value through as it is (a field Frappe does not clean, such as a script's code). Decided
at the database, for every door, as sandboxed_code.py does for reads."""

import html
import re

import frappe
from frappe import _

from meldcode_app.access.code_in_pages import (
	HANDLER_AFTER_QUOTE,
	MARKUP,
	SCRIPT_IN_TEXT,
	UNSEEN,
	as_the_desk_shows,
	cleaned,
)
from meldcode_app.access.grants import bench_administrator_acts
from meldcode_app.rules.registry import PROTECTED_DOCTYPES
from meldcode_app.rules.request_names import strings_in

# A character without which no text runs as markup, an attribute or a script link.
MAY_RUN = re.compile(r"[<&\"'`:]")
WRITES_TO = re.compile(
	r"^[\s(]*(?:insert(?:\s+ignore)?\s+into|replace\s+into|update(?:\s+ignore)?)\s+"
	r"(?:`tab(?P<quoted>[^`]+)`|tab(?P<bare>\w+))",
	re.IGNORECASE,
)
CASE_DOCTYPES = frozenset(name.lower() for name in PROTECTED_DOCTYPES)


def note_what_was_sent(arguments: dict | None) -> None:
	"""Hook helper (with the database watch): the texts this request or job sent that would run as
	markup. The bench's Administrator's are theirs."""
	if frappe.session.user == "Administrator" or not arguments:
		sent = frozenset()
	else:
		sent = frozenset(
			text for _key, text in strings_in(arguments) if MAY_RUN.search(text) and runs_as_markup(text)
		)
	frappe.local.meldcode_markup_sent = sent
	frappe.local.meldcode_markup_judged = set()


def runs_as_markup(text: str) -> bool:
	"""Markup the cleaning would change, markup written as text that the desk decodes, an event
	handler after a quote, or a link that runs a script."""
	shown = as_the_desk_shows(text)
	return (
		cleaned(text) != text
		or any(MARKUP.search(layer) for layer in shown)
		or any(HANDLER_AFTER_QUOTE.search(layer) for layer in (text, *shown))
		or any(SCRIPT_IN_TEXT.search(UNSEEN.sub("", html.unescape(layer))) for layer in (text, *shown))
	)


def note_judged(doc, method=None):
	"""Hook (before_validate of every DocType, after the app's checks and cleaning): what this
	save stores as it is was judged."""
	if not getattr(frappe.local, "meldcode_markup_sent", None) or bench_administrator_acts():
		return
	for row in (doc, *doc.get_all_children()):
		for value in row.as_dict(no_child_table_fields=True).values():
			if isinstance(value, str) and MAY_RUN.search(value) and runs_as_markup(value):
				frappe.local.meldcode_markup_judged.add(value)


def refuse_markup_past_a_save(query: str, values) -> None:
	"""In the database watch, while the request or job sent markup: a statement that would store
	markup no save judged, the sent text or any other (cut, cased or joined, it runs as well)."""
	sent = getattr(frappe.local, "meldcode_markup_sent", None)
	if not sent or not (written := WRITES_TO.match(query)):
		return
	if (written.group("quoted") or written.group("bare")).lower() in CASE_DOCTYPES:
		return  # the case records keep text as typed and show it as text (typed_text.js)
	judged = frappe.local.meldcode_markup_judged
	pasted = query.lower()
	if any(text.lower() in pasted for text in sent) or any(
		value not in judged and MAY_RUN.search(value) and runs_as_markup(value) for value in texts_of(values)
	):
		frappe.throw(
			_("Markup sent with the request would be stored past the checks of a save; it was not stored."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


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
