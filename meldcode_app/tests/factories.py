"""Records of a case for bench tests, filled the way a school fills them."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, now_datetime, today

from meldcode_app.api import open_dossier_from_signals
from meldcode_app.tests.utils import SCHOOLS, staff_user

PUPIL = "Testkind Sam de Vries"


def as_user(user):
	"""Run the wrapped call as ``user`` and come back as Administrator."""

	def wrap(call, *args, **kwargs):
		frappe.set_user(user)
		try:
			return call(*args, **kwargs)
		finally:
			frappe.set_user("Administrator")

	return wrap


def make_signal(school="A", pupil=PUPIL, user=None, **values):
	signal = frappe.get_doc(
		{
			"doctype": "Meldcode Signal",
			"school": SCHOOLS[school][0],
			"pupil_name": pupil,
			"signal_date": today(),
			"signal_time": "10:15:00",
			"location": "Klaslokaal groep 6",
			"situation": "Sam had een blauwe plek op de linkerwang en zei dat hij was gevallen.",
			"nature": "Fact",
			**values,
		}
	)
	return as_user(user or staff_user(school, "Teacher"))(signal.insert)


def open_dossier(school="A", signals=None):
	signals = signals or [make_signal(school).name]
	name = as_user(staff_user(school, "Aandachtsfunctionaris"))(open_dossier_from_signals, signals)
	return frappe.get_doc("Meldcode Dossier", name)


def move(dossier, action, user=None, school="A"):
	doc = frappe.get_doc("Meldcode Dossier", dossier if isinstance(dossier, str) else dossier.name)
	return as_user(user or staff_user(school, "Aandachtsfunctionaris"))(apply_workflow, doc, action)


def conversation(dossier, kind="Parents", submit=True, participants=None, school="A", **values):
	participants = participants or [
		staff_user(school, "Aandachtsfunctionaris"),
		staff_user(school, "Teacher"),
	]
	doc = frappe.get_doc(
		{
			"doctype": "Meldcode Conversation",
			"school": SCHOOLS[school][0],
			"dossier": dossier.name if dossier else None,
			"pupil_name": PUPIL,
			"conversation_type": kind,
			"conversation_date": today(),
			"conversation_time": "15:00:00",
			"location": "Kamer van de intern begeleider",
			"school_participants": [{"user": u, "part": "Attends"} for u in participants],
			"other_participants": "Moeder van Sam",
			"goal": "De zorgen over de blauwe plekken bespreken.",
			"report": "Wij hebben de signalen één voor één besproken. Moeder herkent de zorg.",
			"parents_reaction": "Moeder herkent de zorg en wil hulp.",
			"agreements": [
				{
					"agreement": "Moeder belt de huisarts",
					"owner_name": "Moeder",
					"due_date": add_days(today(), 14),
				}
			],
			"next_appointment": f"{add_days(today(), 14)} 15:00:00",
			**values,
		}
	)
	if kind == "Support Team":
		for field, value in (
			("next_meeting_date", add_days(today(), 14)),
			("next_meeting_time", "09:00:00"),
			("next_meeting_attendees", "AF, directeur, leerkracht"),
		):
			doc.set(field, values.get(field, value))
	as_user(staff_user(school, "Aandachtsfunctionaris"))(doc.insert)
	if submit:
		as_user(staff_user(school, "Aandachtsfunctionaris"))(doc.submit)
	return doc


ANSWER_FIELDS = ("q1_suspicion", "q2_unsafe", "q3_help_possible", "q4_help_accepted", "q5_result")


def weighing(dossier, *answers, submit=True, school="A", **values):
	doc = frappe.get_doc(
		{
			"doctype": "Meldcode Weighing",
			"dossier": dossier.name,
			"weighing_date": today(),
			"participants": "Aandachtsfunctionaris, directeur",
			**dict(zip(ANSWER_FIELDS, answers, strict=False)),
		}
	)
	for n, answer in enumerate(answers, start=1):
		if answer:
			doc.set(f"q{n}_rationale", f"Toelichting bij vraag {n}.")
	if answers and answers[0] == "Yes":
		doc.update({"board_informed_on": today(), "board_informed_by": staff_user(school, "Director")})
	if len(answers) > 1 and answers[1] in ("Yes", "Doubt"):
		doc.reported_by_phone_on = now_datetime()
	if len(answers) > 3 and answers[3] == "Yes":
		doc.update(
			{
				"help_term": add_days(today(), 42),
				"help_tasks": [
					{"agreement": "Gezinscoach start", "owner_name": "CJG", "due_date": add_days(today(), 7)}
				],
				"casemanager_tasks": "Bewaakt de afspraken en plant de evaluatie.",
			}
		)
	if len(answers) > 4 and answers[4] == "Yes":
		doc.set(
			"monitoring_agreements",
			[
				{
					"agreement": "Leerkracht volgt Sam wekelijks",
					"owner_name": "Leerkracht",
					"due_date": add_days(today(), 30),
				}
			],
		)
	doc.update(values)
	as_user(staff_user(school, "Aandachtsfunctionaris"))(doc.insert)
	if submit:
		as_user(staff_user(school, "Aandachtsfunctionaris"))(doc.submit)
	return doc


def melding(dossier, submit=True, school="A", **values):
	doc = frappe.get_doc(
		{
			"doctype": "Veilig Thuis Contact",
			"dossier": dossier.name,
			"contact_type": "Melding",
			"contact_datetime": now_datetime(),
			"contact_by": staff_user(school, "Director"),
			"mode": "By Phone",
			"parents_informed": "Yes",
			"parents_informed_on": today(),
			"parents_informed_by": "Aandachtsfunctionaris en directeur",
			"parents_reaction": "Moeder begrijpt de melding, vader maakt bezwaar.",
			"facts": [
				{
					"fact": "Blauwe plek op de linkerwang",
					"fact_date": today(),
					"source": "Eigen waarneming leerkracht",
				}
			],
			"identified": "Identified",
			**values,
		}
	)
	as_user(staff_user(school, "Director"))(doc.insert)
	if submit:
		as_user(staff_user(school, "Director"))(doc.submit)
	return doc


def reload(dossier):
	return frappe.get_doc("Meldcode Dossier", dossier.name)


def close_as_unfounded(dossier, reason="Geen zorg meer."):
	"""From step 4: a weighing without suspicion, the decision, and closing as unfounded."""
	weighing(dossier, "No")
	move(dossier, "Decide")
	dossier = reload(dossier)
	dossier.update({"closing_outcome": "Unfounded", "closing_reason": reason})
	dossier.save()
	move(dossier, "Close")
	return reload(dossier)
