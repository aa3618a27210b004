"""Shared set-up for the app's bench tests: two schools with a user in every role for each."""

from contextlib import contextmanager

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import strip_html

from meldcode_app.rules import roles

PASSWORD = "Meldcode-Test-2026!"
SCHOOLS = {"A": ("99AA", "Testschool De Linde"), "B": ("99BB", "Testschool Het Anker")}
FUNCTIONS = ("Teacher", "Intern Begeleider", "Aandachtsfunctionaris", "Director")
BOARD_USER = "board@meldcode.test"
ADMIN_USER = "beheer@meldcode.test"


def staff_user(school: str, function: str) -> str:
	return f"{frappe.scrub(function)}.{school.lower()}@meldcode.test"


@contextmanager
def counted_queries():
	"""Counts the SQL statements run inside the block: ``with counted_queries() as count: ...; count[0]``."""
	count, sql = [0], frappe.db.sql

	def counting(*args, **kwargs):
		count[0] += 1
		return sql(*args, **kwargs)

	frappe.db.sql = counting
	try:
		yield count
	finally:
		frappe.db.sql = sql


def before_tests():
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		from frappe.utils.install import complete_setup_wizard

		complete_setup_wizard()
	make_schools_and_users()
	frappe.db.commit()


def make_user(email: str, first_name: str, role: str | None = None) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		)
		user.insert(ignore_permissions=True)
	if role and not holds(email, role):
		frappe.get_doc("User", email).add_roles(role)  # saved by the bench's Administrator: granted at once
	return email


def holds(user: str, role: str) -> bool:
	from meldcode_app.access.grants import ROLE_GRANTS, holds_granted_role

	if role in ROLE_GRANTS.values():
		return holds_granted_role(user, role)
	return role in frappe.get_roles(user)


def make_schools_and_users():
	for key, (brin, school_name) in SCHOOLS.items():
		for function in FUNCTIONS:
			make_user(staff_user(key, function), f"{function} {key}")
		if frappe.db.exists("Meldcode School", brin):
			continue
		school = frappe.new_doc("Meldcode School")
		school.update({"school_name": school_name, "brin_code": brin, "city": "Teststad"})
		for function in FUNCTIONS:
			school.append("staff", {"user": staff_user(key, function), "function": function})
		school.insert(ignore_permissions=True)
	make_user(BOARD_USER, "Board", roles.BOARD)
	make_user(ADMIN_USER, "Beheerder", roles.ADMINISTRATOR)


class MeldcodeTestCase(FrappeTestCase):
	"""Each test runs in Dutch as Administrator and is rolled back afterwards."""

	school_a, school_b = SCHOOLS["A"][0], SCHOOLS["B"][0]

	@classmethod
	def setUpClass(cls):
		make_schools_and_users()
		frappe.db.commit()
		super().setUpClass()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "nl"

	def tearDown(self):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	@staticmethod
	def staff(school: str, function: str) -> str:
		return staff_user(school, function)

	def assertRefused(self, action, *fragments: str):
		"""``action`` raises a ValidationError whose (Dutch) message contains every fragment."""
		with self.assertRaises(frappe.ValidationError) as refused:
			action()
		message = strip_html(str(refused.exception))
		for fragment in fragments:
			self.assertIn(fragment, message)


def queued_jobs(method: str) -> list:
	"""The jobs this site's requests left for its workers to run ``method``."""
	from frappe.utils.background_jobs import get_queue

	return [
		job
		for job in get_queue("default").jobs
		if job.kwargs.get("site") == frappe.local.site and job.kwargs.get("method") == method
	]
