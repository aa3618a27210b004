"""What Frappe keeps for the rest of a request, templates, scripts and conditions only read.

Frappe hands the code a site's users write (Jinja templates, safe_exec scripts, safe_eval
conditions) objects its own code consults for the rest of the request: DocType definitions
(``frappe.get_meta``, ``doc.meta``), the site's settings and configuration as cached
(``frappe.get_cached_doc``) and, for templates, the request's Jinja globals. A change there
reaches Frappe's own code after the template returned: a Notification's template or condition set
Note's title template, list of columns and a field's fetch on its cached definition, and the case
team's next save of a note filled or pasted them (rounds 110-112). So such code gets only the
reading methods of those objects (``get``, ``get_field``, ``is_new``, ``as_dict``, ...) and copies
of the lists and dicts they hold, and sets none of their attributes. A condition, which only
decides, and a template, which only renders, get every record so: a notification's template set
the name of the ToDo it was sent for to filters, and Frappe's own reload of it before the next
notification loaded a case's ToDo instead (round 145); only a record Frappe prints is a
template's to change (ERPNext's voucher formats set their heading on it). A script may change
the other records it reaches.
"""

import copy
import functools
import inspect
import re

import frappe
from frappe import _
from frappe.model.base_document import BaseDocument
from frappe.model.document import Document
from frappe.model.meta import Meta
from frappe.utils.safe_exec import NamespaceDict

from meldcode_app.access.sandboxed_code import KEYS

# The site's configuration, which scripts do not write either (access/sandboxed_code.py).
CONFIGURATION = frozenset((*KEYS, "Letter Head", "Print Style", "Web Page", "Workspace"))
# The rows of a definition as Frappe builds it.
DEFINITION_ROWS = frozenset(
	("DocField", "DocPerm", "Custom DocPerm", "DocType Link", "DocType Action", "DocType State")
)
READING = re.compile(r"^(?:(?:get|has|is|as)(?:_\w*)?|getone|precision|in_format_data)$")
CONTAINERS = (list, dict, set)
# What is copied as it is handed out (not the request's stand-ins, access/request_values.py).
PLAIN = (list, dict, set, frappe._dict)
CHANGES = frozenset(
	(
		"append",
		"extend",
		"insert",
		"pop",
		"popitem",
		"remove",
		"clear",
		"sort",
		"reverse",
		"update",
		"setdefault",
		"add",
		"discard",
		"difference_update",
		"intersection_update",
		"symmetric_difference_update",
	)
)


def refuse():
	frappe.throw(
		_(
			"Templates, scripts and conditions read Frappe's definitions and the site's settings; they do not change them."
		),
		frappe.PermissionError,
		title=_("Not permitted"),
	)


def shared(obj: BaseDocument) -> bool:
	"""Whether Frappe's own code consults the document for the rest of the request: a definition
	or one of its rows, a single DocType's record (the site's settings), a record of the site's
	configuration (``frappe.get_doc`` of one held in the cache puts it there), or a row of one."""
	if isinstance(obj, Meta):
		return True
	doctype = getattr(obj, "doctype", None)
	if doctype in DEFINITION_ROWS or doctype in CONFIGURATION:
		return True
	parent = getattr(obj, "parent_doc", None)
	if isinstance(parent, BaseDocument):
		return shared(parent)
	return bool(doctype) and bool(frappe.get_meta(doctype).issingle)


def printed(obj: BaseDocument) -> bool:
	"""Whether the record is one Frappe's print renderer prints (ERPNext's voucher formats set their
	heading on it); Frappe saves no printed record. Not by its flag, which a template set itself
	through ``frappe.get_print(doc=doc)`` (round 152)."""
	printing = getattr(frappe.local, "meldcode_printing", None) or ()
	parent = getattr(obj, "parent_doc", None)
	return any(doc is obj or doc is parent for doc in printing)


def keep_printing_to_the_print_renderer() -> None:
	"""Frappe's print renderer marks the record it prints, unless a template or script asks it."""
	from frappe.www import printview

	from meldcode_app.access.sandboxed_code import foreign_code_runs

	render = printview.get_rendered_template
	if getattr(render, "meldcode_marks", False):
		return

	def rendered_as_printed(doc, *args, **kwargs):
		if foreign_code_runs():
			return render(doc, *args, **kwargs)
		printing = frappe.local.meldcode_printing = [
			*(getattr(frappe.local, "meldcode_printing", None) or ()),
			doc,
		]
		try:
			return render(doc, *args, **kwargs)
		finally:
			printing.remove(doc)

	rendered_as_printed.meldcode_marks = True
	printview.get_rendered_template = rendered_as_printed


def returning_copies(method):
	@functools.wraps(method)
	def reading(*args, **kwargs):
		result = method(*args, **kwargs)
		return copy.copy(result) if type(result) in PLAIN else result

	return reading


def handed_out(obj, name, value, every_document: bool = False, template: bool = False):
	"""``value``, read as ``obj.<name>`` by a template, script or condition, as it may have it."""
	if isinstance(obj, NamespaceDict):  # a template's globals: the request's other templates use them too
		if name in CHANGES and callable(value):
			refuse()
		if template and type(value) in PLAIN:
			return copy.copy(value)  # frappe.utils, frappe.flags
		return value
	if not isinstance(obj, BaseDocument):
		return value
	method = inspect.ismethod(value) and value.__self__ is obj
	if not (method or isinstance(value, CONTAINERS)):
		return value
	read_only = every_document or shared(obj) or (template and not printed(obj))
	if not (read_only or template):
		return value  # a script's own records
	if not method:  # a template changes no record's flags or lists in place either
		return copy.copy(value) if type(value) in PLAIN else value
	if not READING.match(name):
		if read_only:
			refuse()
		return value
	return returning_copies(value)


# What changes a record in memory, whoever's code calls it while a template renders.
RECORD_CHANGES = ("set", "update", "append", "extend", "remove", "delete_key", "insert", "save", "db_set")


def keep_handed_records_unchanged() -> None:
	"""While a template renders, the records it was handed (or reached: cached, loaded before)
	are changed by no code it calls either: Frappe's mapper, called by a notification's template
	with the ToDo it was sent for as its target, set the ToDo's reference to a case's dossier, and
	Frappe's own save of the ToDo then wrote the case team's assignments into the dossier (round
	147). Records made during the render, and a record Frappe prints, are the template's own."""
	from jinja2.environment import Template

	if getattr(Template.render, "meldcode_counted", False):
		return
	render = Template.render

	def render_counted(self, *args, **kwargs):
		frappe.local.meldcode_rendering = getattr(frappe.local, "meldcode_rendering", 0) + 1
		try:
			return render(self, *args, **kwargs)
		finally:
			frappe.local.meldcode_rendering -= 1

	render_counted.meldcode_counted = True
	Template.render = render_counted
	make = BaseDocument.__init__

	def make_marked(self, *args, **kwargs):
		if getattr(frappe.local, "meldcode_rendering", 0):
			self.__dict__["_meldcode_made_in_render"] = True
		make(self, *args, **kwargs)

	BaseDocument.__init__ = make_marked
	for name in RECORD_CHANGES:
		for cls in (BaseDocument, Document):
			if name in vars(cls):
				setattr(cls, name, unchanged_while_rendering(vars(cls)[name]))


def unchanged_while_rendering(change):
	@functools.wraps(change)
	def judged(self, *args, **kwargs):
		if (
			getattr(frappe.local, "meldcode_rendering", 0)
			and not self.__dict__.get("_meldcode_made_in_render")
			and not made_in_render(getattr(self, "parent_doc", None))
			and not printed(self)
		):
			refuse()
		return change(self, *args, **kwargs)

	return judged


def made_in_render(parent) -> bool:
	return isinstance(parent, BaseDocument) and bool(parent.__dict__.get("_meldcode_made_in_render"))


def keep_what_frappe_keeps_read_only() -> None:
	"""Judge what the Jinja sandbox and RestrictedPython hand out, for the whole process."""
	from frappe.utils import safe_exec
	from jinja2.sandbox import SandboxedEnvironment

	keep_handed_records_unchanged()
	keep_printing_to_the_print_renderer()
	if getattr(SandboxedEnvironment, "meldcode_reads_only", False):
		return
	getattr_, getitem = SandboxedEnvironment.getattr, SandboxedEnvironment.getitem

	def getattr_for_templates(self, obj, attribute):
		return handed_out(obj, attribute, getattr_(self, obj, attribute), template=True)

	def getitem_for_templates(self, obj, argument):
		value = getitem(self, obj, argument)
		return handed_out(obj, argument, value, template=True) if isinstance(argument, str) else value

	SandboxedEnvironment.getattr = getattr_for_templates
	SandboxedEnvironment.getitem = getitem_for_templates
	SandboxedEnvironment.meldcode_reads_only = True

	for_scripts = safe_exec._getattr_for_safe_exec
	for_conditions = safe_exec.WHITELISTED_SAFE_EVAL_GLOBALS["_getattr_"]
	write = safe_exec._write

	def getattr_for_scripts(obj, name, default=None):
		return handed_out(obj, name, for_scripts(obj, name, default))

	def getattr_for_conditions(obj, name, *default):
		return handed_out(obj, name, for_conditions(obj, name, *default), every_document=True)

	def write_for_scripts(obj):
		if isinstance(obj, NamespaceDict) or (isinstance(obj, BaseDocument) and shared(obj)):
			refuse()
		return write(obj)

	safe_exec._getattr_for_safe_exec = getattr_for_scripts
	safe_exec.WHITELISTED_SAFE_EVAL_GLOBALS["_getattr_"] = getattr_for_conditions
	safe_exec._write = write_for_scripts
