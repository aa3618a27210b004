"""Rules for schools and their staff that need no database."""

import re
from collections.abc import Iterable

from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.roles import FUNCTION_ROLES

BRIN_PATTERN = re.compile(r"^[0-9]{2}[A-Z]{2}$")


def normalise_brin(code: str | None) -> str:
	"""A BRIN code is two digits and two letters, e.g. 12AB; spaces and case are forgiven."""
	cleaned = (code or "").replace(" ", "").upper()
	if not cleaned:
		raise RuleViolation(_("A school needs its BRIN code."))
	if not BRIN_PATTERN.match(cleaned):
		raise RuleViolation(
			_("{0} is not a BRIN code: a BRIN code is two digits and two letters, for example 12AB."), code
		)
	return cleaned


def check_staff(rows: Iterable[tuple[str, str]]) -> None:
	"""``rows`` are (user, function); each person is listed once per function."""
	seen = set()
	for user, function in rows:
		if function not in FUNCTION_ROLES:
			raise RuleViolation(_("{0} is not a function at a school."), function)
		if (user, function) in seen:
			raise RuleViolation(_("{0} is listed twice as {1}."), user, function)
		seen.add((user, function))
