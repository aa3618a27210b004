"""Privacy rules for what leaves the dossier (DOMAIN 7.2, 7.4)."""

import re
from datetime import date

from meldcode_app.rules.request_names import folded

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


MONTHS = (
	"januari februari maart april mei juni juli augustus september oktober november december",
	"january february march april may june july august september october november december",
)
MONTH_NUMBERS = {name: n for names in MONTHS for n, name in enumerate(names.split(), 1)}
DAY_FIRST = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
YEAR_FIRST = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
IN_WORDS = re.compile(r"\b(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})\b")
DOTTED_INITIALS = re.compile(r"(?<!\w)((?:[^\W\d_]\.\s?){2,})")
SPACED_INITIALS = re.compile(r"(?<!\w)((?:[^\W\d_]\s){1,}[^\W\d_])(?!\w)")


def identifies_a_pupil(
	text: str | None, name: str | None, pupil_class: str | None = None, date_of_birth: date | None = None
) -> bool:
	"""Whether ``text`` names the pupil (a part of the name, "Brammetje" too, or the whole name,
	"Bo Li" too, in any case or accents, hyphenated or with invisible characters), or writes their
	initials ("G.B.V.", "GBV"), class ("groep 6b") or date of birth (12-03-2017, 2017-03-12,
	12 maart 2017)."""
	if not text:
		return False
	plain = folded(text)
	return (
		names_in_plain_text(plain, folded(name or ""))
		or writes_initials(plain, name)
		or writes_class(plain, pupil_class)
		or date_of_birth in dates_in(plain)
	)


def names_in_plain_text(text: str, name: str) -> bool:
	words = [w for w in re.split(r"[^\w]+|_", text) if w]
	parts = [p for p in re.split(r"[^\w]+|_", name) if p]
	if not parts:
		return False
	if f" {' '.join(parts)} " in f" {' '.join(words)} ":
		return True
	# a first or last name (tussenvoegsels aside), and the start of a word for a longer one
	kept = [p for p in parts if len(p) > 2 and p not in TUSSENVOEGSELS]
	return any(w == p or (len(p) > 3 and w.startswith(p)) for p in kept for w in words)


TUSSENVOEGSELS = frozenset("van de der den het ten ter te la le du da di del von vom zu op in 't".split())
# The app's record names ("MD-2026-K7P3Q") and Education's pupils ("EDU-STU-2026-00001").
RECORD_NAME = re.compile(r"\b(?:[a-z]{1,3}-\d{4}-[0-9a-z]{5}|edu-stu-\d{4}-\d+)\b")


def names_a_record(text: str | None) -> bool:
	"""Whether ``text`` writes a name of one of the app's records or of a Student."""
	return bool(text) and bool(RECORD_NAME.search(folded(text)))


def writes_initials(text: str, name: str | None) -> bool:
	parts = WORD.findall(name or "")
	if len(parts) < 2:
		return False
	initials = {
		"".join(p[0] for p in parts).casefold(),
		"".join(p[0] for p in parts if not p.islower()).casefold(),
	}
	dotted = {re.sub(r"[.\s]", "", run) for run in DOTTED_INITIALS.findall(text)}
	spaced = {re.sub(r"\s", "", run) for run in SPACED_INITIALS.findall(text)}
	words = set(re.split(r"[^\w]+", text))
	return bool(initials & (dotted | spaced | words))


def writes_class(text: str, pupil_class: str | None) -> bool:
	"""A class with a letter anywhere ("6b"); a number only after "groep" or "klas"."""
	named = re.sub(r"(?i)\b(?:groep|klas|group|class)\b|\s", "", pupil_class or "")
	if not named:
		return False
	spelled = r"\s*".join(map(re.escape, named))
	before = r"\b(?:groep|klas|group|class)\s*" if named.isdigit() else r"(?<!\w)"
	return bool(re.search(rf"(?i){before}{spelled}(?!\w)", text))


def dates_in(text: str) -> set[date]:
	found = set()
	for day, month, year in DAY_FIRST.findall(text):
		found.add((year, month, day))
	for year, month, day in YEAR_FIRST.findall(text):
		found.add((year, month, day))
	for day, month, year in IN_WORDS.findall(text):
		if (number := MONTH_NUMBERS.get(month.casefold())) is not None:
			found.add((year, number, day))
	dates = set()
	for year, month, day in found:
		try:
			dates.add(date(int(year), int(month), int(day)))
		except ValueError:
			continue
	return dates
