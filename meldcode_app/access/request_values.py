"""Templates and scripts of the site do not read the request they run in.

Frappe hands every template and script the request it runs in: ``frappe.request`` (body, headers,
cookies), ``frappe.form_dict`` (also ``args``), ``frappe.response`` and the session's CSRF token.
A template or script that a site's user stored runs in other users' requests too: a Notification
on Activity Log, rendered in each login, read the password from the body and sent it out with
``frappe.make_post_request`` (round 94); a session's cookie would have followed. Here those values
are stand-ins that give the request to the code the apps ship (their files, the www pages), and a
request's arguments and answer also to the stored code that answers it: an API server script, a
web page's context (the bench Administrator's), the System Console. Other stored code runs as in a
background job: no request, no arguments, no token (no error, so the request it runs in goes on).
"""

import sys

import frappe
from jinja2 import Environment

STORED = "<template>"  # Jinja's file name for a template made from text
# Frappe renders an app's www page from its file's text.
SHIPPED_PAGES = frozenset((("frappe.website.page_renderers.template_page", "render_template"),))
ANSWERING = frozenset(
	(
		("frappe.core.doctype.server_script.server_script", "execute_method"),
		("frappe.website.doctype.web_page.web_page", "get_context"),
		("frappe.desk.doctype.system_console.system_console", "run"),
	)
)


def stored_code_asks() -> tuple[bool, bool]:
	"""Whether code a site's user stored is on the stack, and whether it answers the request (an
	answering method below all of it)."""
	frame = sys._getframe(2)
	templates, shipped, nearest = set(), set(), None
	script = answers = False
	while frame is not None:
		place = (frame.f_globals.get("__name__", ""), frame.f_code.co_name)
		if frame.f_code.co_filename == STORED and isinstance(frame.f_globals.get("environment"), Environment):
			nearest = id(frame.f_globals)  # one template's frames share its globals
			templates.add(nearest)
			answers = False
		elif "_getattr_" in frame.f_globals:  # RestrictedPython: a script, a condition
			script, answers = True, False
		elif place in SHIPPED_PAGES and nearest is not None:
			shipped.add(nearest)
		elif place in ANSWERING:
			answers = True
		frame = frame.f_back
	stored = script or bool(templates - shipped)
	return stored, stored and answers


def the_request():
	request = getattr(frappe.local, "request", None)
	return {} if request is None or stored_code_asks()[0] else request  # {}: as in a job


class TheRequest:
	"""``frappe.request`` for templates and scripts: the code the apps ship reads it."""

	__slots__ = ()

	def __getattr__(self, name):
		return getattr(the_request(), name)

	def __bool__(self):
		return bool(the_request())

	def __repr__(self):
		return repr(the_request())

	__str__ = __repr__


class RequestDict(frappe._dict):
	"""``frappe.form_dict`` or ``frappe.response``: empty itself, it reads the request's own for
	the code the apps ship and for stored code that answers the request."""

	__slots__ = ("_name",)

	def __init__(self, name: str):
		super().__init__()
		object.__setattr__(self, "_name", name)

	def _request_dict(self) -> dict:
		stored, answers = stored_code_asks()
		if stored and not answers:
			return frappe._dict()  # what it writes goes nowhere
		return getattr(frappe.local, self._name, None) or frappe._dict()

	def __getattr__(self, key):
		if key.startswith("__"):
			raise AttributeError(key)
		return self._request_dict().get(key)

	def __setattr__(self, key, value):
		self._request_dict()[key] = value

	def __getitem__(self, key):
		return self._request_dict()[key]

	def __setitem__(self, key, value):
		self._request_dict()[key] = value

	def __delitem__(self, key):
		del self._request_dict()[key]

	def __contains__(self, key):
		return key in self._request_dict()

	def __iter__(self):
		return iter(self._request_dict())

	def __len__(self):
		return len(self._request_dict())

	def __bool__(self):
		return bool(self._request_dict())

	def __repr__(self):
		return repr(self._request_dict())

	__str__ = __repr__

	def get(self, key, default=None):
		return self._request_dict().get(key, default)

	def keys(self):
		return self._request_dict().keys()

	def values(self):
		return self._request_dict().values()

	def items(self):
		return self._request_dict().items()

	def copy(self):
		return frappe._dict(self._request_dict())

	def pop(self, *args):
		return self._request_dict().pop(*args)

	def setdefault(self, key, default=None):
		return self._request_dict().setdefault(key, default)

	def update(self, *args, **kwargs):
		return self._request_dict().update(*args, **kwargs)


class TheSession(frappe._dict):
	"""``frappe.session``: who is logged in, and the CSRF token for the code the apps ship."""

	def __getattr__(self, key):
		return self.get(key)

	def get(self, key, default=None):
		if key != "csrf_token":
			return super().get(key, default)
		session = getattr(frappe.local, "session", None)
		return session.data.csrf_token if session and not stored_code_asks()[0] else ""

	def __getitem__(self, key):
		return self.get(key)


def calls_without_the_request(call):
	"""``frappe.call``: Frappe hands the method the request's own arguments (and kwargs over them);
	for stored code that does not answer the request, the kwargs alone (round 95: a method called
	from a login's notification stored what the login sent)."""

	def call_without_the_request(function, **kwargs):
		stored, answers = stored_code_asks()
		if not stored or answers:
			return call(function, **kwargs)
		arguments = getattr(frappe.local, "form_dict", None)
		frappe.local.form_dict = frappe._dict(kwargs)
		try:
			return call(function)
		finally:
			frappe.local.form_dict = arguments

	return call_without_the_request


def without_the_request(get_safe_globals):
	def safe_globals_without_the_request():
		out = get_safe_globals()
		out.frappe.call = calls_without_the_request(out.frappe.call)
		out.args = out.frappe.form_dict = RequestDict("form_dict")
		out.frappe.request = TheRequest()
		out.frappe.session = TheSession(user=out.frappe.session.user)
		if "response" in out.frappe:
			out.frappe.response = RequestDict("response")
		return out

	safe_globals_without_the_request.meldcode_wrapped = True
	return safe_globals_without_the_request


def keep_the_request_from_stored_code() -> None:
	"""The safe globals of templates and scripts (Frappe builds them for each script and each
	request's Jinja environment) hold stand-ins for the request, for the whole process
	(sandboxed_code.watch_from_the_start)."""
	from frappe.utils import safe_exec

	if not getattr(safe_exec.get_safe_globals, "meldcode_wrapped", False):
		safe_exec.get_safe_globals = without_the_request(safe_exec.get_safe_globals)
		# a Jinja environment this request built before (a two-factor mail) is built again
		frappe.local.jenv = None
