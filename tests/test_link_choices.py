"""The dossiers a weighing or a melding offers, and the school a new form starts with."""

import pytest

from meldcode_app.rules import link_choices as lc
from meldcode_app.rules import route


@pytest.mark.parametrize("state", route.STATES)
def test_a_weighing_offers_dossiers_at_step_4_or_5_only(state):
	assert lc.fits(lc.WEIGHING, state, acute=False) is (state in (route.STEP_4, route.STEP_5))
	assert lc.fits(lc.WEIGHING, state, acute=True) is (state in (route.STEP_4, route.STEP_5))


@pytest.mark.parametrize("state", route.STATES)
def test_a_melding_offers_step_5_and_the_acute_path_before_it_was_reported(state):
	assert lc.fits(lc.MELDING, state, acute=False) is (state == route.STEP_5)
	before_reported = route.STATES[: route.STATES.index(route.REPORTED)]
	assert lc.fits(lc.MELDING, state, acute=True) is (state in before_reported)


def test_advice_offers_every_open_dossier():
	assert [s for s in route.STATES if lc.fits(lc.OPEN, s, False)] == list(route.OPEN_STATES)


@pytest.mark.parametrize("purpose", lc.PURPOSES)
def test_the_database_filter_never_drops_a_dossier_that_fits(purpose):
	for state in route.STATES:
		for acute in (False, True):
			if lc.fits(purpose, state, acute):
				assert state in lc.candidate_states(purpose)


def test_one_school_is_the_default_several_are_picked():
	assert lc.default_school(["A"]) == "A"
	assert lc.default_school(["A", "A"]) == "A"
	assert lc.default_school(["A", "B"]) is None
	assert lc.default_school([]) is None
