"""Every whitelisted method of Frappe and of the installed apps, walked: a method that takes a
DocType (or JSON that can name one) is refused for a case DocType unless it is on the guard's
allow-list, so a new Frappe release cannot open a door unnoticed."""

import importlib
import inspect
import pkgutil

import frappe
from frappe.utils import set_request

from meldcode_app.access.permissions import ALLOWED_DOORS
from meldcode_app.access.request_guard import guard_request
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

# Parameters through which a request can name a DocType: by name, or inside JSON.
DOCTYPE_LIKE = ("doctype", "dt", "parent", "reference_type", "document_type", "doc_type")
JSON_LIKE = ("doc", "docs", "args", "chart", "filters", "fields", "items", "data", "kwargs", "document")


def import_every_module():
	"""frappe.whitelisted fills as modules are imported: import them all (not tests or patches)."""
	for app in frappe.get_installed_apps():
		package = importlib.import_module(app)
		for module in pkgutil.walk_packages(package.__path__, f"{app}."):
			if any(part in module.name.split(".") for part in ("tests", "test", "patches", "commands")):
				continue
			try:
				importlib.import_module(module.name)
			except (
				Exception
			):  # a module that needs an optional dependency: its methods are not callable either
				continue


def doors_of(method) -> list[str]:
	"""The parameters of ``method`` through which a request can name a DocType."""
	parameters = inspect.signature(inspect.unwrap(method)).parameters
	takes_kwargs = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
	names = [
		name
		for name in parameters
		if name in JSON_LIKE or any(name == k or name.endswith(f"_{k}") for k in DOCTYPE_LIKE)
	]
	return names or (["doctype"] if takes_kwargs else [])


class TestGuardWalk(MeldcodeTestCase):
	def refused(self, path: str, arguments: dict) -> bool:
		set_request(method="POST", path=path)
		frappe.local.form_dict = frappe._dict(arguments)
		try:
			guard_request()
		except frappe.PermissionError:
			return True
		finally:
			frappe.clear_messages()
			frappe.local.request = None
		return False

	def test_every_whitelisted_method_that_takes_a_doctype(self):
		import_every_module()
		frappe.set_user(staff_user("A", "Director"))
		walked, taking, open_doors = 0, 0, []
		for method in list(frappe.whitelisted):
			walked += 1
			name = f"{method.__module__}.{method.__qualname__}"
			parameters = doors_of(method)
			if not parameters:
				continue
			taking += 1
			for parameter in parameters:
				value = '{"doctype": "Meldcode Dossier"}' if parameter in JSON_LIKE else "Meldcode Dossier"
				if not self.refused(f"/api/method/{name}", {parameter: value}) and name not in ALLOWED_DOORS:
					open_doors.append(f"{name}({parameter})")
		print(f"\nwhitelisted methods walked: {walked}, taking a DocType or JSON: {taking}")
		self.assertGreater(walked, 300, "the walk found too few methods to be a real check")
		self.assertEqual(open_doors, [])

	def test_allowed_doors_are_methods_frappe_has(self):
		import_every_module()
		known = {f"{m.__module__}.{m.__qualname__}" for m in frappe.whitelisted}
		routes = {door for door in ALLOWED_DOORS if door.startswith(("frappe.api.", "page:"))}
		aliases = {"upload_file"}
		unknown = sorted(set(ALLOWED_DOORS) - known - routes - aliases)
		self.assertEqual(unknown, [])

	def test_the_same_request_passes_for_the_case_team_and_a_refused_one_for_no_one(self):
		"""Positive control of the walk's probe: an allowed door passes, a refused one is refused
		even for the case team of the school."""
		frappe.set_user(staff_user("A", "Aandachtsfunctionaris"))
		self.assertFalse(self.refused("/api/method/frappe.client.get_list", {"doctype": "Meldcode Dossier"}))
		self.assertTrue(
			self.refused(
				"/api/method/frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
				{"doctype": "Meldcode Dossier"},
			)
		)
		self.assertFalse(self.refused("/api/method/frappe.client.get_count", {"doctype": "ToDo"}))
