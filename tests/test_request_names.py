"""The request guard finds a protected DocType wherever a request names it."""

import json

import pytest

from meldcode_app.rules.registry import PROTECTED_DOCTYPES
from meldcode_app.rules.request_names import NAME_LENGTH, doctypes_named, may_be_a_name, names_a_secret_field


def named(arguments):
	return doctypes_named(arguments, PROTECTED_DOCTYPES)


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
		({"doctype": "Meldcode Dossíer"}, {"Meldcode Dossier"}),
		({"doctype": "MELDCODE DOSSIER "}, {"Meldcode Dossier"}),
		({"doctype": "Meldcode Dos\u200bsier"}, {"Meldcode Dossier"}),
		({"doctype": "Meldcode Dos\u20ddsier"}, {"Meldcode Dossier"}),  # an enclosing mark (Me)
		({"doctype": "Meldcode Dos\u0903sier"}, {"Meldcode Dossier"}),  # a spacing mark (Mc)
		({"doctype": "Meldcode Dos\ufe70sier"}, {"Meldcode Dossier"}),  # an Arabic presentation form
		(
			{"doctype": "Meldcode Dos\u06desier"},
			{"Meldcode Dossier"},
		),  # a sign the collation ignores (round 34)
		({"doctype": "Meldcode Dos\ufc5esier"}, {"Meldcode Dossier"}),  # a ligature of marks alone
		({"doctype": "Meldcode Dos\ufcf2sier"}, {"Meldcode Dossier"}),
		(
			{"doctype": "Meldc\u0366de Dossier"},
			{"Meldcode Dossier"},
		),  # a combining letter, read as the letter
		({"doctype": "Meldcode Doss\u0365er"}, {"Meldcode Dossier"}),
		({"doctype": "Meldcode E\u036fport"}, {"Meldcode Export"}),  # combining x (round 38)
		({"doctype": {"Safety Incident": ["SI-1"]}}, {"Safety Incident"}),
		({"fields": '["(select\tpupil_name\tfrom\t`tabMeldcode\tDossíer`)"]'}, {"Meldcode Dossier"}),
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
		# Words a person wrote name nothing: other apps' users write about incidents too.
		{"doctype": "Student Log", "log": "minor safety incident during gym class"},
		{"doc": json.dumps({"doctype": "Student Log", "log": "Veilig Thuis contact opgenomen"})},
		{"doctype": "Customer", "customer_details": "the safety incident at their dock"},
		{"cmd": "frappe.utils.global_search.search", "text": "safety incident"},
		{"doctype": "ToDo", "txt": "Safety Incident"},
		# A field named after a DocType is no DocType: a protocol run's form posts "safety_incident".
		{"doc": json.dumps({"doctype": "ToDo", "safety_incident": "SI-1"})},
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


@pytest.mark.parametrize(
	"text",
	[
		"api_key as k",
		"`tabUser`.`api_key` desc",
		"allocated_to.api_key",
		"RESET_PASSWORD_KEY",
		'[["User", "r\u00e9set_password_key", "like", "a%"]]',
		"locate('x', api_secret)",
	],
)
def test_a_key_field_is_named_as_a_word_anywhere(text):
	assert names_a_secret_field(text)


@pytest.mark.parametrize("text", ["api_keys", "my_api_key", "apikey", "API Key", "reset_password_key_sent"])
def test_other_words_name_no_key_field(text):
	assert not names_a_secret_field(text)


@pytest.mark.parametrize(
	"padded",
	[
		"lutet3qkpv" + " " * 150,  # the collation ignores spaces at the end (round 64)
		"lutet3qkpv" + "\u200b" * 500,  # and characters it gives no weight
		"lutet3qkpv" + "\u0301" * 200,
	],
)
def test_a_name_padded_past_the_name_column_is_still_looked_up(padded):
	assert len(padded) > NAME_LENGTH
	assert may_be_a_name(padded)


def test_a_longer_text_is_no_name():
	assert may_be_a_name("x" * NAME_LENGTH)
	assert not may_be_a_name("x" * (NAME_LENGTH + 1))
	assert not may_be_a_name("Sam had een blauwe plek op de linkerwang. " * 5)
	assert not may_be_a_name("")


@pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e", "\x1f", "\x85"])
def test_a_separator_the_collation_ignores_is_no_space(separator):
	"""Python splits words on these, SQL does not, and the database ignores them inside a name (round 66)."""
	assert doctypes_named({"doctype": f"Meldcode Dossie{separator}r"}, PROTECTED_DOCTYPES) == {
		"Meldcode Dossier"
	}
