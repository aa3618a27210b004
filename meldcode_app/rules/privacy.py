"""Privacy rules for what leaves the dossier (DOMAIN 7.2, 7.4)."""

import re
from datetime import date

from meldcode_app.rules.record_names import PREFIXES
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
	"jan feb mrt apr mei jun jul aug sep okt nov dec",
	"jan feb mar apr may jun jul aug sept oct nov dec",
)
MONTH_NUMBERS = {name: n for names in MONTHS for n, name in enumerate(names.split(), 1)}
# Between a date's parts: a dash, slash, dot or space (and an apostrophe before a short year).
DATE_STEP = r"\s*[-/.\s]\s*"
YEAR = r"'?(\d{4}|\d{2})"
DAY_FIRST = re.compile(rf"(?<![\d.])(\d{{1,2}}){DATE_STEP}(\d{{1,2}}){DATE_STEP}{YEAR}(?!\d)")
YEAR_FIRST = re.compile(rf"(?<!\d)(\d{{4}}){DATE_STEP}(\d{{1,2}}){DATE_STEP}(\d{{1,2}})(?!\d)")
IN_WORDS = re.compile(r"\b(\d{1,2})(?:e|ste|de)?\s+([^\W\d_]+)\.?,?\s+" + YEAR + r"(?!\d)")
MONTH_FIRST = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + YEAR + r"(?!\d)")
RUN_TOGETHER = re.compile(r"(?<!\d)(\d{8})(?!\d)")
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
	plain = as_read(text)
	return (
		names_in_plain_text(plain, folded(name or ""))
		or writes_initials(plain, name)
		or writes_class(plain, pupil_class)
		or date_of_birth in dates_in(plain)
	)


# Letters that look like Latin ones (Cyrillic, Greek, small capitals): a reader reads the name.
LOOK_ALIKES = str.maketrans(
	"авеёзікмнорстухѕјԁһӏ" + "αβεικνορτυχ" + "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ",
	"abeezikmhopctyxsjdhl" + "abeikvoptux" + "abcdefghijklmnoprstuvwyz",
)
# Digits written for letters inside a word ("Br4m V3rb0rg3n").
DIGITS_AS_LETTERS = str.maketrans("013457", "oieast")
VOWELS = frozenset("aeiouy")


def as_read(text: str) -> str:
	"""``text`` as a reader reads it: folded as the database does, look-alike letters as Latin."""
	return folded(text).translate(LOOK_ALIKES)


def words_read(text: str) -> tuple[set[str], set[str]]:
	"""The words of a folded text, with the words its writer split or spelled around a check: a
	word with dots or hyphens inside ("Ver-bor.gen"), digits for letters ("Br4m"); and the runs of
	letters spaced out ("B r a m V e r b o r g e n" is "bramverborgen")."""
	words = {w for w in re.split(r"[^\w]+|_", text) if w}
	for chunk in text.split():
		joined = re.sub(r"[\W_]+", "", chunk)
		if joined:
			words.add(joined)
			if re.search(r"[^\W\d_]", joined) and re.search(r"\d", joined):
				words.add(joined.translate(DIGITS_AS_LETTERS))
	spaced = {re.sub(r"[\W_]+", "", run) for run in SPACED_OUT.findall(text)}
	return words, spaced


SPACED_OUT = re.compile(r"(?<!\w)(?:\w[\W_]+){2,}\w(?!\w)")


def names_in_plain_text(text: str, name: str) -> bool:
	parts = [p for p in re.split(r"[^\w]+|_", name) if p]
	if not parts:
		return False
	plain_words = [w for w in re.split(r"[^\w]+|_", text) if w]
	if f" {' '.join(parts)} " in f" {' '.join(plain_words)} ":
		return True
	words, spaced = words_read(text)
	# a first or last name (tussenvoegsels aside), the start of a word for a longer one, the name
	# written backwards, its consonants alone ("Brm"), or spelled out letter by letter
	for part in (p for p in parts if len(p) > 2 and p not in TUSSENVOEGSELS):
		if part in words or any(part in run for run in spaced):
			return True
		if len(part) > 3:
			consonants = "".join(c for c in part if c not in VOWELS)
			if part[::-1] in words or any(w.startswith(part) for w in words):
				return True
			if len(consonants) > 2 and consonants in words:
				return True
	return False


TUSSENVOEGSELS = frozenset("van de der den het ten ter te la le du da di del von vom zu op in 't".split())
# The app's record names ("MD-2026-K7P3Q") and Education's pupils ("EDU-STU-2026-00001"), with any
# dash, dot or underscore between the parts, or none; spaces too when no word could follow a year.
_PREFIXES = "|".join(sorted({p.split("-")[0].lower() for p in PREFIXES.values()}, key=len, reverse=True))
_STEP = r"(?:[^\w\s]|_){0,2}"
RECORD_NAME = re.compile(
	rf"\b(?:(?:{_PREFIXES}|[a-z]{{1,3}}(?=-\d{{4}}-)){_STEP}(?:\d{{4}}{_STEP})?[0-9a-z]{{5}}"
	rf"|(?:{_PREFIXES})\s*\d{{4}}\s*(?=[a-z]*\d)[0-9a-z]{{5}}"
	r"|edu[\W_]{0,3}stu[\W_]{0,3}\d{4}[\W_]{0,3}\d+)\b"
)


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
	# the first two or more of them, dotted ("G.B. (achternaam V.)")
	starts = {whole[:k] for whole in initials for k in range(2, len(whole))}
	return bool(initials & (dotted | spaced | words) or starts & dotted)


def writes_class(text: str, pupil_class: str | None) -> bool:
	"""A class with a letter anywhere ("6b"); a number only after "groep" or "klas"."""
	named = re.sub(r"(?i)\b(?:groep|klas|group|class)\b|[\W_]", "", pupil_class or "")
	if not named:
		return False
	spelled = r"[\W_]*".join(map(re.escape, named.casefold()))
	before = r"\b(?:groep|klas|group|class)\s*" if named.isdigit() else r"(?<!\w)"
	return bool(re.search(rf"(?i){before}{spelled}(?!\w)", text))


def dates_in(text: str) -> set[date]:
	"""The dates a text writes: 12-03-2017, 12/3/17, 12.03.'17, 2017/03/12, 12 maart 2017,
	12 mrt '17, March 12, 2017, 20170312 and 12032017."""
	found = set()
	for day, month, year in DAY_FIRST.findall(text):
		found.add((year, month, day))
	for year, month, day in YEAR_FIRST.findall(text):
		found.add((year, month, day))
	for day, month, year in IN_WORDS.findall(text):
		if (number := MONTH_NUMBERS.get(month.casefold())) is not None:
			found.add((year, number, day))
	for month, day, year in MONTH_FIRST.findall(text):
		if (number := MONTH_NUMBERS.get(month.casefold())) is not None:
			found.add((year, number, day))
	for digits in RUN_TOGETHER.findall(text):
		found.update(((digits[:4], digits[4:6], digits[6:]), (digits[4:], digits[2:4], digits[:2])))
	dates = set()
	for year, month, day in found:
		years = (int(year),) if len(year) == 4 else (2000 + int(year), 1900 + int(year))
		for full_year in years:
			try:
				dates.add(date(full_year, int(month), int(day)))
			except ValueError:
				continue
	return dates
