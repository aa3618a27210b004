"""The letters to parents after a serious incident (seed 003: "Ouderbrief ernstig incident
(betrokken groep)", "(overige groepen)" and "Ouderbrief grensoverschrijdend gedrag jonge
kinderen"): made from a Safety Incident, edited before sending, naming no child."""

from collections.abc import Iterable

from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.privacy import names_a_pupil

LETTERS = ("Ouderbrief Betrokken Groep", "Ouderbrief Overige Groepen", "Ouderbrief Jonge Kinderen")

# The incident's fields that go into a letter: what the school types to edit it.
LETTER_FIELDS = (
	"letter_group",
	"letter_other_groups",
	"letter_teacher",
	"letter_situation",
	"letter_class_discussion",
	"letter_partners",
)


def check_letter_names_no_pupil(texts: dict[str, str | None], pupil_names: Iterable[str]) -> None:
	"""A letter goes to many parents and names no child: refused when a pupil's name is typed in."""
	names = [name for name in pupil_names if name]
	for label, text in texts.items():
		if any(names_a_pupil(text, name) for name in names):
			raise RuleViolation(
				_("A letter to parents names no child; remove the pupil's name from: {0}."), label
			)


def check_letter(letter: str) -> None:
	if letter not in LETTERS:
		raise RuleViolation(_("{0} is not one of the letters to parents."), letter)
