"""Which DocTypes a request names, wherever it names them: a plain argument (`doctype`, `parent`,
`reference_doctype`, ...), a key or value inside JSON (`chart`, `doc`, `filters`, `fields`), or a
column such as ``tabMeldcode Reported Fact`.`fact``. Names are matched case-insensitively because
MariaDB matches table names that way."""

import json
import re
from collections.abc import Iterable

MAX_DEPTH = 8


def name_pattern(doctypes: Iterable[str]) -> re.Pattern:
	names = sorted(doctypes, key=len, reverse=True)
	alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
	return re.compile(rf"(?<![A-Za-z0-9_])(?:tab)?({alternatives})(?![A-Za-z0-9_])", re.IGNORECASE)


def strings_in(value, depth: int = 0) -> Iterable[str]:
	"""Every string in a request argument, also inside JSON text and in dictionary keys."""
	if depth > MAX_DEPTH:
		yield json.dumps(value, default=str)  # deeper than any Frappe argument: read as text
		return
	if isinstance(value, str):
		yield value
		text = value.strip()
		if text[:1] in "[{":
			try:
				parsed = json.loads(text)
			except ValueError:
				return
			yield from strings_in(parsed, depth + 1)
	elif isinstance(value, dict):
		for key, item in value.items():
			yield from strings_in(key, depth + 1)
			yield from strings_in(item, depth + 1)
	elif isinstance(value, list | tuple | set):
		for item in value:
			yield from strings_in(item, depth + 1)


def doctypes_named(arguments, pattern: re.Pattern, canonical: dict[str, str]) -> set[str]:
	"""The DocTypes of ``pattern`` that ``arguments`` name, in their canonical spelling
	(``canonical`` maps the lower-case, single-spaced name to the DocType's name)."""
	found = set()
	for text in strings_in(arguments):
		for match in pattern.finditer(text):
			found.add(canonical[" ".join(match.group(1).lower().split())])
	return found
