"""The arguments of a whitelisted method, read by their annotations before the method runs.

Over HTTP every argument arrives as text (a list as JSON); from Python it may already have its
type. Anything else is refused with the argument's name, never passed on to fail halfway."""

import json
import re
import types
import typing

from meldcode_app.rules.errors import RuleViolation, _

WHOLE_NUMBER = re.compile(r"^[+-]?\d{1,18}$", re.ASCII)
YES = {"1", "true", "yes", "on"}
NO = {"0", "false", "no", "off", ""}


def shown(value: object) -> str:
	text = repr(value)
	return text if len(text) <= 40 else text[:37] + "..."


def coerce(name: str, annotation: object, value: object) -> object:
	"""``value`` as the type ``annotation`` names; RuleViolation when it is not one."""
	kinds = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
	if value is None and type(None) in kinds:
		return None
	if list[str] in kinds:
		return names(name, value)
	for kind in (int, bool, str, dict):
		if kind in kinds:
			return COERCE[kind](name, value)
	return value


def whole_number(name: str, value: object) -> int:
	if isinstance(value, int) and not isinstance(value, bool):
		return value
	if isinstance(value, str) and WHOLE_NUMBER.match(value.strip()):
		return int(value)
	raise RuleViolation(_("Argument {0} must be a whole number, not {1}."), name, shown(value))


def yes_or_no(name: str, value: object) -> bool:
	if isinstance(value, bool) or value in (0, 1):
		return bool(value)
	if isinstance(value, str) and value.strip().lower() in YES | NO:
		return value.strip().lower() in YES
	raise RuleViolation(_("Argument {0} must be yes or no (1 or 0), not {1}."), name, shown(value))


def text(name: str, value: object) -> str:
	if isinstance(value, str):
		return value
	raise RuleViolation(_("Argument {0} must be text, not {1}."), name, shown(value))


def mapping(name: str, value: object) -> dict:
	if isinstance(value, str):
		value = decoded(name, value)
	if isinstance(value, dict):
		return value
	raise RuleViolation(_("Argument {0} must be a JSON object, not {1}."), name, shown(value))


def names(name: str, value: object) -> list[str]:
	"""A list of record names: a list, or its JSON text ("[\\"SIG-0001\\"]")."""
	if isinstance(value, str):
		value = decoded(name, value)
	if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
		return list(value)
	raise RuleViolation(_("Argument {0} must be a list of names, not {1}."), name, shown(value))


def decoded(name: str, value: str) -> object:
	try:
		return json.loads(value)
	except (ValueError, RecursionError):
		raise RuleViolation(_("Argument {0} is not valid JSON: {1}."), name, shown(value)) from None


COERCE = {int: whole_number, bool: yes_or_no, str: text, dict: mapping}
