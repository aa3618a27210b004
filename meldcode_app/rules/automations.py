"""The site's automations and customisations, by the fields that name the DocType they act on
(meldcode_app.access.automations refuses those that act on a case record or its text traces)."""

# Configuration DocType -> its fields that name the DocType it acts on.
TARGET_FIELDS = {
	"Notification": ("document_type",),
	"Webhook": ("webhook_doctype",),
	"Assignment Rule": ("document_type",),
	"Auto Repeat": ("reference_doctype",),
	"Document Naming Rule": ("document_type",),
	"Workflow": ("document_type",),
	"Server Script": ("reference_doctype",),
	"Client Script": ("dt",),
	"Print Format": ("doc_type",),
	"Web Form": ("doc_type",),
	"Custom DocPerm": ("parent",),
	"Custom Field": ("dt", "options"),  # a link to a case would fetch its values elsewhere
	"Property Setter": ("doc_type", "value"),
	"Kanban Board": ("reference_doctype",),  # its doors read a card's field past permissions
	"Milestone Tracker": ("document_type",),  # copies a tracked field's values into Milestones
	"Energy Point Rule": ("reference_doctype",),  # its condition reads the record, its log tells
	# ERPNext's: its condition runs at every save of its DocType, its fields are added to it
	"Service Level Agreement": ("document_type",),
	# a restriction to one dossier hid every other from its own team (round 60)
	"User Permission": ("allow",),
}
# How each is switched off when an older one is found (patches/automations_off_case_records.py);
# the others are removed.
SWITCH_OFF = {
	"Notification": ("enabled", 0),
	"Webhook": ("enabled", 0),
	"Assignment Rule": ("disabled", 1),
	"Auto Repeat": ("disabled", 1),
	"Document Naming Rule": ("disabled", 1),
	"Workflow": ("is_active", 0),
	"Server Script": ("disabled", 1),
	"Client Script": ("enabled", 0),
	"Print Format": ("disabled", 1),
	"Web Form": ("published", 0),
	"Auto Email Report": ("enabled", 0),
	"Service Level Agreement": ("enabled", 0),
}

LINKING_FIELDTYPES = ("Link", "Table", "Table MultiSelect")
