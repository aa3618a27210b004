"""The running terms of a dossier: add, keep, and the daily reminder and escalation job."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, getdate, now_datetime, today

from meldcode_app.access.school_membership import active_staff
from meldcode_app.rules.terms import TERM_LABELS, next_deadline
from meldcode_app.safe_api import safe_method
from meldcode_app.settings import term_due_date, working_day_calendar

# Escalation: 1 = the responsible person was reminded, 2 = the aandachtsfunctionaris was told
# the term is overdue, 3 = the director was told (after ESCALATE_TO_DIRECTOR_AFTER working days).
REMINDED, TO_AANDACHTSFUNCTIONARIS, TO_DIRECTOR = 1, 2, 3
ESCALATE_TO_DIRECTOR_AFTER = 3


def add_term(dossier, code: str, start: date | str, responsible: str | None, due: date | str | None = None):
	"""Add an open term to ``dossier`` (not saved here) and a ToDo for the responsible person.
	The due date comes from Meldcode Settings unless ``due`` is given."""
	due = getdate(due) if due else term_due_date(code, start, snapshot_of(dossier).get("terms"))
	for row in dossier.terms:
		if row.term_code == code and row.status == "Open":
			row.update({"start_date": start, "due_date": due, "responsible": responsible or row.responsible})
			return row
	row = dossier.append(
		"terms",
		{
			"term_code": code,
			"term": TERM_LABELS[code],
			"start_date": start,
			"due_date": due,
			"responsible": responsible,
			"status": "Open",
		},
	)
	if responsible and not dossier.is_new():
		create_todo(dossier.name, row, responsible)
	return row


def snapshot_of(dossier) -> dict:
	"""What the dossier keeps of the route it started with (empty without a route)."""
	return frappe.parse_json(dossier.route_snapshot) if dossier.route_snapshot else {}


def create_todo(dossier_name: str, row, user: str):
	"""A ToDo with a link only: no pupil name, no case content. Not an assignment, so it shares
	nothing. Described in the language of the one who must act."""
	lang = user_languages({user})[user]
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": user,
			"reference_type": "Meldcode Dossier",
			"reference_name": dossier_name,
			"date": row.due_date,
			"description": _("Term {0} of dossier {1}", lang).format(_(row.term, lang), dossier_name),
			"priority": "High",
		}
	).insert(ignore_permissions=True)


def keep_term(dossier, code: str, on: date | str | None = None):
	"""Mark the open term ``code`` as kept and close its ToDo."""
	for row in dossier.terms:
		if row.term_code == code and row.status == "Open":
			row.status = "Kept"
			row.completed_on = on or today()
			close_todo(dossier.name, row)


def close_todo(dossier_name: str, row):
	todo = frappe.qb.DocType("ToDo")
	(
		frappe.qb.update(todo)
		.set(todo.status, "Closed")
		.where(todo.reference_type == "Meldcode Dossier")
		.where(todo.reference_name == dossier_name)
		.where(todo.allocated_to == (row.responsible or ""))
		.where(todo.date == row.due_date)
		.where(todo.status == "Open")
	).run()


def set_next_deadline(dossier):
	"""The dossier's next deadline and whether a term is overdue, as its list shows them."""
	due_dates = [getdate(row.due_date) for row in dossier.terms if row.status == "Open" and row.due_date]
	dossier.next_due_date, overdue = next_deadline(due_dates, getdate(today()))
	dossier.overdue = int(overdue)


def renew_next_deadlines(on: date | None = None):
	"""Daily job: every dossier's next deadline and overdue mark, in one statement (a term falls
	overdue by the date alone, without anyone saving the dossier)."""
	frappe.db.sql(
		"""update `tabMeldcode Dossier` dossier
		left join (
			select parent, min(due_date) as due_date from `tabMeldcode Dossier Term`
			where parenttype = 'Meldcode Dossier' and status = 'Open' and due_date is not null
			group by parent
		) term on term.parent = dossier.name
		set dossier.next_due_date = term.due_date,
			dossier.overdue = coalesce(term.due_date < %(on)s, 0)""",
		{"on": getdate(on or today())},
	)


def remind_and_escalate(on: date | None = None):
	"""Daily job: remind the responsible person the day before a term is due, tell the
	aandachtsfunctionaris when it is overdue and the director when it stays overdue.
	A fixed number of queries, however many dossiers are open."""
	on = getdate(on or today())
	calendar = working_day_calendar()
	term, dossier = frappe.qb.DocType("Meldcode Dossier Term"), frappe.qb.DocType("Meldcode Dossier")
	rows = (
		frappe.qb.from_(term)
		.join(dossier)
		.on(dossier.name == term.parent)
		.select(
			term.name,
			term.parent,
			term.term,
			term.due_date,
			term.responsible,
			term.escalation_level,
			dossier.school,
		)
		.where(term.parenttype == "Meldcode Dossier")
		.where(term.status == "Open")
		.where(term.due_date <= add_days(on, 1))
		.where(term.escalation_level < TO_DIRECTOR)
	).run(as_dict=True)
	if not rows:
		return
	staff = school_staff({row.school for row in rows}, ("Aandachtsfunctionaris", "Director"))
	notifications, new_levels = [], {}
	for row in rows:
		overdue_days = calendar.working_days_between(getdate(row.due_date), on)
		level, recipients = row.escalation_level, []
		if overdue_days > ESCALATE_TO_DIRECTOR_AFTER and level < TO_DIRECTOR:
			level, recipients = TO_DIRECTOR, staff.get((row.school, "Director"), [])
		elif overdue_days > 0 and level < TO_AANDACHTSFUNCTIONARIS:
			level, recipients = TO_AANDACHTSFUNCTIONARIS, staff.get((row.school, "Aandachtsfunctionaris"), [])
		elif overdue_days <= 0 and level < REMINDED and row.responsible:
			level, recipients = REMINDED, [row.responsible]
		if level == row.escalation_level:
			continue
		new_levels.setdefault(level, []).append(row.name)
		notifications += [(user, row, level) for user in set(recipients)]
	tell_and_escalate(
		notifications, "Meldcode Dossier", term_subject, term, term.escalation_level, new_levels
	)


def tell_and_escalate(notifications: list, doctype: str, subject, table, level_field, levels: dict):
	"""The reminders and escalations of a daily run: each (user, row, level) told by a notification
	on the row's parent, in the reader's language, and each row's level of escalation kept."""
	languages = user_languages({user for user, _row, _level in notifications})
	insert_notifications(
		[
			(user, doctype, row.parent, subject(row, level, languages[user]))
			for user, row, level in notifications
		]
	)
	for level, names in levels.items():
		frappe.qb.update(table).set(level_field, level).where(table.name.isin(names)).run()


def term_subject(row, level: int, lang: str) -> str:
	"""The notification's subject in its reader's language: the term, the dossier's name, the date."""
	subject = (
		_("Term {0} of dossier {1} is due on {2}", lang)
		if level == REMINDED
		else _("Term {0} of dossier {1} is overdue since {2}", lang)
	)
	return subject.format(_(row.term, lang), row.parent, frappe.format(row.due_date, "Date"))


def user_languages(users) -> dict[str, str]:
	"""Each user's language, the site's where they chose none (one query)."""
	site = frappe.db.get_default("lang") or "en"
	chosen = (
		dict(
			frappe.get_all(
				"User", filters={"name": ("in", list(users))}, fields=["name", "language"], as_list=True
			)
		)
		if users
		else {}
	)
	return {user: chosen.get(user) or site for user in users}


def school_staff(schools: set[str], functions: tuple[str, ...]) -> dict[tuple[str, str], list[str]]:
	result = {}
	for school, function, user in active_staff(schools, functions):
		result.setdefault((school, function), []).append(user)
	return result


def insert_notifications(notifications: list[tuple[str, str, str, str]]):
	"""System notifications (user, DocType, record, subject) that carry only a link to the record,
	written in one statement."""
	if not notifications:
		return
	now = now_datetime()
	frappe.db.bulk_insert(
		"Notification Log",
		fields=[
			"name",
			"for_user",
			"type",
			"document_type",
			"document_name",
			"subject",
			"from_user",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"read",
		],
		values=[
			(
				frappe.generate_hash(length=12),
				user,
				"Alert",
				doctype,
				name,
				subject,
				"Administrator",
				now,
				now,
				"Administrator",
				"Administrator",
				0,
			)
			for user, doctype, name, subject in notifications
		],
	)


@frappe.whitelist()
@safe_method
def overdue_terms_count(filters=None) -> int:
	"""Number Card: open terms past their due date on the dossiers the user may see."""
	dossiers = frappe.get_list("Meldcode Dossier", filters={"workflow_state": ("!=", "Closed")}, pluck="name")
	if not dossiers:
		return 0
	return frappe.db.count(
		"Meldcode Dossier Term",
		{
			"parenttype": "Meldcode Dossier",
			"parent": ("in", dossiers),
			"status": "Open",
			"due_date": ("<", today()),
		},
	)
