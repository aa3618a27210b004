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
