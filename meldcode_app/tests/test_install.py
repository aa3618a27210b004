"""What install and migrate leave on the site."""

import frappe

from meldcode_app.install import ROLE_PROFILES, after_install, after_migrate
from meldcode_app.rules import roles
from meldcode_app.tests.utils import MeldcodeTestCase


class TestInstall(MeldcodeTestCase):
	def test_install_finds_the_app_when_frappes_module_map_predates_it(self):
		"""A site that ran before the app came to the bench reads a module map without the app."""
		frappe.local.app_modules = {a: m for a, m in frappe.local.app_modules.items() if a != "meldcode_app"}
		frappe.local.module_app = {m: a for m, a in frappe.local.module_app.items() if a != "meldcode_app"}
		frappe.controllers.pop(frappe.local.site, None)
		try:
			after_install()
		finally:
			frappe.setup_module_map()
		self.assertEqual(frappe.get_single("Meldcode Settings").dossier_retention_years, 5)

	def test_the_six_roles_and_a_profile_for_each_exist(self):
		for role in roles.ALL_ROLES:
			self.assertTrue(frappe.db.get_value("Role", role, "desk_access"), role)
		for profile, profile_roles in ROLE_PROFILES.items():
			rows = frappe.get_all(
				"Has Role", filters={"parent": profile, "parenttype": "Role Profile"}, pluck="role"
			)
			self.assertEqual(rows, profile_roles)

	def test_case_team_sees_the_meldcode_workspace_and_the_board_does_not(self):
		workspace_roles = frappe.get_all(
			"Has Role", filters={"parent": "Meldcode", "parenttype": "Workspace"}, pluck="role"
		)
		for role in roles.CASE_TEAM_ROLES:
			self.assertIn(role, workspace_roles)
		self.assertNotIn(roles.BOARD, workspace_roles)

		from frappe.desk.desktop import get_workspace_sidebar_items

		with self.set_user(self.staff("A", "Aandachtsfunctionaris")):
			self.assertIn("Meldcode", [p.name for p in get_workspace_sidebar_items()["pages"]])
		with self.set_user("board@meldcode.test"):
			self.assertNotIn("Meldcode", [p.name for p in get_workspace_sidebar_items()["pages"]])

	def test_migrate_again_changes_nothing(self):
		def snapshot():
			return {
				doctype: frappe.get_all(doctype, fields=["name", "modified"], order_by="name")
				for doctype in ("Role Profile", "Workflow", "Workflow State", "Workflow Action Master")
			}

		before = snapshot()
		after_migrate()
		self.assertEqual(snapshot(), before)

	def test_an_administrators_change_to_a_role_profile_survives_migrate(self):
		profile = frappe.get_doc("Role Profile", "Meldcode Teacher")
		profile.append("roles", {"role": roles.INTERN_BEGELEIDER})
		profile.save()
		after_migrate()
		self.assertIn(
			roles.INTERN_BEGELEIDER,
			frappe.get_all(
				"Has Role", filters={"parent": "Meldcode Teacher", "parenttype": "Role Profile"}, pluck="role"
			),
		)

	def test_the_seeds_signal_lists_are_shipped_and_a_schools_edit_survives_migrate(self):
		self.assertEqual(frappe.db.count("Meldcode Signal Indicator"), 160)
		self.assertEqual(
			frappe.db.get_value("Meldcode Signal Indicator", "S002-LICH-01", "indicator"),
			"Onverklaarbare blauwe plekken, schaafwonden, kneuzingen, botbreuken",
		)
		frappe.db.set_value(
			"Meldcode Signal Indicator", "S002-LICH-03", "indicator", "Littekens (eigen omschrijving)"
		)
		frappe.delete_doc("Meldcode Signal Indicator", "S002-LICH-04")
		after_migrate()
		self.assertEqual(
			frappe.db.get_value("Meldcode Signal Indicator", "S002-LICH-03", "indicator"),
			"Littekens (eigen omschrijving)",
		)
		self.assertTrue(frappe.db.exists("Meldcode Signal Indicator", "S002-LICH-04"))
