"""Demo data for trying the app: a fictional school, a user in every role and a dossier in every
state of the route, with incidents (one serious, its actieplan calamiteit partly ticked), a
Rapportage Meldcode, a time-out and a schorsing, and a suspicion about a volunteer for the board.
Every name is made up. Running it again changes nothing."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_months, now_datetime, today

from meldcode_app.api import open_dossier_from_signals
from meldcode_app.rules import route
from meldcode_app.rules.roles import ADMINISTRATOR, BOARD
from meldcode_app.safe_api import safe_method
from meldcode_app.staff_report import report_suspicion
from meldcode_app.utils import acting_as_system

DEMO_PASSWORD = "Meldcode-Demo-2026"
SCHOOL = ("00ZZ", "Basisschool De Fictieve Regenboog")
DOMAIN = "demo.meldcode.example"
STAFF = {
	"Teacher": ("leerkracht", "Lotte", "Leerkracht (demo)"),
	"Intern Begeleider": ("ib", "Ilse", "Intern Begeleider (demo)"),
	"Aandachtsfunctionaris": ("af", "Anouk", "Aandachtsfunctionaris (demo)"),
	"Director": ("directeur", "Daan", "Directeur (demo)"),
}
BOARD_USER = ("bestuur", "Bert", "Bestuur (demo)")
ADMIN_USER = ("beheer", "Bea", "Beheer (demo)")
# Someone of the school office who uses the site for other work and never the meldcode.
OFFICE_USER = ("administratie", "Ans", "Administratie (demo)", "Blogger")
# A teacher the administrator has just added: the grant waits for the director's confirmation.
NEW_TEACHER = ("nieuw", "Noah", "Nieuwe leerkracht (demo)")

# The moves that bring a new dossier into each state, after the signal that opened it.
TO_WEIGHING = ["Start Collegial Consultation", "Plan Conversation", "parents", "Start Weighing"]
REPORTED = [*TO_WEIGHING, "weigh:report", "Decide", "melding", "Report to Veilig Thuis"]
PATHS = {
	route.STEP_1: [],
	route.STEP_2: TO_WEIGHING[:1],
	route.STEP_3: TO_WEIGHING[:2],
	route.STEP_4: TO_WEIGHING,
	route.STEP_5: [*TO_WEIGHING, "weigh:help", "Decide"],
	route.HELP_ORGANISED: [*TO_WEIGHING, "weigh:help", "Decide", "Organise Help"],
	route.REPORTED: REPORTED,
	route.STEP_6: [*REPORTED, "Start Aftercare"],
	route.CLOSED: [*TO_WEIGHING, "weigh:unfounded", "Decide", "close"],
}


def email(key: str) -> str:
	return f"{key}@{DOMAIN}"


@frappe.whitelist()
@safe_method
def create_demo_data() -> dict:
	"""A fictional school with staff users and dossiers in every state; returns the logins. The
	bench's Administrator's: its users log in with a password the README names (round 73)."""
	if frappe.session.user != "Administrator":
		frappe.throw(
			_("Only the bench's Administrator makes the demo data: its users have a known password."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	users = make_users()
	make_school(users)
	user = frappe.session.user
	try:
		for state, path in PATHS.items():
			make_dossier(state, path)
		make_incidents()
		make_serious_incident()
		make_exclusions()
		make_staff_report()
		ask_for_new_teacher(users)
	finally:
		frappe.set_user(user)
	make_outgoing_email_account()  # as the bench's Administrator: where mail goes is theirs
	return {"password": DEMO_PASSWORD, "users": users}


def make_outgoing_email_account():
	"""Sharing a verslag with the parents mails them a link: the demo's mails wait in the queue
	(no password, so Frappe does not check the account, and sending is suspended, so it never
	tries one; a school sets up its own account and resumes sending)."""
	if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Demo School",
				"email_id": email("school"),
				"smtp_server": "localhost",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"awaiting_password": 1,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_default("suspend_email_queue", 1)


def make_users() -> dict:
	users = {}
	for function, (key, first, last) in STAFF.items():
		users[function] = make_user(email(key), first, last, None)
	users["Board"] = make_user(email(BOARD_USER[0]), *BOARD_USER[1:], BOARD)
	users["Administrator"] = make_user(email(ADMIN_USER[0]), *ADMIN_USER[1:], ADMINISTRATOR)
	users["Office"] = make_user(email(OFFICE_USER[0]), *OFFICE_USER[1:])
	users["New Teacher"] = make_user(email(NEW_TEACHER[0]), *NEW_TEACHER[1:], None)
	return users


def make_user(address: str, first: str, last: str, role: str | None) -> str:
	if not frappe.db.exists("User", address):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": address,
				"first_name": first,
				"last_name": last,
				"send_welcome_email": 0,
				"language": "nl",
				"new_password": DEMO_PASSWORD,
				"roles": [{"role": role}] if role else [],
			}
		).insert(ignore_permissions=True)
	return address


def make_school(users: dict):
	if frappe.db.exists("Meldcode School", SCHOOL[0]):
		return
	school = frappe.new_doc("Meldcode School")
	school.update(
		{
			"brin_code": SCHOOL[0],
			"school_name": SCHOOL[1],
			"street": "Verzonnenlaan 1",
			"postal_code": "1234 ZZ",
			"city": "Fantasiedorp",
			"veilig_thuis_region": "Veilig Thuis (landelijk nummer)",
		}
	)
	for function in STAFF:
		school.append("staff", {"user": users[function], "function": function})
	# The fictional staff of the fictional school start confirmed, as by the bench's Administrator.
	with acting_as_system():
		school.insert(ignore_permissions=True)


def ask_for_new_teacher(users: dict):
	"""The first day's new step: the administrator adds a teacher, the director confirms it."""
	if frappe.db.exists("Meldcode School Staff", {"parent": SCHOOL[0], "user": users["New Teacher"]}):
		return
	frappe.set_user(users["Administrator"])
	school = frappe.get_doc("Meldcode School", SCHOOL[0])
	school.append("staff", {"user": users["New Teacher"], "function": "Teacher"})
	school.save()


def pupil_of(state: str) -> str:
	return f"Demo-leerling {route.STATES.index(state) + 1}"


def make_dossier(state: str, path: list[str]):
	pupil = pupil_of(state)
	if frappe.db.exists("Meldcode Dossier", {"school": SCHOOL[0], "pupil_name": pupil}):
		return
	frappe.set_user(email("leerkracht"))
	signal = frappe.get_doc(
		{
			"doctype": "Meldcode Signal",
			"school": SCHOOL[0],
			"pupil_name": pupil,
			"signal_date": add_days(today(), -30),
			"signal_time": "08:45:00",
			"location": "Klaslokaal groep 5",
			"situation": "Kwam zonder jas en ontbijt op school en zei dat er thuis niemand wakker was.",
			"nature": "Fact",
			"extent": "Derde keer deze maand",
		}
	).insert()
	frappe.set_user(email("af"))
	name = open_dossier_from_signals([signal.name])
	for step in path:
		take(name, step)


def take(dossier: str, step: str):
	doc = frappe.get_doc("Meldcode Dossier", dossier)
	if step == "parents":
		conversation(doc)
	elif step.startswith("weigh:"):
		weighing(doc, step.split(":")[1])
	elif step == "melding":
		melding(doc)
	elif step == "close":
		doc.update(
			{
				"closing_outcome": route.UNFOUNDED,
				"closing_reason": "De zorg bleek een andere oorzaak te hebben.",
			}
		)
		doc.save()
		apply_workflow(frappe.get_doc("Meldcode Dossier", dossier), "Close")
	else:
		apply_workflow(doc, step)


def conversation(dossier):
	frappe.get_doc(
		{
			"doctype": "Meldcode Conversation",
			"school": dossier.school,
			"dossier": dossier.name,
			"pupil_name": dossier.pupil_name,
			"conversation_type": "Parents",
			"conversation_date": add_days(today(), -20),
			"conversation_time": "15:30:00",
			"location": "Kamer van de intern begeleider",
			"school_participants": [
				{"user": email("af"), "part": "Leads"},
				{"user": email("leerkracht"), "part": "Attends"},
			],
			"other_participants": "Moeder (demo)",
			"goal": "De signalen bespreken en horen hoe de ouders het zien.",
			"report": "De signalen zijn één voor één besproken. Moeder herkent de zorg en vertelt over drukte thuis.",
			"parents_reaction": "Moeder herkent de zorg en wil graag hulp.",
			"agreements": [
				{
					"agreement": "Moeder neemt contact op met het CJG",
					"owner_name": "Moeder",
					"due_date": add_days(today(), 14),
				}
			],
			"next_appointment": f"{add_days(today(), 7)} 15:30:00",
			"parents_signature": "Voor Gezien",
			"signed_on": add_days(today(), -20),
			"signed_at": "Fantasiedorp",
		}
	).insert().submit()


def weighing(dossier, kind: str):
	answers = {"unfounded": ["No"], "help": ["Yes", "No", "Yes", "Yes"], "report": ["Yes", "No", "No"]}[kind]
	fields = ("q1_suspicion", "q2_unsafe", "q3_help_possible", "q4_help_accepted")
	doc = frappe.get_doc(
		{
			"doctype": "Meldcode Weighing",
			"dossier": dossier.name,
			"weighing_date": add_days(today(), -10),
			"participants": "Aandachtsfunctionaris en directeur (demo)",
			**dict(zip(fields, answers, strict=False)),
			**{f"q{n}_rationale": "Toelichting (demo)." for n in range(1, len(answers) + 1)},
		}
	)
	if answers[0] == "Yes":
		doc.update({"board_informed_on": add_days(today(), -10), "board_informed_by": email("directeur")})
	if kind == "help":
		doc.update(
			{
				"help_term": add_months(today(), 2),
				"help_tasks": [
					{"agreement": "Gezinscoach start", "owner_name": "CJG", "due_date": add_days(today(), 7)}
				],
				"casemanager_tasks": "Bewaakt de afspraken en plant de evaluatie.",
			}
		)
	doc.insert().submit()


def melding(dossier):
	frappe.set_user(email("directeur"))
	frappe.get_doc(
		{
			"doctype": "Veilig Thuis Contact",
			"dossier": dossier.name,
			"contact_type": "Melding",
			"contact_datetime": now_datetime(),
			"contact_by": email("directeur"),
			"mode": "By Phone",
			"parents_informed": "Yes",
			"parents_informed_on": today(),
			"parents_informed_by": "Aandachtsfunctionaris en directeur (demo)",
			"parents_reaction": "Moeder begrijpt de melding.",
			"facts": [{"fact": "Kwam drie keer zonder ontbijt", "source": "Eigen waarneming leerkracht"}],
			"identified": "Identified",
		}
	).insert().submit()
	frappe.set_user(email("af"))


def make_incidents():
	if frappe.db.exists("Safety Incident", {"school": SCHOOL[0]}):
		return
	frappe.set_user(email("af"))
	for days, kind, text in (
		(40, "Bullying", "Een leerling werd op het plein uitgescholden door twee anderen."),
		(25, "Sexually Transgressive Behaviour", "Ongepast aanraken tijdens de gymles."),
		(5, "Aggression and Violence", "Duwen en slaan bij het hek na schooltijd."),
	):
		incident = frappe.get_doc(
			{
				"doctype": "Safety Incident",
				"school": SCHOOL[0],
				"incident_date": add_days(today(), -days),
				"location": "Schoolplein",
				"category": kind,
				"description": text,
				"reported_by": "Pleinwacht (demo)",
				"involved": "A.B., C.D.",
			}
		)
		if kind == "Sexually Transgressive Behaviour":
			incident.update({"flag": "Yellow", "not_context_appropriate": 1})
		incident.insert()
	reported = frappe.db.get_value(
		"Meldcode Dossier", {"school": SCHOOL[0], "pupil_name": pupil_of(route.REPORTED)}
	)
	frappe.get_doc(
		{
			"doctype": "Meldcode Monitoring Report",
			"school": SCHOOL[0],
			"dossier": reported,
			"report_date": today(),
			"contact_person": email("af"),
			"subject": "Neglect",
			"description": "Vermoeden van verwaarlozing van een kind; melding gedaan bij Veilig Thuis.",
			"public_unrest": "None",
			"involved_parents": 1,
			"melding_made": "Yes, Child Abuse",
			"informing_needed": "Yes",
			"informing_note": "Moeder is vooraf ingelicht.",
			"knelpunten": "Het oudergesprek kon pas na twee weken plaatsvinden.",
			"activities": [{"activity": "Gesprekken met ouders", "times": 2}],
		}
	).insert()


def make_serious_incident():
	"""A serious incident with the actieplan calamiteit, its first items ticked, and the opvang of
	its victim under way: the follow-up conversation on the director's ToDo list."""
	if frappe.db.exists("Safety Incident", {"school": SCHOOL[0], "calamity": 1}):
		return
	frappe.set_user(email("directeur"))
	incident = frappe.get_doc(
		{
			"doctype": "Safety Incident",
			"school": SCHOOL[0],
			"incident_date": add_days(today(), -3),
			"location": "Gymzaal",
			"category": "Sexually Transgressive Behaviour",
			"description": "Twee leerlingen uit groep 8 filmden een klasgenoot in de kleedkamer en deelden de "
			"beelden in een groepsapp.",
			"reported_by": "Vakleerkracht gym (demo)",
			"involved": "E.F., G.H., J.K.",
			"flag": "Red",
			"calamity": 1,
			"victim_pupil": 1,
			"victim_initials": "L.M.",
			"bestuurder_informed_on": add_days(today(), -3),
			"opvangteam_formed_on": add_days(today(), -2),
			"opvangteam": "Directeur, aandachtsfunctionaris, leerkracht groep 8 (demo)",
			"victim_contacted_on": add_days(today(), -1),
		}
	).insert()
	run = frappe.get_doc("Meldcode Protocol Run", {"safety_incident": incident.name})
	for row in run.steps[:5]:
		row.done = 1
	run.steps[4].note = "Ouders van de drie leerlingen morgen om 8.30 uur uitgenodigd."
	run.save()


def make_exclusions():
	"""A time-out and a schorsing, with the steps the protocol asks recorded."""
	if frappe.db.exists("Meldcode Exclusion", {"school": SCHOOL[0]}):
		return
	frappe.set_user(email("directeur"))
	incident = frappe.db.get_value(
		"Safety Incident", {"school": SCHOOL[0], "category": "Aggression and Violence"}
	)
	frappe.get_doc(
		{
			"doctype": "Meldcode Exclusion",
			"measure": "Time-Out",
			"school": SCHOOL[0],
			"incident": incident,
			"pupil_name": "Demo-leerling 10",
			"start_date": add_days(today(), -5),
			"reasons": "Sloeg na schooltijd bij het hek een medeleerling en bleef daarna in de klas "
			"schoppen en schreeuwen; de les kon niet verder.",
			"director_approved": 1,
			"parents_told_at": f"{add_days(today(), -5)} 11:15:00",
			"board_reported_on": add_days(today(), -4),
			"parents_letter_on": add_days(today(), -5),
			"conversation_on": add_days(today(), -4),
			"report_signed": 1,
		}
	).insert()
	frappe.get_doc(
		{
			"doctype": "Meldcode Exclusion",
			"measure": "Suspension",
			"school": SCHOOL[0],
			"pupil_name": "Demo-leerling 11",
			"start_date": add_days(today(), -3),
			"end_date": add_days(today(), -2),
			"reasons": "Bedreigde een leerkracht met een schaar na een eerdere time-out en eerdere "
			"afspraken met de ouders; de veiligheid van leerlingen en leerkracht staat voorop.",
			"board_approved_on": add_days(today(), -4),
			"inspectie_informed_on": add_days(today(), -2),
			"learning_measures": "Huiswerkpakket van de groepsleerkracht; dagelijks telefonisch contact.",
			"parents_letter_on": add_days(today(), -4),
			"conversation_on": add_days(today(), -4),
			"report_signed": 1,
			"report_sent_on": add_days(today(), -1),
		}
	).insert()


def make_staff_report():
	"""A teacher reports a suspicion about a volunteer; the board has consulted the
	vertrouwensinspecteur and not yet decided."""
	if frappe.db.exists("Meldcode Staff Report", {"school": SCHOOL[0]}):
		return
	frappe.set_user(email("leerkracht"))
	report_suspicion(
		school=SCHOOL[0],
		nature="Sexual Intimidation",
		accused_function="Volunteer",
		accused_initials="K.V.",
		pupil_initials="M.B.",
		information="Een leerling uit groep 7 vertelde dat een overblijfvrijwilliger haar meermaals "
		"berichtjes stuurde over haar uiterlijk en vroeg dat geheim te houden.",
	)
	if BOARD not in frappe.get_roles(email(BOARD_USER[0])):
		return  # the demo's board member waits for a board member's confirmation (not made by the bench)
	frappe.set_user(email(BOARD_USER[0]))
	doc = frappe.get_last_doc("Meldcode Staff Report", filters={"school": SCHOOL[0]})
	doc.update(
		{
			"inspector_consulted_on": today(),
			"inspector_name": "Vertrouwensinspecteur (demo)",
			"inspector_advice": "De berichten veiligstellen, de vrijwilliger voorlopig niet inroosteren en "
			"binnen enkele dagen vaststellen of er een redelijk vermoeden van een strafbaar feit is.",
		}
	)
	doc.save()
