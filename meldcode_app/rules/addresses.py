"""Mail addresses as a field holds them ("a@b.nl", "Naam <a@b.nl>", several by comma): Frappe
cleans no field whose options are Email, and shows an address it does not know as it is (a
timeline's recipients): "<img src=x onerror=…>" as a recipient ran a script (round 40)."""

import re

# An address as schools use them: no "/", "=", "&" or "#" (entities and attributes were built of
# them inside "<…@b.co>", round 41).
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
EMAILS = re.compile(rf"(?<![^\s<,;:\"]){EMAIL}(?![^\s>,;\"])")
# An address, bare or with a display name of plain words or in double quotes.
ADDRESS = re.compile(rf"""^\s*(?:{EMAIL}|(?:"[^"<>\\`&]*"|[^<>"'`,;&]*?)\s*<{EMAIL}>)\s*$""")
ITEMS = re.compile(r'(?:"[^"]*"|[^,;\n"])+')


def addresses_only(text: str) -> str:
	"""``text`` with each item that is no address replaced by the addresses in it (none: left out);
	as it is when every item is an address."""
	items = ITEMS.findall(text)
	if all(ADDRESS.match(item) for item in items):
		return text
	kept = []
	for item in items:
		if ADDRESS.match(item):
			kept.append(item.strip())
		else:
			kept.extend(EMAILS.findall(item))
	return ", ".join(kept)
