"""Terms of the protocols' records (a suspicion about staff, a measure, the opvang after an
incident): a ToDo with its due date for whoever must act, carrying a link and the term's name
only, closed when the step is done."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from meldcode_app.access.grants import board_members
from meldcode_app.rules.term_escalation import (
	ACTOR,
	BOARD,
	DIRECTOR,
	ESCALATED,
	NONE,
	RECORD_TERMS,
	REMINDED,
	audience,
	may_escalate,
	next_level,
)
from meldcode_app.settings import working_day_calendar
from meldcode_app.terms import insert_notifications, school_staff, user_languages
from meldcode_app.utils import acting_as_system

# What the daily job needs besides the term: who is never told of a suspicion about themselves,
# which measure (a time-out never goes to the board).
EXTRA_FIELDS = {"Meldcode Staff Report": ("accused_user",), "Meldcode Exclusion": ("measure",)}


def keep_term_todo(doc, term: str, due, users: list[str], done: bool) -> None:
	"""Open (or move) the ToDo of ``term`` for each of ``users`` while it is due and not done;
	close it once done."""
	description = _("Term {0} of {1} {2}").format(_(term), _(doc.doctype), doc.name)
	todo = frappe.qb.DocType("ToDo")
	open_todos = frappe.get_all(
		"ToDo",
		filters={
			"reference_type": doc.doctype,
			"reference_name": doc.name,
			"description": description,
			"status": "Open",
		},
		fields=["name", "allocated_to", "date"],
	)
	with acting_as_system():  # the app keeps the clock, whoever saved the record
		if done or not due:
			if open_todos:
				frappe.qb.update(todo).set(todo.status, "Closed").where(
					todo.name.isin([t.name for t in open_todos])
				).run()
			return
		have = {t.allocated_to for t in open_todos}
		for t in open_todos:
			if str(t.date) != str(due):
				frappe.db.set_value("ToDo", t.name, "date", due)
		for user in sorted(set(users) - have):
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": user,
					"reference_type": doc.doctype,
					"reference_name": doc.name,
					"date": due,
					"description": description,
					"priority": "High",
				}
			).insert(ignore_permissions=True)


def reset_escalations(doc) -> None:
	"""The level a term reached is the daily job's and stays as stored (a form opened before the
	job ran would send back the old one); a term whose due date moved starts over."""
	before = doc.get_doc_before_save()
	for term in RECORD_TERMS:
		if term.doctype != doc.doctype:
			continue
		due = doc.get(term.due_field)
		if before is None or str(before.get(term.due_field) or "") != str(due or ""):
			doc.set(term.level_field, NONE)
		else:
			doc.set(term.level_field, before.get(term.level_field) or NONE)


def remind_and_escalate(on: date | str | None = None) -> None:
	"""Daily job: the day before a term of a suspicion about staff, of a measure or of the opvang
	after an incident is due, whoever must act is reminded; when it is overdue, the next in line is
	told (rules/term_escalation.py).
	Notifications carry a link and the term's name only. A fixed number of queries, however many
	records are open."""
	on = getdate(on or today())
	calendar = working_day_calendar()
	due_terms = []
	for term in RECORD_TERMS:
		table = frappe.qb.DocType(term.doctype)
		extra = [table[field] for field in EXTRA_FIELDS.get(term.doctype, ())]
		query = (
			frappe.qb.from_(table)
			.select(
				table.name,
				table.school,
				table.owner,
				table[term.due_field].as_("due"),
				table[term.level_field].as_("level"),
				*extra,
			)
			.where(table[term.due_field].isnotnull())
			.where(table[term.due_field] <= add_days(on, 1))
			.where(table[term.done_field].isnull())
			.where(table[term.level_field] < ESCALATED)
		)
		if term.doctype == "Meldcode Staff Report":
			query = query.where(table.status != "Closed")
		due_terms += [(term, row) for row in query.run(as_dict=True)]
	if not due_terms:
		return
	board = sorted(board_members())
	directors = school_staff({row.school for _term, row in due_terms}, ("Director",))
	notifications, new_levels = [], {}
	for term, row in due_terms:
		due = getdate(row.due)
		overdue = calendar.working_days_between(due, on) if on > due else 0
		measure = row.get("measure")
		level = next_level(row.level or NONE, due, on, overdue, may_escalate(term.doctype, measure))
		if level == (row.level or NONE):
			continue
		new_levels.setdefault((term, level), []).append(row.name)
		recipients = {
			ACTOR: [row.owner] if row.owner and row.owner != "Administrator" else [],
			DIRECTOR: directors.get((row.school, "Director"), []),
			BOARD: board,
			None: [],
		}[audience(term.doctype, level, measure)]
		if level == REMINDED and not recipients:  # recorded by the system: its director acts
			recipients = directors.get((row.school, "Director"), [])
		notifications += [
			(user, term, row, level) for user in sorted(set(recipients)) if user != row.get("accused_user")
		]
	languages = user_languages({user for user, *_rest in notifications})
	insert_notifications(
		[
			(user, term.doctype, row.name, record_term_subject(term, row, level, languages[user]))
			for user, term, row, level in notifications
		]
	)
	for (term, level), names in new_levels.items():
		table = frappe.qb.DocType(term.doctype)
		frappe.qb.update(table).set(table[term.level_field], level).where(table.name.isin(names)).run()


def record_term_subject(term, row, level: int, lang: str) -> str:
	"""The notification's subject in its reader's language: the term, the record, the date."""
	subject = (
		_("Term {0} of {1} {2} is due on {3}", lang)
		if level == REMINDED
		else _("Term {0} of {1} {2} is overdue since {3}", lang)
	)
	return subject.format(
		_(term.label, lang), _(term.doctype, lang), row.name, frappe.format(row.due, "Date")
	)
