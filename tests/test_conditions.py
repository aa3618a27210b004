import pytest

from meldcode_app.rules.conditions import to_python


class Doc(dict):
	__getattr__ = dict.get


@pytest.mark.parametrize(
	"condition, values, expected",
	[
		("eval:doc.contains_diagnosis", {"contains_diagnosis": 1}, True),
		("eval:doc.contains_diagnosis", {}, False),
		("eval:doc.q2_unsafe=='Yes'||doc.q2_unsafe=='Doubt'", {"q2_unsafe": "Doubt"}, True),
		("eval:doc.q2_unsafe=='Yes'||doc.q2_unsafe=='Doubt'", {"q2_unsafe": "No"}, False),
		(
			"eval:doc.conversation_type=='External'&&!doc.external_anonymous",
			{"conversation_type": "External"},
			True,
		),
		(
			"eval:doc.conversation_type=='External'&&!doc.external_anonymous",
			{"conversation_type": "External", "external_anonymous": 1},
			False,
		),
		("eval:doc.parents_informed!='Yes'", {"parents_informed": "No"}, True),
	],
)
def test_desk_conditions_read_the_same_in_python(condition, values, expected):
	assert bool(eval(to_python(condition), {}, {"doc": Doc(values)})) is expected
