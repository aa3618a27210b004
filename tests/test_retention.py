"""A shortened retention period waits out a grace period; a longer one applies at once."""

from datetime import date, timedelta

from meldcode_app.rules.retention import GRACE_DAYS, in_force, kept_longer

TODAY = date(2026, 12, 5)  # a Saturday: nothing here counts working days
FIVE_YEARS = {"dossier_retention_years": 5, "working_note_retention_months": 3}
ONE_YEAR = {"dossier_retention_years": 1, "working_note_retention_months": 3}


def test_a_shortened_period_is_kept_for_the_grace_period():
	kept = kept_longer(FIVE_YEARS, ONE_YEAR, None, TODAY)
	assert kept == {"dossier_retention_years": 5, "until": (TODAY + timedelta(days=GRACE_DAYS)).isoformat()}
	assert in_force(ONE_YEAR, kept, TODAY + timedelta(days=GRACE_DAYS))["dossier_retention_years"] == 5
	assert in_force(ONE_YEAR, kept, TODAY + timedelta(days=GRACE_DAYS + 1))["dossier_retention_years"] == 1


def test_a_shorter_period_for_working_notes_applies_at_once():
	"""H23: working notes are destroyed as soon as possible; nothing keeps them longer."""
	shorter = {**FIVE_YEARS, "working_note_retention_months": 1}
	assert kept_longer(FIVE_YEARS, shorter, None, TODAY) is None
	assert "working_note_retention_months" not in in_force(shorter, None, TODAY)


def test_a_longer_period_applies_at_once_and_keeps_nothing():
	assert kept_longer(ONE_YEAR, FIVE_YEARS, None, TODAY) is None
	assert in_force(FIVE_YEARS, None, TODAY) == {"dossier_retention_years": 5}


def test_shortening_in_steps_keeps_the_longest_and_restarts_the_grace_period():
	kept = kept_longer(FIVE_YEARS, {**FIVE_YEARS, "dossier_retention_years": 3}, None, TODAY)
	later = TODAY + timedelta(days=20)
	kept = kept_longer({**FIVE_YEARS, "dossier_retention_years": 3}, ONE_YEAR, kept, later)
	assert kept["dossier_retention_years"] == 5
	assert kept["until"] == (later + timedelta(days=GRACE_DAYS)).isoformat()


def test_an_ended_grace_period_is_dropped_on_the_next_change():
	kept = kept_longer(FIVE_YEARS, ONE_YEAR, None, TODAY)
	after = TODAY + timedelta(days=GRACE_DAYS + 1)
	assert kept_longer(ONE_YEAR, {**ONE_YEAR, "working_note_retention_months": 6}, kept, after) is None
