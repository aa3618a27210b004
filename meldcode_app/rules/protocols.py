"""Seed 003's protocols as checklists: each shipped template's steps word for word, in order, with
who acts and any term (days after the run starts). A school adapts a template like its route; a
run copies the steps it starts with."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from meldcode_app.rules.calamity import CHECKLIST
from meldcode_app.rules.errors import RuleViolation, _
from meldcode_app.rules.settings_limits import LONGEST_STEP_TERM

# What a run concerns: an incident, a professional's own report of unwanted behaviour towards
# them, a death in the school community.
INCIDENT, UNWANTED_BEHAVIOUR, DEATH = "Incident", "Unwanted Behaviour", "Death"
KINDS = (INCIDENT, UNWANTED_BEHAVIOUR, DEATH)

# Who acts on a step: a function of the school, or the professional who recorded the run.
DIRECTOR, AANDACHTSFUNCTIONARIS, INTERN_BEGELEIDER, TEACHER = (
	"Director",
	"Aandachtsfunctionaris",
	"Intern Begeleider",
	"Teacher",
)
PROFESSIONAL = "Professional Concerned"
ACTORS = (DIRECTOR, AANDACHTSFUNCTIONARIS, INTERN_BEGELEIDER, TEACHER, PROFESSIONAL)
# A report of unwanted behaviour names an adult (often a parent): only the professional concerned
# and the school's director read it, so its steps name only them.
UNWANTED_BEHAVIOUR_ACTORS = (DIRECTOR, PROFESSIONAL)

ACTIEPLAN_CALAMITEIT = "Actieplan calamiteit"
UNWANTED_BEHAVIOUR_PROTOCOL = "Protocol ongewenst gedrag richting professionals"


@dataclass(frozen=True)
class Step:
	number: str
	section: str
	text: str
	actor: str = DIRECTOR
	due_days: int | None = None


@dataclass(frozen=True)
class Template:
	name: str
	kind: str
	source: str
	steps: tuple[Step, ...]


def _numbered(section: str, texts: Iterable[str], actor: str = DIRECTOR, start: int = 1) -> tuple[Step, ...]:
	return tuple(Step(str(n), section, text, actor) for n, text in enumerate(texts, start))


_AGRESSIE = "Protocol omgaan met agressie en geweld"
_ONGEWENST = "Stappenplan"
_VERVOLG = "Vervolgstappen"
_ROUW = "Stappen die genomen moeten worden"
_SCHOK = "Stappenplan na een schokkende gebeurtenis"
_OUDERAVOND = "Een bijeenkomst kan goed uitpakken als"
_MEDIA = "Media"

TEMPLATES = (
	Template(
		ACTIEPLAN_CALAMITEIT,
		INCIDENT,
		"Seed 003, Actieplan bij calamiteiten",
		tuple(Step(str(n), phase, item) for n, (phase, item) in enumerate(CHECKLIST, 1)),
	),
	Template(
		_AGRESSIE,
		INCIDENT,
		"Seed 003, Protocol omgaan met agressie en geweld (curatief beleid, registratie en evaluatie)",
		(
			Step(
				"1",
				"Curatief beleid",
				"in het geval van een ernstig incident wordt in overleg tussen de schooldirectie en de "
				"bestuurder een opvangteam in het leven geroepen die de schooldirectie assisteert bij de "
				"aanpak c.q. begeleiding van slachtoffer, agressor, overige leerlingen, ouders en medewerkers.",
			),
			Step(
				"2",
				"Curatief beleid",
				"Indien een incident leidt tot ziekteverzuim, wordt gehandeld conform het ziekteverzuimbeleid.",
			),
			Step(
				"3",
				"Curatief beleid",
				"Ook als een incident niet tot verzuim leidt, is aandacht voor het slachtoffer (en eventueel "
				"agressor) gewenst.",
			),
			Step(
				"4",
				"Registratie",
				"Het bestuurssbureau fungeert als meldpunt voor personeel, leerlingen en ouders die voorvallen "
				"willen melden.",
				due_days=1,
			),
			Step(
				"5",
				"Registratie",
				"Voorvallen inzake agressie en geweld moeten gescheiden worden van ongevallen.",
			),
			Step("6", "Registratie", "Ongevallen worden geregistreerd door de schooldirecteuren."),
			Step(
				"7",
				"Klachten",
				"Ingeval zich op het terrein van agressie en geweld klachten en/of bezwaren voordoen, wordt "
				"de klachtenregeling gehanteerd.",
			),
			Step(
				"8",
				"Evaluatie",
				"Eventuele verbeteracties voortkomende uit de welzijnsenquêtes worden opgenomen in het plan "
				"van aanpak binnen het Arbobeleid van de individuele school en zo nodig verwerkt in "
				"bovenschools beleid.",
			),
		),
	),
	Template(
		UNWANTED_BEHAVIOUR_PROTOCOL,
		UNWANTED_BEHAVIOUR,
		"Seed 003, Protocol ongewenst gedrag richting professionals (stappenplan en vervolgstappen)",
		(
			*_numbered(
				_ONGEWENST,
				(
					"De professional brengt voor zichzelf duidelijk onder woorden hoe en wanneer de eigen "
					"grens is overschreden.",
					"Indien gewenst: bespreken met een naaste collega of de contactpersoon",
					"Inlichten van de directeur. Het is belangrijk om dit te doen, zodat ondersteuning gegeven "
					"kan worden en de leidinggevende een vertrouwenspersoon kan zijn.",
					"Het aanspreken van de persoon die het ongewenste gedrag veroorzaakt op zijn/haar gedrag. "
					"Dit kan samen met de directie. Dit is afhankelijk van de aard en ernst van het ongewenste "
					"gedrag.",
					"Terugkoppeling van het gesprek aan directie.",
				),
				PROFESSIONAL,
			),
			Step(
				"",
				_ONGEWENST,
				"Als het gedrag van de persoon niet meer voorkomt, volgt een terugkoppeling van het "
				"voorgaande in het werk-/teamoverleg, zonder dat daarbij de naam van de persoon wordt vermeld.",
			),
			Step(
				"6",
				_VERVOLG,
				"De professional brengt wederom duidelijk onder woorden hoe en wanneer de eigen grens is "
				"overschreden.",
				PROFESSIONAL,
			),
			Step(
				"7",
				_VERVOLG,
				"Er volgt een (nieuw) gesprek van de directie en de professional met de betreffende persoon. "
				"Dit gesprek wordt geleid door de directie. Hierin wordt aangegeven dat het gedrag absoluut "
				"niet getolereerd wordt. Uitgangspunt hierbij is, dat de persoon de toegang tot de "
				"locatie(s) van de organisatie (tijdelijk) wordt ontzegd.",
			),
			Step(
				"7",
				_VERVOLG,
				"Mocht het hier gaan om een ouder/verzorger dan zal, in overleg met het bestuur, besloten "
				"worden of een verwijdering van het kind van deze ouder/verzorger aan de orde is. De "
				"professional wordt hierin door de directie/management ondersteund.",
			),
			*_numbered(
				_VERVOLG,
				(
					"Evaluatie van het gesprek tussen directeur en professional.",
					"Terugkoppeling van de afloop in het werk-/teamoverleg.",
					"Indien nodig: aanpassing van het protocol zodat in een mogelijke volgende situatie beter "
					"kan worden gehandeld.",
				),
				start=8,
			),
		),
	),
	Template(
		"Omgaan met overlijden en rouw",
		DEATH,
		"Seed 003, Omgaan met overlijden en rouw (acht stappen, acties a-g van het sleuteltrio)",
		(
			Step(
				"1",
				_ROUW,
				"Nagaan van berichtgeving. Afhankelijk via welke weg het bericht van overlijden binnenkomt in "
				"de school moet nagaan worden of berichtgeving juist is.",
				due_days=1,
			),
			Step(
				"2",
				_ROUW,
				"Samenstellen van een sleuteltrio. Het sleuteltrio komt bij elkaar, stemt agenda’s op elkaar "
				"af en zorgt ervoor dat en voor de eerste week een stappenplan gemaakt wordt. Hierbij moet "
				"duidelijk afgesproken worden wie welke verantwoordelijkheden heeft.",
				due_days=1,
			),
			*(
				Step(f"3{letter}", "Het sleuteltrio onderneemt actie op het gebied van", text)
				for letter, text in zip(
					"abcdefg",
					(
						"Informeren van het team",
						"Regelen van organisatorische aanpassingen",
						"Informeren en opvangen leerlingen",
						"Inrichten van een herinneringsplek",
						"Contact met de ouders/familieleden van de overledene",
						"Informeren van alle ouders",
						"Informeren van diverse instellingen",
					),
					strict=True,
				)
			),
			*_numbered(
				_ROUW,
				(
					"Begeleiding in periode tussen overlijden en uitvaart. Het overlijden van een leerling of "
					"schoolprofessional roept veel op. Ruim daarom tijd in voor vragen, gesprekken en het uiten "
					"van emoties.",
					"Individuele begeleiding van leerlingen indien gewenst.",
					"Nazorg voor het team.",
					"Administratieve zaken regelen. De naam van de overledene moet uit de officiële registers "
					"worden geschreven.",
					"Terugkijken en evalueren. Het is aan te bevelen om ongeveer een maand na de uitvaart met "
					"het hele team terug te kijken op de gebeurtenissen en te evalueren.",
				),
				start=4,
			),
		),
	),
	Template(
		_SCHOK,
		INCIDENT,
		"Seed 003, Opvang leerlingen bij voorvallen: Stappenplan na een schokkende gebeurtenis",
		tuple(
			Step(str(n), _SCHOK, text, DIRECTOR, {10: 3, 13: 21}.get(n))
			for n, text in enumerate(
				(
					"Iedereen is verplicht het slachtoffer uit de situatie te helpen en de eerste opvang te "
					"verzorgen. De directeur wordt zo snel mogelijk geïnformeerd.",
					"De directeur en directe collegae zijn verantwoordelijk voor een goede eerste opvang van "
					"betrokken leerlingen, ouders en collegae.",
					"De directeur meldt het incident bij de ouders / verzorgers van de leerling.",
					"De directeur meldt het incident bij de bestuurder en wanneer noodzakelijk bij betreffende "
					"externe instanties.",
					"De directeur stelt in samenspraak met de bestuurder een opvangteam op, afhankelijk van de "
					"aard en omvang van het incident.",
					"Afhankelijk van de ernst van de gebeurtenis, waarbij wordt uitgegaan van de beleving van "
					"de leerling, wordt hij / zij in de gelegenheid gesteld om naar huis te gaan. De leerling "
					"wordt conform de hiervoor geldende procedure ziek gemeld.",
					"De directeur bewaakt de voortgang van de hulpverlening aan de leerling mogelijk met "
					"behulp van de schoolarts en zo nodig het opvangteam.",
					"De directeur verifieert of het team, de klas en betrokken ouders hulp nodig hebben en "
					"onderneemt zo nodig hierop actie.",
					"De directeur is verantwoordelijk voor het organiseren van de continuïteit in de school "
					"(onder andere opvang klas).",
					"De directeur is verantwoordelijk voor een adequaat vervolg van de opvang van de leerling "
					"en neemt zo spoedig mogelijk, maar in ieder geval binnen 72 uur, contact op met het "
					"slachtoffer.",
					"De directeur onderhoudt contact met de ouders van het slachtoffer en zorgt voor een "
					"verantwoorde terugkeer naar school.",
					"Het is de taak van de directeur in overleg met de betrokken leerkracht om (via de ouders) "
					"contact te houden met het slachtoffer en de medewerkers en de leerlingen te (blijven) "
					"informeren over de situatie.",
					"Binnen drie weken vindt een vervolggesprek plaats tussen de directeur en de ouders, "
					"waarin de directie onder meer informeert of de opvang naar tevredenheid verloopt.",
					"De leerkracht en de directeur hebben de verantwoordelijkheid de leerling bij de terugkeer "
					"te begeleiden.",
					"Twee weken na terugkeer moet door de directie via de leerkracht worden onderzocht of "
					"betrokkene zich weer voldoende veilig voelt.",
					"Afhankelijk van de aard en omvang van het incident neemt de directeur initiatief "
					"(mogelijk in overleg met een contactpersoon of het opvangteam) om een afsluitend gesprek "
					"te voeren met het slachtoffer.",
					"De directie heeft de taak om samen met de ouders / verzorgers van het slachtoffer "
					"eventuele materiële schade vast te stellen (zo nodig in overleg met de bestuurder) en te "
					"zorgen voor een snelle afwikkeling van de schadevergoeding.",
				),
				1,
			)
		),
	),
	Template(
		"Overwegingen met betrekking tot ouderavonden",
		INCIDENT,
		"Seed 003, Overwegingen met betrekking tot ouderavonden",
		(
			Step(
				"1",
				"Ervaringen van het calamiteitenteam Hollands Midden",
				"Het informeren van betrokkenen vraagt dus om een goede inschatting van de situatie. "
				"Hiervoor is het van belang om als school te overleggen met extern betrokken partners (bijv. "
				"politie, gemeente, GGD, BJZ, GGZ) vóórdat een eventuele bijeenkomst wordt aangekondigd",
			),
			Step(
				"2",
				"Ervaringen van het calamiteitenteam Hollands Midden",
				"Het calamiteitenteam van de GGD HM heeft inmiddels goede ervaring met het informeren van "
				"ouders via een brief waarin o.a. gesprekken worden aangeboden met de mensen die nog vragen "
				"hebben.",
			),
			*_numbered(
				_OUDERAVOND,
				(
					"er voldoende informatie is om te delen;",
					"de mensen bereid zijn om te luisteren naar de geboden informatie;",
					"de relevante partijen aanwezig zijn en zij de taken goed verdeeld hebben:",
				),
				start=3,
			),
			Step(
				"6",
				_OUDERAVOND,
				"Advies is om met drie tot vier partijen te zorgen dat alle relevante informatie gedeeld en "
				"toegelicht kan worden.",
			),
			Step(
				"7",
				"Als er veel onvrede is",
				"Een school kan er in dat geval voor kiezen een bijeenkomst te organiseren om te luisteren "
				"naar wat mensen te zeggen hebben. Het is belangrijk om dit duidelijk in de uitnodiging te "
				"vermelden.",
			),
			Step(
				"8",
				"Als er veel onvrede is",
				"De hulpvragen ter plekke vallen meestal mee, de aanwezigheid van een of twee hulpverleners "
				"die mensen uit het publiek op kunnen vangen is eigenlijk altijd voldoende.",
			),
		),
	),
	Template(
		"Omgaan met media bij incidenten",
		INCIDENT,
		"Seed 003, Omgaan met media bij incidenten (en de stappen voor de media bij een calamiteit)",
		(
			Step("1", _MEDIA, "In principe wordt er niet met de media gecommuniceerd."),
			Step("2", _MEDIA, "Alléén het verantwoordelijke bestuur/directie communiceert met de media."),
			Step("3", _MEDIA, "Verwijzen naar de woordvoerder van de hulpdiensten"),
			Step(
				"4",
				_MEDIA,
				"Uitnodigen media voor bijeenkomst op de volgende dag na overleg met de hulpverleners",
				due_days=1,
			),
			Step("5", _MEDIA, "Opstellen van een persbericht."),
			Step(
				"6",
				_MEDIA,
				"Personeel verwijst de pers altijd door naar de directeur en onthoudt zich van het spreken met "
				"de pers.",
			),
			Step(
				"7",
				_MEDIA,
				"Laat communicatie met media altijd plaatsvinden door een ervaren professional en stem "
				"soortgelijke communicatieboodschappen af met bestuur en (desnoods achteraf) met betrokken "
				"professionals.",
			),
			Step(
				"8",
				_MEDIA,
				"De bestuurder is in overleg met de directeur verantwoordelijk voor het te woord staan van de pers.",
			),
		),
	),
)


def template(name: str) -> Template:
	return next(t for t in TEMPLATES if t.name == name)


def due_date(started_on: date, due_days: int | None) -> date | None:
	"""A step's term: ``due_days`` calendar days after the run started (none when empty or 0)."""
	return started_on + timedelta(days=due_days) if due_days else None


def check_run(kind: str, incident: str | None, professional: str | None) -> None:
	"""A run about an incident names it; a report of unwanted behaviour names the professional
	concerned (who records it)."""
	if kind == INCIDENT and not incident:
		raise RuleViolation(_("A protocol about an incident names the incident."))
	if kind == UNWANTED_BEHAVIOUR and not professional:
		raise RuleViolation(_("A report of unwanted behaviour names the professional concerned."))


def check_step_terms(steps: Iterable[tuple[str | int, int | None]]) -> None:
	"""A protocol's steps (number, term in days): none negative or longer than a year."""
	for number, due_days in steps:
		if due_days is not None and not 0 <= int(due_days) <= LONGEST_STEP_TERM:
			raise RuleViolation(_("Step {0}: a term is between 0 and {1} days."), number, LONGEST_STEP_TERM)


def check_actors(kind: str, steps: Iterable[tuple[str | int, str]]) -> None:
	"""A protocol's steps (number, who acts): one about unwanted behaviour names only the director
	or the professional concerned."""
	if kind != UNWANTED_BEHAVIOUR:
		return
	for number, actor in steps:
		if actor not in UNWANTED_BEHAVIOUR_ACTORS:
			raise RuleViolation(
				_(
					"Step {0} names {1}: a protocol about unwanted behaviour towards a professional names "
					"only the Director or the Professional Concerned as who acts."
				),
				number,
				actor,
			)


def who_acts(
	kind: str, actor: str, professional: str | None, staff: Callable[[str], Iterable[str]]
) -> set[str]:
	"""Who acts on a step of a run, the only people told of it: the professional concerned for
	theirs, the school's staff in the function (``staff``) for others. Of a report of unwanted
	behaviour nobody but its professional and the director, whatever a step names."""
	if kind == UNWANTED_BEHAVIOUR and actor not in UNWANTED_BEHAVIOUR_ACTORS:
		return set()
	users = [professional] if actor == PROFESSIONAL else staff(actor)
	return {user for user in users if user}


def check_tick(user: str, number: str | int, actor: str, acting: set[str], directors: set[str]) -> None:
	"""A step is ticked (and unticked) by whoever acts on it or by the school's director."""
	if user not in acting | directors:
		raise RuleViolation(
			_("Step {0} is ticked only by whoever acts on it ({1}) or by the school's director."),
			number,
			actor,
		)
