"""Names of the app's records: a prefix, the year and five random characters, never a running
number. A running number, one per DocType for all schools, told whoever made a record how many
others all schools had made that year (and, asked day by day, when); Frappe's naming settings let
a System Manager read it, or set it back so that no signal could be saved anywhere (round 69)."""

import secrets

# Letters and digits that are not read as one another (no 0/O, 1/I/L): a name is read out loud.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 5
PREFIXES = {
	"Meldcode Access Grant": "MAG-",
	"Meldcode Conversation": "MC-{year}-",
	"Meldcode Correction Request": "MCR-{year}-",
	"Meldcode Dossier": "MD-{year}-",
	"Meldcode Exclusion": "MEX-{year}-",
	"Meldcode Monitoring Report": "RM-{year}-",
	"Meldcode Protocol Run": "PR-{year}-",
	"Meldcode Signal": "MS-{year}-",
	"Meldcode Staff Report": "MSR-{year}-",
	"Meldcode Weighing": "MW-{year}-",
	"Meldcode Working Note": "WN-",
	"Safety Incident": "SI-{year}-",
	"Veilig Thuis Contact": "VT-{year}-",
}


def record_name(doctype: str, year: int, choose=secrets.choice) -> str:
	"""A new name for a record of ``doctype`` made in ``year`` ("MD-2026-K7P3Q")."""
	return PREFIXES[doctype].format(year=year) + "".join(choose(ALPHABET) for _ in range(LENGTH))
