"""A run of a protocol on what it concerns: the template's steps copied once, each ticked with who
and when, terms on the ToDo list of whoever acts and reminded by the daily job (rules/protocols.py)."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, cint, get_fullname, getdate, now_datetime, today

from meldcode_app.record_terms import keep_term_todo
from meldcode_app.rules.calamity import Tick, stamp
from meldcode_app.rules.protocols import (
	ACTIEPLAN_CALAMITEIT,
	DIRECTOR,
	INCIDENT,
	PROFESSIONAL,
	TEMPLATES,
	UNWANTED_BEHAVIOUR,
	check_actors,
	check_run,
	check_step_terms,
	check_tick,
	due_date,
	who_acts,
)
from meldcode_app.rules.term_escalation import NONE, OVERDUE, REMINDED, next_level
from meldcode_app.terms import school_staff, tell_and_escalate
from meldcode_app.utils import rules_enforced

RUN = "Meldcode Protocol Run"


def check_protocol(protocol) -> None:
	"""validate of a protocol: who acts on its steps suits what it concerns."""
	with rules_enforced(_("Protocol not saved")):
		check_actors(protocol.kind, [(row.number or row.idx, row.actor) for row in protocol.steps])
		check_step_terms([(row.number or row.idx, row.due_days) for row in protocol.steps])


def prepare(run) -> None:
	"""validate: what the run concerns, who recorded it (set when it starts), its steps (from the
	template it starts with, then as stored) and the ticks."""
	protocol = frappe.get_cached_doc("Meldcode Protocol", run.protocol)
	if protocol.school and protocol.school != run.school:
		frappe.throw(_("Protocol {0} is for another school.").format(run.protocol), title=_("Wrong protocol"))
	before = run.get_doc_before_save()
	run.kind = protocol.kind
	if run.kind != INCIDENT:  # a new form from a list filtered on an incident carries it along
		run.safety_incident = None
	if before:
		run.professional = before.professional
	else:  # a report of unwanted behaviour is recorded by the professional concerned
		run.professional = frappe.session.user if run.kind == UNWANTED_BEHAVIOUR else None
	run.professional_name = run.professional and get_fullname(run.professional)
	if run.safety_incident:
		if frappe.db.get_value("Safety Incident", run.safety_incident, "school") != run.school:
			frappe.throw(
				_("Incident {0} belongs to another school.").format(run.safety_incident),
				title=_("Wrong incident"),
			)
	with rules_enforced(_("Protocol not started")):
		check_run(run.kind, run.safety_incident, run.professional)
	if not run.flags.keep_ticks:  # the patch brings the old checklist over as it was
		keep_steps(run, protocol, before)
		check_ticks(run, before)
		stamp_ticks(run, before)
	run.status = "Finished" if run.steps and all(row.done for row in run.steps) else "Open"


def keep_steps(run, protocol, before) -> None:
	"""A new run's steps are its template's; an existing run's are as stored, whatever is posted,
	only their ticks and notes taken from the form."""
	if not before:
		run.set(
			"steps",
			[
				{
					"number": step.number,
					"section": step.section,
					"step_text": step.step_text,
					"actor": step.actor,
					"due_date": due_date(getdate(run.started_on), step.due_days),
				}
				for step in protocol.steps
			],
		)
		return
	posted = {row.name: row for row in run.steps}
	steps = []
	for was in before.steps:
		row = posted.get(was.name, was)  # a row left out stays as it was
		steps.append({**was.as_dict(), "done": 1 if cint(row.done) else 0, "note": row.note})
	run.set("steps", steps)


def check_ticks(run, before) -> None:
	"""A step is ticked or unticked only by whoever acts on it or by the school's director."""
	stored = {row.name: bool(row.done) for row in (before.steps if before else [])}
	changed = [row for row in run.steps if bool(row.done) != stored.get(row.name, False)]
	if not changed:
		return
	staff = staff_of({run.school}, {row.actor for row in changed})
	directors = told(run, DIRECTOR, staff)
	with rules_enforced(_("Step not ticked")):
		for row in changed:
			acting = told(run, row.actor, staff)
			check_tick(frappe.session.user, row.number or row.idx, row.actor, acting, directors)


def stamp_ticks(run, before) -> None:
	"""Who ticked a step and when, set by the server once and kept while it stays ticked."""
	stored = {row.name: row for row in (before.steps if before else [])}
	now, user = now_datetime(), frappe.session.user
	for row in run.steps:
		was = stored.get(row.name)
		tick = Tick(
			bool(row.done),
			row.done_by,
			row.done_on,
			bool(was and was.done),
			was.done_by if was else None,
			was.done_on if was else None,
		)
		stamp([tick], user, now)
		row.done_by, row.done_on = tick.done_by, tick.done_on
		row.done_by_name = tick.done_by and get_fullname(tick.done_by)


def keep_todos(run) -> None:
	"""on_update: each step with a term on the ToDo list of whoever acts, closed once ticked."""
	staff = staff_of({run.school}, {row.actor for row in run.steps})
	for row in run.steps:
		if not row.due_date and not row.done:
			continue
		keep_term_todo(run, step_term(row), row.due_date, sorted(told(run, row.actor, staff)), bool(row.done))


def staff_of(schools: set[str], actors: set[str]) -> dict[tuple[str, str], list[str]]:
	"""The staff of ``schools`` in the functions that ``actors`` name, and their directors."""
	return school_staff(schools, tuple((actors | {DIRECTOR}) - {PROFESSIONAL}))


def told(run, actor: str, staff: dict[tuple[str, str], list[str]]) -> set[str]:
	"""Who acts on a step of ``run`` (a run or a row with its kind, school and professional): the
	only people told of it (ToDo, reminder, the director once overdue) and who tick it (with the
	director). The one place that names them."""
	return who_acts(run.kind, actor, run.professional, lambda function: staff.get((run.school, function), ()))


def step_term(row) -> str:
	return _("Step {0}").format(row.number or row.idx)


def start_for_incident(incident, protocol_name: str = ACTIEPLAN_CALAMITEIT) -> str | None:
	"""A serious incident gets the actieplan calamiteit (the school's own version where it has
	one) once; returns the run's name."""
	protocol = protocol_for(incident.school, protocol_name)
	if not protocol:
		return None
	existing = frappe.db.get_value(RUN, {"safety_incident": incident.name, "protocol": protocol}, "name")
	if existing:
		return existing
	run = frappe.get_doc(
		{
			"doctype": RUN,
			"protocol": protocol,
			"school": incident.school,
			"safety_incident": incident.name,
			"started_on": incident.incident_date or today(),
		}
	)
	run.insert(ignore_permissions=True)
	return run.name


def protocol_for(school: str, shipped_name: str) -> str | None:
	"""The school's own adaptation of a shipped protocol (same kind, named after it) before the
	shipped one itself."""
	own = frappe.get_all(
		"Meldcode Protocol",
		filters={"school": school, "protocol_name": ("like", f"{shipped_name}%"), "disabled": 0},
		pluck="name",
		limit=1,
	)
	if own:
		return own[0]
	return (
		shipped_name if frappe.db.exists("Meldcode Protocol", {"name": shipped_name, "disabled": 0}) else None
	)


def add_missing_templates() -> None:
	"""The shipped templates, added when missing so a school's edits survive `bench migrate`."""
	for template in TEMPLATES:
		if frappe.db.exists("Meldcode Protocol", template.name):
			continue
		frappe.get_doc(
			{
				"doctype": "Meldcode Protocol",
				"protocol_name": template.name,
				"kind": template.kind,
				"source": template.source,
				"steps": [
					{
						"number": s.number,
						"section": s.section,
						"step_text": s.text,
						"actor": s.actor,
						"due_days": s.due_days,
					}
					for s in template.steps
				],
			}
		).insert(ignore_permissions=True)


def remind_and_escalate(on: date | str | None = None) -> None:
	"""Daily job: the day before a step's term whoever acts is reminded (their ToDo's users); once
	overdue the school's director is told. A link and the step's name only, each told once."""
	on = getdate(on or today())
	run, step = frappe.qb.DocType(RUN), frappe.qb.DocType("Meldcode Protocol Run Step")
	rows = (
		frappe.qb.from_(step)
		.join(run)
		.on(run.name == step.parent)
		.select(
			step.name,
			step.parent,
			step.number,
			step.idx,
			step.due_date,
			step.escalation,
			step.actor,
			run.kind,
			run.school,
			run.professional,
		)
		.where(step.parenttype == RUN)
		.where(step.due_date.isnotnull())
		.where(step.due_date <= add_days(on, 1))
		.where(step.done == 0)
		.where(step.escalation < OVERDUE)
	).run(as_dict=True)
	if not rows:
		return
	staff = staff_of({r.school for r in rows}, {r.actor for r in rows})
	notifications, levels = [], {}
	for row in rows:
		level = next_level(row.escalation or NONE, getdate(row.due_date), on, 0, False)
		if level == (row.escalation or NONE):
			continue
		levels.setdefault(level, []).append(row.name)
		users = told(row, row.actor if level == REMINDED else DIRECTOR, staff)
		notifications += [(user, row, level) for user in sorted(users)]
	tell_and_escalate(notifications, RUN, step_subject, step, step.escalation, levels)


def step_subject(row, level: int, lang: str) -> str:
	subject = (
		_("Step {0} of {1} {2} is due on {3}", lang)
		if level == REMINDED
		else _("Step {0} of {1} {2} is overdue since {3}", lang)
	)
	return subject.format(
		row.number or row.idx, _(RUN, lang), row.parent, frappe.format(row.due_date, "Date")
	)
