"""What Frappe's realtime channel says about a case reaches no one outside its team.

Frappe's socket server checks who may join a room once, when they join: someone taken off the
case team kept receiving the dossier's new comments, whole (round 54). And it tells everyone who
follows a DocType's list the name of each record saved there and who saved it: a teacher learned
the names of a case's term ToDos and workflow actions, and a door that told a record's title by
its name did the rest (round 54). So a trace of a case record is saved without Frappe's update
broadcast, and a save of a case record (round 58), a comment or a mail on one is announced to its
writer only: their own form shows it at once, the team's forms when they next load (a save from
a form loaded before is refused by Frappe's timestamp check, nothing is overwritten)."""

from functools import partial

import frappe
from frappe.core.doctype.comment.comment import Comment
from frappe.core.doctype.communication.communication import Communication
from frappe.realtime import emit_via_redis, get_user_room

from meldcode_app.access.search_index import case_record_or_trace
from meldcode_app.rules.registry import PROTECTED_DOCTYPES


def quiet_case_traces(doc, method=None) -> None:
	"""Hook (on_update of every DocType, before Frappe's broadcast of the save)."""
	if doc.doctype not in PROTECTED_DOCTYPES and case_record_or_trace(doc):
		doc.flags.notify_update = False


def announce_save_to_the_writer(doc) -> None:
	"""Frappe's Document.notify_update for a case record: its "doc_update" to the writer's own room,
	not the record's, where someone taken off the case team kept hearing of each save (round 58).
	No "list_update": no one follows a case DocType's list (the request guard refuses it)."""
	if frappe.flags.in_patch:
		return
	message = {"modified": doc.modified, "doctype": doc.doctype, "name": doc.name}
	frappe.publish_realtime("doc_update", message, user=frappe.session.user, after_commit=True)


def to_the_writer_only(doc, action: str, key: str, send) -> None:
	"""Frappe's announcement of a comment or mail, to the record's room, or for a case record to
	the writer's own (Frappe's publish_realtime sends this event to the record's room only)."""
	if doc.reference_doctype not in PROTECTED_DOCTYPES:
		send(action)
		return
	message = {"doc": doc.as_dict(), "key": key, "action": action}
	room = get_user_room(frappe.session.user)
	frappe.db.after_commit.add(partial(emit_via_redis, "docinfo_update", message, room))


class CommentOutsideCases(Comment):
	"""Frappe's Comment (hook override_doctype_class)."""

	def notify_change(self, action):
		if key := COMMENT_KEYS.get(self.comment_type):  # the others Frappe does not announce
			to_the_writer_only(self, action, key, super().notify_change)


# Where the desk's form keeps each kind of comment (Frappe's Comment.notify_change).
COMMENT_KEYS = {
	"Like": "like_logs",
	"Assigned": "assignment_logs",
	"Assignment Completed": "assignment_logs",
	"Comment": "comments",
	"Attachment": "attachment_logs",
	"Attachment Removed": "attachment_logs",
}


class CommunicationOutsideCases(Communication):
	"""Frappe's Communication (hook override_doctype_class)."""

	def notify_change(self, action):
		to_the_writer_only(self, action, "communications", super().notify_change)
