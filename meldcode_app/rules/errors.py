"""A rule violation carries an English message template and its arguments.

The message is marked with ``_`` so Frappe's translation extraction finds it; the Frappe
layer translates the template and formats it where it is shown (see ``meldcode_app.utils``).
"""


def _(message: str) -> str:
	"""Marks a message for translation; Frappe translates it where it is shown."""
	return message


class RuleViolation(ValueError):
	def __init__(self, message: str, *args: object):
		super().__init__(message.format(*args))
		self.message = message
		self.args_ = args
