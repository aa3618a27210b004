"""What a text for the board may not hold of a pupil: name, initials, class, date of birth."""

from datetime import date

import pytest

from meldcode_app.rules.privacy import identifies_a_pupil, names_a_record

PUPIL = {"name": "Geheimkind Bram Verborgen", "pupil_class": "groep 6b", "date_of_birth": date(2017, 3, 12)}


@pytest.mark.parametrize(
	"text",
	[
		"Bram vertelde over thuis.",
		"Leerling G.B.V. vertelde over thuis.",
		"Leerling G. B. V. vertelde over thuis.",
		"Leerling GBV vertelde over thuis.",
		"Een leerling uit groep 6b.",
		"Een leerling uit 6B.",
		"Geboren op 12-03-2017.",
		"Geboren op 12/3/2017.",
		"Geboren op 2017-03-12.",
		"Geboren op 12 maart 2017.",
		# round 199: hyphens, file names, diminutives, accents, invisible characters, spacing
		"Signaal over Bram-Verborgen.",
		"geheimkind-bram-verborgen.pdf in de map",
		"Overleg met Brammetje.",
		"Brám Verbórgen",
		"Geheimk\u200bind Br\u200bam",
		"Leerling G B V vertelde.",
	],
)
def test_a_pupil_is_identified_by_name_initials_class_or_birth_date(text):
	assert identifies_a_pupil(text, **PUPIL)


@pytest.mark.parametrize(
	"text",
	[
		"Een leerling vertelde over thuis; melding gedaan op 13-03-2017.",
		"Een leerling uit groep 5.",
		"Het gesprek met de G.G.D. vond plaats.",
		"Twee leerlingen, zes gesprekken.",
		"",
	],
)
def test_a_text_without_them_passes(text):
	assert not identifies_a_pupil(text, **PUPIL)


def test_a_class_by_number_only_counts_after_groep_or_klas():
	assert identifies_a_pupil("Een leerling uit groep 6 en klas 7.", "Sam de Vries", "6")
	assert not identifies_a_pupil("Het kind is 6 jaar.", "Sam de Vries", "6")
	assert identifies_a_pupil("Een leerling uit groep6.", "Sam de Vries", "6")


def test_initials_with_or_without_the_tussenvoegsel():
	assert identifies_a_pupil("Leerling S.d.V. vertelde.", "Sam de Vries")
	assert identifies_a_pupil("Leerling S.V. vertelde.", "Sam de Vries")
	assert not identifies_a_pupil("Leerling S. vertelde.", "Sam de Vries")


def test_a_short_name_counts_as_a_whole():
	"""Round 199: "Bo Li" has no part longer than two letters."""
	assert identifies_a_pupil("Bo Li had striemen op de rug.", "Bo Li")
	assert not identifies_a_pupil("Een turbo lijn.", "Bo Li")


def test_a_record_or_student_name_is_found():
	assert names_a_record("Dossier MD-2026-8JP65 / leerling EDU-STU-2026-00001")
	assert names_a_record("zie ms-2026-cm2tk")
	assert not names_a_record("Twee gesprekken in 2026, groep 6-8.")


@pytest.mark.parametrize(
	"text",
	[
		# round 203: look-alike letters, digits for letters, spaced, split, reversed, vowels dropped
		"Вram Vеrborgen (Geheimkіnd) werd geslagen",
		"Βram Verbοrgen",
		"ʙʀᴀᴍ ᴠᴇʀʙᴏʀɢᴇɴ",
		"Br4m V3rb0rg3n",
		"B r a m  V e r b o r g e n",
		"marB negrobreV",
		"Ver-borgen, Geheim-kind, B-r-a-m",
		"Ver.borgen Br.am",
		"Brm Vrbrgn, de geheim kind",
		"G.B. (achternaam V.)",
		# dates and classes written otherwise
		"geboren 2017/03/12",
		"12 mrt 2017",
		"12.03.'17",
		"March 12, 2017",
		"12 maart '17",
		"20170312",
		"uit groep 6-b",
		"groep 6 b",
		"6ᵇ",
	],
)
def test_a_pupil_spelled_around_the_check_is_identified(text):
	assert identifies_a_pupil(text, **PUPIL)


@pytest.mark.parametrize(
	"text",
	["Er is niets gedaan.", "Jeugdzorg Bouw B.V. en de G.G.D.", "Met de brommer.", "In 2017 12 keer."],
)
def test_ordinary_words_do_not_count_as_the_pupil(text):
	assert not identifies_a_pupil(text, "Daan Bram Verborgen", "groep 6b", date(2017, 3, 12))


@pytest.mark.parametrize(
	"text", ["EDU–STU–2026–00001", "EDU STU 2026 00001", "MD‐2026‐T5KAK", "MD_2026_T5KAK", "md2026t5kak"]
)
def test_a_record_name_with_other_separators_is_found(text):
	assert names_a_record(text)


@pytest.mark.parametrize("text", ["In 2026 zorgt de school", "Dat mag wordt gezegd", "VT 2026 maart"])
def test_a_year_before_a_word_is_no_record_name(text):
	assert not names_a_record(text)
