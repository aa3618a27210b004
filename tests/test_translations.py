"""Every string the app shows has a Dutch translation (Frappe v15 reads translations/nl.csv)."""

import csv
import re
from pathlib import Path

from translatable_strings import collect

APP_ROOT = Path(__file__).parent.parent / "meldcode_app"
NL_CSV = APP_ROOT / "translations" / "nl.csv"


def read_translations() -> list[list[str]]:
	with NL_CSV.open(newline="", encoding="utf-8") as f:
		return [row for row in csv.reader(f) if row]


def test_every_user_facing_string_has_a_dutch_translation():
	translated = {row[0] for row in read_translations()}
	strings = collect(APP_ROOT)
	assert len(strings) > 50, "the extraction found too little to be a real check"
	missing = sorted(strings - translated)
	assert missing == [], f"{len(missing)} strings have no Dutch translation"


def test_translations_are_complete_rows_without_duplicates():
	rows = read_translations()
	sources = [row[0] for row in rows]
	assert len(sources) == len(set(sources)), "a source string is translated twice"
	assert all(len(row) >= 2 and row[1].strip() for row in rows), "a row has no Dutch text"


def test_placeholders_survive_translation():
	for source, target, *_ in read_translations():
		for n in range(5):
			assert (f"{{{n}}}" in source) == (f"{{{n}}}" in target), source


def test_the_extraction_finds_strings_of_each_kind(tmp_path):
	assert "School Name" in collect(APP_ROOT)  # DocType label
	assert "A school with BRIN code {0} already exists." in collect(APP_ROOT)  # Python
	assert "Create each school with its staff" in collect(APP_ROOT)  # onboarding step
	assert "Question {0} is answered while question {1} is still open." in collect(APP_ROOT)  # rules


def test_no_source_string_is_taken_for_markup():
	"""Frappe's _() strips what looks like a tag (``<[^>]+>``) before it looks a string up: a source
	such as "holds < > or quotes" was never translated."""
	taken_for_markup = re.compile(r"<[^>]+>")
	assert [row[0] for row in read_translations() if taken_for_markup.search(row[0])] == []
