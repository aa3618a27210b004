"""Recording rules (H11-H16, H18, H24, H26, H27)."""

from datetime import date

import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.records import (
	age_on,
	check_child_told_first,
	check_conversation_records,
	check_diagnosis,
	check_disclosure,
	check_due_dates_after,
	check_each_person_once,
	check_information_request,
	check_initials_only,
	check_melding,
	check_new_addendum,
	check_next_consultation,
	check_not_in_future,
	check_parents_conversation_staff,
	check_partner_consent,
	check_signals_of_dossier,
	check_third_party_source,
)

DAY = date(2026, 11, 23)


@pytest.mark.parametrize("text", ["", None, "J.D.", "J.D., K.L.", "JD en KL", "A.B.C.; D"])
def test_initials_are_accepted(text):
	check_initials_only(text)


@pytest.mark.parametrize("text", ["Jan", "J.D., Karel", "mevrouw K."])
def test_names_are_refused(text):
	with pytest.raises(RuleViolation, match="initials only"):
		check_initials_only(text)


def test_future_dates_are_refused():
	check_not_in_future(DAY, DAY, "x")
	with pytest.raises(RuleViolation):
		check_not_in_future(date(2026, 11, 24), DAY, "x")


def test_third_party_needs_source_and_consent():
	check_third_party_source(False, None, False)
	check_third_party_source(True, "Buurvrouw", True)
	with pytest.raises(RuleViolation, match="needs its source"):
		check_third_party_source(True, " ", True)
	with pytest.raises(RuleViolation, match="consents"):
		check_third_party_source(True, "Buurvrouw", False)


@pytest.mark.parametrize("people, ok", [(0, False), (1, False), (2, True), (3, False)])
def test_parents_conversation_is_held_by_two_school_people(people, ok):
	if ok:
		check_parents_conversation_staff(people)
	else:
		with pytest.raises(RuleViolation):
			check_parents_conversation_staff(people)


def test_next_consultation_within_three_weeks_unless_urgent():
	check_next_consultation(DAY, date(2026, 12, 14), False, 3)
	with pytest.raises(RuleViolation, match="within"):
		check_next_consultation(DAY, date(2026, 12, 15), False, 3)
	check_next_consultation(DAY, date(2027, 1, 15), True, 3)
	with pytest.raises(RuleViolation, match="cannot be before"):
		check_next_consultation(DAY, date(2026, 11, 22), True, 3)


def test_due_dates_before_the_conversation_are_refused():
	check_due_dates_after(DAY, [DAY, None, date(2026, 12, 1)], "agreements")
	with pytest.raises(RuleViolation):
		check_due_dates_after(DAY, [date(2026, 11, 20)], "agreements")


def test_age_on_a_day():
	assert age_on(date(2014, 11, 23), DAY) == 12
	assert age_on(date(2014, 11, 24), DAY) == 11


def melding(**changes):
	values = dict(
		parents_informed="Yes",
		not_informed_reason=None,
		child_age=9,
		child_conversation=None,
		conversation_age=12,
		facts=[("Blauwe plek", "Leerkracht")],
		anonymous=False,
		anonymous_reason=None,
	)
	values.update(changes)
	check_melding(**values)


def test_a_complete_melding_passes():
	melding()


@pytest.mark.parametrize(
	"changes, message",
	[
		({"parents_informed": None}, "whether the parents were informed"),
		({"parents_informed": "No"}, "allowed reason"),
		({"parents_informed": "No", "not_informed_reason": "Geen zin"}, "allowed reason"),
		({"child_age": 12}, "whether the child was talked to"),
		({"facts": []}, "facts and events"),
		({"facts": [("Blauwe plek", "")]}, "needs its source"),
		({"anonymous": True}, "needs the reason"),
	],
)
def test_an_incomplete_melding_is_refused(changes, message):
	with pytest.raises(RuleViolation, match=message):
		melding(**changes)


def test_parents_not_informed_for_an_allowed_reason():
	melding(parents_informed="No", not_informed_reason="Urgency")
	melding(child_age=13, child_conversation="No")


def conversation_records(**changes):
	values = dict(
		kind="Parents",
		heavy=False,
		parts=["Leads", "Attends"],
		signature=None,
		agreements=1,
		next_appointment=True,
		not_promised_secrecy=False,
	)
	values.update(changes)
	check_conversation_records(**values)


def test_a_conversation_with_the_parents_records_agreements_and_a_follow_up():
	conversation_records()
	with pytest.raises(RuleViolation, match="agreements made and the follow-up"):
		conversation_records(agreements=0)
	with pytest.raises(RuleViolation, match="agreements made and the follow-up"):
		conversation_records(next_appointment=False)


def test_a_heavy_conversation_is_signed_and_minuted_by_another():
	with pytest.raises(RuleViolation, match="parents sign"):
		conversation_records(heavy=True, signature="Not Signed", parts=["Leads", "Takes Minutes"])
	with pytest.raises(RuleViolation, match="minuted by another"):
		conversation_records(heavy=True, signature="Voor Gezien", parts=["Leads", "Attends"])
	conversation_records(heavy=True, signature="Voor Akkoord", parts=["Leads", "Takes Minutes"])


def test_a_child_is_never_promised_secrecy():
	with pytest.raises(RuleViolation, match="never promised absolute secrecy"):
		conversation_records(kind="Child")
	conversation_records(kind="Child", not_promised_secrecy=True)


def test_after_a_disclosure_veilig_thuis_comes_before_the_parents():
	with pytest.raises(RuleViolation, match="consult Veilig Thuis before"):
		check_disclosure(True, "Parents", False, None)
	check_disclosure(True, "Parents", True, None)
	check_disclosure(True, "Parents", False, "Moeder is zelf de melder en veilig.")
	check_disclosure(True, "Support Team", False, None)
	check_disclosure(False, "Parents", False, None)


def test_a_diagnosis_needs_the_big_registered_professional():
	check_diagnosis(False, None, False)
	check_diagnosis(True, "Orthopedagoog J. de Wit", True)
	with pytest.raises(RuleViolation, match="BIG-registered"):
		check_diagnosis(True, "Orthopedagoog J. de Wit", False)
	with pytest.raises(RuleViolation, match="BIG-registered"):
		check_diagnosis(True, "", True)


def test_information_for_veilig_thuis_records_consent_and_approval():
	check_information_request("Yes", None, False, None)
	with pytest.raises(RuleViolation, match="has the consent"):
		check_information_request(None, None, False, None)
	with pytest.raises(RuleViolation, match="weighed"):
		check_information_request("No", "", False, None)
	with pytest.raises(RuleViolation, match="approved"):
		check_information_request("Yes", None, True, None)
	check_information_request("Unknown", "Belang kind weegt zwaarder.", True, "Yes")


def test_a_named_pupil_with_a_partner_organisation_needs_specific_consent():
	check_partner_consent(True, False, None, None, None, None)
	with pytest.raises(RuleViolation, match="specific consent"):
		check_partner_consent(False, False, "Hulp", "IB", "CJG", "Moeder")
	check_partner_consent(False, True, "Gezinscoach inzetten", "IB-er", "CJG", "Moeder")


def test_a_conversation_discusses_the_signals_of_its_own_dossier_only():
	check_signals_of_dossier("MD-10", {"SIG-1": "MD-10", "SIG-2": "MD-10"})
	check_signals_of_dossier(None, {"SIG-1": None})
	with pytest.raises(RuleViolation, match="SIG-2 is not a signal of this conversation"):
		check_signals_of_dossier("MD-10", {"SIG-1": "MD-10", "SIG-2": "MD-11"})
	with pytest.raises(RuleViolation):
		check_signals_of_dossier("MD-10", {"SIG-3": None})
	with pytest.raises(RuleViolation):
		check_signals_of_dossier(None, {"SIG-2": "MD-11"})


def test_the_parents_view_is_added_by_the_apps_own_code_only():
	check_new_addendum("Supplement", False)
	check_new_addendum("Correction", False)
	check_new_addendum("Parents' View", True)
	with pytest.raises(RuleViolation, match="not by hand"):
		check_new_addendum("Parents' View", False)


def test_each_person_of_the_school_takes_part_once():
	check_each_person_once(["ib@school.nl", "af@school.nl", None])
	with pytest.raises(RuleViolation, match="af@school.nl"):
		check_each_person_once(["af@school.nl", "af@school.nl"])  # one person is not two (H16)


def test_a_child_who_disclosed_is_told_before_the_parents_are_spoken_to():
	check_child_told_first(False, "Parents", False)  # no disclosure
	check_child_told_first(True, "Parents", True)
	check_child_told_first(True, "Support Team", False)
	with pytest.raises(RuleViolation, match="tell the child"):
		check_child_told_first(True, "Parents", False)  # H34
