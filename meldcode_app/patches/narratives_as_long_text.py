"""Narrative fields became Long Text: a Text column holds 64 KB, and a pasted verslag of 70,000
characters came back as a database error. The model sync widens the columns of the DocTypes it
imports; this makes sure every one is longtext (ALTER ... MODIFY keeps each row's text)."""

import frappe

NARRATIVES = {
	"Meldcode Signal": ("situation", "action_taken", "agreements"),
	"Meldcode Conversation": (
		"report",
		"a_signals",
		"f_route_followed",
		"parents_reaction",
		"b_discussed",
		"d_feedback",
	),
	"Meldcode Addendum": ("text",),
	"Meldcode Weighing": (
		"q1_rationale",
		"q2_rationale",
		"q3_rationale",
		"q4_rationale",
		"q5_rationale",
		"casemanager_tasks",
	),
	"Veilig Thuis Contact": (
		"question",
		"advice",
		"next_steps",
		"consent_weighing",
		"information_provided",
		"child_conversation_note",
		"feedback",
	),
	"Meldcode Dossier": ("no_parents_conversation_explanation", "closing_reason"),
	"Safety Incident": ("pedagogical_reaction",),
	"Meldcode Correction Request": ("refusal_reason", "correction", "parents_view"),
	"Meldcode Working Note": ("note",),
}


def execute():
	for doctype, columns in NARRATIVES.items():
		for column in columns:
			if frappe.db.get_column_type(doctype, column) != "longtext":
				frappe.db.change_column_type(doctype, column, "longtext", nullable=True)
