"""Privacy rules for what leaves the dossier (DOMAIN 7.2, 7.4)."""

import re

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def initials(text: str | None) -> str:
	"""Reduce names to initials: "Karel de Boer, buurvrouw" -> "K.d.B., b."; for copies that
	leave the school, where third parties and other children appear by initials only."""
	if not text:
		return ""
	return WORD.sub(lambda m: m.group(0)[0] + ".", text)


def names_a_pupil(text: str | None, pupil_name: str | None) -> bool:
	"""Whether ``text`` contains the pupil's name or a part of it (tussenvoegsels aside)."""
	if not text or not pupil_name:
		return False
	parts = [p for p in WORD.findall(pupil_name) if len(p) > 2 and not p.islower()]
	words = {w.casefold() for w in WORD.findall(text)}
	return any(part.casefold() in words for part in parts)
