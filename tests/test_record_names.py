"""The app's records are named with random characters, never by a running number."""

import re

from meldcode_app.rules.record_names import ALPHABET, LENGTH, PREFIXES, record_name
from tests.test_registry import shipped_doctypes


def test_a_name_is_its_prefix_the_year_and_drawn_characters():
	assert record_name("Meldcode Dossier", 2026, choose=lambda letters: letters[-1]) == "MD-2026-ZZZZZ"
	assert record_name("Meldcode Access Grant", 2026, choose=lambda letters: letters[0]) == "MAG-22222"


def test_names_are_drawn_not_counted_and_read_out_without_doubt():
	names = [record_name("Meldcode Signal", 2027) for _ in range(300)]
	assert len(set(names)) > 290, "a running number or a constant"
	shape = re.compile(rf"MS-2027-[{ALPHABET}]{{{LENGTH}}}")
	assert all(shape.fullmatch(name) for name in names)
	assert not set("01ILO") & set("".join(name[-LENGTH:] for name in names))


def test_every_record_the_app_names_itself_has_a_prefix():
	"""A DocType named by script gets its name from the table (the school is named by its BRIN)."""
	by_script = {
		name for name, doc in shipped_doctypes().items() if doc.get("naming_rule") == "By script"
	} - {"Meldcode School"}
	assert by_script == set(PREFIXES)
	assert not [name for name, doc in shipped_doctypes().items() if "#" in (doc.get("autoname") or "")]
	prefixes = [prefix.split("{")[0] for prefix in PREFIXES.values()]
	assert len(set(prefixes)) == len(prefixes)
