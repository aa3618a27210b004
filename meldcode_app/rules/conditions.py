"""The desk's field conditions (``eval:doc.x=='y'||doc.z``) as Python, so that the server
enforces the same conditional mandatory fields the form shows."""

import re

JS_TO_PY = ((re.compile(r"\|\|"), " or "), (re.compile(r"&&"), " and "), (re.compile(r"!(?!=)"), " not "))


def to_python(condition: str) -> str:
	"""``eval:doc.a=='x'||!doc.b`` -> ``doc.a=='x' or  not doc.b``; only the forms the app uses."""
	expression = condition.removeprefix("eval:")
	for pattern, replacement in JS_TO_PY:
		expression = pattern.sub(replacement, expression)
	return expression.strip()
