"""A school's werkinstructie as configuration: validation and who is casemanager when."""

import json
from pathlib import Path

import pytest

from meldcode_app.rules import route
from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.routes import Phase, casemanager_function, check_route, snapshot

ROUTES = json.loads(
	(Path(__file__).parent.parent / "meldcode_app" / "reference_data" / "routes.json").read_text()
)


def phases_of(name):
	data = next(r for r in ROUTES if r["route_name"] == name)
	return [
		Phase(
			p["phase"],
			p["national_step"],
			p["lead_function"],
			p["casemanager_function"],
			bool(p["before_meldcode"]),
		)
		for p in data["phases"]
	]


def snap(name, same_day=False):
	return snapshot(name, 1, phases_of(name), [], "Director", same_day)


@pytest.mark.parametrize("name", [r["route_name"] for r in ROUTES])
def test_every_shipped_route_is_valid(name):
	check_route(phases_of(name), [])


def test_the_seeds_five_routes_are_shipped():
	assert len(ROUTES) == 5
	assert any(
		p["before_meldcode"]
		for p in next(r for r in ROUTES if r["route_name"] == "Opvoedingsondersteuning en meldcode")["phases"]
	)
	assert next(r for r in ROUTES if "huiselijk geweld" in r["route_name"])["same_day_path"] == 1


@pytest.mark.parametrize(
	"phases, terms, message",
	[
		([], [], "at least one phase"),
		([Phase("Fase 1", route.STEP_1, None, "Teacher")], [], "needs who leads it"),
		([Phase("Fase 1", route.STEP_1, "Teacher", "Janitor")], [], "not a function"),
		([Phase("Fase 1", "Stap 9 Feest", "Teacher", "Teacher")], [], "not a step of the meldcode"),
		([Phase("Fase 1", route.CLOSED, "Teacher", "Teacher")], [], "not a step of the meldcode"),
		(
			[Phase("Fase 1", route.STEP_1, "Teacher", "Teacher")],
			[("data_gathering_weeks", -2)],
			"greater than zero",
		),
		([Phase("Fase 1", route.STEP_1, "Teacher", "Teacher")], [("holiday_weeks", 2)], "not a term"),
		# Round 73: a term of 999,999,999 weeks made a dossier fail at its next step for good.
		(
			[Phase("Fase 1", route.STEP_1, "Teacher", "Teacher")],
			[("data_gathering_weeks", 999999999)],
			"at most 52",
		),
	],
)
def test_a_route_a_school_could_not_work_with_is_refused(phases, terms, message):
	with pytest.raises(RuleViolation, match=message):
		check_route(phases, terms)


@pytest.mark.parametrize("step", [route.STEP_4, route.STEP_5, route.HELP_ORGANISED, route.REPORTED])
def test_a_teacher_neither_leads_nor_manages_the_deciding_steps(step):
	"""Round 74: a teacher made casemanager after the weighing read the case's course in her ToDos."""
	for lead, manager in (("Teacher", "Director"), ("Director", "Teacher")):
		with pytest.raises(RuleViolation, match="not the teacher's"):
			check_route([Phase("Fase", step, lead, manager)], [])
	check_route([Phase("Fase", step, "Director", "Aandachtsfunctionaris")], [])
	check_route([Phase("Nazorg", route.STEP_6, "Teacher", "Director")], [])  # the aftercare is hers


def test_the_acute_path_is_the_case_teams_and_a_term_may_reach_its_limit():
	"""Round 73: a teacher made casemanager of the acute path read its melding terms."""
	phases = [Phase("Fase 1", route.STEP_1, "Teacher", "Teacher")]
	with pytest.raises(RuleViolation, match="not the teacher"):
		check_route(phases, [], "Teacher")
	check_route(phases, [("data_gathering_weeks", 52)], "Director")


@pytest.mark.parametrize(
	"name, state, function",
	[
		("KMS Meldcode 2019", route.STEP_1, "Teacher"),
		("KMS Meldcode 2019", route.STEP_3, "Aandachtsfunctionaris"),
		("KMS Meldcode 2019", route.STEP_4, "Director"),
		("Stappenplan ongewenst opvoedgedrag", route.STEP_2, "Teacher"),
		("Stappenplan ongewenst opvoedgedrag", route.STEP_4, "Intern Begeleider"),
		("Stappenplan ongewenst opvoedgedrag", route.REPORTED, "Intern Begeleider"),
		("Stappenplan huiselijk geweld / incest / seksueel misbruik", route.STEP_3, "Teacher"),
		("Stappenplan huiselijk geweld / incest / seksueel misbruik", route.STEP_4, "Director"),
		("Opvoedingsondersteuning en meldcode", route.STEP_1, "Teacher"),
		("Kernteam en grijze gebied", route.STEP_2, "Aandachtsfunctionaris"),
	],
)
def test_casemanager_per_phase(name, state, function):
	assert casemanager_function(snap(name), state, acute=False) == function


def test_the_acute_path_takes_the_routes_casemanager():
	assert (
		casemanager_function(snap("Stappenplan ongewenst opvoedgedrag"), route.STEP_1, acute=True)
		== "Director"
	)


def test_without_a_route_the_national_default_applies():
	assert casemanager_function(None, route.STEP_2, acute=False) == "Aandachtsfunctionaris"
	assert casemanager_function(None, route.STEP_2, acute=True) == "Director"
