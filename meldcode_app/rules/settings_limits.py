"""The largest value each of Meldcode Settings' numbers takes: a System Manager's term of 600,000
weeks, and a non-working period to the year 9999, stopped every term and the daily reminders of
every dossier, with no one told (round 63)."""

from datetime import date, timedelta

# The longest a setting may be, by the unit its field name ends in.
LONGEST = {"_weeks": 52, "_working_days": 60, "_months": 60, "_years": 100, "_age": 18, "_days": 366}
# Above this, the board's figures would hide almost everything.
LARGEST_THRESHOLD = 50
# The longest school holiday is some six weeks; three months leaves room for a closure.
LONGEST_NON_WORKING_PERIOD = 92
# A school year's holidays and closing days come to some fifteen weeks: forty periods of 92 days
# back to back had stopped every term for ten years (round 73).
MOST_NON_WORKING_DAYS_A_YEAR = 120
# A protocol step's term, in calendar days, as a setting in days is (a term of 999,999,999 days
# stopped a school's calamities from being registered, round 73).
LONGEST_STEP_TERM = 366


def largest(fieldname: str) -> int | None:
	"""The largest value the setting ``fieldname`` may take, None when no limit applies."""
	if fieldname == "small_count_threshold":
		return LARGEST_THRESHOLD
	return next((limit for unit, limit in LONGEST.items() if fieldname.endswith(unit)), None)


def period_too_long(start: date, end: date) -> bool:
	return (end - start).days + 1 > LONGEST_NON_WORKING_PERIOD


def year_too_full(periods) -> date | None:
	"""The first day that starts a year (365 days) in which the non-working ``periods`` ((start,
	end), each inclusive, overlapping or not) cover more than MOST_NON_WORKING_DAYS_A_YEAR days, or
	None. Any year, not a calendar year: four periods around New Year held terms for 240 days in a
	row (round 74)."""
	days = set()
	for start, end in periods:
		days.update(start + timedelta(days=n) for n in range(min((end - start).days + 1, 2 * 366)))
	ordered = sorted(days)
	first = 0
	for last, day in enumerate(ordered):
		while (day - ordered[first]).days >= 365:
			first += 1
		if last - first + 1 > MOST_NON_WORKING_DAYS_A_YEAR:
			return ordered[first]
	return None
