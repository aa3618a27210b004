"""Privacy rules for what leaves the dossier (DOMAIN 7.2, 7.4)."""

import re

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def initials(text: str | None) -> str:
	"""Reduce names to initials: "Karel de Boer, buurvrouw" -> "K.d.B., b."; for copies that
	leave the school, where third parties and other children appear by initials only."""
	if not text:
		return ""
	return WORD.sub(lambda m: m.group(0)[0] + ".", text)
