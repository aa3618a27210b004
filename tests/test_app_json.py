"""The app's shipped JSON passes Frappe v15's own rules; a broken sample is rejected."""

import json
from pathlib import Path

import pytest
from app_json_check import App, Checker

from meldcode_app.rules.term_escalation import RECORD_TERMS

HERE = Path(__file__).parent
APP_ROOT = HERE.parent / "meldcode_app"


def test_app_json_follows_frappe_rules(frappe_meta):
	checker = Checker(frappe_meta, App(APP_ROOT))
	assert checker.app_doctypes, "the check found no DocType: it would pass vacuously"
	assert checker.check_all() == []


def test_every_kind_of_shipped_file_is_checked():
	app = App(APP_ROOT)
	assert app.files("doctype") and app.files("workspace") and app.fixture("Role")


@pytest.fixture(scope="module")
def broken_errors(frappe_meta):
	return "\n".join(Checker(frappe_meta, App(HERE / "broken_app")).check_all())


@pytest.mark.parametrize(
	"expected",
	[
		"'colour' is not a property of DocType",
		"'modified' is missing",
		"title_field 'no_such_field' is not a field",
		"needs an amended_from Link to itself",
		"Link target 'Pupil Record' exists neither",
		"field 'name': fieldname is reserved",
		"fieldtype 'Lnk' does not exist",
		"field 'notes': fieldname is used twice",
		"no search index on a Text",
		"unique is only allowed on",
		"default 'C' is not one of the options",
		"depends_on contains an assignment",
		"Table target 'User' is not a child DocType",
		"field 'Bad Name': fieldname must be lower case",
		"a Section Break cannot be mandatory",
		"a Check default must be 0 or 1",
		"role is neither shipped by the app nor a Frappe role",
		"duplicate permission row",
		"cancel needs submit",
		"a higher level needs a level 0 row",
		"create, submit, cancel and amend exist only at level 0",
		"style = 'Shiny' is not one of the options",
		"does not declare the field 'workflow_state'",
		"state 'Closed' is not a shipped Workflow State",
		"allows role 'Nobody' that is not shipped",
		"action is not a shipped Workflow Action Master",
		"docstatus cannot go from 1 to 0",
	],
)
def test_broken_sample_is_rejected(broken_errors, expected):
	assert expected in broken_errors


def app_doctypes() -> dict:
	docs = [json.loads(p.read_text()) for p in App(APP_ROOT).files("doctype")]
	assert docs
	return {doc["name"]: doc for doc in docs}


def test_no_record_of_the_app_is_in_global_search():
	"""Global search would show case content to anyone with desk access; nothing is indexed."""
	for name, doc in app_doctypes().items():
		assert not doc.get("show_name_in_global_search"), name
		assert not [f["fieldname"] for f in doc["fields"] if f.get("in_global_search")], name


def test_the_sites_user_permissions_narrow_no_record_of_the_app():
	"""Who reads a case is the app's to decide: a System Manager's User Permission on a Student or
	a school hid a dossier from its own case team (round 60)."""
	links = [
		(name, f) for name, doc in app_doctypes().items() for f in doc["fields"] if f["fieldtype"] == "Link"
	]
	assert links, "the check found no link: it would pass vacuously"
	assert [(name, f["fieldname"]) for name, f in links if not f.get("ignore_user_permissions")] == []


def test_case_records_show_no_pupil_in_their_title():
	"""Link titles and link search show the record name, never the pupil's name."""
	for name, doc in app_doctypes().items():
		assert "pupil" not in (doc.get("title_field") or ""), name
		assert "pupil" not in (doc.get("search_fields") or ""), name


def test_term_escalation_counters_are_neither_shown_nor_printed():
	"""The daily job's bookkeeping (the level a term's reminders reached) is not a user's field:
	hidden on the form and left out of Frappe's Standard print of the record."""
	doctypes = app_doctypes()
	counters = [(t.doctype, t.level_field) for t in RECORD_TERMS] + [
		("Meldcode Dossier Term", "escalation_level")
	]
	for doctype, fieldname in counters:
		(field,) = [f for f in doctypes[doctype]["fields"] if f["fieldname"] == fieldname]
		assert field.get("hidden") and field.get("print_hide"), (doctype, fieldname)
