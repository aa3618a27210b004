"""Values of the two field types Frappe puts into pages as they are stored, outside code: a
signature's image address goes into src="…" in print, a barcode is SVG markup that the desk form
and the print show as it is. Such a value may only be what Frappe's own control makes of it: an
image Frappe's signature pad draws, an SVG as JsBarcode draws it (rounds 75, 76)."""

import re
from html.parser import HTMLParser

SIGNATURE = re.compile(r"data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]*")

# What JsBarcode draws (renderers/svg.js) and Frappe's barcode control adds (the value, the width).
BARCODE_TAGS = frozenset(("svg", "rect", "g", "text"))
BARCODE_ATTRIBUTES = frozenset(
	(
		"width",
		"height",
		"x",
		"y",
		"viewbox",
		"xmlns",
		"version",
		"style",
		"transform",
		"text-anchor",
		"data-barcode-value",
	)
)
# Numbers, colours, fonts, the SVG namespace and a barcode's own characters: no quote, no angle
# bracket, no "=" or "&" that could start something else once the browser reads it.
ATTRIBUTE_VALUE = re.compile(r"[\w\s.,:;#%()/+*$-]*")
FETCHES = re.compile(r"url\s*\(|@import|expression\s*\(", re.IGNORECASE)


def is_a_signature(value: str) -> bool:
	return bool(SIGNATURE.fullmatch(value.strip()))


def is_a_barcode(value: str) -> bool:
	"""A barcode's text before the control drew it, or the SVG the control drew of it."""
	if not value.lstrip().startswith("<"):
		return not re.search(r"[<>&\"'`]", value)
	reader = BarcodeReader()
	try:
		reader.feed(value)
		reader.close()
	except ValueError:
		return False
	return reader.as_drawn


class BarcodeReader(HTMLParser):
	"""Reads an SVG and says whether it holds only what JsBarcode draws."""

	def __init__(self):
		super().__init__(convert_charrefs=False)
		self.as_drawn = True

	def handle_starttag(self, tag, attrs):
		self.as_drawn &= tag in BARCODE_TAGS and all(
			name in BARCODE_ATTRIBUTES
			and ATTRIBUTE_VALUE.fullmatch(value or "")
			and not FETCHES.search(value or "")
			for name, value in attrs
		)

	def handle_startendtag(self, tag, attrs):
		self.handle_starttag(tag, attrs)

	def handle_endtag(self, tag):
		self.as_drawn &= tag in BARCODE_TAGS

	def handle_data(self, data):
		self.as_drawn &= "<" not in data

	def handle_comment(self, data):
		self.as_drawn = False

	def handle_decl(self, decl):
		self.as_drawn = False

	def handle_pi(self, data):
		self.as_drawn = False

	def unknown_decl(self, data):
		self.as_drawn = False
