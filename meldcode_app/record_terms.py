"""Terms of the protocols' records (a suspicion about staff, a measure): a ToDo with its due date
for whoever must act, carrying a link and the term's name only, closed when the step is done."""

import frappe
from frappe import _

from meldcode_app.utils import acting_as_system


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
