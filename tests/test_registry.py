"""The one registry of protected DocTypes covers every DocType the app ships."""

import json
from pathlib import Path

from meldcode_app.rules import registry
from meldcode_app.rules.request_names import folded, name_pattern

DOCTYPE_FOLDER = Path(__file__).parent.parent / "meldcode_app" / "meldcode_app" / "doctype"


def shipped_doctypes() -> dict[str, dict]:
	return {(doc := json.loads(path.read_text()))["name"]: doc for path in DOCTYPE_FOLDER.glob("*/*.json")}


def test_every_shipped_doctype_is_classified_once():
	classes = [
		set(registry.CASE_DOCTYPES),
		set(registry.BOARD_CASE_DOCTYPES),
		set(registry.PROTOCOL_RUN_DOCTYPES),
		set(registry.CHILD_DOCTYPES),
		set(registry.AUTHOR_ONLY_DOCTYPES),
		set(registry.SCHOOL_LOG_DOCTYPES),
		set(registry.CONFIGURATION_DOCTYPES),
	]
	classified = [name for group in classes for name in group]
	assert sorted(classified) == sorted(set(classified)), "a DocType is in two classes"
	assert set(classified) == set(shipped_doctypes())


def test_child_tables_are_registered_with_every_parent_that_holds_them():
	parents = {}
	for name, doc in shipped_doctypes().items():
		for field in doc["fields"]:
			if field["fieldtype"] in ("Table", "Table MultiSelect"):
				parents.setdefault(field["options"], set()).add(name)
	protected_children = {
		child: holders
		for child, holders in parents.items()
		if holders & {*registry.CASE_DOCTYPES, *registry.BOARD_CASE_DOCTYPES, *registry.PROTOCOL_RUN_DOCTYPES}
	}
	assert {child: set(holders) for child, holders in registry.CHILD_DOCTYPES.items()} == protected_children


def test_case_doctypes_carry_their_keys():
	doctypes = shipped_doctypes()
	for name, dossier_field in registry.CASE_DOCTYPES.items():
		fields = {f["fieldname"]: f for f in doctypes[name]["fields"]}
		assert fields["school"]["options"] == "Meldcode School", name
		if dossier_field != "name":
			assert fields[dossier_field]["options"] == "Meldcode Dossier", name


def test_destruction_takes_every_case_record_but_those_kept():
	assert set(registry.DESTROYED_WITH_DOSSIER) | set(registry.KEPT_AFTER_DESTRUCTION) | {
		"Meldcode Dossier"
	} == set(registry.CASE_DOCTYPES)


def test_board_cases_are_protected_records_with_a_school_and_an_accused():
	doctypes = shipped_doctypes()
	for name in registry.BOARD_CASE_DOCTYPES:
		fields = {f["fieldname"]: f for f in doctypes[name]["fields"]}
		assert fields["school"]["options"] == "Meldcode School", name
		assert fields["accused_user"]["options"] == "User", name
		assert name in registry.PROTECTED_DOCTYPES and name in registry.RECORD_DOCTYPES
		assert {p["role"] for p in doctypes[name]["permissions"]} == {"Meldcode Board"}, name


def test_no_report_chart_or_card_of_the_app_is_named_after_a_protected_doctype():
	"""The guard reads a protected DocType's name in any argument, so the desk could not load a
	report whose own name contains one (it asks for the Report record by that name)."""
	pattern = name_pattern(registry.PROTECTED_DOCTYPES)
	module = DOCTYPE_FOLDER.parent
	names = [
		json.loads(path.read_text())["name"]
		for folder in ("report", "dashboard_chart", "number_card", "page", "workspace")
		for path in (module / folder).glob("*/*.json")
	]
	assert len(names) > 5
	assert [name for name in names if pattern.search(folded(name))] == []


def test_protocol_runs_carry_their_keys():
	doctypes = shipped_doctypes()
	for name in registry.PROTOCOL_RUN_DOCTYPES:
		fields = {f["fieldname"]: f for f in doctypes[name]["fields"]}
		assert fields["school"]["options"] == "Meldcode School", name
		assert fields["professional"]["options"] == "User", name
		assert "kind" in fields and name in registry.RECORD_DOCTYPES
