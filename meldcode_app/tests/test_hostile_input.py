"""Hostile and careless input gets a clear refusal, never a database error, and nothing half-saved."""

import importlib
import inspect
import json
import pkgutil

import frappe
from frappe.model.base_document import get_controller
from frappe.utils import strip_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import meldcode_app
from meldcode_app.api import open_dossier_from_signals
from meldcode_app.case_records import CaseRecord
from meldcode_app.patches import narratives_as_long_text
from meldcode_app.safe_api import UnexpectedError, safe_method
from meldcode_app.tests.factories import as_user, conversation, make_signal, melding, open_dossier
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

EXPECTED = (frappe.ValidationError, frappe.PermissionError)
HOSTILE = st.one_of(
	st.none(),
	st.text(max_size=300),
	st.text(alphabet="0123456789:-. T", max_size=25),
	st.dates().map(str),
	st.times().map(str),
	st.datetimes().map(str),
	st.integers(),
	st.floats(),
	st.booleans(),
	st.recursive(
		st.none() | st.booleans() | st.integers() | st.text(max_size=20),
		lambda children: (
			st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
		),
		max_leaves=8,
	).flatmap(lambda value: st.sampled_from([value, json.dumps(value)])),
)
PROPERTY = settings(
	max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True
)


def app_methods() -> dict:
	"""Every whitelisted method of the app: its modules are imported so that all are registered. A
	document's own method (of a class the app puts in place of Frappe's) takes the document, which
	its DocType judges, and is left out."""
	for module in pkgutil.walk_packages(meldcode_app.__path__, "meldcode_app."):
		if ".test" not in module.name:
			importlib.import_module(module.name)
	return {
		f"{fn.__module__}.{fn.__name__}": fn
		for fn in frappe.whitelisted
		if fn.__module__.startswith("meldcode_app") and "." not in fn.__qualname__
	}


def case_doctypes() -> list[str]:
	"""The DocTypes whose controller checks typed input first (CaseRecord)."""
	doctypes = frappe.get_all(
		"DocType", {"module": "Meldcode App", "istable": 0, "issingle": 0}, pluck="name"
	)
	return [doctype for doctype in doctypes if issubclass(get_controller(doctype), CaseRecord)]


class TestHostileInput(MeldcodeTestCase):
	def count(self, doctype):
		return frappe.db.count(doctype)

	def test_a_signal_at_25_99_is_refused_and_nothing_is_saved(self):
		before = self.count("Meldcode Signal")
		self.assertRefused(lambda: make_signal(signal_time="25:99"), "Tijd", "25:99", "UU:MM")
		self.assertRefused(lambda: make_signal(signal_date="2026-02-30"), "2026-02-30")
		self.assertEqual(self.count("Meldcode Signal"), before)

	def test_a_verslag_of_70000_and_of_1000000_characters_is_stored_whole(self):
		dossier = open_dossier()
		for size in (70_000, 1_000_000):
			report = ("Moeder vertelt. " * (size // 16 + 1))[:size]
			doc = conversation(dossier, submit=False, report=report)
			self.assertEqual(len(frappe.db.get_value("Meldcode Conversation", doc.name, "report")), size)

	def test_a_text_beyond_its_column_is_refused_with_the_limit(self):
		dossier = open_dossier()
		before = self.count("Meldcode Conversation")
		self.assertRefused(
			lambda: conversation(dossier, submit=False, goal="x" * 70_000),
			"te lang",
			"65535 bytes",
			"70000 tekens",
		)
		self.assertRefused(
			lambda: conversation(dossier, submit=False, report="x" * 2_000_001), "2000000 bytes"
		)
		self.assertEqual(self.count("Meldcode Conversation"), before)

	def test_json_arguments_that_are_no_list_of_names_are_refused_by_name(self):
		signal = make_signal().name
		as_af = as_user(staff_user("A", "Aandachtsfunctionaris"))
		for value, fragment in (
			("[", "geen geldige JSON"),
			('{"name": "x"}', "lijst met namen"),
			(42, "lijst met namen"),
			("[1, 2]", "lijst met namen"),
		):
			self.assertRefused(
				lambda value=value: as_af(open_dossier_from_signals, value), "signals", fragment
			)
		self.assertFalse(frappe.db.get_value("Meldcode Signal", signal, "dossier"))
		self.assertTrue(as_af(open_dossier_from_signals, json.dumps([signal])))

	def test_a_veilig_thuis_contact_made_by_someone_not_on_the_staff_is_refused_by_name(self):
		dossier = open_dossier()
		outsider = staff_user("B", "Director")
		before = self.count("Veilig Thuis Contact")
		self.assertRefused(
			lambda: melding(dossier, submit=False, contact_by=outsider), outsider, "Director B", self.school_a
		)
		self.assertEqual(self.count("Veilig Thuis Contact"), before)

	def test_participants_casemanager_and_case_team_are_staff_of_the_school(self):
		dossier = open_dossier()
		outsider = staff_user("B", "Teacher")
		self.assertRefused(
			lambda: conversation(dossier, participants=[staff_user("A", "Aandachtsfunctionaris"), outsider]),
			outsider,
		)
		dossier.append("case_team", {"user": outsider, "function": "Teacher"})
		self.assertRefused(dossier.save, outsider)
		dossier.reload()
		dossier.casemanager = outsider
		self.assertRefused(dossier.save, outsider)

	def test_someone_who_left_the_school_does_not_block_later_saves(self):
		dossier = open_dossier()
		contact = melding(dossier, submit=False)
		frappe.db.delete("Meldcode School Staff", {"user": contact.contact_by, "parent": self.school_a})
		contact.parents_reaction = "Vader maakt geen bezwaar meer."
		contact.save()

	def test_an_unexpected_error_is_logged_rolled_back_and_told_in_dutch(self):
		@safe_method
		def failing_method():
			make_signal()
			raise KeyError("a bug")

		before = self.count("Meldcode Signal")
		with self.assertRaises(UnexpectedError) as refused:
			failing_method()
		message = strip_html(str(refused.exception))
		self.assertIn("Er ging iets mis", message)
		self.assertEqual(self.count("Meldcode Signal"), before)
		log = frappe.get_last_doc("Error Log", filters={"method": f"{__name__}.failing_method"})
		self.assertIn(log.name, message)
		self.assertIn("KeyError: 'a bug'", log.error)
		log.delete(ignore_permissions=True)
		frappe.db.commit()

	def test_every_doctype_with_the_case_validate_hook_checks_typed_input_first(self):
		events = frappe.get_hooks("doc_events")
		hooked = {
			doctype
			for doctype, handlers in events.items()
			if "meldcode_app.case_records.enforce_conditional_mandatory" in handlers.get("validate", [])
		}
		self.assertTrue(hooked)
		self.assertEqual(hooked - set(case_doctypes()), set())

	def test_every_whitelisted_method_of_the_app_goes_through_safe_method(self):
		methods = app_methods()
		self.assertIn("meldcode_app.api.open_dossier_from_signals", methods)
		self.assertEqual([name for name, fn in methods.items() if not getattr(fn, "safe_method", False)], [])

	def test_the_patch_widens_a_narrow_column_and_keeps_its_text(self):
		text = "Aanvulling van de ouders. " * 100
		frappe.db.change_column_type("Meldcode Addendum", "text", "text", nullable=True)  # commits
		try:
			frappe.db.sql(
				"insert into `tabMeldcode Addendum` (name, text) values ('hostile-patch', %s)", text
			)
			narratives_as_long_text.execute()
			self.assertEqual(frappe.db.get_column_type("Meldcode Addendum", "text"), "longtext")
			self.assertEqual(frappe.db.get_value("Meldcode Addendum", "hostile-patch", "text"), text)
		finally:
			frappe.db.delete("Meldcode Addendum", {"name": "hostile-patch"})
			narratives_as_long_text.execute()
			frappe.db.commit()


class TestHostileInputProperty(MeldcodeTestCase):
	"""Arbitrary text, dates, times, numbers and JSON at every whitelisted method and every case
	DocType: the only errors allowed are refusals and denials, never the unexpected-error net."""

	def assert_refused_or_done(self, call):
		"""Runs ``call`` and undoes what it did (back to the savepoint)."""
		frappe.db.savepoint("hostile_example")
		try:
			call()
		except UnexpectedError as error:
			frappe.db.savepoint("hostile_example")  # the net rolled back the whole transaction
			log = frappe.get_last_doc("Error Log")
			self.fail(f"the unexpected-error net caught it ({strip_html(str(error))}): {log.error}")
		except EXPECTED:
			pass
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="hostile_example")

	def test_whitelisted_methods_refuse_what_they_cannot_take(self):
		methods = app_methods()
		self.assertGreaterEqual(len(methods), 8)
		for name, method in methods.items():
			with self.subTest(method=name):
				self.hostile_calls(method)()

	def hostile_calls(self, method):
		parameters = list(inspect.signature(method).parameters)

		@PROPERTY
		@given(st.fixed_dictionaries({p: HOSTILE for p in parameters}))
		def property(arguments):
			frappe.set_user(staff_user("A", "Aandachtsfunctionaris"))
			self.assert_refused_or_done(lambda: method(**arguments))

		return property

	def test_case_records_refuse_what_their_columns_cannot_hold(self):
		dossier = open_dossier()
		base = {"school": self.school_a, "pupil_name": "Testkind", "dossier": dossier.name}
		for doctype in case_doctypes():
			with self.subTest(doctype=doctype):
				self.hostile_inserts(doctype, base)()

	def hostile_inserts(self, doctype, base):
		fields = [
			df.fieldname
			for df in frappe.get_meta(doctype).fields
			if df.fieldtype not in frappe.model.no_value_fields and df.fieldname != "amended_from"
		]

		@PROPERTY
		@given(st.dictionaries(st.sampled_from(fields), HOSTILE, min_size=1, max_size=6))
		def property(values):
			doc = frappe.get_doc({"doctype": doctype, **base, **values})
			self.assert_refused_or_done(lambda: doc.insert(ignore_permissions=True))

		return property
