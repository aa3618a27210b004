"""Links to the Education app when it is installed: a case record names a Student, and the
pupil's name, date of birth and class come from it. Without Education the app's own pupil fields
do the same. The links are Custom Fields of this app's own DocTypes (the site's User Permissions
do not narrow them: who reads a case is the app's to decide), added on every migrate
when Education is there (so installing Education later adds them) and removed with the app."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

STUDENT = {
	"fieldname": "student",
	"label": "Student",
	"fieldtype": "Link",
	"options": "Student",
	"insert_after": "school",
	"ignore_user_permissions": 1,
}
LINKS = {
	"Meldcode Dossier": [
		STUDENT,
		{
			"fieldname": "student_group",
			"label": "Student Group",
			"fieldtype": "Link",
			"options": "Student Group",
			"insert_after": "pupil_class",
			"ignore_user_permissions": 1,
		},
	],
	"Meldcode Signal": [STUDENT],
	"Meldcode Conversation": [STUDENT],
	"Meldcode Exclusion": [STUDENT],
	# A staff row names its user itself: an Instructor's user is its Employee's, which another app's
	# HR sets, and filling it in made an HR Manager a school's intern begeleider (round 68).
	"Meldcode School Staff": [
		{
			"fieldname": "instructor",
			"label": "Instructor",
			"fieldtype": "Link",
			"options": "Instructor",
			"insert_after": "user",
			"in_list_view": 1,
			"ignore_user_permissions": 1,
		}
	],
}


# Education's DocTypes the links reach. Doctype tests list them in `test_ignore`, so that Frappe's
# test runner does not build Education's own sample records (Education 15.0's are incomplete).
LINKED_DOCTYPES = ["Student", "Student Group", "Instructor"]


def installed() -> bool:
	return "education" in frappe.get_installed_apps()


def sync_links():
	"""After migrate: add the Student links when Education is installed, remove them when not."""
	if installed():
		create_custom_fields(
			{dt: [{**f, "module": "Meldcode App"} for f in fields] for dt, fields in LINKS.items()},
			ignore_validate=True,
		)
		return
	for doctype, fields in LINKS.items():
		for field in fields:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True)


def fill_from_student(doc):
	"""Name, date of birth and class of the pupil from the Education Student (and Student Group) the
	record names, when it comes to name them: a later change in Education, which roles outside the
	case team write, does not rewrite the case (an Education Manager renamed a dossier's pupil and
	changed its date of birth, round 61)."""
	if not doc.get("student"):
		return
	named = doc.is_new() or doc.has_value_changed("student")
	student = named and frappe.db.get_value(
		"Student", doc.student, ["student_name", "date_of_birth"], as_dict=True
	)
	if student:
		doc.pupil_name = student.student_name
		if doc.meta.has_field("pupil_date_of_birth"):
			doc.pupil_date_of_birth = student.date_of_birth
	if named and doc.meta.has_field("student_group") and not doc.get("student_group"):
		doc.student_group = frappe.db.get_value(
			"Student Group Student", {"student": doc.student, "active": 1}, "parent", order_by="creation desc"
		)
	if doc.get("student_group") and (named or doc.has_value_changed("student_group")):
		doc.pupil_class = frappe.db.get_value("Student Group", doc.student_group, "student_group_name")


def fill_guardians(conversation):
	"""The parents of a conversation with the parents are the student's guardians."""
	if (
		conversation.get("student")
		and conversation.conversation_type == "Parents"
		and not conversation.other_participants
	):
		guardians = frappe.get_all(
			"Student Guardian",
			filters={"parent": conversation.student, "parenttype": "Student"},
			pluck="guardian_name",
		)
		conversation.other_participants = ", ".join(filter(None, guardians))


def guardian_addresses(student: str | None) -> list[dict]:
	"""The e-mail addresses Education holds for the pupil's guardians, each with when and by whom it
	last changed (the Guardian, or its link to the pupil): shown in the share dialog, never filled
	in. Education's roles outside the case team write them: an Education Manager linked the pupil
	to a "guardian" with an address of their own, which the dialog proposed (round 60). A share
	goes to the account whose login is the address typed (access/parent_shares.py portal_user),
	never to a Guardian's `user`."""
	if not (student and installed()):
		return []
	links = frappe.get_all(
		"Student Guardian",
		filters={"parent": student, "parenttype": "Student"},
		fields=["guardian", "creation", "owner"],
		order_by="idx",
	)
	guardians = {
		guardian.name: guardian
		for guardian in frappe.get_all(
			"Guardian",
			filters={
				"name": ("in", [link.guardian for link in links] or [""]),
				"email_address": ("is", "set"),
			},
			fields=["name", "guardian_name", "email_address", "modified", "modified_by"],
		)
	}
	addresses = []
	for link in links:
		if guardian := guardians.get(link.guardian):
			changed, by = max((guardian.modified, guardian.modified_by), (link.creation, link.owner))
			addresses.append(
				{
					"email": guardian.email_address,
					"guardian": guardian.guardian_name,
					"changed": changed,
					"by": by,
				}
			)
	return addresses
