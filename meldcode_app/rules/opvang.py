"""Opvang van leerlingen en personeel bij voorvallen (seed 003, "Protocol opvang van leerlingen bij
voorvallen" and "Protocol opvang van personeel bij voorvallen"; DOMAIN Appendix B): after an
incident with a pupil or a staff member as its victim the director is informed at once and informs
the bestuurder; an opvangteam is formed as needed; the director contacts the victim within 72 hours,
holds a follow-up conversation within three weeks and, two weeks after the return, checks whether
the person feels safe again; the director registers the incident at board level."""

from dataclasses import dataclass
from datetime import date, timedelta

from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.records import check_initials_only

CONTACT_WITHIN = timedelta(hours=72)  # "zo spoedig mogelijk, maar in ieder geval binnen 72 uur"
FOLLOW_UP_WITHIN = timedelta(weeks=3)  # "Binnen drie weken vindt een vervolggesprek plaats"
SAFETY_CHECK_AFTER_RETURN = timedelta(weeks=2)  # "Twee weken na terugkeer"

# A term of the opvang: its due date's field, the field of the day it was kept.
TERMS = (
	("victim_contact_due", "victim_contacted_on"),
	("follow_up_due", "follow_up_on"),
	("safety_check_due", "safety_check_on"),
)
OPEN, OVERDUE, KEPT, KEPT_LATE = "open", "overdue", "kept", "kept late"


@dataclass(frozen=True)
class Opvang:
	incident_date: date
	victim_pupil: bool = False
	victim_staff: bool = False
	victim_initials: str | None = None
	bestuurder_informed_on: date | None = None
	opvangteam_formed_on: date | None = None
	victim_contacted_on: date | None = None
	follow_up_on: date | None = None
	returned_on: date | None = None
	safety_check_on: date | None = None
	board_registered_on: date | None = None


def applies(opvang: Opvang) -> bool:
	"""The protocols are for an incident with a victim: a pupil, a staff member or both."""
	return opvang.victim_pupil or opvang.victim_staff


def due_dates(opvang: Opvang) -> dict[str, date | None]:
	"""The terms, counted in days from the incident's date (72 hours: the third day after it) and
	from the return; none while the opvang does not apply."""
	if not applies(opvang):
		return {due: None for due, _done in TERMS}
	return {
		"victim_contact_due": opvang.incident_date + timedelta(days=CONTACT_WITHIN.days),
		"follow_up_due": opvang.incident_date + FOLLOW_UP_WITHIN,
		"safety_check_due": opvang.returned_on + SAFETY_CHECK_AFTER_RETURN if opvang.returned_on else None,
	}


def term_states(opvang: Opvang, on: date) -> dict[str, str]:
	"""Each term that applies on ``on``: open, overdue (past its due date and not kept), kept, or
	kept late."""
	states = {}
	for due_field, done_field in TERMS:
		due = due_dates(opvang)[due_field]
		if due is None:
			continue
		done = getattr(opvang, done_field)
		if done:
			states[due_field] = KEPT_LATE if done > due else KEPT
		else:
			states[due_field] = OVERDUE if on > due else OPEN
	return states


STEPS = (
	("bestuurder_informed_on", _("Informing the bestuurder")),
	("opvangteam_formed_on", _("Forming the opvangteam")),
	("victim_contacted_on", _("The contact with the victim")),
	("follow_up_on", _("The follow-up conversation")),
	("returned_on", _("The return")),
	("safety_check_on", _("The safety check")),
	("board_registered_on", _("Registering the incident at board level")),
)


def check_opvang(opvang: Opvang, today: date) -> None:
	"""The victim by initials only, each step dated between the incident and today, the safety
	check after the return."""
	recorded = [what for field, what in STEPS if getattr(opvang, field)]
	if not applies(opvang):
		if recorded or (opvang.victim_initials or "").strip():
			raise RuleViolation(
				_("Record whether the victim is a pupil or a staff member before the steps of the opvang.")
			)
		return
	if not (opvang.victim_initials or "").strip():
		raise RuleViolation(
			_("The opvang needs its victim, written by their initials only (for example J.D.).")
		)
	check_initials_only(opvang.victim_initials)
	for field, what in STEPS:
		day = getattr(opvang, field)
		if not day:
			continue
		if day < opvang.incident_date:
			raise RuleViolation(_("{0} cannot be before the incident ({1})."), what, opvang.incident_date)
		if day > today:
			raise RuleViolation(_("{0} cannot be in the future."), what)
	if opvang.follow_up_on and not opvang.victim_contacted_on:
		raise RuleViolation(
			_("The follow-up conversation follows the first contact: record that contact first.")
		)
	if opvang.follow_up_on and opvang.follow_up_on < opvang.victim_contacted_on:
		raise RuleViolation(
			_("The follow-up conversation cannot be before the first contact with the victim.")
		)
	if opvang.safety_check_on and not opvang.returned_on:
		raise RuleViolation(
			_("The safety check is made two weeks after the return: record the return first.")
		)
	if opvang.safety_check_on and opvang.safety_check_on < opvang.returned_on:
		raise RuleViolation(_("The safety check cannot be before the return ({0})."), opvang.returned_on)
