import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.schools import check_staff, normalise_brin


@pytest.mark.parametrize("given, expected", [("12AB", "12AB"), ("12ab", "12AB"), (" 07 xy ", "07XY")])
def test_brin_codes_are_normalised(given, expected):
	assert normalise_brin(given) == expected


@pytest.mark.parametrize("given", ["", None, "1234", "AB12", "12ABC", "1AB", "12A1", "12-AB"])
def test_malformed_brin_codes_are_refused(given):
	with pytest.raises(RuleViolation):
		normalise_brin(given)


def test_a_person_is_listed_once_per_function():
	check_staff([("a@x.nl", "Teacher"), ("a@x.nl", "Intern Begeleider")])
	with pytest.raises(RuleViolation, match="listed twice"):
		check_staff([("a@x.nl", "Teacher"), ("a@x.nl", "Teacher")])
	with pytest.raises(RuleViolation, match="not a function"):
		check_staff([("a@x.nl", "Janitor")])
