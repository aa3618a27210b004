"""The letters to parents name no child (seed 003, the three "Ouderbrief" letters)."""

import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.letters import LETTERS, check_letter, check_letter_names_no_pupil

PUPILS = ["Sam de Vries", "Noor van Dijk"]


def test_a_letter_without_names_passes():
	check_letter_names_no_pupil({"Situatie": "twee leerlingen", "Groep": "5b"}, PUPILS)


@pytest.mark.parametrize("text", ["Sam en een klasgenoot", "de familie Vries", "NOOR"])
def test_a_pupils_name_or_part_of_it_is_refused(text):
	with pytest.raises(RuleViolation) as refused:
		check_letter_names_no_pupil({"Situatie": text}, PUPILS)
	assert "Situatie" in str(refused.value)


def test_only_the_three_letters_of_the_seed():
	assert len(LETTERS) == 3
	for letter in LETTERS:
		check_letter(letter)
	with pytest.raises(RuleViolation):
		check_letter("Gespreksverslag")
