"""What a typed value must be before the database sees it: a real date or time, and no more text
than its column holds (MariaDB, utf8mb4). Frappe v15 checks the length of Data and Int fields,
but not Text columns nor Time values: those reach MariaDB and fail there (errors 1406, 1292)."""

import json
import re
from datetime import date, datetime, time, timedelta

from meldcode_app.rules.errors import RuleViolation, _

# Column capacity per Frappe fieldtype. Text columns count bytes; varchar columns characters.
TEXT_BYTES = {
	"Small Text": 65_535,
	"Text": 65_535,
	# A longtext column holds 4 GB, but a record (and its Version, which keeps old and new text)
	# must fit in one MariaDB packet, 16 MB by default: 2 MB per field is the app's limit.
	"Long Text": 2_000_000,
	"Text Editor": 2_000_000,
	"Code": 2_000_000,
}
VARCHAR_FIELDTYPES = {"Data", "Link", "Dynamic Link", "Select", "Read Only", "Phone", "Autocomplete"}
VARCHAR_LENGTH = 140
INT_MAX = 2_147_483_647
DATE_FIELDTYPES = {"Date", "Datetime", "Time"}

_DATE = r"(\d{4})-(\d{2})-(\d{2})"
_TIME = r"(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6}))?)?"  # as the desk sends it: "7:42:9.554855"
# A Date accepts a time part as MariaDB does (it keeps the date); a Datetime needs none.
MOMENT_PATTERN = re.compile(rf"^{_DATE}(?:[ T]{_TIME})?$", re.ASCII)
TIME_PATTERN = re.compile(rf"^{_TIME}$", re.ASCII)
# MariaDB's DATE and DATETIME range.
FIRST_YEAR, LAST_YEAR = 1000, 9999


def normalised(fieldtype: str, value: object) -> object:
	"""A number typed into a text field is the text of that number, as MariaDB would store it."""
	if fieldtype in TEXT_BYTES or fieldtype in VARCHAR_FIELDTYPES:
		if isinstance(value, bool):
			return str(int(value))
		if isinstance(value, int | float):
			return str(value)
	return value


def check_value(fieldtype: str, label: str, value: object, length: int = 0) -> None:
	"""Refuse ``value`` for a field of ``fieldtype`` when its column cannot hold it."""
	if value is None or value == "":
		return
	if fieldtype == "JSON":
		check_json(label, value)
		return
	if isinstance(value, dict | list | tuple | set | bytes):
		raise RuleViolation(_("{0} must be a single value, not a list or a structure."), label)
	if fieldtype in DATE_FIELDTYPES:
		check_moment(fieldtype, label, value)
	elif fieldtype in TEXT_BYTES:
		check_text(label, str(value), TEXT_BYTES[fieldtype])
	elif fieldtype in VARCHAR_FIELDTYPES:
		check_characters(label, str(value), length or VARCHAR_LENGTH)
	elif fieldtype == "Int" and isinstance(value, int) and abs(value) > INT_MAX:
		raise RuleViolation(_("{0} is too large: at most {1}."), label, INT_MAX)


def check_json(label: str, value: object) -> None:
	if isinstance(value, dict):
		return
	try:
		json.loads(value)
	except (TypeError, ValueError, RecursionError):
		raise RuleViolation(_("{0} is not valid JSON."), label) from None


def encoded_size(label: str, text: str) -> int:
	try:
		return len(text.encode("utf-8"))
	except UnicodeEncodeError:
		raise RuleViolation(_("{0} contains a character that cannot be stored."), label) from None


def check_text(label: str, text: str, max_bytes: int) -> None:
	size = encoded_size(label, text)
	if size > max_bytes:
		raise RuleViolation(
			_(
				"{0} is too long: it holds at most {1} bytes (as many plain letters, fewer with accents or emoji) and this text has {2} characters ({3} bytes). Shorten it or split it over an addendum."
			),
			label,
			max_bytes,
			len(text),
			size,
		)


def check_characters(label: str, text: str, max_characters: int) -> None:
	encoded_size(label, text)
	if len(text) > max_characters:
		raise RuleViolation(
			_("{0} is too long: at most {1} characters, this has {2}."),
			label,
			max_characters,
			len(text),
		)


def check_moment(fieldtype: str, label: str, value: object) -> None:
	if fieldtype == "Time":
		if isinstance(value, time):
			return
		if isinstance(value, timedelta):
			if timedelta(0) <= value < timedelta(days=1):
				return
			raise RuleViolation(_("{0} is not a time of day (00:00 to 23:59)."), label)
		parse_time(label, str(value))
		return
	if isinstance(value, datetime | date):
		if not FIRST_YEAR <= value.year <= LAST_YEAR:
			raise RuleViolation(_("{0} is not a valid date."), label)
		return
	text = str(value).strip()
	match = MOMENT_PATTERN.match(text)
	invalid = RuleViolation(
		_("{0} is not a valid date ({1}); write it as {2}."), label, text[:40], _("YYYY-MM-DD")
	)
	if not match:
		raise invalid
	year, month, day = (int(g) for g in match.groups()[:3])
	try:
		date(year, month, day)
	except ValueError:
		raise invalid from None
	if not FIRST_YEAR <= year <= LAST_YEAR:
		raise RuleViolation(_("{0} is not a valid date."), label)
	if match.group(4) is not None:
		parse_time(label, text[11:])


def parse_time(label: str, text: str) -> time:
	"""A time of day as "HH:MM" or "HH:MM:SS[.ffffff]"; "25:99" is refused."""
	match = TIME_PATTERN.match(text.strip())
	hours, minutes, seconds = (int(g or 0) for g in match.groups()[:3]) if match else (99, 99, 99)
	if hours > 23 or minutes > 59 or seconds > 59:
		raise RuleViolation(
			_("{0} is not a valid time ({1}); write it as {2}."), label, text[:40], _("HH:MM")
		)
	return time(hours, minutes, seconds, int((match.group(4) or "0").ljust(6, "0")))
