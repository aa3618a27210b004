"""The route of a Meldcode Dossier in Frappe: guards on each move, the casemanager per phase,
the terms each phase starts, and reopening by a new signal."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from meldcode_app.access.school_membership import active_staff
from meldcode_app.meldcode_app.doctype.meldcode_route.meldcode_route import route_snapshot
from meldcode_app.rules import route, routes
from meldcode_app.rules.afwegingskader import ORGANISE_HELP
from meldcode_app.rules.terms import (
	CONSULT_VEILIG_THUIS,
	INFORM_VEILIG_THUIS,
	SAME_DAY_CONVERSATION,
	SAME_DAY_MELDING,
)
from meldcode_app.terms import add_term, close_todo, keep_term, snapshot_of
from meldcode_app.utils import acting_as_system, translated


def facts_of(dossier) -> route.DossierFacts:
	name = dossier.name
	weighings = {"dossier": name, "docstatus": 1}
	if weighing_since := last_entered(dossier, route.STEP_4):
		# a decision rests on a weighing of this round: a new signal reopened the dossier at step 4,
		# or the team weighed again, and the earlier weighing decided (H39)
		weighings["creation"] = (">=", weighing_since)
	latest_weighing = frappe.get_all(
		"Meldcode Weighing",
		filters=weighings,
		fields=["outcome"],
		order_by="weighing_date desc, creation desc",
		limit=1,
	)
	meldingen = frappe.get_all(
		"Veilig Thuis Contact",
		filters={"dossier": name, "docstatus": 1, "contact_type": "Melding"},
		pluck="contact_datetime",
	)
	return route.DossierFacts(
		signals=frappe.db.count("Meldcode Signal", {"dossier": name}),
		parents_conversation_signed=bool(
			frappe.db.exists(
				"Meldcode Conversation", {"dossier": name, "docstatus": 1, "conversation_type": "Parents"}
			)
		),
		parents_conversation_exception=bool(dossier.no_parents_conversation_reason),
		latest_weighing_outcome=latest_weighing[0].outcome if latest_weighing else None,
		melding_submitted=bool(meldingen),
		melding_today=any(getdate(moment) == getdate(today()) for moment in meldingen),
		aftercare_until=getdate(dossier.aftercare_until) if dossier.aftercare_until else None,
		today=getdate(today()),
		closing_outcome=dossier.closing_outcome,
		acute=bool(dossier.acute),
		reopened_by_signal=bool(dossier.flags.reopened_by_signal),
		support_team_required=bool(snapshot_of(dossier).get("support_team_first")),
		support_team_since_step=support_team_since_step(dossier),
	)


def last_entered(dossier, state: str):
	"""When the dossier, as stored, last entered ``state`` (None if it never did)."""
	before = dossier.get_doc_before_save() or dossier
	return max((row.creation for row in before.steps if row.state == state and row.creation), default=None)


def support_team_since_step(dossier) -> bool:
	"""A support-team conversation signed since the dossier entered its current step (H46)."""
	before = dossier.get_doc_before_save()
	entered = [row.entered_on for row in (before or dossier).steps]
	if not entered:
		return False
	return bool(
		frappe.db.exists(
			"Meldcode Conversation",
			{
				"dossier": dossier.name,
				"docstatus": 1,
				"conversation_type": "Support Team",
				"conversation_date": (">=", entered[-1]),
			},
		)
	)


def validate_move(dossier):
	"""Refuse a move whose preconditions are missing, naming each of them."""
	before = dossier.get_doc_before_save()
	old = before.workflow_state if before else None
	if before and old == route.CLOSED and dossier.workflow_state == route.CLOSED:
		refuse_changes_to_closed(dossier, before)
	if not old or old == dossier.workflow_state:
		return
	blockers = route.transition_blockers(old, dossier.workflow_state, facts_of(dossier))
	if blockers:
		frappe.throw(
			"<br>".join(translated(b) for b in blockers),
			title=_("Not yet possible: {0}").format(_(dossier.workflow_state)),
		)


def refuse_changes_to_closed(dossier, before):
	"""A closed dossier is kept as it was closed (H33); a new signal reopens it."""
	changed = [
		df.label
		for df in dossier.meta.fields
		if df.fieldtype not in ("Section Break", "Column Break", "Tab Break", "Table")
		and df.fieldname not in ("legal_hold", "legal_hold_reason")
		and str(dossier.get(df.fieldname) or "") != str(before.get(df.fieldname) or "")
	]
	if changed:
		frappe.throw(
			_("A closed dossier cannot be changed ({0}). A new signal reopens it.").format(
				", ".join(_(label) for label in changed)
			),
			title=_("Dossier closed"),
		)


# States a dossier reaches with its data gathered (H17).
DATA_GATHERED = (route.STEP_4, route.STEP_5, route.HELP_ORGANISED, route.REPORTED, route.STEP_6)


def apply_move(dossier):
	"""What entering a state does: casemanager, terms, closing date."""
	before = dossier.get_doc_before_save()
	old = before.workflow_state if before else None
	new = dossier.workflow_state
	if old == new:
		return
	dossier.append("steps", {"state": new, "entered_on": today(), "entered_by": frappe.session.user})
	if dossier.acute and new == route.REPORTED:
		keep_term(dossier, SAME_DAY_MELDING)
	set_casemanager(dossier)
	if new == route.STEP_2:
		add_term(dossier, "data_gathering", today(), staff_of(dossier, "Director"))
	if new in DATA_GATHERED:
		# the weighing (or a report on the acute path) rests on the data gathered: its term is kept,
		# not escalated to the director after three weeks (H17)
		keep_term(dossier, "data_gathering")
	if new == route.CLOSED:
		dossier.closed_on = today()
		for row in dossier.terms:
			if row.status == "Open":
				row.status = "Cancelled"
				close_todo(dossier.name, row)


def set_aftercare(dossier):
	"""Aftercare runs from the evaluation date for the route's months (H21). Its end is derived,
	never taken as posted: a read-only field's value from a request is stored as sent, and an end
	in the past let a dossier close at once (the H21 audit)."""
	dossier.aftercare_until = None
	if dossier.evaluation_date:
		term = add_term(
			dossier,
			"aftercare",
			dossier.evaluation_date,
			first_signaller(dossier) or staff_of(dossier, "Teacher"),
		)
		dossier.aftercare_until = getdate(term.due_date)  # the route's own amount, as its term


def set_route(dossier):
	"""A new dossier follows its school's route, and keeps the version it started with."""
	dossier.route = dossier.route or frappe.db.get_value("Meldcode School", dossier.school, "route")
	dossier.route_snapshot = dossier.route_version = None
	if dossier.route:
		snap = route_snapshot(frappe.get_doc("Meldcode Route", dossier.route))
		dossier.route_snapshot, dossier.route_version = frappe.as_json(snap), snap["version"]


def set_casemanager(dossier):
	function = routes.casemanager_function(snapshot_of(dossier), dossier.workflow_state, bool(dossier.acute))
	user = first_signaller(dossier) if function == "Teacher" else staff_of(dossier, function)
	if user and user != dossier.casemanager:
		dossier.casemanager, dossier.casemanager_function = user, function
		record_event(dossier, "Casemanager Changed", person=user, function=function)


def start_acute_path(dossier):
	"""Direct danger (H36): the director is casemanager at once; conversation and melding the same day."""
	if dossier.acute:
		return
	dossier.acute = 1
	record_event(dossier, "Acute Path")
	set_casemanager(dossier)
	snap = snapshot_of(dossier)
	if not snap or snap.get("same_day"):
		add_term(dossier, SAME_DAY_CONVERSATION, today(), dossier.casemanager, due=today())
	add_term(dossier, SAME_DAY_MELDING, today(), dossier.casemanager, due=today())


def record_event(dossier, event_type: str, **facts):
	"""An event the app records: its kind and facts (who, which function, which signal, which
	state), no sentence; the form says it in the reader's language (meldcode_dossier.js)."""
	dossier.append(
		"events",
		{"event_date": now_datetime(), "event_type": event_type, "recorded_by": frappe.session.user, **facts},
	)


def process_new_events(dossier):
	"""Events a user adds start their terms (H45 extra behaviour rules, H37 threat of withdrawal)."""
	for row in dossier.events:
		if row.recorded_by:
			continue
		row.recorded_by = frappe.session.user
		day = getdate(row.event_date)
		if row.event_type == "Extra Behaviour Rules Started":
			add_term(dossier, "behaviour_rules_first_evaluation", day, staff_of(dossier, "Intern Begeleider"))
		elif row.event_type == "Threat of School Withdrawal":
			add_term(dossier, CONSULT_VEILIG_THUIS, day, staff_of(dossier, "Aandachtsfunctionaris"), due=day)
		elif row.event_type == "Pupil Leaves the School" and frappe.db.exists(
			"Veilig Thuis Contact", {"dossier": dossier.name, "docstatus": 1, "contact_type": "Melding"}
		):
			# A child known at Veilig Thuis changes school: Veilig Thuis is told (H38).
			add_term(dossier, INFORM_VEILIG_THUIS, day, staff_of(dossier, "Aandachtsfunctionaris"), due=day)
		elif row.event_type == "Evaluation Meeting" and dossier.terms:
			behaviour = [
				t for t in dossier.terms if t.term_code.startswith("behaviour_rules") and t.status == "Open"
			]
			for term in behaviour:
				keep_term(dossier, term.term_code, day)
				add_term(dossier, "behaviour_rules_evaluation", day, term.responsible)


def staff_of(dossier, function: str) -> str | None:
	"""The case team member with ``function``, else the school's first staff member with it."""
	for row in dossier.case_team:
		if row.function == function:
			return row.user
	users = [user for _school, _function, user in active_staff([dossier.school], (function,))]
	return users[0] if users else None


def first_signaller(dossier) -> str | None:
	if dossier.is_new():
		return None
	signallers = frappe.get_all(
		"Meldcode Signal",
		filters={"dossier": dossier.name},
		pluck="signalled_by",
		order_by="signal_date asc, creation asc",
		limit=1,
	)
	return signallers[0] if signallers else None


def reopen_by_signal(dossier_name: str, signal_name: str):
	"""A new signal on a dossier in monitoring, after a melding or closed reopens it at stap 4 (H39):
	a stored signal that names the dossier, of the dossier's school."""
	stored = frappe.db.get_value("Meldcode Dossier", dossier_name, ["workflow_state", "school"], as_dict=True)
	if not stored or stored.workflow_state not in route.REOPENED_BY_SIGNAL:
		return
	if not frappe.db.exists(
		"Meldcode Signal", {"name": signal_name, "dossier": dossier_name, "school": stored.school}
	):
		return
	state = stored.workflow_state
	with acting_as_system() as user:
		dossier = frappe.get_doc("Meldcode Dossier", dossier_name)
		dossier.flags.reopened_by_signal = True
		dossier.workflow_state = route.STEP_4
		dossier.closing_outcome = dossier.closing_reason = dossier.closed_on = None
		record_event(dossier, "Reopened by New Signal", reference=signal_name, state=state)
		dossier.events[-1].recorded_by = user
		dossier.save()


def open_help_term(dossier, weighing):
	if weighing.outcome == ORGANISE_HELP and weighing.help_term:
		add_term(dossier, "help_effect", weighing.weighing_date, dossier.casemanager, due=weighing.help_term)
	elif weighing.q5_result:
		keep_term(dossier, "help_effect", weighing.weighing_date)


def after_move(dossier):
	before = dossier.get_doc_before_save()
	if not before or before.workflow_state == dossier.workflow_state:
		return
	if dossier.workflow_state in (route.REPORTED, route.CLOSED):
		prompt_monitoring_report(dossier)
	if dossier.workflow_state == route.CLOSED:
		for method in frappe.get_hooks("meldcode_dossier_closed"):
			frappe.get_attr(method)(dossier)
	if dossier.workflow_state == route.CLOSED and dossier.closing_outcome == route.UNFOUNDED:
		# Closing as unfounded destroys the working notes (H22); the working notes register here.
		for method in frappe.get_hooks("meldcode_dossier_closed_unfounded"):
			frappe.get_attr(method)(dossier)


def prompt_monitoring_report(dossier):
	"""A Rapportage Meldcode is filled in when a melding is made or a dossier closes (H43)."""
	users = [user for _school, _function, user in active_staff([dossier.school], ("Aandachtsfunctionaris",))]
	for user in set(users):
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"reference_type": "Meldcode Dossier",
				"reference_name": dossier.name,
				"date": today(),
				"description": _("Fill in the Rapportage Meldcode for dossier {0} ({1}).").format(
					dossier.name, _(dossier.workflow_state)
				),
			}
		).insert(ignore_permissions=True)
