"""Which DocTypes a request names, where Frappe takes a DocType: a whole argument or JSON value (or
dictionary key) that is a DocType's name (`doctype`, `parent`, `reference_doctype`, a filter's
first element, a chart's `document_type`, ...), or a table such as ``tabMeldcode Reported Fact``
anywhere. Words a person wrote ("a minor safety incident during gym class") name nothing.

Names are compared as the site's database compares them (utf8mb4_unicode_ci): without regard to
case, accents, ignorable characters or trailing spaces, so "Meldcode Dossíer" is "Meldcode Dossier"."""

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from meldcode_app.rules.registry import SECRET_FIELDS

MAX_DEPTH = 8
TOO_DEEP = "\x00too deep"  # the key of what lies deeper than MAX_DEPTH, where a name counts as a phrase
# Arguments that carry words a person typed or searches for, never a DocType.
FREE_TEXT_KEYS = frozenset(("txt", "text", "search_text", "description", "content", "subject", "comment"))


def folded(text: str) -> str:
	"""``text`` as the database's collation sees it: case, accents and ignorable characters
	(zero-width, soft hyphen, control characters) dropped, runs of whitespace as one space."""
	text = text.translate(COMBINING_LETTERS)
	decomposed = unicodedata.normalize("NFKD", "".join(c for c in text if kept_by_folding(c)))
	kept = "".join(c for c in decomposed if kept_by_folding(c))
	return " ".join(kept.casefold().split())


# Control characters Python splits words on but SQL does not: the collation ignores them, so
# "Meldcode Dossie\x1cr" is the dossier there (round 66), and they are dropped, not spaces.
NOT_SPACES = frozenset("\x1c\x1d\x1e\x1f\x85")


def kept_by_folding(c: str) -> bool:
	return not ignorable(c) or (c.isspace() and c not in NOT_SPACES)


# The longest name Frappe gives a record (its name column).
NAME_LENGTH = 140
# More letters and digits than a name holds, whatever else the text holds.
TOO_MANY_LETTERS = re.compile(rf"(?:[^0-9A-Za-z]*[0-9A-Za-z]){{{NAME_LENGTH + 1}}}")


def may_be_a_name(text: str) -> bool:
	"""Whether the database may compare ``text`` equal to a record's name: also a longer text that
	is a name padded with spaces at its end (which the collation ignores) or with characters it
	gives no weight (round 64: a case mail's name and 150 spaces moved the mail)."""
	if not text:
		return False
	if len(text) <= NAME_LENGTH:
		return True
	return not TOO_MANY_LETTERS.match(text) and 0 < len(folded(text)) <= NAME_LENGTH


# Marks, format and control characters, and the Arabic presentation forms' marks (U+FE70-FE7F):
# the collation gives them no weight, so "Meldcode Dos\u20ddsier" is "Meldcode Dossier" there.
IGNORABLE_CATEGORIES = ("Mn", "Mc", "Me", "Cf", "Cc")


# And what else MariaDB 10.11's utf8mb4_unicode_ci gives no weight, asked of it over all of Unicode
# (round 34): an Arabic sign and ligatures of marks ("Meldcode Dos\u06desier" is the dossier there).
IGNORED_BY_THE_COLLATION = frozenset(
	("\u06de", *map(chr, range(0xFC5E, 0xFC64)), *map(chr, range(0xFCF2, 0xFCF5)))
)


# The combining Latin small letters, which the collation reads as the letters they show ("Meldc\u0366de
# Dossier" is the dossier there, round 35; U+036F, x, round 38).
COMBINING_LETTERS = {0x363 + i: letter for i, letter in enumerate("aeioucdhmrtvx")}


def ignorable(character: str) -> bool:
	return (
		unicodedata.category(character) in IGNORABLE_CATEGORIES
		or "\ufe70" <= character <= "\ufe7f"
		or character in IGNORED_BY_THE_COLLATION
	)


def name_pattern(doctypes: Iterable[str]) -> re.Pattern:
	"""A DocType's name as a phrase anywhere in (folded) text, optionally as its table ``tabX``."""
	names = sorted(doctypes, key=len, reverse=True)
	alternatives = "|".join(r"\s+".join(map(re.escape, folded(name).split())) for name in names)
	return re.compile(rf"(?<![a-z0-9_])(?:tab)?({alternatives})(?![a-z0-9_])")


def table_pattern(doctypes: Iterable[str]) -> re.Pattern:
	"""A DocType's table ``tabX`` anywhere in (folded) text, as SQL names it."""
	names = sorted(doctypes, key=len, reverse=True)
	alternatives = "|".join(r"\s+".join(map(re.escape, folded(name).split())) for name in names)
	return re.compile(rf"(?<![a-z0-9_])tab({alternatives})(?![a-z0-9_])")


def read_as_json(value):
	"""``value`` as Frappe's ``json.loads`` reads it when it is the JSON text of a list or dictionary,
	whitespace before it too (" {…}" is a dictionary to Frappe, round 206); else ``value``."""
	if isinstance(value, str) and value.strip()[:1] in ("{", "["):
		try:
			return json.loads(value, strict=False)
		except ValueError:
			return value
	return value


def strings_in(
	value, key: str | None = None, depth: int = 0, pasted: bool = False
) -> Iterable[tuple[str | None, str]]:
	"""Every string in a request argument with the key it is found under, also inside JSON text
	and as dictionary keys (``None`` as the key of a dictionary key). ``pasted``: also each list
	and dictionary as Python pastes it into a text (``"'%s'" % ["a", "b"]`` is ``'['a', 'b']'``:
	the quotes are the code's, the items stand between them)."""
	if depth > MAX_DEPTH:
		yield TOO_DEEP, json.dumps(value, default=str)  # deeper than any Frappe argument: read as text
		return
	if isinstance(value, str):
		yield key, value
		text = value.strip()
		if text[:1] in '[{"':
			try:
				parsed = json.loads(text, strict=False)
			except ValueError:
				return
			yield from strings_in(parsed, key, depth + 1, pasted)
		return
	if pasted and isinstance(value, dict | list | tuple | set):
		yield key, str(value)
	if isinstance(value, dict):
		for item_key, item in value.items():
			yield from strings_in(item_key, None, depth + 1, pasted)
			yield from strings_in(item, item_key if isinstance(item_key, str) else key, depth + 1, pasted)
	elif isinstance(value, list | tuple | set):
		for item in value:
			yield from strings_in(item, key, depth + 1, pasted)


@lru_cache(maxsize=8)
def _matchers(doctypes: frozenset[str]) -> tuple[dict[str, str], re.Pattern, re.Pattern]:
	canonical = {folded(name): name for name in doctypes}
	return canonical, table_pattern(doctypes), name_pattern(doctypes)


def doctypes_named(arguments: dict, doctypes: frozenset[str]) -> set[str]:
	"""The DocTypes of ``doctypes`` that ``arguments`` name, in their canonical spelling."""
	canonical, tables, phrases = _matchers(doctypes)
	found = set()
	for key, text in strings_in(arguments):
		plain = folded(text)
		if plain in canonical and (key is None or key.lower() not in FREE_TEXT_KEYS):
			found.add(canonical[plain])
		for match in (phrases if key == TOO_DEEP else tables).finditer(plain):
			found.add(canonical[" ".join(match.group(1).split())])
	return found


# A key field named anywhere in a text, as a word: "api_key as k", "`tabUser`.api_key desc" or a
# fetch from "allocated_to.api_key" read or sorted keys past an exact name (rounds 47, 48).
SECRET_FIELD = re.compile(rf"(?<![a-z0-9_])(?:{'|'.join(sorted(SECRET_FIELDS))})(?![a-z0-9_])")


def names_a_secret_field(text: str) -> bool:
	"""Whether a query's text, a stored report's or a fetch's source names a field that holds a
	key to an account (compared as the database compares names)."""
	return bool(SECRET_FIELD.search(folded(text)))
