"""Frappe logs a failure as a traceback "with variables": every frame's local values, up to a
thousand characters each, a case record's text among them (the values a signal was being saved
with), in the Error Log that every System Manager reads. The app keeps where it failed and what
failed, without the values."""

import re

WITH_VARIABLES = "Traceback with variables"
FRAME = re.compile(r'^  File "')
CODE = re.compile(r"^    \S")


def without_values(text: str) -> str:
	"""The traceback ``text`` without its frames' values: the frames, their lines of code and the
	exception itself are kept. Any other text is returned as it is."""
	if not text.startswith(WITH_VARIABLES):
		return text
	kept, code_follows = [], False
	for line in text.splitlines():
		if FRAME.match(line) or (code_follows and CODE.match(line)) or (line and not line[0].isspace()):
			kept.append(line)
		code_follows = bool(FRAME.match(line))
	return "\n".join(kept).replace(WITH_VARIABLES, "Traceback", 1)


# MariaDB's error as the driver words it: "(1105, \"XPATH syntax error: '~…'\")". Its quoted parts
# are values the statement read or was given: an injected statement echoed a case's comment there,
# which Frappe made the Error Log's title (round 141).
DATABASE_ERROR = re.compile(r"\((?P<code>\d{4}), (?P<quote>[\"'])(?P<message>.*)(?P=quote)\)")
QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'?")


def without_database_values(text: str) -> str:
	"""``text`` with the quoted values of every database error in it left out ("'…'")."""

	def masked(match: re.Match) -> str:
		message = QUOTED.sub("'…'", match["message"])
		return f"({match['code']}, {match['quote']}{message}{match['quote']})"

	return DATABASE_ERROR.sub(masked, text)
