"""The guards of the route (H2, H15, H21, H36, H39) as pure rules."""

from datetime import date

import pytest

from meldcode_app.rules import route
from meldcode_app.rules.afwegingskader import CLOSE_DOSSIER, ORGANISE_HELP, REPORT
from meldcode_app.rules.route import DossierFacts, transition_blockers

TODAY = date(2026, 11, 23)


def messages(old, new, **facts):
	return [b.message for b in transition_blockers(old, new, DossierFacts(today=TODAY, **facts))]


def test_staying_in_a_state_is_always_allowed():
	assert messages(route.STEP_3, route.STEP_3) == []


def test_consultation_needs_a_signal():
	assert messages(route.STEP_1, route.STEP_2) == [
		"Collegial consultation needs at least one recorded signal."
	]
	assert messages(route.STEP_1, route.STEP_2, signals=1) == []


@pytest.mark.parametrize(
	"facts, allowed",
	[
		({}, False),
		({"parents_conversation_signed": True}, True),
		({"parents_conversation_exception": True}, True),
	],
)
def test_weighing_needs_the_parents_conversation_or_its_exception(facts, allowed):
	assert (messages(route.STEP_3, route.STEP_4, **facts) == []) is allowed


def test_a_decision_needs_a_submitted_weighing():
	assert messages(route.STEP_4, route.STEP_5) == ["A decision needs a submitted weighing (afwegingskader)."]
	assert messages(route.STEP_4, route.STEP_5, latest_weighing_outcome=ORGANISE_HELP) == []


@pytest.mark.parametrize("outcome, state", list(route.DECISION_STATE.items()))
def test_step_5_follows_the_latest_weighing(outcome, state):
	facts = {
		"latest_weighing_outcome": outcome,
		"melding_submitted": True,
		"closing_outcome": route.UNFOUNDED,
	}
	assert messages(route.STEP_5, state, **facts) == []
	for other in set(route.DECISION_STATE.values()) - {state}:
		assert "The latest weighing leads to {0}, not to {1}." in messages(route.STEP_5, other, **facts)


def test_reported_needs_a_submitted_melding():
	assert messages(route.STEP_5, route.REPORTED, latest_weighing_outcome=REPORT) == [
		"Reported to Veilig Thuis needs a submitted melding."
	]


def test_outside_step_5_only_the_acute_path_reports():
	assert "start the acute path first" in messages(route.STEP_2, route.REPORTED, melding_submitted=True)[0]
	assert messages(route.STEP_2, route.REPORTED, acute=True, melding_today=True) == []
	assert messages(route.STEP_2, route.REPORTED, acute=True, melding_submitted=True) == [
		"The acute path needs a melding to Veilig Thuis submitted today."
	]


def test_closing_at_step_5_is_only_as_unfounded():
	facts = {"latest_weighing_outcome": CLOSE_DOSSIER}
	assert messages(route.STEP_5, route.CLOSED, **facts) == [
		"Closing needs the outcome of the dossier and its reason."
	]
	assert messages(route.STEP_5, route.CLOSED, closing_outcome=route.HELP_CLOSED_WITH_MONITORING, **facts)
	assert messages(route.STEP_5, route.CLOSED, closing_outcome=route.UNFOUNDED, **facts) == []


def test_no_closing_before_aftercare_ends_unless_unfounded():
	closing = {"closing_outcome": route.HELP_CLOSED_WITH_MONITORING}
	assert messages(route.STEP_6, route.CLOSED, **closing) == [
		"Closing needs the evaluation date, from which aftercare runs."
	]
	assert messages(route.STEP_6, route.CLOSED, aftercare_until=date(2026, 12, 1), **closing) == [
		"Aftercare runs until {0}; the dossier cannot close before then."
	]
	assert messages(route.STEP_6, route.CLOSED, aftercare_until=TODAY, **closing) == []
	assert messages(route.STEP_6, route.CLOSED, closing_outcome=route.UNFOUNDED) == []


def test_a_closed_dossier_is_reopened_only_by_a_signal():
	assert messages(route.CLOSED, route.STEP_4) == ["A closed dossier is reopened only by a new signal."]
	assert messages(route.CLOSED, route.STEP_4, reopened_by_signal=True) == []


def test_a_new_signal_reopens_whatever_the_team_has_still_to_do():
	"""Round 39: a school's route with the support team before every step refused a teacher's
	signal on a dossier in help, reported or aftercare, and so told them its step."""
	team_first = {"support_team_required": True, "signals": 1}
	for old in (route.HELP_ORGANISED, route.REPORTED, route.STEP_6, route.CLOSED):
		assert messages(old, route.STEP_4, reopened_by_signal=True, **team_first) == [], old
	assert messages(route.STEP_6, route.STEP_4, **team_first) != [], "the team's own move still waits"


def test_every_state_has_a_casemanager_function():
	assert set(route.CASEMANAGER_FUNCTION) == set(route.STATES)


def test_a_route_can_ask_the_support_team_to_consult_before_every_step():
	needs = {"support_team_required": True, "signals": 1}
	assert "support team consult" in messages(route.STEP_1, route.STEP_2, **needs)[0]
	assert messages(route.STEP_1, route.STEP_2, support_team_since_step=True, **needs) == []
