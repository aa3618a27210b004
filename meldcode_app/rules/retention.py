"""A shortened retention period takes effect only after a grace period, during which the longer one
it replaces stays in force: a System Manager set the dossiers' period from 5 years to 1, and the
next night's destruction removed dossiers closed two years before, with no one told (round 61).
Working notes are not kept longer: they are destroyed as soon as possible (H23), so a shorter period
for them applies at once."""

from datetime import date, timedelta

GRACE_DAYS = 30
RETENTION_FIELDS = ("dossier_retention_years",)


def kept_longer(before: dict, after: dict, kept: dict | None, today: date) -> dict | None:
	"""What stays in force after a change of the periods ``before`` to ``after``: for each period
	shortened now, the longer one (or the one already kept), until ``GRACE_DAYS`` from ``today``;
	a kept period whose date has passed is dropped. None when nothing is kept."""
	kept = dict(kept or {}) if kept and date.fromisoformat(kept["until"]) >= today else {}
	shortened = {
		field: max(before[field], kept.get(field, 0))
		for field in RETENTION_FIELDS
		if after[field] < before[field]
	}
	if not shortened:
		return kept or None
	return {**kept, **shortened, "until": (today + timedelta(days=GRACE_DAYS)).isoformat()}


def in_force(current: dict, kept: dict | None, today: date) -> dict:
	"""The periods the daily destruction applies: a kept longer period until its date."""
	if not kept or date.fromisoformat(kept["until"]) < today:
		kept = {}
	return {field: max(current[field], kept.get(field, 0)) for field in RETENTION_FIELDS}
