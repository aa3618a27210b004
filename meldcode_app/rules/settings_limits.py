"""The largest value each of Meldcode Settings' numbers takes: a System Manager's term of 600,000
weeks, and a non-working period to the year 9999, stopped every term and the daily reminders of
every dossier, with no one told (round 63)."""

from datetime import date

# The longest a setting may be, by the unit its field name ends in.
LONGEST = {"_weeks": 52, "_working_days": 60, "_months": 60, "_years": 100, "_age": 18, "_days": 366}
# Above this, the board's figures would hide almost everything.
LARGEST_THRESHOLD = 50
# The longest school holiday is some six weeks; three months leaves room for a closure.
LONGEST_NON_WORKING_PERIOD = 92


def largest(fieldname: str) -> int | None:
	"""The largest value the setting ``fieldname`` may take, None when no limit applies."""
	if fieldname == "small_count_threshold":
		return LARGEST_THRESHOLD
	return next((limit for unit, limit in LONGEST.items() if fieldname.endswith(unit)), None)


def period_too_long(start: date, end: date) -> bool:
	return (end - start).days + 1 > LONGEST_NON_WORKING_PERIOD
