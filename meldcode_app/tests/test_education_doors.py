"""With Education: a Student's own form does not tell who has a case. Its connections counts,
its linked documents and a crafted count of the app's records are tried over real HTTP requests
by an Academics User without a school, the other school's aandachtsfunctionaris, and as the
positive control the school's own aandachtsfunctionaris (who may read the dossier)."""

import json
import unittest

import frappe

from meldcode_app.education import installed
from meldcode_app.tests.factories import as_user, make_signal, open_dossier
from meldcode_app.tests.test_request_guard import api_token, remove_records_of_school, request_as
from meldcode_app.tests.utils import ADMIN_USER, SCHOOLS, MeldcodeTestCase, make_user, staff_user

ACADEMICS_USER = "academics@meldcode.test"


@unittest.skipUnless(installed(), "Education is not installed on this bench")
class TestEducationDoors(MeldcodeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		for user in (
			ACADEMICS_USER,
			staff_user("A", "Aandachtsfunctionaris"),
			staff_user("B", "Aandachtsfunctionaris"),
		):
			make_user(user, "Academics", "Academics User")  # all may open the Student's form
		cls.student = frappe.get_doc(
			{
				"doctype": "Student",
				"first_name": "Fictief",
				"last_name": "Deurkind",
				"student_email_id": "fictief.deurkind@meldcode.test",
			}
		).insert(ignore_permissions=True)
		try:
			signal = make_signal("B", student=cls.student.name)
			cls.dossier = open_dossier("B", [signal.name]).name
		except Exception:
			cls.tearDownClass()
			raise
		cls.users = {
			"outsider": ACADEMICS_USER,
			"other school": staff_user("A", "Aandachtsfunctionaris"),
			"own school": staff_user("B", "Aandachtsfunctionaris"),
		}
		cls.tokens = {key: api_token(user) for key, user in cls.users.items()}
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		remove_records_of_school(SCHOOLS["B"][0])
		frappe.db.delete("Student", {"name": cls.student.name})
		frappe.db.commit()
		super().tearDownClass()

	def test_an_invited_guardians_account_is_made_by_the_site(self):
		"""Round 47: Education's invitation made a guardian's account owned by the staff member who
		invited, and the app's accounts for a shared verslag (owned by the site) stood out; it asked
		no permission either. Round 88: it left the guardian unlinked, where a share links it."""
		email = f"voogd.{frappe.generate_hash(length=8)}@meldcode.test"
		guardian = frappe.get_doc(
			{"doctype": "Guardian", "guardian_name": "Voogd Proef", "email_address": email}
		).insert(ignore_permissions=True)
		teacher = make_user(staff_user("B", "Teacher"), "Leerkracht")
		token = api_token(teacher)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Guardian", {"name": guardian.name})
		self.addCleanup(frappe.db.delete, "User", {"name": email})
		door = "education.education.doctype.guardian.guardian.invite_guardian"
		status, answer = request_as(token, door, "post", guardian=guardian.name)
		self.assertEqual(status, 403, answer)
		self.assertFalse(frappe.db.exists("User", email))
		before = frappe.db.get_value("Guardian", guardian.name, "modified")
		status, answer = request_as(self.tokens["outsider"], door, "post", guardian=guardian.name)
		self.assertEqual(status, 200, f"the positive control: an Academics User invites: {answer}")
		frappe.db.rollback()
		# Round 88: linked as a share links it, so that "linked, unsaved since" tells no share
		self.assertEqual(
			frappe.db.get_value("Guardian", guardian.name, ["user", "modified"]), (email, before)
		)
		account = frappe.db.get_value(
			"User", email, ["owner", "send_welcome_email", "user_type"], as_dict=True
		)
		self.assertEqual(
			account, {"owner": "Administrator", "send_welcome_email": 1, "user_type": "Website User"}
		)

	def test_a_guardian_points_at_the_account_a_share_made(self):
		"""Round 48: a guardian invited and saved points at the account; one the app made for a
		shared verslag did not, so a guardian with an account but none linked was a family the
		team had shared with. The app links both as they are made."""
		from meldcode_app.access.parent_shares import portal_user

		email = f"voogd.{frappe.generate_hash(length=8)}@meldcode.test"
		guardian = frappe.get_doc(
			{"doctype": "Guardian", "guardian_name": "Voogd Gedeeld", "email_address": email}
		).insert(ignore_permissions=True)
		self.assertEqual(portal_user(email), (email, None))
		self.assertEqual(frappe.db.get_value("Guardian", guardian.name, ["user"]), email)
		self.assertEqual(frappe.db.get_value("User", email, "first_name"), "Voogd Gedeeld")
		frappe.db.rollback()

	def test_a_guardians_account_is_not_listed_to_the_meldcode_administrator(self):
		"""Round 88: the Meldcode Administrator, who adds staff, lists website users; a guardian's
		account (a family's, which a share may have made) is not among them, a new colleague's is.
		The bench's Administrator lists both through the same door (the control)."""
		tag = frappe.generate_hash(length=8)
		guardian, colleague = f"voogd.{tag}@meldcode.test", f"collega.{tag}@meldcode.test"
		for email in (guardian, colleague):
			make_user(email, "Nieuw")
			frappe.db.set_value("User", email, "user_type", "Website User")
		frappe.get_doc(
			{
				"doctype": "Guardian",
				"guardian_name": "Voogd Lijst",
				"email_address": guardian,
				"user": guardian,
			}
		).insert(ignore_permissions=True)
		tokens = {user: api_token(user) for user in ("Administrator", ADMIN_USER)}
		frappe.db.commit()

		def remove():
			frappe.db.delete("Guardian", {"user": guardian})
			frappe.db.delete("User", {"name": ("in", (guardian, colleague))})
			frappe.db.commit()

		self.addCleanup(remove)
		for user, expected in (("Administrator", {guardian, colleague}), (ADMIN_USER, {colleague})):
			self.assertEqual(self.listed(tokens[user], "User", "name", (guardian, colleague)), expected, user)

	def test_a_parents_contact_is_not_read_by_erpnexts_roles(self):
		"""Round 88: Frappe makes a contact with every account; a Sales User listed a parent's,
		with when the share made it and when the parent chose a password. A website user's
		contact that links to a record (a customer's) stays theirs (the control), and the bench's
		Administrator reads both through the same doors."""
		tag = frappe.generate_hash(length=8)
		parent, customer = f"ouder.{tag}@meldcode.test", f"klant.{tag}@meldcode.test"
		sales = make_user(f"verkoop.{tag}@meldcode.test", "Verkoop", "Sales User")
		contacts = {}
		for email in (parent, customer):
			make_user(email, email.split("@")[0])
			frappe.db.set_value("User", email, "user_type", "Website User")
			name = frappe.db.get_value("Contact", {"user": email}) or (
				frappe.get_doc(
					{
						"doctype": "Contact",
						"first_name": "Proef",
						"last_name": email.split("@")[0],
						"user": email,
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
			contacts[email] = frappe.get_doc("Contact", name)
		contacts[customer].append("links", {"link_doctype": "Meldcode School", "link_name": SCHOOLS["A"][0]})
		contacts[customer].save(ignore_permissions=True)
		tokens = {user: api_token(user) for user in ("Administrator", sales)}
		frappe.db.commit()

		def remove():
			for contact in contacts.values():
				frappe.delete_doc("Contact", contact.name, ignore_permissions=True, force=True)
			frappe.db.delete("User", {"name": ("in", (parent, customer, sales))})
			frappe.db.commit()

		self.addCleanup(remove)
		for user, expected in (("Administrator", {parent, customer}), (sales, {customer})):
			self.assertEqual(self.listed(tokens[user], "Contact", "user", (parent, customer)), expected, user)
			# round 90: a customer's portal login is picked among users (ERPNext's Portal Users)
			self.assertEqual(self.listed(tokens[user], "User", "name", (parent, customer)), expected, user)
			for email, contact in contacts.items():
				status, _doc = request_as(
					tokens[user], "frappe.client.get", doctype="Contact", name=contact.name
				)
				self.assertEqual(
					status == 200, email in expected, f"{user} opens {email}'s contact: {status}"
				)

	def test_an_address_does_not_tell_an_account_through_a_contact_or_a_pupil(self):
		"""Round 92: Frappe fills a new contact's user from its address, so a Sales User's customer
		contact with a parent's address took the parent's account (and listed it to all as a
		customer's login), where a made-up address stayed empty; Education saved an Academics
		User's pupil with a parent's address and refused a made-up one. The controls: the bench's
		Administrator through the same doors."""
		tag = frappe.generate_hash(length=8)
		parent, nobody = f"ouder.{tag}@meldcode.test", f"niemand.{tag}@meldcode.test"
		sales = make_user(f"verkoop.{tag}@meldcode.test", "Verkoop", "Sales User")
		make_user(parent, f"ouder{tag}")
		frappe.db.set_value("User", parent, "user_type", "Website User")
		country = frappe.db.get_value("Country", {}, "name")
		tokens = {user: api_token(user) for user in ("Administrator", sales)}
		frappe.db.commit()

		def remove():
			for contact in frappe.get_all(
				"Contact Email", {"email_id": ("in", (parent, nobody))}, pluck="parent"
			):
				frappe.delete_doc("Contact", contact, ignore_permissions=True, force=True)
			frappe.db.delete("Student", {"student_email_id": ("in", (parent, nobody))})
			frappe.db.delete("User", {"name": ("in", (parent, sales))})
			frappe.db.commit()

		self.addCleanup(remove)
		# round 103: also a pupil posted with an account of its own (Education makes one from the
		# address all the same)
		for account in ({}, {"user": self.users["outsider"]}):
			answers = [
				request_as(
					self.tokens["outsider"],
					"/api/resource/Student",
					"json",
					first_name="Proef",
					student_email_id=email,
					joining_date="2026-09-01",
					**account,
				)
				for email in (parent, nobody)
			]
			self.assertEqual([status for status, _answer in answers], [403, 403], answers)
			self.assertEqual(answers[0][1], answers[1][1])
		# the Administrator's contacts (the control) take the account: last; round 103: a contact
		# linked to nothing took it too
		for user, takes_the_account in ((sales, False), ("Administrator", True)):
			for links in ([{"link_doctype": "Country", "link_name": country}], []):
				status, contact = request_as(
					tokens[user],
					"/api/resource/Contact",
					"json",
					first_name=f"Proef {user[:4]}",
					email_ids=[{"email_id": parent, "is_primary": 1}],
					links=links,
				)
				self.assertEqual(status, 200, contact)
				self.assertEqual(contact.get("user") == parent, takes_the_account, (user, links))

	@unittest.skipUnless("erpnext" in frappe.get_installed_apps(), "ERPNext is not installed")
	def test_a_function_another_app_calls_by_a_stored_path_reads_as_that_app(self):
		"""Round 105: ERPNext's supplier scorecard calls the function a variable's dotted path names,
		with its record: a System Manager's period named the app's school check, whose two answers
		("belongs to another school", "does not exist") told a dossier's text by filters put on
		that record, letter by letter. Such a path is the bench Administrator's, and the app's code
		that another app calls itself reads as that app. The control: ERPNext's own variable,
		named without a dot."""
		manager = make_user("systeembeheer.leverancier@meldcode.test", "Systeem", "System Manager")
		token = api_token(manager)
		frappe.db.commit()

		def remove():
			frappe.db.delete("Supplier Scorecard Variable", {"param_name": ("like", "proef%")})
			frappe.db.commit()

		self.addCleanup(remove)
		check = "meldcode_app.case_records.validate_same_school"
		for path, status in ((check, 403), ("get_total_workdays", 200)):
			answer = request_as(
				token,
				"/api/resource/Supplier Scorecard Variable",
				"json",
				variable_label=f"Proef {status}",
				param_name=f"proef_{status}",
				path=path,
			)
			self.assertEqual(answer[0], status, answer)
		# the bench's Administrator's path: the app's check, called by ERPNext itself, reads as ERPNext
		criteria = frappe.get_doc(
			{
				"doctype": "Supplier Scorecard Criteria",
				"criteria_name": "Proef",
				"max_score": 100,
				"formula": "1",
				"weight": 100,
			}
		).insert(ignore_if_duplicate=True)
		frappe.db.commit()
		self.addCleanup(lambda: frappe.delete_doc("Supplier Scorecard Criteria", criteria.name, force=True))
		bench_administrator = api_token("Administrator")
		frappe.db.commit()
		answers = []
		pupil = frappe.db.get_value("Meldcode Dossier", self.dossier, "pupil_name")
		for filters in ({"pupil_name": pupil}, {"pupil_name": "Niemand Anders"}):
			status, answer = request_as(
				bench_administrator,
				"/api/resource/Supplier Scorecard Period",
				"json",
				naming_series="PU-SSP-.YYYY.-",
				start_date="2026-01-01",
				end_date="2026-02-01",
				school="XX",
				dossier={"name": self.dossier, **filters},
				criteria=[{"criteria_name": "Proef", "weight": 100, "max_score": 100, "formula": "1"}],
				variables=[{"param_name": "proef", "path": check}],
			)
			answers.append((status, str(answer).replace(json.dumps(filters)[1:-1], "")))
		self.assertEqual(answers[0], answers[1])
		self.assertEqual(answers[0][0], 403, answers)

	def test_an_upload_naming_a_method_opens_only_files_its_sender_may_open(self):
		"""Round 142: an upload that names ERPNext's code list import hands it the ``file_url`` it
		was sent, which ERPNext opens from the disk by Frappe's get_file_path: a System Manager read
		a director's private file. A private file is opened for whoever Frappe would serve it to;
		another's is answered as one that is not there. The control: the System Manager's own file
		reaches ERPNext's parser."""
		manager = make_user("systeembeheer.codelijst@meldcode.test", "Systeem", "System Manager")
		token = api_token(manager)
		urls = {}
		for key, owner in (("own", manager), ("director's", staff_user("B", "Director"))):
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"codelijst-{frappe.generate_hash(length=8)}.xml",
					"content": f"GEHEIM-B notitie ({key}, {frappe.generate_hash(length=8)})",
					"is_private": 1,
				}
			).insert(ignore_permissions=True)
			frappe.db.set_value("File", file.name, "owner", owner)
			self.addCleanup(frappe.delete_doc, "File", file.name, force=True, ignore_permissions=True)
			urls[key] = file.file_url
		urls["missing"] = "/private/files/codelijst-bestaatniet.xml"
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		answers = {}
		for key, url in urls.items():
			status, answer = request_as(
				token,
				"upload_file",
				"post",
				method="erpnext.edi.doctype.code_list.code_list_import.import_genericode",
				file_url=url,
			)
			answers[key] = (status, str(answer).replace(url, "{0}"))
		self.assertIn("Start tag expected", answers["own"][1], f"the control: {answers['own']}")
		self.assertEqual(answers["director's"], answers["missing"])
		self.assertEqual(answers["director's"][0], 404, answers)
		self.assertNotIn("GEHEIM", str(answers))

	def test_a_service_level_agreement_acts_on_no_case(self):
		"""Round 142 noted: ERPNext's Service Level Agreement runs its condition at every save of
		its DocType and adds fields to it. On a case DocType it is refused, however it is saved;
		the control: one on Note gets past that check (to ERPNext's own)."""
		manager = make_user("systeembeheer.sla@meldcode.test", "Systeem", "System Manager")
		frappe.db.commit()
		answers = {}
		for target in ("Meldcode Dossier", "Note"):
			agreement = frappe.get_doc(
				{
					"doctype": "Service Level Agreement",
					"service_level": f"Proef {target}",
					"document_type": target,
				}
			)
			try:
				as_user(manager)(agreement.insert)
			except Exception as error:
				answers[target] = str(error)
			finally:
				frappe.db.rollback()
		self.assertIn("Meldcode", answers["Meldcode Dossier"])
		self.assertNotIn("Meldcode", answers.get("Note", ""), "the control")

	def listed(self, token, doctype: str, field: str, values) -> set:
		"""The values of ``field`` among ``values`` that Frappe's list door gives the token's user,
		with when each record was made (what a parent's account told)."""
		status, rows = request_as(
			token,
			"frappe.client.get_list",
			doctype=doctype,
			fields=[field, "creation"],
			filters={field: ("in", values)},
			limit_page_length=0,
		)
		self.assertEqual(status, 200, rows)
		return {row[field] for row in rows}

	def counts_seen(self, who: str, items=None) -> dict:
		params = {"doctype": "Student", "name": self.student.name}
		if items is not None:
			params["items"] = items
		status, data = request_as(self.tokens[who], "frappe.desk.notifications.get_open_count", **params)
		self.assertEqual(status, 200, data)
		found = data["count"]["external_links_found"] + data["count"]["internal_links_found"]
		return {row["doctype"]: row.get("count") or row.get("open_count") for row in found}

	def test_the_connections_of_a_student_count_no_case_record(self):
		for who in self.users:
			self.assertNotIn("Meldcode Signal", self.counts_seen(who))
			status, _data = request_as(
				self.tokens[who],
				"frappe.desk.notifications.get_open_count",
				doctype="Student",
				name=self.student.name,
				items=["Meldcode Signal", "Student Group"],
			)
			self.assertEqual(status, 403, f"{who} asked for the count of a case record by name")
		# Positive control: the same door counts the Education records it is made for.
		self.assertIn("Student Group", self.counts_seen("own school", ["Student Group"]))

	def test_a_crafted_count_of_a_case_record_by_student(self):
		for who, expected in (("outsider", None), ("other school", 0), ("own school", 1)):
			status, data = request_as(
				self.tokens[who],
				"frappe.client.get_count",
				doctype="Meldcode Signal",
				filters={"student": self.student.name},
			)
			self.assertEqual(data if status == 200 else None, expected, who)

	def test_the_linked_documents_of_a_student(self):
		for who, sees in (("outsider", False), ("other school", False), ("own school", True)):
			status, data = request_as(
				self.tokens[who],
				"frappe.desk.form.linked_with.get",
				doctype="Student",
				docname=self.student.name,
			)
			found = status == 200 and self.dossier in frappe.as_json(data)
			self.assertEqual(found, sees, who)

	def test_deleting_a_student_does_not_name_the_case(self):
		status, answer = request_as(
			self.tokens["outsider"],
			"frappe.client.delete",
			"post",
			doctype="Student",
			name=self.student.name,
		)
		self.assertNotEqual(status, 200, "a Student a case names stays")
		self.assertNotIn(self.dossier, str(answer))
		self.assertNotIn("Meldcode", str(answer))
		frappe.db.rollback()
		self.assertTrue(frappe.db.exists("Student", self.student.name))

	def test_the_open_activities_of_a_pupil_are_those_their_reader_may_read(self):
		"""Round 207: ERPNext's open activities of a record listed every open ToDo and event about it,
		a case-team member's private ones about a pupil too. The control: a public event, and the
		member herself."""
		own = self.users["own school"]
		about = {"reference_type": "Student", "reference_name": self.student.name}
		todo = frappe.get_doc(
			{"doctype": "ToDo", "description": "Moeder bellen", "allocated_to": own, **about}
		)
		todo.insert(ignore_permissions=True)
		events = []
		for kind in ("Private", "Public"):
			event = frappe.get_doc(
				{
					"doctype": "Event",
					"subject": f"Overleg {kind}",
					"event_type": kind,
					"starts_on": frappe.utils.now_datetime(),
					"event_participants": [
						{"reference_doctype": "Student", "reference_docname": self.student.name}
					],
				}
			)
			event.insert(ignore_permissions=True)
			frappe.db.set_value("Event", event.name, "owner", own)
			events.append(event.name)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Event", {"name": ("in", events)})
		self.addCleanup(frappe.db.delete, "ToDo", {"name": todo.name})

		def seen(who):
			status, data = request_as(
				self.tokens[who],
				"erpnext.crm.utils.get_open_activities",
				ref_doctype="Student",
				ref_docname=self.student.name,
			)
			self.assertEqual(status, 200, data)
			return {row["name"] for row in data["tasks"] + data["events"]}

		self.assertEqual(seen("outsider"), {events[1]})
		self.assertEqual(seen("own school"), {todo.name, *events}, "the control")
