"""The Education path: tests run when Education is installed on the bench and are skipped
otherwise. The app's own pupil fields are tested everywhere else."""

import unittest

import frappe

from meldcode_app.education import LINKS, installed, sync_links
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user


class TestWithoutEducation(MeldcodeTestCase):
	@unittest.skipIf(installed(), "Education is installed on this bench")
	def test_no_student_link_is_added_without_education(self):
		sync_links()
		for doctype, fields in LINKS.items():
			for field in fields:
				self.assertFalse(
					frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
				)


@unittest.skipUnless(installed(), "Education is not installed on this bench")
class TestWithEducation(MeldcodeTestCase):
	def test_installing_education_adds_the_links_on_migrate(self):
		sync_links()
		self.assertTrue(frappe.get_meta("Meldcode Dossier").has_field("student"))

	def test_a_dossier_takes_name_birth_date_and_class_from_the_student(self):
		from meldcode_app.tests.factories import open_dossier

		student = frappe.get_doc(
			{
				"doctype": "Student",
				"first_name": "Fictief",
				"last_name": "Kind",
				"date_of_birth": "2014-05-01",
				"student_email_id": f"fictief.kind.{frappe.generate_hash(length=8)}@meldcode.test",
			}
		).insert()
		dossier = open_dossier()
		dossier.student = student.name
		dossier.save()
		self.assertEqual(
			(dossier.pupil_name, str(dossier.pupil_date_of_birth)), (student.student_name, "2014-05-01")
		)
		# Round 61: a later change in Education does not rewrite the case.
		student.update({"first_name": "Ander", "date_of_birth": "2015-01-01"})
		student.save()
		dossier.reload()
		dossier.save()
		self.assertEqual(
			(dossier.pupil_name, str(dossier.pupil_date_of_birth)), ("Fictief Kind", "2014-05-01")
		)
		other = frappe.get_doc(
			{**student.as_dict(), "name": None, "student_email_id": "ander.kind@meldcode.test"}
		)
		dossier.student = other.insert().name
		dossier.save()
		self.assertEqual(dossier.pupil_name, other.student_name, "the control: another student named")

	def test_the_parents_of_a_conversation_come_from_the_guardians(self):
		from meldcode_app.tests.factories import conversation, open_dossier

		guardian = frappe.get_doc({"doctype": "Guardian", "guardian_name": "Fictieve Ouder"}).insert()
		student = frappe.get_doc(
			{
				"doctype": "Student",
				"first_name": "Fictief",
				"last_name": "Kind2",
				"student_email_id": f"fictief.kind2.{frappe.generate_hash(length=8)}@meldcode.test",
				"guardians": [{"guardian": guardian.name, "guardian_name": guardian.guardian_name}],
			}
		).insert()
		doc = conversation(open_dossier(), submit=False, student=student.name, other_participants=None)
		self.assertEqual(doc.other_participants, "Fictieve Ouder")

	def test_a_dossier_opened_from_a_signal_names_the_signals_student(self):
		from meldcode_app.tests.factories import make_signal, open_dossier

		student = frappe.get_doc(
			{
				"doctype": "Student",
				"first_name": "Fictief",
				"last_name": "Kind3",
				"student_email_id": f"fictief.kind3.{frappe.generate_hash(length=8)}@meldcode.test",
			}
		).insert()
		signal = make_signal(student=student.name)
		dossier = open_dossier(signals=[signal.name])
		self.assertEqual((dossier.student, dossier.pupil_name), (student.name, student.student_name))

	def test_a_measure_names_the_student_and_takes_the_pupils_name_from_it(self):
		from meldcode_app.meldcode_app.doctype.meldcode_exclusion.test_meldcode_exclusion import exclusion

		sync_links()
		self.assertTrue(frappe.get_meta("Meldcode Exclusion").has_field("student"))
		student = frappe.get_doc(
			{
				"doctype": "Student",
				"first_name": "Fictief",
				"last_name": "Kind4",
				"student_email_id": f"fictief.kind4.{frappe.generate_hash(length=8)}@meldcode.test",
			}
		).insert()
		doc = exclusion("Time-Out", director_approved=1, student=student.name, pupil_name=None)
		self.assertEqual((doc.student, doc.pupil_name), (student.name, student.student_name))
		with self.set_user(staff_user("B", "Director")):
			self.assertFalse(frappe.has_permission("Meldcode Exclusion", "read", doc.name))

	def test_a_verslag_shared_with_a_guardian_goes_to_the_guardians_own_user(self):
		"""Round 16: a share goes to the account whose login is the address the team typed, never
		through a Guardian's `user`, which Education's roles outside the case team edit (an
		Academics User repointed the mother's Guardian to their own portal account, and read the
		verslag shared with the mother's address)."""
		from meldcode_app.access.parent_shares import has_website_permission
		from meldcode_app.api import share_with_parents
		from meldcode_app.tests.factories import as_user, conversation, open_dossier
		from meldcode_app.tests.test_parent_portal import outgoing_email_account

		own, mother, attacker = (
			"ouder.portaal@meldcode.test",
			"moeder.echt@meldcode.test",
			"kwaad.account@meldcode.test",
		)
		outgoing_email_account(self)
		frappe.db.delete("User", {"name": ("in", (own, mother, attacker))})  # sharing commits (a mail)

		def website_user(email):
			return frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": "Fictieve", "user_type": "Website User"}
			).insert(ignore_permissions=True)

		def pupil_with_guardian(number, email, user):
			guardian = frappe.get_doc(
				{
					"doctype": "Guardian",
					"guardian_name": f"Fictieve Voogd{number}",
					"email_address": email,
					"user": user,
				}
			).insert()
			student = frappe.get_doc(
				{
					"doctype": "Student",
					"first_name": "Fictief",
					"last_name": f"Kind{number}",
					# sharing commits (a mail), so a pupil of an earlier run is still there
					"student_email_id": f"fictief.kind{number}.{frappe.generate_hash(length=8)}@meldcode.test",
					"guardians": [{"guardian": guardian.name, "guardian_name": guardian.guardian_name}],
				}
			).insert()
			return guardian, student

		af = staff_user("A", "Aandachtsfunctionaris")
		share = as_user(af)

		def shared_to(verslag, email):
			(name,) = share(share_with_parents, verslag.name, email)
			return frappe.db.get_value("Meldcode Parent Share", name, ["parent_user", "parent_email"])

		# The guardian's own user, whose login is the typed address, gets the share; no second account.
		guardian_user = website_user(own)
		guardian, student = pupil_with_guardian(5, own, guardian_user.name)
		signed = conversation(open_dossier(), student=student.name)
		with self.set_user(af):
			proposed = frappe.get_doc("Meldcode Conversation", signed.name)
			proposed.run_method("onload")
			shown = proposed.get_onload().guardian_addresses
		# Shown with who last wrote it, never filled in: Education's roles outside the case team
		# write a guardian's address (round 60).
		self.assertEqual([(address["email"], address["by"]) for address in shown], [(own, "Administrator")])
		self.assertEqual(shared_to(signed, "Ouder.Portaal@meldcode.test"), (guardian_user.name, own))
		self.assertEqual(frappe.db.count("User", {"email": own}), 1, "no second account")

		# The attack: the mother's Guardian's `user` repointed to another portal account. The share
		# with the mother's address goes to the mother's own login, not there.
		intruder = website_user(attacker)
		mothers, student = pupil_with_guardian(6, mother, None)
		mothers.user = intruder.name
		mothers.save()
		verslag = conversation(open_dossier(), student=student.name)
		self.assertEqual(shared_to(verslag, mother), (mother, mother))
		self.assertEqual(frappe.db.get_value("User", mother, "user_type"), "Website User")
		doc = frappe.get_doc("Meldcode Conversation", verslag.name)
		self.assertTrue(has_website_permission(doc, "read", mother), "control: the mother reads it")
		self.assertFalse(has_website_permission(doc, "read", attacker))
		# Positive control: the repointed account's own address routes to it.
		other = conversation(open_dossier(), student=student.name)
		self.assertEqual(shared_to(other, attacker), (attacker, attacker))

		# The typed address of someone working with the app is not a parent to share with.
		frappe.db.set_value("User", guardian_user.name, "user_type", "System User")
		with self.assertRaises(frappe.ValidationError):
			share(share_with_parents, conversation(open_dossier(), student=student.name).name, own)

	def test_no_pupil_is_merged_into_another_but_a_rename_keeps_the_case(self):
		"""Round 15: merging two Students moved one child's case onto the other child."""
		from meldcode_app.tests.factories import open_dossier
		from meldcode_app.tests.utils import make_user

		students = [
			frappe.get_doc(
				{
					"doctype": "Student",
					"first_name": "Fictief",
					"last_name": f"Samen{n}",
					"student_email_id": f"fictief.samen{n}.{frappe.generate_hash(length=6)}@meldcode.test",
				}
			).insert()
			for n in (1, 2)
		]
		dossier = open_dossier()
		dossier.student = students[0].name
		dossier.save()
		academics = make_user("onderwijs.samen@meldcode.test", "Onderwijs", "Academics User")
		with self.set_user(academics):
			with self.assertRaises(frappe.PermissionError):
				frappe.rename_doc("Student", students[0].name, students[1].name, merge=True)
			renamed = frappe.rename_doc("Student", students[0].name, f"{students[0].name}-X")
		self.assertEqual(frappe.db.get_value("Meldcode Dossier", dossier.name, "student"), renamed)
