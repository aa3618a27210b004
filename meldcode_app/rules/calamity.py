"""The actieplan bij calamiteiten as a checklist on a serious incident (seed 003, "Actieplan bij
calamiteiten" and "Opvang leerlingen bij voorvallen"), its items word for word in Dutch."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

MELDEN = "Melden (Opvang leerlingen bij voorvallen)"
ACTIE_1 = "ACTIE 1: Voer gesprekken"
ACTIE_2 = "ACTIE 2: Onderneem actie"
ACTIE_3 = "ACTIE 3: Zorg voor opvang"
ACTIE_4 = "ACTIE 4: Communicatie"
ACTIE_5 = "ACTIE 5: Vervolg/evaluatie"

CHECKLIST = (
	(MELDEN, "Onmiddellijk de directeur geïnformeerd."),
	(MELDEN, "Deze meldt de gebeurtenis bij de bestuurder."),
	(ACTIE_1, "Houd een logboek bij. (Logboek voor signalen)"),
	(ACTIE_1, "Bewaar e-mails en andere communicatie overzichtelijk"),
	(
		ACTIE_1,
		"Bespreek het (vermoeden van) grensoverschrijdend gedrag met de professional / AF HGKM / "
		"directie/locatieleiding van de betrokken leerlingen.",
	),
	(
		ACTIE_1,
		"Nodig, op zeer korte termijn, ouders van betrokken leerlingen uit voor een gesprek waarin de zorg "
		"van school (voor betrokken leerling en de veiligheid voor andere leerlingen) wordt gedeeld",
	),
	(
		ACTIE_1,
		"Bespreek met de ouders mogelijke oplossingen en maak een actieplan (maatregelen en afspraken).",
	),
	(ACTIE_2, "Maak op grond van de gesprekken een eerste inschatting over hoe groot de zaak is/kan worden."),
	(
		ACTIE_2,
		"Maak een kort actieplan. Eventueel met externe professionals (GGD-JGZ, zorgteam, behandelaar "
		"betrokken leerling, landelijke experts, etc). (Sociale Kaart)",
	),
	(ACTIE_2, "Neem snel maatregelen en communiceer deze naar de betrokken ouders en medewerkers."),
	(
		ACTIE_2,
		"Als de zaak groot wordt: stel een team samen met K&O, bestuur en externe professionals om verdere "
		"acties uit te zetten. (Calamiteitenteam GGD HM: 088 - 308 33 42)",
	),
	(ACTIE_2, "Maak een afweging van het gedrag met behulp van het vlaggensysteem Sensoa/ Movisie."),
	(ACTIE_2, "Informeer collega’s over de genomen maatregelen."),
	(ACTIE_2, "Evalueer de genomen maatregelen."),
	(ACTIE_3, "Zorg voor ondersteuning voor: Locatieleiding"),
	(ACTIE_3, "Zorg voor ondersteuning voor: Team"),
	(ACTIE_3, "Zorg voor ondersteuning voor: Ouders"),
	(ACTIE_3, "Zorg voor ondersteuning voor: Leerlingen"),
	(ACTIE_4, "Informeer het medewerkers over de ontwikkelingen en de afspraken."),
	(
		ACTIE_4,
		"Spreek af wie aanspreekpunt is voor de ouders. Dit is bij voorkeur de directie/locatieleiding.",
	),
	(ACTIE_4, "Zorg dat het in én bij de groepen rustig blijft."),
	(
		ACTIE_4,
		"Communicatie naar ouders: de manier van communiceren hangt van de zwaarte van het incident (ernst "
		"en aantal betrokkenen) en maatschappelijke onrust. (Ouderbrieven bij ernstig incident: betrokken "
		"groep, overige groepen, grensoverschrijdend gedrag jong kind)",
	),
	(ACTIE_4, "Alléén het verantwoordelijke bestuur/directie communiceert met de media."),
	(ACTIE_5, "Houd het logboek bij."),
	(ACTIE_5, "Check of alles volgens gemaakte afspraken verloopt."),
	(ACTIE_5, "Wees alert op signalen. Mogelijk zijn er meer slachtoffers."),
	(ACTIE_5, "Gebruik het incident als aanleiding om het huidige beleid door te lichten."),
)


@dataclass
class Tick:
	done: bool
	done_by: str | None
	done_on: datetime | None
	was_done: bool = False
	was_by: str | None = None
	was_on: datetime | None = None


def stamp(ticks: Iterable[Tick], user: str, now: datetime) -> None:
	"""Who ticked an item and when, set once when it is ticked and kept while it stays ticked;
	an item unticked loses both."""
	for tick in ticks:
		if not tick.done:
			tick.done_by, tick.done_on = None, None
		elif tick.was_done and tick.was_by:
			tick.done_by, tick.done_on = tick.was_by, tick.was_on
		else:
			tick.done_by, tick.done_on = user, now
