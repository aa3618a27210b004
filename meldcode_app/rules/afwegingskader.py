"""The afwegingskader (2019): five weighing questions answered in order and the two decisions
of stap 5 (DOMAIN 3.1-3.6). Answers use the values of CONTRACT.md: "No", "Yes", "Doubt"."""

from collections.abc import Mapping
from dataclasses import dataclass

from meldcode_app.rules.errors import RuleViolation, _

NO, YES, DOUBT = "No", "Yes", "Doubt"

CLOSE_DOSSIER = "Close Dossier"
REPORT = "Report to Veilig Thuis"
ORGANISE_HELP = "Organise Help"
CLOSE_HELP_WITH_MONITORING = "Close Help With Monitoring"
OUTCOMES = (CLOSE_DOSSIER, REPORT, ORGANISE_HELP, CLOSE_HELP_WITH_MONITORING)

QUESTIONS = ("q1_suspicion", "q2_unsafe", "q3_help_possible", "q4_help_accepted", "q5_result")
ALLOWED_ANSWERS = {
	"q1_suspicion": (NO, YES),
	"q2_unsafe": (NO, YES, DOUBT),
	"q3_help_possible": (NO, YES),
	"q4_help_accepted": (NO, YES),
	"q5_result": (NO, YES),
}

# The five requirements for adequate help (DOMAIN 3.3), decision 2.
HELP_REQUIREMENTS = (
	"req_insight_in_safety",
	"req_agreements_on_cooperation",
	"req_insight_in_patterns",
	"req_focus_on_safety",
	"req_attention_for_recovery",
)


@dataclass(frozen=True)
class Weighing:
	outcome: str | None  # None while the questions so far lead to no outcome
	report_required: bool  # decision 1
	meldnorm: str | None  # A, B or C (DOMAIN 3.4)
	next_question: str | None  # the question still to answer, if any
	answered_with_veilig_thuis: tuple[str, ...] = ()  # questions after Q2 yes/doubt (H4)


def _number(question: str) -> int:
	return QUESTIONS.index(question) + 1


def weigh(answers: Mapping[str, str | None]) -> Weighing:
	"""Derive the outcome from the answers given so far, refusing answers out of order (H1)."""
	given = {q: (answers.get(q) or None) for q in QUESTIONS}
	for question, answer in given.items():
		if answer is not None and answer not in ALLOWED_ANSWERS[question]:
			raise RuleViolation(
				_("Question {0} cannot be answered with {1}; allowed are: {2}."),
				_number(question),
				answer,
				", ".join(ALLOWED_ANSWERS[question]),
			)

	def refuse_after(index: int, reason: str, *reason_args: object) -> None:
		for later in QUESTIONS[index + 1 :]:
			if given[later] is not None:
				raise RuleViolation(reason, _number(later), *reason_args)

	def open_question(index: int) -> Weighing:
		refuse_after(index, _("Question {0} is answered while question {1} is still open."), index + 1)
		return Weighing(None, False, None, QUESTIONS[index])

	def terminal(index: int, outcome: str, meldnorm: str | None) -> Weighing:
		refuse_after(index, _("Question {0} is not asked after the answer to question {1}."), index + 1)
		return Weighing(outcome, outcome == REPORT, meldnorm, None)

	q1, q2, q3, q4, q5 = (given[q] for q in QUESTIONS)
	if q1 is None:
		return open_question(0)
	if q1 == NO:
		return terminal(0, CLOSE_DOSSIER, None)
	if q2 is None:
		return open_question(1)
	if q2 in (YES, DOUBT):
		# Report now; the remaining questions are answered together with Veilig Thuis, in order.
		later = QUESTIONS[2:]
		for index, question in enumerate(later, start=2):
			if given[question] is None:
				refuse_after(
					index, _("Question {0} is answered while question {1} is still open."), index + 1
				)
				break
		return Weighing(REPORT, True, "A", None, tuple(q for q in later if given[q] is not None))
	if q3 is None:
		return open_question(2)
	if q3 == NO:
		return terminal(2, REPORT, "B")
	if q4 is None:
		return open_question(3)
	if q4 == NO:
		return terminal(3, REPORT, "B")
	if q5 is None:
		refuse_after(4, _("Question {0} is answered while question {1} is still open."), 5)
		return Weighing(ORGANISE_HELP, False, None, "q5_result")
	if q5 == NO:
		return terminal(4, REPORT, "C")
	return terminal(4, CLOSE_HELP_WITH_MONITORING, None)


def help_is_adequate(parents_cooperate: bool, requirements: Mapping[str, bool]) -> bool:
	"""Decision 2: help is possible when the parents recognise the problem and cooperate and
	all five requirements for adequate help are met (DOMAIN 3.2, 3.3)."""
	return bool(parents_cooperate) and all(requirements.get(r) for r in HELP_REQUIREMENTS)
