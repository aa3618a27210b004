"""Arguments of whitelisted methods are read by their annotations or refused by name."""

import pytest

from meldcode_app.rules.arguments import coerce
from meldcode_app.rules.errors import RuleViolation


@pytest.mark.parametrize(
	"annotation, value, expected",
	[
		(list[str] | str, '["SIG-1", "SIG-2"]', ["SIG-1", "SIG-2"]),
		(list[str] | str, ["SIG-1"], ["SIG-1"]),
		(int, "2025", 2025),
		(int, 2025, 2025),
		(str | None, None, None),
		(str | None, "99AA", "99AA"),
		(bool, "1", True),
		(bool, "false", False),
		(bool, 0, False),
		(dict, '{"a": 1}', {"a": 1}),
		(None, {"any": "thing"}, {"any": "thing"}),
	],
)
def test_arguments_as_http_and_python_pass_them(annotation, value, expected):
	assert coerce("arg", annotation, value) == expected


@pytest.mark.parametrize(
	"annotation, value, message",
	[
		(list[str] | str, "[", "Argument signals is not valid JSON: '['."),
		(list[str] | str, "SIG-1", "Argument signals is not valid JSON"),
		(list[str] | str, '{"a": 1}', "Argument signals must be a list of names, not {'a': 1}."),
		(list[str] | str, "[1, 2]", "must be a list of names, not [1, 2]"),
		(list[str] | str, 7, "must be a list of names, not 7"),
		(list[str] | str, "[" * 100_000, "is not valid JSON"),
		(int, "twee", "Argument signals must be a whole number, not 'twee'."),
		(int, True, "must be a whole number"),
		(int, 20.5, "must be a whole number"),
		(int, "9" * 30, "must be a whole number"),
		(str, {"a": 1}, "Argument signals must be text"),
		(str | None, 5, "must be text"),
		(bool, "misschien", "must be yes or no"),
		(dict, "[1]", "must be a JSON object"),
	],
)
def test_wrong_arguments_are_refused_by_name(annotation, value, message):
	with pytest.raises(RuleViolation) as refused:
		coerce("signals", annotation, value)
	assert message in str(refused.value)


def test_a_long_value_is_shortened_in_the_message():
	with pytest.raises(RuleViolation) as refused:
		coerce("dossier", str, ["x" * 1000])
	assert len(str(refused.value)) < 100
