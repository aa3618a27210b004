"""The access model from the outsider's side: what must be refused."""

import os

import frappe
from frappe.desk.form.assign_to import add as assign
from frappe.share import add as share

from meldcode_app.access.permissions import scope_of
from meldcode_app.tests.factories import make_signal, open_dossier
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user


class TestAccess(MeldcodeTestCase):
	def test_a_teacher_cannot_record_a_signal_at_another_school(self):
		before = frappe.db.count("Meldcode Signal")
		self.assertRaises(
			frappe.PermissionError, lambda: make_signal(school="B", user=staff_user("A", "Teacher"))
		)
		self.assertEqual(frappe.db.count("Meldcode Signal"), before)

	def test_a_teacher_reads_back_only_own_signals(self):
		own = make_signal()
		colleague = make_signal(user=staff_user("A", "Director"))
		teacher = staff_user("A", "Teacher")
		frappe.set_user(teacher)
		listed = frappe.get_list("Meldcode Signal", pluck="name")
		self.assertIn(own.name, listed)
		self.assertNotIn(colleague.name, listed)
		# any other the list shows is the teacher's own too (one an earlier test's request committed)
		writers = frappe.get_all("Meldcode Signal", {"name": ("in", listed)}, pluck="signalled_by")
		self.assertEqual(set(writers), {teacher})
		self.assertFalse(frappe.has_permission("Meldcode Signal", "read", colleague.name))
		self.assertRaises(
			frappe.PermissionError, frappe.get_doc("Meldcode Signal", colleague.name).check_permission, "read"
		)

	def test_rest_cannot_set_the_owner_or_move_a_record_to_another_school(self):
		frappe.set_user(staff_user("A", "Teacher"))
		signal = frappe.client.insert(
			{
				"doctype": "Meldcode Signal",
				"school": self.school_a,
				"pupil_name": "Testkind",
				"signal_date": frappe.utils.today(),
				"signal_time": "09:00:00",
				"location": "Gang",
				"situation": "Huilde bij binnenkomst.",
				"nature": "Fact",
				"owner": staff_user("B", "Teacher"),
				"signalled_by": staff_user("B", "Teacher"),
			}
		)
		self.assertEqual((signal["owner"], signal["signalled_by"]), (staff_user("A", "Teacher"),) * 2)
		self.assertRaises(
			(frappe.ValidationError, frappe.PermissionError),
			frappe.client.set_value,
			"Meldcode Signal",
			signal["name"],
			"school",
			self.school_b,
		)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Meldcode Signal", signal["name"], "school"), self.school_a)

	def test_attachments_are_private(self):
		dossier = open_dossier()
		public = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "verslag.txt",
				"content": "vertrouwelijk",
				"is_private": 0,
				"attached_to_doctype": "Meldcode Dossier",
				"attached_to_name": dossier.name,
			}
		)
		self.assertRaises(frappe.PermissionError, public.insert)
		self.assertFalse(frappe.db.exists("File", {"attached_to_name": dossier.name}))
		# Round 145: Frappe's own validate moved a private case file to the public folder before
		# the save was refused, and a save whose failure was swallowed left it there
		private = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "verslag-prive.txt",
				"content": "vertrouwelijk en privé",
				"is_private": 1,
				"attached_to_doctype": "Meldcode Dossier",
				"attached_to_name": dossier.name,
			}
		).insert()
		self.assertTrue(os.path.exists(private.get_full_path()), "the control: the private file")
		private.is_private = 0
		self.assertRaises(frappe.PermissionError, private.save)
		private.reload()
		self.assertTrue(os.path.exists(private.get_full_path()))
		self.assertFalse(os.path.exists(frappe.get_site_path("public", "files", private.file_name)))

	def test_a_dossier_cannot_be_deleted_in_the_desk(self):
		dossier = open_dossier()
		self.assertRaises(frappe.PermissionError, frappe.delete_doc, "Meldcode Dossier", dossier.name)
		signal = frappe.get_all("Meldcode Signal", {"dossier": dossier.name}, pluck="name")[0]
		self.assertRaises(frappe.PermissionError, frappe.delete_doc, "Meldcode Signal", signal)
		self.assertTrue(frappe.db.exists("Meldcode Dossier", dossier.name))

	def test_sharing_and_assignment_do_not_widen_access(self):
		dossier = open_dossier()
		outsider = staff_user("B", "Aandachtsfunctionaris")
		self.assertRaises(frappe.PermissionError, share, "Meldcode Dossier", dossier.name, outsider)
		self.assertRaises(
			frappe.PermissionError,
			assign,
			{"assign_to": [outsider], "doctype": "Meldcode Dossier", "name": dossier.name},
		)
		self.assertFalse(frappe.has_permission("Meldcode Dossier", "read", dossier.name, user=outsider))
		insider = staff_user("A", "Intern Begeleider")
		assign({"assign_to": [insider], "doctype": "Meldcode Dossier", "name": dossier.name})
		self.assertFalse(
			frappe.db.exists("DocShare", {"share_doctype": "Meldcode Dossier", "share_name": dossier.name})
		)

	def test_a_named_case_team_member_sees_the_dossier_until_removed(self):
		dossier = open_dossier()
		second_af = staff_user("B", "Aandachtsfunctionaris")  # also a teacher at school A
		school = frappe.get_doc("Meldcode School", self.school_a)
		school.append("staff", {"user": second_af, "function": "Teacher"})
		school.save()
		signal = frappe.get_all("Meldcode Signal", {"dossier": dossier.name}, pluck="name")[0]
		self.assertFalse(frappe.has_permission("Meldcode Dossier", "read", dossier.name, user=second_af))
		dossier.append("case_team", {"user": second_af, "function": "Aandachtsfunctionaris"})
		dossier.save()
		self.assertTrue(frappe.has_permission("Meldcode Dossier", "read", dossier.name, user=second_af))
		self.assertTrue(frappe.has_permission("Meldcode Signal", "read", signal, user=second_af))
		with self.set_user(second_af):
			self.assertIn(dossier.name, frappe.get_list("Meldcode Dossier", pluck="name"))
		dossier.set("case_team", [])
		dossier.save()
		self.assertFalse(frappe.has_permission("Meldcode Dossier", "read", dossier.name, user=second_af))
		self.assertEqual(scope_of(second_af).named_dossiers, ())

	def test_a_named_member_who_leaves_the_school_reads_nothing_of_its_dossiers(self):
		"""An attack: the staff row removed (its grant revoked), a case-team member still named on a
		dossier of that school read it."""
		dossier = open_dossier()
		second_af = staff_user("B", "Aandachtsfunctionaris")
		school = frappe.get_doc("Meldcode School", self.school_a)
		school.append("staff", {"user": second_af, "function": "Teacher"})
		school.save()
		dossier.append("case_team", {"user": second_af, "function": "Aandachtsfunctionaris"})
		dossier.save()
		self.assertTrue(frappe.has_permission("Meldcode Dossier", "read", dossier.name, user=second_af))
		school.reload()
		school.set("staff", [row for row in school.staff if row.user != second_af])
		school.save()
		self.assertTrue(
			frappe.db.exists("Meldcode Case Team Member", {"parent": dossier.name, "user": second_af})
		)
		self.assertFalse(frappe.has_permission("Meldcode Dossier", "read", dossier.name, user=second_af))
		with self.set_user(second_af):
			self.assertNotIn(dossier.name, frappe.get_list("Meldcode Dossier", pluck="name"))
			self.assertEqual(frappe.get_list("Meldcode Signal", {"dossier": dossier.name}), [])

	def test_the_board_and_the_administrator_read_no_case_content(self):
		open_dossier()
		for user in ("board@meldcode.test", "beheer@meldcode.test"):
			with self.set_user(user):
				for doctype in ("Meldcode Dossier", "Meldcode Signal", "Meldcode Conversation"):
					self.assertRaises(frappe.PermissionError, frappe.get_list, doctype)

	def test_a_disabled_school_closes_its_records(self):
		dossier = open_dossier()
		af = staff_user("A", "Aandachtsfunctionaris")
		frappe.db.set_value("Meldcode School", self.school_a, "disabled", 1)
		self.assertFalse(frappe.has_permission("Meldcode Dossier", "read", dossier.name, user=af))

	def test_a_mention_carries_a_link_not_the_comment(self):
		from frappe.desk.notifications import notify_mentions

		dossier = open_dossier()
		outsider = staff_user("B", "Director")
		frappe.db.set_value("User", outsider, "allowed_in_mentions", 1)
		content = f'<span class="mention" data-id="{outsider}">@B</span> moeder vertelde over de vader'
		notify_mentions("Meldcode Dossier", dossier.name, content)  # runs at once in tests
		logs = frappe.get_all(
			"Notification Log",
			filters={"for_user": outsider, "document_name": dossier.name},
			fields=["email_content", "subject"],
		)
		self.assertTrue(logs)
		self.assertTrue(all(not log.email_content for log in logs))
		self.assertFalse(frappe.has_permission("Meldcode Dossier", "read", dossier.name, user=outsider))

	def test_a_pdf_download_is_logged(self):
		from meldcode_app.audit import download_pdf

		dossier = open_dossier()
		with self.set_user(staff_user("A", "Director")):
			download_pdf("Meldcode Dossier", dossier.name)
		self.assertTrue(
			frappe.db.exists(
				"Access Log",
				{
					"reference_document": dossier.name,
					"method": "Download PDF",
					"user": staff_user("A", "Director"),
				},
			)
		)

	def test_link_search_names_the_pupil_to_the_dossiers_readers_only(self):
		from frappe.desk.search import search_link

		from meldcode_app.tests.factories import PUPIL

		dossier = open_dossier()
		with self.set_user(staff_user("A", "Aandachtsfunctionaris")):
			results = search_link("Meldcode Dossier", dossier.name)
		self.assertEqual([r["value"] for r in results], [dossier.name])
		self.assertIn(PUPIL, str(results), "the case team recognises a dossier by its pupil (issue 10)")
		with self.set_user(staff_user("B", "Aandachtsfunctionaris")):
			self.assertEqual(search_link("Meldcode Dossier", dossier.name), [])
