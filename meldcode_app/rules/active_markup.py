"""Text as the desk shows it, and whether it would run there: an event handler, a tag that runs or
loads a page, an element placed over the page, a picture that calls a site, or a link that runs a
script, also once the desk has decoded it."""

import html
import json
import posixpath
import re
from urllib.parse import parse_qsl, unquote, urlsplit

# What a browser takes as a tag or comment: "<" before a letter, "!", "/" or "?" ("<#…>" is text);
# "<!-->" and "<!--->" are whole comments to a browser (round 78).
TAGS = re.compile(r"<!--(?:-?>|.*?-->)|<[A-Za-z!/?][^>]*>", re.DOTALL)
# Browsers drop whitespace and control characters inside a link's scheme.
UNSEEN = re.compile(r"[\x00-\x20\x7f-\x9f\s]+")
# A link that runs a script anywhere in a text: a markdown link "[rooster](javascript:…)" in a web
# page block, which no markup cleaning sees (round 35). Where a link starts: the text's start, an
# attribute's "=" or quote, "<", a markdown link's "](" or "]:"; read without whitespace,
# "Cursus JavaScript: basis" and "<li>JavaScript: aan</li>" are none.
SCRIPT_IN_TEXT = re.compile(
	r"(?:^|\]\(|\]:|[<=\"'`])(?:javascript:|vbscript:|data:text/html)", re.IGNORECASE | re.MULTILINE
)

# The events an element's on…= attribute answers (HTML's global, window and media events, SVG's
# animation events, the marquee's): "onderhoud=" in a sentence is none of them.
EVENTS = (
	"abort afterprint animationcancel animationend animationiteration animationstart auxclick "
	"beforecopy beforecut beforeinput beforematch beforepaste beforeprint beforetoggle beforeunload "
	"begin blur bounce cancel canplay canplaythrough change click close contentvisibilityautostatechange "
	"contextlost contextmenu contextrestored copy cuechange cut dblclick drag dragend dragenter "
	"dragexit dragleave dragover dragstart drop durationchange emptied end ended error finish focus "
	"focusin focusout formdata fullscreenchange fullscreenerror gotpointercapture hashchange input "
	"invalid keydown keypress keyup languagechange load loadeddata loadedmetadata loadend loadstart "
	"lostpointercapture message messageerror mousedown mouseenter mouseleave mousemove mouseout "
	"mouseover mouseup mousewheel offline online pagehide pagereveal pageshow pageswap paste pause "
	"play playing pointercancel pointerdown pointerenter pointerleave pointermove pointerout "
	"pointerover pointerrawupdate pointerup popstate progress ratechange rejectionhandled repeat "
	"reset resize scroll scrollend scrollsnapchange scrollsnapchanging search securitypolicyviolation "
	"seeked seeking select selectionchange selectstart show slotchange stalled start storage submit "
	"suspend timeupdate toggle touchcancel touchend touchmove touchstart transitioncancel "
	"transitionend transitionrun transitionstart unhandledrejection unload volumechange waiting "
	"wheel zoom command visibilitychange readystatechange devicemotion deviceorientation "
	"deviceorientationabsolute orientationchange appinstalled beforeinstallprompt gamepadconnected "
	"gamepaddisconnected pointerlockchange pointerlockerror beforexrselect beforescriptexecute "
	"afterscriptexecute encrypted waitingforkey enterpictureinpicture leavepictureinpicture resume "
	"freeze prerenderingchange navigate overscroll gesturestart gesturechange gestureend "
	"touchforcechange activate beforeactivate beforedeactivate deactivate propertychange help "
	"filterchange losecapture move moveend movestart"
).split()
# An event handler's attribute name, also a browser's own events (onwebkit…, onmoz…, onms…).
HANDLER_NAME = (
	rf"(?<![\w-])on(?:(?:webkit|moz|ms)[a-z]+|{'|'.join(sorted(EVENTS, key=len, reverse=True))})\s*="
)
HANDLER = re.compile(HANDLER_NAME, re.IGNORECASE)
# What leaves a value's attribute or starts a tag: a handler named by an event needs one of them.
OUT_OF_TEXT = re.compile(r"[<\"'`]")
# Inside a tag, any on…= attribute is taken as a handler, whatever the browser calls its events.
HANDLER_IN_A_TAG = re.compile(r"<[A-Za-z][^>]*?[\s/\"'`]on[a-z]+\s*=", re.IGNORECASE)
# The desk's own classes that lift an element out of its place over the page (fixed-top,
# position-fixed, modal: a login that is not the site's, round 79).
OVER_THE_PAGE = re.compile(
	r"<[A-Za-z][^>]*?class\s*=[^>]*?(?<![\w-])(?:fixed-top|fixed-bottom|sticky-top|sticky-bottom|"
	r"position-(?:fixed|absolute|sticky)|modal[\w-]*)(?![\w-])",
	re.IGNORECASE,
)
# What a style may hold and keep an element in its place: how its letters look (the editor's
# colours, fonts, alignment). Anything else may lay a link over the page: a position (round 78), a
# transform or a negative margin around a padding (round 82), an inline link's padding or border,
# which paint over the lines around it, a line height or a height its content overflows (round
# 83), a text decoration's thickness (round 84); an address in a style is fetched.
IN_PLACE_PROPERTIES = (
	"color",
	"background-color",
	"font-weight",
	"font-style",
	"font-family",
	"text-align",
	"text-decoration-line",
)
IN_PLACE = re.compile("|".join(map(re.escape, IN_PLACE_PROPERTIES)))
# A picture holds no content to overflow its box: its size stays (a letter head made from an
# uploaded logo, round 85).
PICTURE_SIZE = re.compile(r"(?:max-|min-)?(?:width|height)")
# A tag's style, after any attributes before it (whose quoted values may hold ">").
STYLE_VALUE = re.compile(
	r"""<([A-Za-z][\w:-]*)(?:[\s/]+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?)*?[\s/"']style\s*=\s*"""
	r"""(?:"([^"]*)"|'([^']*)'|([^\s>]*))""",
	re.IGNORECASE,
)


def in_place(style: str, tag: str = "") -> str:
	"""The declarations of a tag's style (as a browser reads the attribute) that keep its element
	in its place."""
	return "; ".join(
		kept for declaration in declarations(style) if (kept := keeps_its_place(declaration, tag))
	)


def lifts_over_the_page(text: str) -> bool:
	"""Whether a tag's style holds a declaration that does not keep its element in place."""
	for match in STYLE_VALUE.finditer(text):
		tag, *values = match.groups()
		style = next(value for value in values if value is not None)
		if not all(keeps_its_place(declaration, tag) for declaration in declarations(style)):
			return True
	return False


def declarations(style: str) -> list[str]:
	return [declaration for declaration in html.unescape(style).split(";") if declaration.strip()]


def keeps_its_place(declaration: str, tag: str = "") -> str:
	"""A declaration as kept ("" if it is not): a colour may be rgb(…) or hsl(…), no other
	function (url() is fetched), escape or comment."""
	name, colon, value = declaration.partition(":")
	name = name.strip().lower()
	kept = IN_PLACE.fullmatch(name) or (tag.lower() == "img" and PICTURE_SIZE.fullmatch(name))
	if not colon or not kept or "\\" in value or "/*" in value:
		return ""
	if any(function.lower() not in COLOURS for function in FUNCTION.findall(value)):
		return ""
	return f"{name}: {value.strip()}"


FUNCTION = re.compile(r"([\w-]*)\s*\(")
COLOURS = frozenset(("rgb", "rgba", "hsl", "hsla"))


# A picture whose address is a method or page of a site: viewing a note with "/api/method/logout"
# as a picture logged its reader out (round 84). A picture of the site itself is one of its files.
SITE_PICTURE = re.compile(r"/(?:private/)?files/|/assets/")
SITE_CALL = re.compile(r"/(?:api|app|desk|login)(?:[/?#]|$)", re.IGNORECASE)


def calls_the_site(address: str) -> bool:
	address = UNSEEN.sub("", html.unescape(address)).replace("\\", "/")
	parts = urlsplit(address)
	if any(key.strip().lower() == "cmd" for key, _value in parse_qsl(parts.query, keep_blank_values=True)):
		return True  # Frappe runs a "cmd" on any path, a picture's of its files too (round 177)
	path = unquote(unquote(parts.path)).replace("\\", "/")  # the server reads "/%61pi/…" as "/api/…"
	if parts.scheme or parts.netloc:  # another site's picture, or a data: picture
		return bool(SITE_CALL.match(posixpath.normpath("/" + path.lstrip("/"))))
	# a path on this site ("../../api/…" too), in a folder of its files ("/files/../api/…" is not)
	return not SITE_PICTURE.match(path) or ".." in path


# What a browser fetches as it draws a tag: its source, poster or background.
FETCHED = re.compile(
	r"""<[A-Za-z][^>]*?[\s/"'](?:src|poster|background|lowsrc|dynsrc)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']*))""",
	re.IGNORECASE,
)


def fetches_from_the_site(text: str) -> bool:
	"""Whether a tag fetches a method or page of a site as it is drawn."""
	return any(
		calls_the_site(next(value for value in match.groups() if value is not None))
		for match in FETCHED.finditer(text)
	)


# Tags that run a script, load a page or a stylesheet, move the page, send a form elsewhere or
# hold text a browser decodes (a textarea's "&#111;nerror" becomes "onerror" once the desk takes
# its text, round 78).
ACTIVE_TAG = re.compile(
	r"<\s*(?:script|iframe|frame|frameset|object|embed|applet|base|meta|link|style|form|svg|math|"
	r"template|noscript|xmp|plaintext|portal|textarea|title|noembed|noframes)(?![\w-])",
	re.IGNORECASE,
)


def as_the_desk_shows(value: str) -> list[str]:
	"""A value's text as a browser takes it out of the markup, decoded once more each time, as the
	desk does before it puts a ToDo's text on a Kanban card or a label into the timeline as markup:
	"&lt;img … onerror=…&gt;", "&lt;<i></i>img …" and "&quot; onanimationstart=…" ran there
	(rounds 43, 44)."""
	layers, text = [], value
	for _round in range(3):
		text = html.unescape(TAGS.sub("", text))
		if layers and text == layers[-1]:
			break
		layers.append(text)
	return layers


def runs_in_a_page(value: str) -> bool:
	"""Whether a text put into a page as markup would run something: as it is, as the desk decodes
	it, or as JSON's escapes read ("\\u003cimg …")."""
	texts = [value, *as_the_desk_shows(value)]
	if "\\u" in value.lower():
		try:
			texts.extend(texts_in(json.loads(value)))
		except ValueError:
			pass
	return any(
		(HANDLER.search(text) and OUT_OF_TEXT.search(text))
		or HANDLER_IN_A_TAG.search(text)
		or ACTIVE_TAG.search(text)
		or OVER_THE_PAGE.search(text)
		or lifts_over_the_page(text)
		or fetches_from_the_site(text)
		or SCRIPT_IN_TEXT.search(UNSEEN.sub("", html.unescape(text)))
		for text in texts
	)


def texts_in(value):
	if isinstance(value, str):
		yield value
	elif isinstance(value, dict):
		for key, item in value.items():
			yield from texts_in(key)
			yield from texts_in(item)
	elif isinstance(value, list):
		for item in value:
			yield from texts_in(item)


# Where a page sends its reader on: Frappe's login page goes to its "redirect-to" after the login,
# through a cleaning that removes "javascript" once, so "javajavascriptscript:…" ran a guest's
# script with a case-team member's session as soon as she logged in (round 151). A path of this
# site only: one "/" first, no backslash, no character a browser drops (a tab, a new line).
SITE_PATH = re.compile(r"^/(?![/\\])[^\\\x00-\x1f\x7f-\x9f]*$")


def a_path_of_this_site(value) -> bool:
	text = str(value)
	return all(bool(SITE_PATH.match(form)) for form in (text, unquote(text), unquote(unquote(text))))
