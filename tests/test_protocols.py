"""Seed 003's protocols as checklists: each shipped template's steps word for word from the seed."""

import re
from datetime import date

import pytest
from conftest import SHARED

from meldcode_app.rules import protocols
from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.protocols import (
	AANDACHTSFUNCTIONARIS,
	ACTORS,
	DIRECTOR,
	INCIDENT,
	KINDS,
	PROFESSIONAL,
	TEMPLATES,
	UNWANTED_BEHAVIOUR,
	check_actors,
	check_run,
	check_tick,
	due_date,
	who_acts,
)

SEED_NAMES = (
	"Protocol omgaan met agressie en geweld",
	"Protocol ongewenst gedrag richting professionals",
	"Omgaan met overlijden en rouw",
	"Stappenplan na een schokkende gebeurtenis",
	"Overwegingen met betrekking tot ouderavonden",
	"Omgaan met media bij incidenten",
	"Actieplan calamiteit",
)


def plain(text: str) -> str:
	"""Text without the PDF's layout: no tabs, bullets, replacement marks, line breaks or words
	hyphenated at a line's end, compared case-insensitively (an item starts with a capital)."""
	text = re.sub(r"-[ \t]*\n", "", text)
	return re.sub(r"[\s\ufffd\u2022]+", "", text).casefold()


def in_seed(template, step, seed: str) -> bool:
	"""The step's text is the seed's; the actieplan's items name their heading ("Zorg voor
	ondersteuning voor: Team") as the seed's columns put them side by side."""
	if template.name == protocols.ACTIEPLAN_CALAMITEIT:
		return all(plain(part) in seed for part in step.text.split(": "))
	return plain(step.text) in seed


@pytest.fixture(scope="module")
def seed() -> str:
	files = sorted((SHARED / "seeds").glob("003_*.txt"))
	if not files:
		pytest.skip(f"seed 003 not found under {SHARED / 'seeds'} (set MELDCODE_SHARED)")
	return plain(files[0].read_text())


def test_the_seeds_protocols_are_shipped():
	assert sorted(t.name for t in TEMPLATES) == sorted(SEED_NAMES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_each_step_is_the_seeds_text_word_for_word(seed, template):
	assert template.kind in KINDS
	missing = [step.text for step in template.steps if not in_seed(template, step, seed)]
	assert missing == []
	assert all(step.actor in ACTORS for step in template.steps)


def test_a_changed_word_is_found(seed):
	step = protocols.template("Omgaan met overlijden en rouw").steps[0]
	assert plain(step.text) in seed
	assert plain(step.text.replace("berichtgeving", "het bericht")) not in seed


def test_the_steps_keep_the_seeds_order_and_numbers():
	rouw = protocols.template("Omgaan met overlijden en rouw").steps
	assert [s.number for s in rouw] == ["1", "2", *(f"3{c}" for c in "abcdefg"), "4", "5", "6", "7", "8"]
	shock = protocols.template("Stappenplan na een schokkende gebeurtenis").steps
	assert [s.number for s in shock] == [str(n) for n in range(1, 18)]
	assert {s.number: s.due_days for s in shock if s.due_days} == {"10": 3, "13": 21}
	unwanted = protocols.template(protocols.UNWANTED_BEHAVIOUR_PROTOCOL).steps
	assert [s.number for s in unwanted if s.number] == [str(n) for n in range(1, 8)] + ["7", "8", "9", "10"]
	assert unwanted[0].actor == PROFESSIONAL


def test_the_actieplan_calamiteit_is_the_checklist_it_was():
	from meldcode_app.rules.calamity import CHECKLIST

	steps = protocols.template(protocols.ACTIEPLAN_CALAMITEIT).steps
	assert [(s.section, s.text) for s in steps] == list(CHECKLIST)


def test_a_run_names_what_it_concerns():
	check_run(INCIDENT, "INC-1", None)
	check_run(UNWANTED_BEHAVIOUR, None, "leerkracht@school")
	with pytest.raises(RuleViolation):
		check_run(INCIDENT, None, None)
	with pytest.raises(RuleViolation):
		check_run(UNWANTED_BEHAVIOUR, None, None)


def test_terms_count_calendar_days_from_the_start():
	assert due_date(date(2026, 12, 1), 3) == date(2026, 12, 4)
	assert due_date(date(2026, 12, 1), 0) is None
	assert due_date(date(2026, 12, 1), None) is None


def test_a_protocol_about_unwanted_behaviour_names_only_the_professional_and_the_director():
	for template in TEMPLATES:
		check_actors(template.kind, [(s.number, s.actor) for s in template.steps])
	check_actors(INCIDENT, [("1", AANDACHTSFUNCTIONARIS)])
	with pytest.raises(RuleViolation):
		check_actors(UNWANTED_BEHAVIOUR, [("1", PROFESSIONAL), ("11", AANDACHTSFUNCTIONARIS)])


STAFF = {DIRECTOR: ["directeur@school"], AANDACHTSFUNCTIONARIS: ["af@school"]}


def test_a_report_of_unwanted_behaviour_is_told_to_the_professional_and_the_director_only():
	def acting(kind, actor):
		return who_acts(
			kind,
			actor,
			"leerkracht@school" if kind == UNWANTED_BEHAVIOUR else None,
			lambda f: STAFF.get(f, ()),
		)

	assert acting(UNWANTED_BEHAVIOUR, PROFESSIONAL) == {"leerkracht@school"}
	assert acting(UNWANTED_BEHAVIOUR, DIRECTOR) == {"directeur@school"}
	assert acting(UNWANTED_BEHAVIOUR, AANDACHTSFUNCTIONARIS) == set()
	assert acting(INCIDENT, AANDACHTSFUNCTIONARIS) == {"af@school"}
	assert acting(INCIDENT, PROFESSIONAL) == set()


def test_a_step_is_ticked_by_whoever_acts_on_it_or_the_director():
	directors = {"directeur@school"}
	check_tick("leerkracht@school", "1", PROFESSIONAL, {"leerkracht@school"}, directors)
	check_tick("directeur@school", "1", PROFESSIONAL, {"leerkracht@school"}, directors)
	with pytest.raises(RuleViolation):
		check_tick("leerkracht@school", "8", DIRECTOR, directors, directors)
	with pytest.raises(RuleViolation):
		check_tick("af@school", "1", AANDACHTSFUNCTIONARIS, set(), directors)  # nobody acts on it


def test_a_steps_term_is_at_most_a_year():
	"""Round 73: a school's own action plan with a term of 999,999,999 days made every calamity
	fail to save."""
	protocols.check_step_terms([("1", 0), ("2", 366), ("3", None)])
	for days in (-1, 367, 999999999):
		with pytest.raises(RuleViolation, match="between 0 and 366"):
			protocols.check_step_terms([("1", days)])
