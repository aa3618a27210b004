"""The actieplan bij calamiteiten as a checklist (seed 003), each item ticked with who and when."""

from datetime import datetime

from meldcode_app.rules.calamity import ACTIE_3, ACTIE_4, CHECKLIST, MELDEN, Tick, stamp

NOW, EARLIER = datetime(2026, 11, 25, 10, 0), datetime(2026, 11, 24, 9, 0)


def test_the_checklist_covers_who_is_called_media_and_opvang():
	items = [item for _, item in CHECKLIST]
	assert any("bestuurder" in item for phase, item in CHECKLIST if phase == MELDEN)
	assert any("Calamiteitenteam GGD HM" in item for item in items)
	assert any("media" in item for phase, item in CHECKLIST if phase == ACTIE_4)
	assert [item.split(": ")[1] for phase, item in CHECKLIST if phase == ACTIE_3] == [
		"Locatieleiding",
		"Team",
		"Ouders",
		"Leerlingen",
	]
	assert len(items) == len(set(items))


def test_a_tick_is_stamped_once_and_kept():
	new, kept, unticked = (
		Tick(True, None, None),
		Tick(True, "x", NOW, True, "af@school", EARLIER),
		Tick(False, "af@school", EARLIER, True, "af@school", EARLIER),
	)
	stamp([new, kept, unticked], "directeur@school", NOW)
	assert (new.done_by, new.done_on) == ("directeur@school", NOW)
	assert (kept.done_by, kept.done_on) == ("af@school", EARLIER)
	assert (unticked.done_by, unticked.done_on) == (None, None)
