"""Each role lands on its own workspace; staff and board see the app's workspaces only."""

import frappe
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items

from meldcode_app.desk import boot_session, ensure_list_settings, ensure_module_profile, ensure_saved_filters
from meldcode_app.rules import desk
from meldcode_app.rules.roles import TEACHER
from meldcode_app.tests.factories import as_user
from meldcode_app.tests.utils import ADMIN_USER, BOARD_USER, MeldcodeTestCase, make_user, staff_user


class TestDesk(MeldcodeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_module_profile()  # the test users were made before the profile on a fresh site
		frappe.db.commit()

	def landing(self, user):
		bootinfo = frappe._dict(user=frappe._dict(defaults={}, default_workspace=None))
		as_user(user)(boot_session, bootinfo)
		return (bootinfo.user.default_workspace or {}).get("name")

	def sidebar(self, user):
		return {page["name"] for page in as_user(user)(get_workspace_sidebar_items)["pages"]}

	def test_each_role_lands_on_its_own_workspace(self):
		for function in ("Teacher", "Intern Begeleider", "Aandachtsfunctionaris", "Director"):
			self.assertEqual(self.landing(staff_user("A", function)), "Meldcode", function)
		self.assertEqual(self.landing(BOARD_USER), "Meldcode Board")
		self.assertEqual(self.landing(ADMIN_USER), "Meldcode")

	def test_a_default_workspace_the_user_chose_is_kept(self):
		bootinfo = frappe._dict(user=frappe._dict(default_workspace={"name": "Users", "public": 1}))
		as_user(staff_user("A", "Teacher"))(boot_session, bootinfo)
		self.assertEqual(bootinfo.user.default_workspace["name"], "Users")

	def test_staff_and_board_see_the_apps_workspaces_only(self):
		self.assertEqual(self.sidebar(staff_user("A", "Teacher")), {"Meldcode"})
		self.assertEqual(self.sidebar(staff_user("B", "Director")), {"Meldcode"})
		self.assertEqual(self.sidebar(BOARD_USER), {"Meldcode Board"})
		self.assertIn("Users", self.sidebar(ADMIN_USER), "the administrator keeps Frappe's workspaces")

	def test_a_new_staff_member_gets_the_profile_when_given_a_role(self):
		user = make_user("nieuw-teacher@meldcode.test", "Nieuw", TEACHER)
		self.assertEqual(frappe.db.get_value("User", user, "module_profile"), desk.MODULE_PROFILE)
		blocked = frappe.get_all("Block Module", {"parent": user, "parenttype": "User"}, pluck="module")
		self.assertIn("Core", blocked)
		self.assertNotIn("Meldcode App", blocked)

	def test_no_module_profile_takes_the_app_from_its_team(self):
		"""Round 61: a System Manager's Module Profile blocking the app, given to a team member (or
		written into the app's own), took the Meldcode workspace out of their sidebar, quietly."""
		blocking = frappe.get_doc(
			{
				"doctype": "Module Profile",
				"module_profile_name": "Proefprofiel zonder Meldcode",
				"block_modules": [{"module": desk.MODULE}],
			}
		).insert()
		ours = frappe.get_doc("Module Profile", desk.MODULE_PROFILE)
		ours.append("block_modules", {"module": desk.MODULE})
		ours.save()
		manager = make_user("systeembeheer.modules@meldcode.test", "Systeem", "System Manager")
		other = make_user("andere.gebruiker@meldcode.test", "Ander", "Blogger")
		for user in (staff_user("B", "Intern Begeleider"), other):
			doc = frappe.get_doc("User", user)
			doc.module_profile = blocking.name
			as_user(manager)(doc.save)
		self.assertEqual(self.sidebar(staff_user("B", "Intern Begeleider")), {"Meldcode"})
		blocked = frappe.get_all("Block Module", {"parent": other, "parenttype": "User"}, pluck="module")
		self.assertIn(desk.MODULE, blocked, "the control: the profile holds for others")

	def test_each_staff_member_finds_my_dossiers_and_overdue_terms_saved_in_their_language(self):
		ensure_saved_filters()
		af = staff_user("A", "Aandachtsfunctionaris")
		frappe.db.set_value("User", af, "language", "nl")
		frappe.db.delete("List Filter", {"for_user": af})
		ensure_saved_filters([af])
		ensure_saved_filters([af])  # once, however often it runs
		saved = frappe.get_all(
			"List Filter",
			filters={"reference_doctype": "Meldcode Dossier", "for_user": af},
			fields=["filter_name", "filters"],
			order_by="filter_name",
		)
		self.assertEqual([f.filter_name for f in saved], ["Mijn dossiers", "Verlopen termijnen"])
		mine = frappe.parse_json(saved[0].filters)
		self.assertEqual(mine, [["Meldcode Dossier", "casemanager", "=", af, False]])
		other = staff_user("B", "Aandachtsfunctionaris")
		self.assertNotIn(
			af,
			frappe.db.get_value(
				"List Filter", {"for_user": other, "filter_name": ("like", "%dossiers")}, "filters"
			)
			or "",
		)

	def test_a_users_saved_filters_are_their_own(self):
		"""They name who works with the meldcode ("My Dossiers" of each staff member)."""
		ensure_saved_filters()
		af_a, af_b = staff_user("A", "Aandachtsfunctionaris"), staff_user("B", "Aandachtsfunctionaris")
		for user in (af_b, staff_user("A", "Teacher"), BOARD_USER):
			seen = as_user(user)(frappe.get_list, "List Filter", fields=["for_user"], limit_page_length=0)
			self.assertNotIn(af_a, {f.for_user for f in seen}, user)
		mine = as_user(af_a)(frappe.get_list, "List Filter", fields=["for_user"], limit_page_length=0)
		self.assertIn(af_a, {f.for_user for f in mine}, "the positive control: one's own filters")
		theirs = frappe.get_all("List Filter", filters={"for_user": af_a}, pluck="name")[0]
		self.assertFalse(frappe.has_permission("List Filter", "read", theirs, user=af_b))
		self.assertTrue(frappe.has_permission("List Filter", "read", theirs, user=af_a))

	def test_the_dossier_list_has_room_for_its_columns(self):
		frappe.db.delete("List View Settings", {"name": "Meldcode Dossier"})
		ensure_list_settings()
		self.assertEqual(frappe.db.get_value("List View Settings", "Meldcode Dossier", "total_fields"), "8")
		frappe.db.set_value("List View Settings", "Meldcode Dossier", "total_fields", "6")
		ensure_list_settings()
		self.assertEqual(
			frappe.db.get_value("List View Settings", "Meldcode Dossier", "total_fields"),
			"6",
			"the administrator's choice stays",
		)

	def test_the_administrator_finds_the_first_day_steps_on_the_workspace_and_staff_do_not(self):
		def onboarding(user):
			page = frappe.as_json({"name": "Meldcode", "title": "Meldcode", "public": 1})
			return as_user(user)(get_desktop_page, page)["onboardings"]["items"]

		frappe.db.set_single_value("System Settings", "enable_onboarding", 1)
		[first_day] = onboarding(ADMIN_USER)
		self.assertEqual(
			[step.reference_document or step.path for step in first_day["items"]],
			["Meldcode Settings", "User", "Meldcode School", "meldcode-access-grant", "meldcode-route"],
		)
		self.assertEqual(onboarding(staff_user("A", "Aandachtsfunctionaris")), [])
		self.assertEqual(onboarding(staff_user("A", "Teacher")), [])
