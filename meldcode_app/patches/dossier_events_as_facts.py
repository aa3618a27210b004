"""Events the app recorded as sentences in the language of whoever caused them ("x@school
becomes casemanager as Teacher") become facts (who, function, signal, state), which the form says
in the reader's language with people by name."""

import re

import frappe
from frappe import _

from meldcode_app.rules.roles import FUNCTION_ROLES

SENTENCES = {
	"Casemanager Changed": ("{0} becomes casemanager as {1}", ("person", "function")),
	"Reopened by New Signal": ("Signal {0} reopens the dossier ({1}) at step 4.", ("reference", "state")),
	"Acute Path": ("Direct danger: same-day conversation and melding.", ()),
}


def pattern(template: str) -> re.Pattern:
	parts = re.split(r"\{\d\}", template)
	return re.compile("^" + "(.+?)".join(map(re.escape, parts)) + "$")


def execute():
	states = frappe.get_all("Workflow State", pluck="name")
	for event_type, (template, fields) in SENTENCES.items():
		patterns = [pattern(template), pattern(_(template, "nl"))]
		for row in frappe.get_all(
			"Meldcode Dossier Event",
			filters={"event_type": event_type, "description": ("is", "set")},
			fields=["name", "description"],
		):
			match = next((m for p in patterns if (m := p.match(row.description.strip()))), None)
			if not match:
				continue  # words someone typed stay
			values = dict(zip(fields, match.groups(), strict=True))
			if "function" in values:
				values["function"] = untranslated(values["function"], FUNCTION_ROLES)
			if "state" in values:
				values["state"] = untranslated(values["state"], states)
			frappe.db.set_value("Meldcode Dossier Event", row.name, {**values, "description": None})


def untranslated(text: str, sources) -> str:
	return next((source for source in sources if text in (source, _(source, "nl"))), text)
