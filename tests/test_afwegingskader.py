"""The decision table of DOMAIN 3.6 and the order of the five questions (H1, H4, H5, H8)."""

import pytest

from meldcode_app.rules.afwegingskader import (
	CLOSE_DOSSIER,
	CLOSE_HELP_WITH_MONITORING,
	DOUBT,
	HELP_REQUIREMENTS,
	NO,
	ORGANISE_HELP,
	QUESTIONS,
	REPORT,
	YES,
	help_is_adequate,
	weigh,
)
from meldcode_app.rules.errors import RuleViolation


def answers(*values):
	return dict(zip(QUESTIONS, values, strict=False))


@pytest.mark.parametrize(
	"row, given, outcome, report, meldnorm",
	[
		(1, (NO,), CLOSE_DOSSIER, False, None),
		(2, (YES, YES), REPORT, True, "A"),
		("2 doubt", (YES, DOUBT), REPORT, True, "A"),
		(3, (YES, NO, NO), REPORT, True, "B"),
		(4, (YES, NO, YES, NO), REPORT, True, "B"),
		(5, (YES, NO, YES, YES), ORGANISE_HELP, False, None),
		(6, (YES, NO, YES, YES, NO), REPORT, True, "C"),
		(7, (YES, NO, YES, YES, YES), CLOSE_HELP_WITH_MONITORING, False, None),
	],
)
def test_decision_table(row, given, outcome, report, meldnorm):
	result = weigh(answers(*given))
	assert (result.outcome, result.report_required, result.meldnorm) == (outcome, report, meldnorm), row


def test_organise_help_waits_for_the_result_question():
	assert weigh(answers(YES, NO, YES, YES)).next_question == "q5_result"


@pytest.mark.parametrize(
	"given, next_question",
	[
		((), "q1_suspicion"),
		((YES,), "q2_unsafe"),
		((YES, NO), "q3_help_possible"),
		((YES, NO, YES), "q4_help_accepted"),
	],
)
def test_open_questions_give_no_outcome_yet(given, next_question):
	result = weigh(answers(*given))
	assert result.outcome is None and not result.report_required and result.next_question == next_question


def test_empty_strings_count_as_not_yet_answered():
	assert weigh({"q1_suspicion": "", "q2_unsafe": None}).next_question == "q1_suspicion"


def test_doubt_about_safety_reports_and_later_answers_are_with_veilig_thuis():
	result = weigh(answers(YES, DOUBT, YES, NO))
	assert result.outcome == REPORT and result.report_required
	assert result.answered_with_veilig_thuis == ("q3_help_possible", "q4_help_accepted")


def test_later_answers_cannot_turn_a_report_after_doubt_into_help():
	assert weigh(answers(YES, DOUBT, YES, YES, YES)).outcome == REPORT


@pytest.mark.parametrize(
	"given, message",
	[
		({"q2_unsafe": NO}, "Question 2 is answered while question 1 is still open."),
		(
			{"q1_suspicion": YES, "q3_help_possible": YES},
			"Question 3 is answered while question 2 is still open.",
		),
		(answers(YES, NO, YES, None, YES), "Question 5 is answered while question 4 is still open."),
		(answers(YES, YES, None, YES), "Question 4 is answered while question 3 is still open."),
		(answers(NO, NO), "Question 2 is not asked after the answer to question 1."),
		(answers(YES, NO, NO, YES), "Question 4 is not asked after the answer to question 3."),
		(answers(YES, NO, YES, NO, YES), "Question 5 is not asked after the answer to question 4."),
	],
)
def test_answers_out_of_order_are_refused(given, message):
	with pytest.raises(RuleViolation) as refused:
		weigh(given)
	assert str(refused.value) == message


@pytest.mark.parametrize("question", ["q1_suspicion", "q3_help_possible", "q4_help_accepted", "q5_result"])
def test_doubt_exists_only_for_the_safety_question(question):
	given = dict.fromkeys(QUESTIONS[: QUESTIONS.index(question)], YES)
	given["q2_unsafe"] = NO if question != "q1_suspicion" else None
	given[question] = DOUBT
	with pytest.raises(RuleViolation, match="cannot be answered with Doubt"):
		weigh(given)


def test_no_path_closes_after_doubt():
	"""H8: doubt about reporting means reporting; no combination of answers closes after doubt."""
	for q3 in (None, NO, YES):
		for q4 in (None, NO, YES) if q3 else (None,):
			for q5 in (None, NO, YES) if q4 else (None,):
				result = weigh(answers(YES, DOUBT, q3, q4, q5))
				assert result.outcome == REPORT


def test_decision_two_needs_cooperation_and_all_five_requirements():
	all_met = dict.fromkeys(HELP_REQUIREMENTS, True)
	assert help_is_adequate(True, all_met)
	assert not help_is_adequate(False, all_met)
	for missing in HELP_REQUIREMENTS:
		assert not help_is_adequate(True, {**all_met, missing: False})
