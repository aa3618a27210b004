"""The dossier's timeline: what its reader may read of the dossier, as one picture (rules/timeline.py).
Every record is read through frappe.get_list, so the app's need-to-know conditions decide what is
drawn; a reader who may not read the dossier gets the same refusal as for one that does not exist."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from meldcode_app.access.permissions import record_for
from meldcode_app.rules.timeline import CANCELLED, DONE, OPEN, OVERDUE, Item, legend, render, term_state

DOCSTATUS_STATE = {0: OPEN, 1: DONE, 2: CANCELLED}


def url(doctype: str, name: str) -> str:
	return f"/app/{frappe.scrub(doctype).replace('_', '-')}/{name}"


def items_of(dossier: str) -> list[Item]:
	"""The dossier's signals, conversations (signed or not), weighings with their outcome, Veilig
	Thuis contacts, step changes and terms, as far as the session user may read them."""
	doc = record_for("Meldcode Dossier", dossier)
	on = getdate(today())

	def listed(doctype, fields):
		return frappe.get_list(
			doctype, filters={"dossier": doc.name}, fields=["name", *fields], limit_page_length=0
		)

	items = [
		Item(
			"signals",
			getdate(s.signal_date),
			f"{_('Meldcode Signal')} {s.name}: {_(s.nature or '')}",
			url("Meldcode Signal", s.name),
		)
		for s in listed("Meldcode Signal", ["signal_date", "nature"])
		if s.signal_date
	]
	for c in listed("Meldcode Conversation", ["conversation_date", "conversation_type", "docstatus"]):
		signed = _("signed") if c.docstatus == 1 else _("not signed")
		items.append(
			Item(
				"conversations",
				getdate(c.conversation_date),
				f"{_(c.conversation_type or '')} {c.name} ({signed})",
				url("Meldcode Conversation", c.name),
				DOCSTATUS_STATE[c.docstatus],
			)
		)
	for w in listed("Meldcode Weighing", ["weighing_date", "outcome", "docstatus"]):
		outcome = _(w.outcome) if w.outcome else _("no outcome yet")
		items.append(
			Item(
				"weighings",
				getdate(w.weighing_date),
				f"{_('Meldcode Weighing')} {w.name}: {outcome}",
				url("Meldcode Weighing", w.name),
				DOCSTATUS_STATE[w.docstatus],
			)
		)
	for v in listed("Veilig Thuis Contact", ["contact_datetime", "contact_type", "docstatus"]):
		items.append(
			Item(
				"veilig_thuis",
				getdate(v.contact_datetime),
				f"{_(v.contact_type or '')} {v.name}",
				url("Veilig Thuis Contact", v.name),
				DOCSTATUS_STATE[v.docstatus],
			)
		)
	dossier_url = url("Meldcode Dossier", doc.name)
	items += [
		Item("steps", getdate(s.entered_on), _(s.state), dossier_url) for s in doc.steps if s.entered_on
	]
	for t in doc.terms:
		if not t.due_date:
			continue
		due = getdate(t.due_date)
		title = _("{0}: due on {1}").format(_(t.term or ""), frappe.format(due, "Date"))
		items.append(Item("terms", due, title, dossier_url, term_state(t.status, due, on)))
	return items


def html(dossier: str) -> str:
	items = items_of(dossier)
	lanes = {
		"signals": _("Signals"),
		"conversations": _("Conversations"),
		"weighings": _("Weighings"),
		"veilig_thuis": _("Veilig Thuis"),
		"steps": _("Steps"),
		"terms": _("Terms"),
	}
	states = {
		DONE: _("Done or signed"),
		OPEN: _("Open or not signed"),
		OVERDUE: _("Overdue"),
		CANCELLED: _("Cancelled"),
	}
	return render(items, getdate(today()), lanes, _("Today")) + legend(states)
