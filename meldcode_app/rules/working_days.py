"""Working days of a school: Monday to Friday, minus configured holidays and closing days."""

from collections.abc import Iterable
from datetime import date, timedelta

from meldcode_app.rules.errors import RuleViolation, _

SATURDAY = 5


class WorkingDayCalendar:
	def __init__(self, non_working_periods: Iterable[tuple[date, date]] = ()):
		self._days_off: set[date] = set()
		for start, end in non_working_periods:
			if end < start:
				raise RuleViolation(
					_("A non-working period cannot end ({0}) before it starts ({1})."), end, start
				)
			day = start
			while day <= end:
				self._days_off.add(day)
				day += timedelta(days=1)

	def is_working_day(self, day: date) -> bool:
		return day.weekday() < SATURDAY and day not in self._days_off

	def add_working_days(self, start: date, count: int) -> date:
		"""The date ``count`` working days after ``start`` (``start`` itself not counted)."""
		if count < 0:
			raise RuleViolation(_("A term in working days cannot be negative ({0})."), count)
		day = start
		while count:
			day += timedelta(days=1)
			if self.is_working_day(day):
				count -= 1
		return day

	def working_days_between(self, start: date, end: date) -> int:
		"""Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier."""
		if end < start:
			return -self.working_days_between(end, start)
		return sum(
			1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=n))
		)
