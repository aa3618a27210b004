"""Reminding and escalating the terms of the protocols' records (a suspicion about staff, a
time-out, schorsing or verwijdering, the opvang after an incident): who is told what, and when. The level reached is stored per
term, so the daily job tells each one once."""

from dataclasses import dataclass
from datetime import date

from meldcode_app.rules.exclusion import REMOVAL, SUSPENSION

# 1 = whoever must act was reminded the day before, 2 = the term is overdue and the first in line
# was told, 3 = it stayed overdue and the next in line was told.
NONE, REMINDED, OVERDUE, ESCALATED = 0, 1, 2, 3
ESCALATE_AFTER_WORKING_DAYS = 3  # as for the dossier's terms (terms.ESCALATE_TO_DIRECTOR_AFTER)

# Who acts, who hears of it when overdue, who hears when it stays overdue.
ACTOR, DIRECTOR, BOARD = "actor", "director", "board"


@dataclass(frozen=True)
class RecordTerm:
	doctype: str
	due_field: str
	done_field: str
	level_field: str
	label: str  # the term's name, as the record's ToDo names it (record_terms.keep_term_todo)


RECORD_TERMS = (
	RecordTerm(
		"Meldcode Staff Report",
		"inspector_consultation_due",
		"inspector_consulted_on",
		"inspector_consultation_escalation",
		"Consultation of the Vertrouwensinspecteur",
	),
	RecordTerm("Meldcode Staff Report", "aangifte_due", "aangifte_on", "aangifte_escalation", "Aangifte"),
	RecordTerm(
		"Meldcode Exclusion",
		"inspectie_due",
		"inspectie_informed_on",
		"inspectie_escalation",
		"Inspectie Informed By",
	),
	RecordTerm(
		"Meldcode Exclusion",
		"appeal_decision_due",
		"appeal_decided_on",
		"appeal_decision_escalation",
		"Decision Due",
	),
	# Opvang leerlingen / personeel bij voorvallen (rules/opvang.py): the director's terms.
	RecordTerm(
		"Safety Incident",
		"victim_contact_due",
		"victim_contacted_on",
		"victim_contact_escalation",
		"Contact with the Victim Within 72 Hours",
	),
	RecordTerm(
		"Safety Incident",
		"follow_up_due",
		"follow_up_on",
		"follow_up_escalation",
		"Follow-Up Conversation Within Three Weeks",
	),
	RecordTerm(
		"Safety Incident",
		"safety_check_due",
		"safety_check_on",
		"safety_check_escalation",
		"Safety Check Two Weeks after Return",
	),
)


def next_level(level: int, due: date, on: date, working_days_overdue: int, may_escalate: bool) -> int:
	"""The level a term reaches on ``on``: the day before its due date (or on it) a reminder, after
	it overdue, and more than ESCALATE_AFTER_WORKING_DAYS working days after it escalated when the
	record has a next in line. Never lower than ``level``: each step is told once."""
	if may_escalate and working_days_overdue > ESCALATE_AFTER_WORKING_DAYS:
		reached = ESCALATED
	elif on > due:
		reached = OVERDUE
	elif (due - on).days <= 1:
		reached = REMINDED
	else:
		reached = NONE
	return max(level, reached)


def audience(doctype: str, level: int, measure: str | None = None) -> str | None:
	"""Who is told at ``level``: a suspicion about staff is the board's own (reminded and told it is
	overdue); a measure's reminder goes to whoever recorded it, an overdue term to the school's
	director, and one that stays overdue to the board when the board decides (schorsing,
	verwijdering: seed 003, "Protocol schorsen en verwijderen"). The opvang after an incident is the
	director's: reminded, and the board told once when a term is overdue (seed 003: the director
	informs the bestuurder)."""
	if doctype == "Meldcode Staff Report":
		return BOARD if level in (REMINDED, OVERDUE) else None
	if doctype == "Safety Incident":
		return {REMINDED: DIRECTOR, OVERDUE: BOARD}.get(level)
	if level == REMINDED:
		return ACTOR
	if level == OVERDUE:
		return DIRECTOR
	if level == ESCALATED and measure in (SUSPENSION, REMOVAL):
		return BOARD
	return None


def may_escalate(doctype: str, measure: str | None = None) -> bool:
	return audience(doctype, ESCALATED, measure) is not None
