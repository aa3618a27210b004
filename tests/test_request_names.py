"""The request guard finds a protected DocType wherever a request names it."""

import json

import pytest

from meldcode_app.rules.registry import PROTECTED_DOCTYPES
from meldcode_app.rules.request_names import doctypes_named, name_pattern

PATTERN = name_pattern(PROTECTED_DOCTYPES)
CANONICAL = {name.lower(): name for name in PROTECTED_DOCTYPES}


def named(arguments):
	return doctypes_named(arguments, PATTERN, CANONICAL)


@pytest.mark.parametrize(
	"arguments, expected",
	[
		({"doctype": "Meldcode Dossier"}, {"Meldcode Dossier"}),
		({"doctype": "meldcode   DOSSIER"}, {"Meldcode Dossier"}),
		(
			{"doctype": "Meldcode Reported Fact", "parent": "Veilig Thuis Contact"},
			{"Meldcode Reported Fact", "Veilig Thuis Contact"},
		),
		({"reference_doctype": "Safety Incident"}, {"Safety Incident"}),
		({"fields": '["`tabMeldcode Reported Fact`.`fact`"]', "doctype": "ToDo"}, {"Meldcode Reported Fact"}),
		(
			{"filters": json.dumps([["Meldcode Agreement", "agreement", "like", "%a%"]])},
			{"Meldcode Agreement"},
		),
		(
			{"chart": json.dumps({"document_type": "Meldcode Signal", "chart_type": "Heatmap"})},
			{"Meldcode Signal"},
		),
		(
			{"doc": json.dumps({"doctype": "ToDo", "reference_type": "Meldcode Weighing"})},
			{"Meldcode Weighing"},
		),
		(
			{"args": json.dumps({"filters": {"`tabMeldcode Signal Parent Contact`.parent": "x"}})},
			{"Meldcode Signal Parent Contact"},
		),
		({"items": ["Meldcode Signal", "Sales Invoice"]}, {"Meldcode Signal"}),
		({"data": json.dumps(json.dumps({"doctype": "Meldcode Working Note"}))}, {"Meldcode Working Note"}),
	],
)
def test_named_anywhere(arguments, expected):
	assert named(arguments) == expected


@pytest.mark.parametrize(
	"arguments",
	[
		{"doctype": "ToDo", "fields": '["name"]'},
		{"doctype": "Meldcode School"},
		{"doctype": "Meldcode Dossiers"},
		{"doctype": "XMeldcode Dossier"},
		{"txt": "[not json", "doctype": "User"},
		{},
	],
)
def test_not_named(arguments):
	assert named(arguments) == set()


def test_named_at_any_depth():
	value = "Meldcode Signal"
	for _ in range(50):
		value = [{"x": value}]
	assert named({"x": value}) == {"Meldcode Signal"}
	assert named({"x": json.dumps(value)}) == {"Meldcode Signal"}
