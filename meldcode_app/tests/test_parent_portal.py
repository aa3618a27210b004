"""The parents' portal over real HTTP with real Website User logins (Frappe's own test client,
through ``frappe.app.application``, cookies kept as a browser keeps them): the parent a share
names reads and signs the verslag; another pupil's parent, the same parent after withdrawal or
expiry, a guessed name, a Website User without a share and a guest get nothing, and the same
nothing whether the verslag exists or not. Each refusal has its positive control.

The requests run in their own threads and transactions, so this class commits its records and
removes them afterwards."""

import hashlib
import io
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from unittest.mock import patch

import frappe
from frappe.core.doctype.user.user import reset_password
from frappe.tests.test_api import make_request
from frappe.utils import add_days, add_years, get_test_client, getdate, now_datetime, today
from frappe.utils.password import update_password
from frappe.website.utils import clear_website_cache
from pypdf import PdfReader

from meldcode_app import inspection_copy
from meldcode_app.access import parent_shares
from meldcode_app.api import share_with_parents, withdraw_parent_share
from meldcode_app.printing import render_pdf
from meldcode_app.tests.factories import PUPIL, as_user, conversation, make_signal, melding, open_dossier
from meldcode_app.tests.test_request_guard import api_token, remove_records_of_school, request_as
from meldcode_app.tests.utils import (
	ADMIN_USER,
	BOARD_USER,
	PASSWORD,
	SCHOOLS,
	MeldcodeTestCase,
	make_user,
	queued_jobs,
	staff_user,
)

AF_A = staff_user("A", "Aandachtsfunctionaris")
IB_A = staff_user("A", "Intern Begeleider")
TEACHER_A = staff_user("A", "Teacher")
PARENT = "ouder.sam@meldcode.test"
OTHER_PARENT = "ouder.noor@meldcode.test"
NO_SHARE = "ouder.zonder@meldcode.test"
PARENTS = (PARENT, OTHER_PARENT, NO_SHARE)
REPORT = "Wij hebben de signalen één voor één besproken."
VIEW = "Wij zien het anders: de blauwe plek kwam van het voetballen."
NOT_THERE = "MC-2026-99999"
BEFORE_SHARING = "Aanvulling van de school, al in het verslag toen het werd gedeeld."
AFTER_SHARING = "Aanvulling van het team, pas na het delen toegevoegd."
ADDED_BY_THE_TEAM = "Aanvulling na de handtekening van de ouder."
TEST_EMAIL_ACCOUNT = "Meldcode Test School"
OWN_SIGNAL = "Sam kwam zonder jas naar school en had honger."
OTHER_PUPILS_SIGNAL = "Noor vertelde over ruzie thuis."
CHANGED_SIGNAL = "Later door het team herschreven signaal."
FORGED = "Door het team geschreven, met de ouder als auteur."
FORGED_VIEW = "Door het team geschreven als visie van de ouders."


def outgoing_email_account(test=None):
	"""Where the school's mails go out from: Frappe queues a mail only with one (in tests it is
	not connected to). Frappe sends a password mail at once, which commits: ``test`` removes the
	account again."""
	if test is not None:
		test.addCleanup(frappe.db.commit)
		test.addCleanup(frappe.db.delete, "Email Account", {"email_account_name": TEST_EMAIL_ACCOUNT})
	if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": TEST_EMAIL_ACCOUNT,
				"email_id": "school@meldcode.test",
				"smtp_server": "localhost",
				"enable_outgoing": 1,
				"default_outgoing": 1,
			}
		).insert(ignore_permissions=True)


class Portal:
	"""One browser: a client that keeps its cookies, logged in as ``user`` with a password."""

	def __init__(self, user: str | None = None):
		self.client = get_test_client(use_cookies=True)
		self.csrf_token = None
		if user:
			status, body = self.request("post", "/api/method/login", data={"usr": user, "pwd": PASSWORD})
			assert status == 200, body

	def request(self, http: str, path: str, at_once: bool = False, **kwargs) -> tuple[int, str]:
		target = getattr(self.client, http)
		# at_once: in the caller's own thread (see at_once below), else in a thread of its own
		response = target(path, **kwargs) if at_once else make_request(target, args=(path,), kwargs=kwargs)
		body = response.get_data(as_text=True)
		if token := re.search(r'frappe\.csrf_token = "([^"]+)"', body):
			self.csrf_token = token.group(1)
		return response.status_code, body

	def page(self, conversation: str | None = None) -> tuple[int, str]:
		path = "/meldcode-ouders" + (f"/verslag?verslag={conversation}" if conversation else "")
		return self.request("get", path)

	def call(self, method: str, at_once: bool = False, headers=None, **arguments) -> tuple[int, str]:
		headers = {**({"X-Frappe-CSRF-Token": self.csrf_token} if self.csrf_token else {}), **(headers or {})}
		return self.request(
			"post", f"/api/method/meldcode_app.api.{method}", at_once, data=arguments, headers=headers
		)


def shared(verslag: str, emails: str) -> list[str]:
	"""Shared by the aandachtsfunctionaris; each parent then chooses a password by Frappe's mail."""
	names = as_user(AF_A)(share_with_parents, verslag, emails)
	for email in emails.split(","):
		update_password(email.strip(), PASSWORD)
	return names


def at_once(*calls) -> list:
	"""Requests sent at the same moment, each in a thread of its own with its own database
	connection (Frappe's application connects per request), as two browsers would."""
	start = threading.Barrier(len(calls))

	def run(call):
		start.wait()
		return call()

	with patch("frappe.app.get_site_name", return_value=frappe.local.site):
		with ThreadPoolExecutor(len(calls)) as pool:
			return list(pool.map(run, calls))


def answer(body: str):
	"""What a refusal tells: a page without its CSRF token, or a method's error type and messages
	(not the traceback that a test site adds)."""
	if not body.startswith("{"):
		return re.sub(r'csrf_token = "[^"]+"', "", body)
	error = json.loads(body)
	return error.get("exc_type"), [
		json.loads(m).get("message") for m in json.loads(error.get("_server_messages", "[]"))
	]


class TestParentPortal(MeldcodeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		outgoing_email_account()
		clear_website_cache()  # no page remembered from an earlier run
		cls.remove_parents_accounts()  # made anew, with their contacts, as a share makes them
		try:
			cls.make_shares()
		except Exception:
			cls.tearDownClass()
			raise
		frappe.db.commit()

	@classmethod
	def make_shares(cls):
		def parents_conversation(pupil="Testkind Sam de Vries"):
			return conversation(open_dossier("A", [make_signal("A", pupil=pupil).name]), pupil_name=pupil)

		cls.shared = parents_conversation()
		cls.other_pupils = parents_conversation("Testkind Noor Jansen")
		cls.withdrawn = parents_conversation()
		cls.expired = parents_conversation()
		cls.never_shared = parents_conversation()
		cls.both_parents = (parents_conversation(), parents_conversation())
		cls.closing = parents_conversation()
		add_addendum(cls.closing.name, BEFORE_SHARING)
		cls.added_after_signing = parents_conversation()
		cls.asking = parents_conversation("Testkind Noor Jansen")
		share = as_user(AF_A)
		for both in cls.both_parents:
			share(share_with_parents, both.name, f"{PARENT}, {OTHER_PARENT}")
		share(share_with_parents, cls.closing.name, PARENT)
		share(share_with_parents, cls.added_after_signing.name, PARENT)
		share(share_with_parents, cls.asking.name, OTHER_PARENT)
		share(share_with_parents, cls.shared.name, PARENT)
		share(share_with_parents, cls.other_pupils.name, OTHER_PARENT)
		cls.withdrawn_share = share(share_with_parents, cls.withdrawn.name, PARENT)[0]
		cls.expired_share = share(share_with_parents, cls.expired.name, PARENT)[0]
		if not frappe.db.exists("User", NO_SHARE):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": NO_SHARE,
					"first_name": "Ouder",
					"user_type": "Website User",
					"language": "nl",
				}
			).insert(ignore_permissions=True)
		for user in PARENTS:
			update_password(user, PASSWORD)

	@classmethod
	def remove_parents_accounts(cls):
		for user in PARENTS:
			frappe.db.delete("Access Log", {"user": user})
			if frappe.db.exists("User", user):
				frappe.delete_doc("User", user, ignore_permissions=True, force=True)
			for contact in frappe.get_all("Contact Email", {"email_id": user}, pluck="parent"):
				frappe.delete_doc("Contact", contact, ignore_permissions=True, force=True)

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		remove_records_of_school(SCHOOLS["A"][0])
		cls.remove_parents_accounts()
		frappe.db.delete("Email Queue", {"message": ("like", "%meldcode-ouders%")})
		frappe.db.delete("Email Account", {"email_account_name": TEST_EMAIL_ACCOUNT})
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		frappe.cache.delete_keys("rl:")  # each test starts within the portal's rate limit

	def test_a_parents_account_is_listed_to_those_who_manage_users(self):
		"""Round 87: the account a share makes was listed to a teacher of another school and to the
		board, with its creation (the share) and last login (the parent opened it). The Meldcode
		Administrator, who adds staff, lists a website user no share names (a new colleague's
		account before the grant) through the same door, and the bench's Administrator both."""
		door = {
			"doctype": "User",
			"filters": json.dumps([["user_type", "=", "Website User"]]),
			"fields": '["name", "creation", "last_login"]',
		}
		for user, may_list in (
			("Administrator", {PARENT, NO_SHARE}),
			(ADMIN_USER, {NO_SHARE}),
			(staff_user("B", "Teacher"), set()),
			(BOARD_USER, set()),
		):
			token = api_token(user)
			frappe.db.commit()
			status, answer = request_as(token, "frappe.client.get_list", "get", limit_page_length=0, **door)
			self.assertEqual(status, 200, f"{user}: {answer}")
			listed = {row["name"] for row in answer} & {PARENT, NO_SHARE}
			self.assertEqual(listed, may_list, user)

	def test_whether_a_parent_has_an_account_is_not_told_by_name(self):
		"""Round 88: Frappe looks a record up before it asks whether its reader may read it, so
		"not permitted" for the parent's account and contact, and "not found" for an address with
		none, told a guest and every user which families a verslag was shared with. The controls:
		the bench's Administrator through the same doors, and a teacher opening her own account."""
		teacher = staff_user("B", "Teacher")
		contact = frappe.db.get_value("Contact", {"user": PARENT})
		tokens = {"Guest": {}, teacher: api_token(teacher), BOARD_USER: api_token(BOARD_USER)}
		tokens["Administrator"] = api_token("Administrator")
		frappe.db.commit()
		asked = {
			"User": (PARENT, "ouder.zonder.account@meldcode.test"),
			"Contact": (contact, "Ouder Zonder Account"),
		}
		for user, token in tokens.items():
			for doctype, (existing, missing) in asked.items():
				answers = []
				for name in (existing, missing):
					status, _answer = request_as(token, f"/api/resource/{doctype}/{name}")
					answers.append(status)
					status, _answer = request_as(token, "frappe.client.get", doctype=doctype, name=name)
					answers.append(status)
				expected = [200, 200, 404, 404] if user == "Administrator" else [403, 403, 403, 403]
				self.assertEqual(answers, expected, f"{user}, {doctype}")
		# Round 89: doors about a record told it too (its info, a like, a tag, a contact's details),
		# and so did the settings Frappe makes with every account; a like was even stored
		asked["Notification Settings"] = (PARENT, "ouder.zonder.account@meldcode.test")
		doors = (
			("frappe.desk.form.load.get_docinfo", "get", lambda dt, dn: {"doctype": dt, "name": dn}),
			(
				"frappe.desk.like.toggle_like",
				"post",
				lambda dt, dn: {"doctype": dt, "name": dn, "add": "Yes"},
			),
			(
				"frappe.desk.doctype.tag.tag.add_tag",
				"post",
				lambda dt, dn: {"tag": "proef", "dt": dt, "dn": dn},
			),
			(
				"frappe.contacts.doctype.contact.contact.get_contact_details",
				"get",
				lambda dt, dn: {"contact": dn},
			),
		)
		for user in (teacher, BOARD_USER):
			for doctype, (existing, missing) in asked.items():
				for door, http, params in doors:
					answers = [
						request_as(tokens[user], door, http, **params(doctype, name))[0]
						for name in (existing, missing)
					]
					self.assertEqual(answers, [403, 403], f"{door} as {user}, {doctype}")
		self.assertFalse(frappe.db.get_value("User", PARENT, "_liked_by"))
		# Round 91: a taken username ("Username … already exists") on one's own profile
		username, own = (
			frappe.db.get_value("User", PARENT, "username"),
			frappe.db.get_value("User", teacher, "username"),
		)

		def username_back():
			frappe.db.set_value("User", teacher, "username", own)
			frappe.db.commit()

		self.addCleanup(username_back)
		answers = [
			request_as(
				tokens[teacher],
				"frappe.client.set_value",
				"post",
				doctype="User",
				name=teacher,
				fieldname="username",
				value=name,
			)[0]
			for name in (username, f"ouder_zonder_account_{frappe.generate_hash(length=6)}")
		]
		self.assertEqual(answers, [403, 403])
		status, answer = request_as(
			tokens["Administrator"],
			"frappe.client.set_value",
			"post",
			doctype="User",
			name=teacher,
			fieldname="username",
			value="leerkracht_b_proef",
		)
		self.assertEqual(status, 200, answer)
		frappe.db.set_value("User", teacher, "username", own)
		frappe.db.commit()
		status, answer = request_as(
			tokens[teacher], "frappe.desk.form.load.getdoc", doctype="User", name=teacher
		)
		self.assertEqual(status, 200, answer)
		# a link's check and a record's viewers named the account, with the guardian's name on it
		colleague = staff_user("B", "Aandachtsfunctionaris")
		for user in (teacher, "Administrator"):
			status, answer = request_as(
				tokens[user], "frappe.client.validate_link", doctype="User", docname=PARENT
			)
			self.assertEqual(bool(answer), user == "Administrator", f"{user}: {status} {answer}")
			status, answer = request_as(
				tokens[user], "frappe.desk.form.load.get_user_info_for_viewers", users=[PARENT, colleague]
			)
			self.assertEqual(status, 200, answer)
			self.assertEqual(PARENT in answer, user == "Administrator", f"{user}: {answer}")
			self.assertIn(colleague, answer, "a colleague's name is shown")

	def test_a_record_linked_to_a_parents_account_tells_nothing(self):
		"""Round 90: Frappe checks a record's links first and answered "Could not find" only for an
		address without an account: a ToDo allocated to it, a note seen by it, a share, an
		assignment. The controls: a colleague through the same doors, and the bench's
		Administrator's ToDo for the parent."""
		teacher, colleague = staff_user("B", "Teacher"), staff_user("B", "Aandachtsfunctionaris")
		token, bench_administrator = api_token(teacher), api_token("Administrator")
		note = frappe.get_doc({"doctype": "Note", "title": "Proef koppeling", "content": "x"})
		note = as_user(teacher)(note.insert)
		frappe.db.commit()

		def remove():
			frappe.db.delete("ToDo", {"description": ("like", "Proef koppeling%")})
			frappe.db.delete("DocShare", {"share_name": note.name})
			frappe.db.delete("Note", {"name": note.name})
			frappe.db.commit()

		self.addCleanup(remove)
		doors = (
			(
				"frappe.client.insert",
				lambda who: {
					"doc": {
						"doctype": "ToDo",
						"description": "Proef koppeling",
						"allocated_to": who,
						"assigned_by": teacher,
					}
				},
			),
			(
				"frappe.client.insert",
				lambda who: {
					"doc": {"doctype": "Note", "title": "Proef koppeling 2", "seen_by": [{"user": who}]}
				},
			),
			("frappe.share.add", lambda who: {"doctype": "Note", "name": note.name, "user": who, "read": 1}),
			(
				"frappe.desk.form.assign_to.add",
				lambda who: {
					"doctype": "Note",
					"name": note.name,
					"assign_to": [who],
					"description": "Proef koppeling",
				},
			),
		)
		own = as_user(teacher)(
			frappe.get_doc(
				{"doctype": "ToDo", "description": "Proef koppeling eigen", "allocated_to": teacher}
			).insert
		)
		frappe.db.commit()
		# round 91: a link set by bulk edit, by set_value's fields as JSON, or a Dynamic Link posted
		# without its DocType (checked against the stored one)
		frappe.db.set_value("ToDo", own.name, {"reference_type": "User", "reference_name": teacher})
		frappe.db.commit()
		doors += (
			(
				"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
				lambda who: {
					"doctype": "ToDo",
					"docnames": [own.name],
					"action": "update",
					"data": {"reference_name": who},
				},
			),
			(
				"frappe.client.set_value",
				lambda who: {"doctype": "ToDo", "name": own.name, "fieldname": {"reference_name": who}},
			),
		)
		for door, params in doors:
			http = "json" if door == "frappe.client.set_value" else "post"
			answers = [
				request_as(token, door, http, **params(who))[0]
				for who in (PARENT, "ouder.zonder.account@meldcode.test", colleague)
			]
			self.assertEqual(answers[:2], [403, 403], door)
			self.assertEqual(answers[2], 200, f"{door}: a colleague")
			frappe.db.delete("Note", {"title": "Proef koppeling 2"})
			frappe.db.commit()
		status, answer = request_as(
			bench_administrator,
			"frappe.client.insert",
			"post",
			doc={"doctype": "ToDo", "description": "Proef koppeling beheer", "allocated_to": PARENT},
		)
		self.assertEqual(status, 200, answer)
		# a new record posted under the name of a stored one that holds the link is a new link
		for door, http, new in (
			("frappe.client.insert", "post", lambda doc: {"doc": doc}),
			("/api/resource/ToDo", "json", lambda doc: doc),
			(
				"frappe.desk.form.save.savedocs",
				"post",
				lambda doc: {"doc": {**doc, "__islocal": 1}, "action": "Save"},
			),
		):
			answers = [
				request_as(
					token,
					door,
					http,
					**new(
						{
							"doctype": "ToDo",
							"name": answer["name"],
							"description": "Proef koppeling",
							"allocated_to": who,
							"assigned_by": teacher,
						}
					),
				)[0]
				for who in (PARENT, "ouder.zonder.account@meldcode.test", colleague)
			]
			self.assertEqual(answers, [403, 403, 200], door)

	def test_a_failed_login_shows_a_guest_no_traceback(self):
		"""Round 92: the traceback of a failed login named the line it ended on, one for an
		address without an account and another for one with: a guest learned which families had
		one. Both answer "Invalid login credentials" without it."""
		answers = []
		for user in (PARENT, "ouder.zonder.account@meldcode.test"):
			response = make_request(
				target=get_test_client(use_cookies=False).post,
				args=("/api/method/login",),
				kwargs={"data": {"usr": user, "pwd": "verkeerd-wachtwoord"}},
			)
			answer = response.json
			self.assertNotIn("exc", answer, user)
			answers.append((response.status_code, answer.get("exc_type"), answer.get("message")))
		self.assertEqual(answers[0], answers[1])
		self.assertEqual(answers[0][0], 401)
		# the controls: the same door logs a colleague in; a failed request keeps its traceback for
		# a System Manager, and its message for a teacher
		response = make_request(
			target=get_test_client(use_cookies=False).post,
			args=("/api/method/login",),
			kwargs={"data": {"usr": TEACHER_A, "pwd": PASSWORD}},
		)
		self.assertEqual(response.status_code, 200, response.json)
		manager = make_user("beheer.traceback@meldcode.test", "Traceback", "System Manager")
		tokens = {manager: api_token(manager), TEACHER_A: api_token(TEACHER_A)}
		frappe.db.commit()
		for user, told in ((manager, True), (TEACHER_A, False)):
			response = make_request(
				target=get_test_client(use_cookies=False).post,
				args=("/api/method/frappe.client.insert",),
				kwargs={
					# their own ToDo without a description
					"data": {"doc": json.dumps({"doctype": "ToDo", "allocated_to": user})},
					"headers": {"Authorization": tokens[user]},
				},
			)
			self.assertEqual(response.json.get("exc_type"), "MandatoryError", user)
			self.assertEqual("exc" in response.json, told, user)
			# round 102: the v2 API answers an error with its traceback in errors[].exception
			response = make_request(
				target=get_test_client(use_cookies=False).get,
				args=("/api/v2/method/ToDo/meldcode_geen_methode",),
				kwargs={"headers": {"Authorization": tokens[user]}},
			)
			self.assertEqual("Traceback" in response.get_data(as_text=True), told, user)
		response = make_request(
			target=get_test_client(use_cookies=False).get,
			args=("/api/v2/method/ToDo/meldcode_geen_methode",),
			kwargs={"headers": {"Host": frappe.local.site, "X-Frappe-Site-Name": frappe.local.site}},
		)
		self.assertNotIn("Traceback", response.get_data(as_text=True), "a guest")

	def test_a_locked_account_is_answered_as_a_failed_login(self):
		"""Round 93: Frappe locks an account after failed logins, and only an account that exists:
		a guest who changed X-Forwarded-For at each try read "Your account has been locked" for
		a parent's address and "Invalid login credentials" for a made-up one."""
		settings = frappe.db.get_single_value("System Settings", "allow_consecutive_login_attempts")
		frappe.db.set_single_value("System Settings", "allow_consecutive_login_attempts", 2)
		frappe.db.commit()
		nobody = "ouder.zonder.account@meldcode.test"

		def back():
			frappe.db.set_single_value("System Settings", "allow_consecutive_login_attempts", settings)
			frappe.db.commit()
			for key in ("login_failed_count", "login_failed_time"):
				frappe.cache.delete_value(key)

		self.addCleanup(back)
		answers = {}
		for user in (PARENT, nobody):
			for attempt in range(4):
				response = make_request(
					target=get_test_client(use_cookies=False).post,
					args=("/api/method/login",),
					kwargs={
						"data": {"usr": user, "pwd": "verkeerd-wachtwoord"},
						"headers": {"X-Forwarded-For": f"10.93.{len(answers)}.{attempt + 1}"},
					},
				)
				answers[user] = (response.status_code, response.json)
		self.assertEqual(answers[PARENT], answers[nobody])
		self.assertEqual(answers[PARENT][0], 401)

	def test_a_parents_contact_is_named_by_a_key(self):
		"""Round 91: Frappe named the parent's contact after the address's first part; adding a
		contact with that first name got "ouder.sam-1", and told that the family had an account."""
		contact = frappe.db.get_value("Contact", {"user": PARENT})
		self.assertTrue(contact)
		self.assertNotIn(PARENT.split("@")[0], contact)

	def test_forgot_password_answers_alike_with_or_without_an_account(self):
		"""Round 88: Frappe's "forgot password" answered "not found" for an address without an
		account and "disabled" for a closed one, so a guest learned which families had one; round
		90: an account's mail, sent while the request waited, took ten times as long (and failed
		where the mail server did). All answer alike now, the mail left to a job."""
		closed = make_user("ouder.gesloten@meldcode.test", "Gesloten")
		frappe.db.set_value("User", closed, {"enabled": 0, "user_type": "Website User"})
		frappe.db.commit()

		def remove():
			frappe.db.delete("User", {"name": closed})
			frappe.db.commit()

		self.addCleanup(remove)
		site = {"Host": frappe.local.site, "X-Frappe-Site-Name": frappe.local.site}  # a guest at the site
		answers = [
			request_as(site, "frappe.core.doctype.user.user.reset_password", "post", user=user)
			for user in (PARENT, closed, "ouder.zonder.account@meldcode.test")
		]
		self.assertEqual(answers, [(200, None)] * 3, "round 90: an account's mail is sent by a job")
		# round 89: the login link by mail said "does not exist" (a closed account gets none either)
		answers = [
			request_as(site, "frappe.www.login.send_login_link", "post", email=user)
			for user in (PARENT, "ouder.zonder.account@meldcode.test")
		]
		self.assertEqual(answers, [(200, None), (200, None)])
		# the control: the jobs the doors left (no worker runs here) reset the parent's password
		# and no closed account's
		reset = frappe.db.get_value("User", PARENT, "last_reset_password_key_generated_on")
		for job in queued_jobs("meldcode_app.access.accounts.mail_reset_link"):
			if job.kwargs["kwargs"]["user"] in (PARENT, closed):
				frappe.set_user(job.kwargs["user"])
				frappe.call(job.kwargs["method"], **job.kwargs["kwargs"])
				frappe.set_user("Administrator")
			job.delete()
		frappe.db.commit()
		self.assertNotEqual(
			frappe.db.get_value("User", PARENT, "last_reset_password_key_generated_on"), reset
		)
		self.assertFalse(frappe.db.get_value("User", closed, "reset_password_key"))

	def test_a_login_link_goes_to_the_accounts_own_address_only(self):
		"""Round 210: Frappe found an account by an address as the database compares them (without
		accents), and mailed the login link for it to the address as written. The control: the
		account's address in capitals, mailed to the address the account has."""
		from meldcode_app.access.accounts import mail_login_link

		settings = frappe.get_single("System Settings")
		self.addCleanup(frappe.db.set_single_value, "System Settings", "login_with_email_link", 0)
		frappe.db.set_single_value("System Settings", "login_with_email_link", 1)
		settings.clear_cache()

		def mailed_to(email) -> list[str]:
			recipients = frappe.qb.DocType("Email Queue Recipient")
			queued = set(frappe.qb.from_(recipients).select(recipients.name).run(pluck=True))
			mail_login_link(email)
			return [
				row.recipient
				for row in frappe.qb.from_(recipients)
				.select(recipients.name, recipients.recipient)
				.run(as_dict=True)
				if row.name not in queued
			]

		self.assertEqual(mailed_to(PARENT.replace("meldcode.test", "meldcodé.test")), [])
		self.assertEqual(mailed_to(PARENT.upper()), [PARENT], "the control")

	def test_a_parents_address_is_not_listed_through_rows(self):
		"""Rounds 87 and 88: the contact, the defaults and the social login of the account a share
		makes were listed to every user through their rows (`parent=`): the parent's address, and
		when it was shared. The bench's Administrator lists them through the same doors (the
		control)."""
		doors = {
			"Contact Email": {"parent": "Contact", "filters": [["email_id", "=", PARENT]]},
			"DefaultValue": {"parent": "User", "filters": [["parent", "=", PARENT]]},
			"User Social Login": {"parent": "User", "filters": [["parent", "=", PARENT]]},
		}
		tokens = {user: api_token(user) for user in ("Administrator", staff_user("B", "Teacher"), BOARD_USER)}
		frappe.db.commit()
		for door, params in doors.items():
			for user, token in tokens.items():
				status, answer = request_as(
					token,
					"frappe.client.get_list",
					"get",
					doctype=door,
					fields=["name", "creation"],
					limit_page_length=0,
					**params,
				)
				listed = bool(answer) if status == 200 else False
				self.assertEqual(listed, user == "Administrator", f"{door} as {user}: {status} {answer}")

	def test_the_named_parent_reads_and_signs_and_the_team_sees_it(self):
		parent = Portal(PARENT)
		status, body = parent.page()
		self.assertEqual(status, 200)
		self.assertIn(self.shared.name, body)
		self.assertNotIn(self.never_shared.name, body)
		self.assertNotIn(self.other_pupils.name, body)

		status, body = parent.page(self.shared.name)
		self.assertEqual(status, 200, body[:300])
		self.assertIn(REPORT, body)
		self.assertIn("Moeder belt de huisarts", body, "the verslag as the school prints it")
		self.assertTrue(
			frappe.db.exists(
				"Access Log",
				{"user": PARENT, "reference_document": self.shared.name, "method": "Parents' Portal"},
			),
			"every portal view is in the access audit",
		)
		school_pdf = frappe.db.get_value("Meldcode Conversation", self.shared.name, "signed_pdf")

		# A parent may rename their own account (Frappe's profile); the signature names the account.
		self.addCleanup(
			frappe.db.set_value,
			"User",
			PARENT,
			"first_name",
			frappe.db.get_value("User", PARENT, "first_name"),
		)
		status, body = parent.request(
			"post",
			"/api/method/frappe.client.set_value",
			data={
				"doctype": "User",
				"name": PARENT,
				"fieldname": "first_name",
				"value": "De directeur namens",
			},
			headers={"X-Frappe-CSRF-Token": parent.csrf_token},
		)
		self.assertEqual(status, 200, body[:300])

		errors = frappe.db.count("Error Log")
		status, body = parent.call(
			"parent_sign",
			conversation=self.shared.name,
			signature="Voor Akkoord",
			view=VIEW,
			headers={"X-Forwarded-For": "<b>thuis</b>"},  # round 53: written as the parent liked
		)
		self.assertEqual(status, 200, body[:500])
		frappe.db.rollback()  # read what the request committed
		# Round 18: Frappe's attaching of the signed PDF, as the parent, told them an error.
		self.assertNotIn("_server_messages", body)
		self.assertEqual(frappe.db.count("Error Log"), errors)
		doc = frappe.get_doc("Meldcode Conversation", self.shared.name)
		self.assertEqual(doc.parents_signature, "Voor Akkoord")
		self.assertEqual(doc.parent_signed_by, PARENT)
		self.assertTrue(doc.parent_signed_on)
		view = [a for a in doc.addenda if a.kind == "Parents' View"]
		self.assertEqual(
			[(a.text, a.added_by) for a in view], [(VIEW, PARENT)], "the zienswijze, by its author"
		)
		share = frappe.get_doc("Meldcode Parent Share", {"conversation": doc.name})
		self.assertEqual((share.status, share.signature), ("Signed", "Voor Akkoord"))
		self.assertTrue(share.signed_on, "who and when")
		# an address only: the connection's own when the header's is none (round 77)
		self.assertEqual(share.signed_from_ip, "127.0.0.1")
		self.assertTrue(
			frappe.db.exists(
				"Access Log",
				{"user": PARENT, "reference_document": doc.name, "method": "Parents' Signature"},
			)
		)

		# A new signed PDF beside the school's, with its SHA-256; the old one is kept.
		self.assertNotEqual(doc.signed_pdf, school_pdf)
		# ... and the history shows it in the parent's name, with the school's PDF and hash (round 220)
		version = frappe.get_last_doc("Version", {"ref_doctype": doc.doctype, "docname": doc.name})
		changed = {field: (old, new) for field, old, new in json.loads(version.data)["changed"]}
		self.assertEqual(version.owner, PARENT)
		self.assertEqual(changed["signed_pdf"], (school_pdf, doc.signed_pdf))
		self.assertEqual(changed["signed_pdf_sha256"][1], doc.signed_pdf_sha256)
		self.assertEqual(changed["parents_signature"][1], "Voor Akkoord")
		self.assertTrue(frappe.db.exists("File", {"file_url": school_pdf, "attached_to_name": doc.name}))
		new = frappe.get_doc("File", {"file_url": doc.signed_pdf, "attached_to_name": doc.name})
		self.assertEqual(hashlib.sha256(new.get_content()).hexdigest(), doc.signed_pdf_sha256)
		signed_text = pdf_text(new.get_content())
		for expected in ("Via het ouderportaal ondertekend door", PARENT, "Visie van de ouders", VIEW):
			self.assertIn(expected, signed_text)
		self.assertNotIn("directeur namens", signed_text, "the name the parent chose is not the signer")
		self.assertIn(VIEW, pdf_text(render_pdf(doc.doctype, doc.name, "Gespreksverslag")))
		self.assertIn(VIEW, as_user(AF_A)(inspection_copy.render, doc.dossier), "in the inspection copy")

		status, body = parent.call("parent_sign", conversation=doc.name, signature="Voor Gezien", view="")
		self.assertNotEqual(status, 200)
		self.assertIn("al ondertekend", body, "signing twice is refused in Dutch")
		status, body = parent.page(doc.name)
		self.assertEqual(status, 200, "a signed share is read until it ends")
		self.assertIn(VIEW, body)

	def test_a_default_planted_on_user_gives_a_parents_new_account_no_password_or_role(self):
		"""Round 193: a System Manager's defaults on User, a password and a role profile with the
		board's role, were given to the account a share made for a new address: he logged in as the
		parent, read the verslag, and the board's grant was made Active at once (the app made the
		account as the site). A default written before the app refused it: the account has no
		password until the parent chooses one, and a role it gets waits for its grant. The control:
		the defaults were given (the role profile is on the account)."""
		from frappe.custom.doctype.property_setter.property_setter import make_property_setter
		from frappe.utils.password import check_password

		address, chosen = "nieuw.geplant@ouders.example", "Door-Hem-Gekozen-193!"
		profile = frappe.get_doc({"doctype": "Role Profile", "role_profile": "Geplant 193"})
		profile.append("roles", {"role": "Meldcode Board"})
		profile.insert(ignore_if_duplicate=True)
		for field, value in (("new_password", chosen), ("role_profile_name", profile.name)):
			make_property_setter("User", field, "default", value, "Text")

		def remove():
			frappe.db.delete(
				"Property Setter",
				{"doc_type": "User", "field_name": ("in", ("new_password", "role_profile_name"))},
			)
			frappe.clear_cache(doctype="User")
			frappe.db.delete("Meldcode Access Grant", {"user": address})
			frappe.delete_doc_if_exists("User", address, force=True)
			frappe.delete_doc_if_exists("Role Profile", profile.name, force=True)
			frappe.db.commit()

		self.addCleanup(remove)
		frappe.clear_cache(doctype="User")
		frappe.db.commit()
		verslag = conversation(open_dossier("A", [make_signal("A").name]))
		as_user(AF_A)(share_with_parents, verslag.name, address)
		frappe.db.commit()

		self.assertEqual(frappe.db.get_value("User", address, "role_profile_name"), profile.name)
		self.assertRaises(frappe.AuthenticationError, check_password, address, chosen)
		self.assertNotIn("Meldcode Board", frappe.get_roles(address))
		self.assertFalse(frappe.db.exists("Meldcode Access Grant", {"user": address, "status": "Active"}))

	def test_a_visit_to_the_portal_is_not_counted(self):
		"""Round 47: with Frappe's view tracking on, a System Manager read who had visited the
		parents' portal, and when."""
		frappe.db.set_single_value("Website Settings", "enable_view_tracking", 1)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.set_single_value, "Website Settings", "enable_view_tracking", 0)
		parent = Portal(PARENT)
		parent.page()
		before = frappe.db.count("Web Page View")
		for path in ("/meldcode-ouders", "/meldcode-ouders/verslag", "/contact"):
			headers = {"X-Frappe-CSRF-Token": parent.csrf_token, "Referer": path}
			status, body = parent.request(
				"post",
				"/api/method/frappe.website.doctype.web_page_view.web_page_view.make_view_log",
				data={"browser": "Chrome", "version": "140"},
				headers=headers,
			)
			self.assertEqual(status, 200, body)
		frappe.db.rollback()
		views = frappe.get_all(
			"Web Page View",
			filters={"creation": (">", frappe.utils.add_to_date(None, minutes=-5))},
			pluck="path",
		)
		self.assertEqual(frappe.db.count("Web Page View"), before + 1, views)
		self.assertIn("contact", views, "the positive control: another page of the site is counted")
		self.assertFalse([view for view in views if "meldcode-ouders" in (view or "")])

	def test_nobody_else_learns_anything(self):
		"""Each refused reader with its positive control; a refusal is the same for a verslag that
		exists and one that does not."""
		other = Portal(OTHER_PARENT)
		self.assertEqual(other.page(self.other_pupils.name)[0], 200, "control: their own share")
		parent = Portal(PARENT)
		self.assertEqual(parent.page(self.withdrawn.name)[0], 200, "control: before withdrawal")
		self.assertEqual(parent.page(self.expired.name)[0], 200, "control: before expiry")

		as_user(AF_A)(withdraw_parent_share, self.withdrawn_share)
		frappe.db.set_value("Meldcode Parent Share", self.expired_share, "expires_on", add_days(today(), -1))
		parent_shares.expire_shares()
		frappe.db.commit()
		self.assertEqual(
			frappe.db.get_value("Meldcode Parent Share", self.expired_share, "status"), "Expired"
		)

		nobody = Portal(NO_SHARE)
		guest = Portal()
		refused = {
			"another pupil's parent": (other, self.shared.name),
			"after withdrawal": (parent, self.withdrawn.name),
			"after expiry": (parent, self.expired.name),
			"a guessed name": (parent, self.never_shared.name),
			"a Website User without a share": (nobody, self.shared.name),
		}
		for who, (portal, name) in refused.items():
			status, body = portal.page(name)
			self.assertEqual(status, 404, who)
			self.assertNotIn(REPORT, body, who)
			self.assertEqual(answer(body), answer(portal.page(NOT_THERE)[1]), f"{who}: as for no verslag")
			status, body = portal.call("parent_sign", conversation=name, signature="Voor Gezien", view="x")
			self.assertEqual(status, 403, who)
			self.assertEqual(
				answer(body),
				answer(
					portal.call("parent_sign", conversation=NOT_THERE, signature="Voor Gezien", view="x")[1]
				),
				f"{who}: signing tells no existence",
			)
			self.assertEqual(portal.call("parent_request", conversation=name, kind="Inspection")[0], 403, who)
		for name in (self.shared.name, NOT_THERE):
			status, body = guest.page(name)
			self.assertEqual(status, 302, "a guest is sent to the login, whatever the name")
			self.assertNotIn(REPORT, body)
			self.assertEqual(guest.call("parent_sign", conversation=name, signature="Voor Gezien")[0], 403)
		self.assertEqual(
			frappe.db.get_value("Meldcode Conversation", self.withdrawn.name, "parents_signature") or "",
			"",
			"nothing was signed",
		)

		# The guard keeps every other door of the app shut to a parent, also with a share.
		for method, arguments in (
			("export_inspection_pdf", {"dossier": self.shared.dossier}),
			("share_with_parents", {"conversation": self.shared.name, "emails": PARENT}),
			("verify_signed_pdf", {"conversation": self.shared.name}),
		):
			status, body = parent.call(method, **arguments)
			self.assertEqual(status, 403, method)
			self.assertIn("niet beschikbaar", body, method)
		status, body = parent.request(
			"get",
			"/api/method/frappe.client.get",
			query_string={"doctype": "Meldcode Conversation", "name": self.shared.name},
		)
		self.assertEqual(status, 403)
		self.assertNotIn(REPORT, body)

	def test_the_parent_asks_for_inspection_and_correction(self):
		parent = Portal(OTHER_PARENT)
		parent.page(self.other_pupils.name)
		status, body = parent.call(
			"parent_request",
			conversation=self.other_pupils.name,
			kind="Correction",
			text="Het was op dinsdag.",
		)
		self.assertEqual(status, 200, body[:300])
		status, body = parent.call("parent_request", conversation=self.other_pupils.name, kind="Inspection")
		self.assertEqual(status, 200, body[:300])
		frappe.db.rollback()
		dossier = self.other_pupils.dossier
		request = frappe.get_doc("Meldcode Correction Request", {"dossier": dossier})
		self.assertEqual(request.requested_changes[0].record, self.other_pupils.name)
		self.assertEqual(str(request.answer_due), str(add_days(today(), 28)), "answered within 4 weeks")
		# At stap 1 the casemanager is the signalling teacher, who does not read the dossier: the
		# requests go to the school's aandachtsfunctionaris.
		casemanager = frappe.db.get_value("Meldcode Dossier", dossier, "casemanager")
		self.assertEqual(casemanager, TEACHER_A)
		self.assertTrue(
			frappe.db.exists(
				"ToDo",
				{
					"reference_name": dossier,
					"allocated_to": AF_A,
					"status": "Open",
					"description": ("like", f"%{OTHER_PARENT}%"),
				},
			)
		)
		self.assertFalse(
			frappe.db.exists(
				"ToDo",
				{
					"reference_name": dossier,
					"allocated_to": TEACHER_A,
					"description": ("like", f"%{OTHER_PARENT}%"),
				},
			)
		)
		term = frappe.get_all(
			"Meldcode Dossier Term",
			{"parent": dossier, "term_code": "correction_request_answer"},
			["responsible"],
			ignore_permissions=True,
		)
		self.assertEqual([t.responsible for t in term], [AF_A], "the correction's term too")
		# The control: a casemanager on the case team answers themselves.
		frappe.db.set_value("Meldcode Dossier", dossier, "casemanager", IB_A)
		self.assertEqual(parent_shares.who_answers(dossier), IB_A)
		frappe.db.set_value("Meldcode Dossier", dossier, "casemanager", casemanager)
		frappe.db.commit()

		frappe.db.set_value("Meldcode Dossier", dossier, "pupil_date_of_birth", add_years(today(), -16))
		frappe.db.commit()
		try:
			status, body = parent.page(self.other_pupils.name)
			self.assertIn("beslist zelf over inzage en correctie", body)
			status, body = parent.call(
				"parent_request", conversation=self.other_pupils.name, kind="Inspection"
			)
			self.assertNotEqual(status, 200)
			self.assertIn("beslist zelf", body)
		finally:
			frappe.db.set_value("Meldcode Dossier", dossier, "pupil_date_of_birth", None)
			frappe.db.commit()

	def test_two_parents_signing_at_the_same_moment_sign_once(self):
		"""Both parents of one verslag sign at the same moment (each request with its own database
		connection), without and with a zienswijze: the first signs, the second waits for the
		first's lock and is told in Dutch that it is already signed; one signed PDF, one signature."""
		portals = {PARENT: Portal(PARENT), OTHER_PARENT: Portal(OTHER_PARENT)}
		for verslag, views in zip(
			self.both_parents,
			(("", ""), ("Zo zie ik het als vader.", "Zo zie ik het als moeder.")),
			strict=True,
		):
			with self.subTest(views=views):
				self.signed_once(portals, verslag.name, views)

	def signed_once(self, portals, name, views):
		for portal in portals.values():
			self.assertEqual(portal.page(name)[0], 200, "control: both parents read the verslag")
		pdfs = frappe.db.count("File", {"attached_to_name": name})

		def sign(user, signature, view):
			return lambda: portals[user].call(
				"parent_sign", True, conversation=name, signature=signature, view=view
			)

		answers = dict(
			zip(
				portals,
				at_once(sign(PARENT, "Voor Akkoord", views[0]), sign(OTHER_PARENT, "Voor Gezien", views[1])),
				strict=True,
			)
		)
		frappe.db.rollback()  # read what the requests committed
		signed = [user for user, (status, _body) in answers.items() if status == 200]
		self.assertEqual(len(signed), 1, {u: (s, b[:300]) for u, (s, b) in answers.items()})
		(refused,) = set(answers) - set(signed)
		self.assertIn("al ondertekend", answers[refused][1], "the second signer is told in Dutch")
		self.assertEqual(frappe.db.count("File", {"attached_to_name": name}), pdfs + 1, "one signed PDF")
		doc = frappe.get_doc("Meldcode Conversation", name)
		self.assertIn(signed[0], doc.parent_signed_by)
		shares = {
			row.parent_user: row
			for row in frappe.get_all(
				"Meldcode Parent Share", {"conversation": name}, ["parent_user", "status", "signature"]
			)
		}
		self.assertEqual(
			(shares[signed[0]].status, shares[signed[0]].signature), ("Signed", doc.parents_signature)
		)
		self.assertEqual((shares[refused].status, shares[refused].signature or None), ("Active", None))
		given = [a.text for a in doc.addenda if a.kind == "Parents' View"]
		self.assertEqual(given, [views[list(portals).index(signed[0])]] if any(views) else [])

		# Each parent reads their own zienswijze, not the other parent's.
		for view in given:
			self.assertIn(view, portals[signed[0]].page(name)[1])
			status, body = portals[refused].page(name)
			self.assertEqual(status, 200)
			self.assertNotIn(view, body)

	def test_a_share_made_after_one_parent_signed_holds_nothing_of_their_signature(self):
		"""Round 16: the verslag signed by one parent through the portal, with their zienswijze,
		then shared with the other: the other's snapshot showed the first's signature line (name
		and e-mail address) and zienswijze. Now it holds neither, nor how they signed; the page
		says only that the parents' signature has been given, and signing again is refused. Both
		orders of the two parents."""
		for first, second in ((PARENT, OTHER_PARENT), (OTHER_PARENT, PARENT)):
			with self.subTest(first=first):
				frappe.cache.delete_keys("rl:")
				verslag = conversation(open_dossier("A", [make_signal("A").name]))
				shared(verslag.name, first)
				frappe.db.commit()
				view = f"Zo zie ik het, schrijft {first}."
				status, body = Portal(first).call(
					"parent_sign", conversation=verslag.name, signature="Voor Akkoord", view=view
				)
				self.assertEqual(status, 200, body[:300])
				frappe.db.rollback()
				add_addendum(verslag.name, BEFORE_SHARING)
				shared(verslag.name, second)
				frappe.db.commit()

				status, body = Portal(second).page(verslag.name)
				self.assertEqual(status, 200, body[:300])
				self.assertIn(REPORT, body, "control: the second parent reads the verslag")
				self.assertIn(BEFORE_SHARING, body, "control: as it was when shared with them")
				for unseen in (first, view, "Via het ouderportaal", "Visie van de ouders", "&#9746;"):
					self.assertFalse(unseen in body, f"nothing of the first parent's signature: {unseen}")
				self.assertIn("De handtekening van de ouders is al gegeven", body)
				status, refused = Portal(second).call(
					"parent_sign", conversation=verslag.name, signature="Voor Gezien", view="Mijn visie."
				)
				self.assertNotEqual(status, 200)
				self.assertIn("al ondertekend", str(answer(refused)))
				frappe.db.rollback()
				self.assertEqual(
					[a.text for a in frappe.get_doc("Meldcode Conversation", verslag.name).addenda],
					[view, BEFORE_SHARING],
				)

				# Control: the first parent reads their own signature and zienswijze.
				status, body = Portal(first).page(verslag.name)
				self.assertEqual(status, 200, body[:300])
				for seen in (view, "Visie van de ouders", "Ondertekend voor akkoord"):
					self.assertIn(seen, body)

	def test_a_share_closes_when_the_parents_may_no_longer_be_informed(self):
		"""Deny by default at every read: what the team records after sharing closes the share at
		every door; the addenda the team adds after sharing are not shown while it is open."""
		name, dossier = self.closing.name, self.closing.dossier
		parent = Portal(PARENT)
		status, body = parent.page(name)
		self.assertEqual(status, 200, "control: the share is open")
		self.assertIn(BEFORE_SHARING, body, "control: what the verslag held when it was shared")
		add_addendum(name, AFTER_SHARING)
		frappe.db.commit()
		status, body = parent.page(name)
		self.assertEqual(status, 200)
		self.assertIn(BEFORE_SHARING, body)
		self.assertNotIn(AFTER_SHARING, body, "the team's addendum after sharing")

		frappe.db.set_value(
			"Meldcode Dossier",
			dossier,
			"no_parents_conversation_reason",
			"Safety of Someone Involved at Risk",
		)
		frappe.db.commit()
		try:
			status, body = parent.page(name)
			self.assertEqual(status, 404)
			self.assertNotIn(BEFORE_SHARING, body)
			self.assertEqual(answer(body), answer(parent.page(NOT_THERE)[1]), "as for no verslag")
			self.assertNotIn(name, parent.page()[1], "not in the list of shares")
			for method, arguments in (
				("parent_sign", {"signature": "Voor Gezien", "view": "x"}),
				("parent_request", {"kind": "Inspection"}),
				("parent_request", {"kind": "Correction", "text": "Het was dinsdag."}),
			):
				status, body = parent.call(method, conversation=name, **arguments)
				self.assertEqual(status, 403, f"{method}: {body[:300]}")
		finally:
			frappe.db.set_value("Meldcode Dossier", dossier, "no_parents_conversation_reason", None)
			frappe.db.commit()
		self.assertEqual(parent.page(name)[0], 200, "control: open again without the reason")
		self.assertEqual(
			frappe.db.get_value("Meldcode Conversation", name, "parents_signature") or "",
			"",
			"nothing signed",
		)

		# The other facts, through the same check as the parent (every door uses open_shares).
		def is_open() -> bool:
			frappe.set_user(PARENT)
			try:
				listed = name in {row.conversation for row in parent_shares.shares_of(PARENT)}
				doc = frappe.get_doc("Meldcode Conversation", name)
				readable = parent_shares.has_website_permission(doc, "read", PARENT)
				self.assertEqual(listed, readable, "the list and the permission answer alike")
				return readable
			finally:
				frappe.set_user("Administrator")

		self.assertTrue(is_open(), "control")
		for field, value in (("acute", 1), ("disclosure", 1)):
			frappe.db.set_value("Meldcode Dossier", dossier, field, value)
			self.assertFalse(is_open(), field)
			frappe.db.set_value("Meldcode Dossier", dossier, field, 0)
			self.assertTrue(is_open(), f"control after {field}")
		frappe.db.set_value("Meldcode Dossier", dossier, "acute", 1)
		told = melding(frappe.get_doc("Meldcode Dossier", dossier))
		self.assertTrue(is_open(), "control: on the acute path after the melding")
		frappe.db.set_value("Veilig Thuis Contact", told.name, "parents_informed", "No")
		self.assertFalse(is_open(), "a melding without informing the parents")
		frappe.db.set_value("Veilig Thuis Contact", told.name, "docstatus", 2)
		frappe.db.set_value("Meldcode Dossier", dossier, "acute", 0)
		self.assertTrue(is_open(), "control")
		as_user(AF_A)(frappe.get_doc("Meldcode Conversation", name).cancel)
		self.assertFalse(is_open(), "the verslag was cancelled")
		frappe.db.rollback()

	def test_one_open_request_of_each_kind(self):
		"""A second request of a kind waits until the team has answered the first (also when both
		arrive at the same moment); the positive control: once answered, the parent asks again."""
		name, dossier = self.asking.name, self.asking.dossier
		parent = Portal(OTHER_PARENT)
		parent.page(name)

		def ask(kind, portal=parent, at_once=False):
			return portal.call(
				"parent_request", at_once, conversation=name, kind=kind, text="Het was op dinsdag."
			)

		def made():
			return (
				frappe.db.count("Meldcode Correction Request", {"dossier": dossier}),
				frappe.db.count(
					"ToDo", {"reference_name": dossier, "description": ("like", f"%{OTHER_PARENT}%")}
				),
			)

		for kind in ("Correction", "Inspection"):
			status, body = ask(kind)
			self.assertEqual(status, 200, body[:300])
			for _again in range(2):
				status, body = ask(kind)
				self.assertNotEqual(status, 200, kind)
				self.assertIn("al gevraagd", body, f"{kind}: refused in Dutch")
		frappe.db.rollback()
		self.assertEqual(made(), (1, 1))

		share = frappe.get_doc("Meldcode Parent Share", {"conversation": name})
		frappe.db.set_value("ToDo", share.inspection_todo, "status", "Closed")
		answered = frappe.get_doc("Meldcode Correction Request", share.correction_request)
		answered.update({"decision": "Refused", "answered_on": today(), "refusal_reason": "Het was maandag."})
		as_user(AF_A)(answered.save)
		as_user(AF_A)(answered.submit)
		frappe.db.commit()
		self.assertEqual(ask("Inspection")[0], 200, "asked again once the ToDo is closed")
		second = Portal(OTHER_PARENT)
		answers = at_once(
			lambda: ask("Correction", at_once=True), lambda: ask("Correction", second, at_once=True)
		)
		self.assertEqual(sorted(status for status, _body in answers), [200, 417], answers)
		self.assertIn("al gevraagd", max(answers)[1], "the second waits for the first and is told so")
		frappe.db.rollback()
		self.assertEqual(made(), (2, 2))

	def test_the_portals_methods_are_rate_limited(self):
		parent = Portal(PARENT)
		parent.page()
		for method, arguments in (
			("parent_sign", {"signature": "Voor Gezien"}),
			("parent_request", {"kind": "Inspection"}),
		):
			answers = [parent.call(method, conversation=NOT_THERE, **arguments)[0] for _n in range(10)]
			answers.append(parent.call(method, conversation=f" {NOT_THERE.lower()}", **arguments)[0])
			self.assertEqual(
				answers, [403] * 10 + [429], f"{method}: refused as usual, then limited in any spelling"
			)
			# round 53: a header of the parent's own named another address, and a fresh count
			forged = {"X-Forwarded-For": "10.53.0.1"}
			self.assertEqual(parent.call(method, conversation=NOT_THERE, headers=forged, **arguments)[0], 429)
			# round 54: a spelling the database ignores, and Frappe's second API version
			hidden = f"{NOT_THERE[:2]}\u200b{NOT_THERE[2:]}"
			self.assertEqual(parent.call(method, conversation=hidden, **arguments)[0], 429)
			status, _body = parent.request(
				"post",
				f"/api/v2/method/meldcode_app.api.{method}",
				data={"conversation": NOT_THERE, **arguments},
				headers={"X-Frappe-CSRF-Token": parent.csrf_token},
			)
			self.assertEqual(status, 429)
		other = Portal(OTHER_PARENT)
		other.page()
		self.assertEqual(
			other.call("parent_sign", conversation=NOT_THERE, signature="Voor Gezien")[0],
			403,
			"the other parent's count is their own",
		)

	def test_the_team_adds_an_addendum_after_the_parent_signed(self):
		"""The desk saves the whole form as JSON after a parent signed through the portal; a changed
		moment of that signature is still refused."""
		name = self.added_after_signing.name
		parent = Portal(PARENT)
		parent.page(name)
		status, body = parent.call("parent_sign", conversation=name, signature="Voor Gezien", view="")
		self.assertEqual(status, 200, body[:300])
		frappe.db.rollback()
		token = api_token(AF_A)
		frappe.db.commit()
		doc = json.loads(frappe.as_json(frappe.get_doc("Meldcode Conversation", name).as_dict()))
		self.assertTrue(doc["parent_signed_on"])
		doc["addenda"].append({"kind": "Supplement", "text": ADDED_BY_THE_TEAM})
		status, saved = request_as(token, "frappe.client.save", "post", doc=doc)
		self.assertEqual(status, 200, saved)
		frappe.db.rollback()
		stored = frappe.get_doc("Meldcode Conversation", name)
		self.assertEqual([a.text for a in stored.addenda], [ADDED_BY_THE_TEAM])
		self.assertEqual(stored.addenda[0].added_by, AF_A)

		doc = json.loads(frappe.as_json(stored.as_dict()))
		doc["parent_signed_on"] = str(now_datetime())
		status, refused = request_as(token, "frappe.client.save", "post", doc=doc)
		self.assertEqual(status, 403, refused)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Meldcode Conversation", name, "parent_signed_on"), stored.parent_signed_on
		)

	def test_the_parent_reads_and_signs_the_verslag_as_it_was_shared(self):
		"""The portal shows the share's snapshot: not a signal of another dossier (a row the
		conversation should never have held), not what the team changes after sharing; the PDF
		made at the parent's signing is that snapshot with their signature and zienswijze."""
		own = make_signal("A", situation=OWN_SIGNAL)
		other = make_signal("A", pupil="Testkind Noor Jansen", situation=OTHER_PUPILS_SIGNAL)
		open_dossier("A", [other.name])
		verslag = conversation(open_dossier("A", [own.name]), signals_discussed=[{"signal": own.name}])
		frappe.get_doc(
			{
				"doctype": "Meldcode Conversation Signal",
				"parent": verslag.name,
				"parenttype": "Meldcode Conversation",
				"parentfield": "signals_discussed",
				"idx": 2,
				"signal": other.name,
			}
		).db_insert()  # as stored before conversations were checked for it
		shared(verslag.name, PARENT)
		frappe.db.commit()
		parent = Portal(PARENT)
		status, body = parent.page(verslag.name)
		self.assertEqual(status, 200, body[:300])
		self.assertIn(OWN_SIGNAL, body, "control: its own signal")
		self.assertNotIn(OTHER_PUPILS_SIGNAL, body, "another pupil's signal")

		frappe.db.set_value("Meldcode Signal", own.name, "situation", CHANGED_SIGNAL)
		frappe.db.commit()
		status, body = parent.page(verslag.name)
		self.assertIn(OWN_SIGNAL, body, "the verslag as it was shared")
		self.assertNotIn(CHANGED_SIGNAL, body, "not what the team changed after sharing")

		status, body = parent.call(
			"parent_sign", conversation=verslag.name, signature="Voor Gezien", view=VIEW
		)
		self.assertEqual(status, 200, body[:300])
		frappe.db.rollback()
		doc = frappe.get_doc("Meldcode Conversation", verslag.name)
		signed = frappe.get_doc("File", {"file_url": doc.signed_pdf, "attached_to_name": doc.name})
		self.assertEqual(hashlib.sha256(signed.get_content()).hexdigest(), doc.signed_pdf_sha256)
		text = pdf_text(signed.get_content())
		for expected in (
			OWN_SIGNAL,
			"Via het ouderportaal ondertekend door",
			PARENT,
			"Visie van de ouders",
			VIEW,
		):
			self.assertIn(expected, text, "what the parent saw and signed")
		for unseen in (CHANGED_SIGNAL, OTHER_PUPILS_SIGNAL):
			self.assertNotIn(unseen, text)
		status, body = parent.page(verslag.name)
		self.assertIn(VIEW, body, "their own zienswijze beside the verslag as shared")
		self.assertIn(OWN_SIGNAL, body)

	def test_a_share_made_before_snapshots_gets_one_by_the_patch(self):
		from meldcode_app.patches import parent_share_snapshots

		verslag = conversation(open_dossier("A", [make_signal("A").name]))
		(share,) = shared(verslag.name, PARENT)
		frappe.db.set_value("Meldcode Parent Share", share, "verslag_snapshot", None)
		add_addendum(verslag.name, AFTER_SHARING)
		frappe.db.commit()
		parent = Portal(PARENT)
		status, body = parent.page(verslag.name)
		self.assertEqual(status, 404, "no snapshot: refused as an ended share")
		self.assertEqual(answer(body), answer(parent.page(NOT_THERE)[1]))
		parent_share_snapshots.execute()
		frappe.db.commit()
		status, body = parent.page(verslag.name)
		self.assertEqual(status, 200, "control: read again once the patch took its snapshot")
		self.assertIn(REPORT, body)
		self.assertNotIn(AFTER_SHARING, body, "the addenda it held when it was shared")

	def test_the_team_cannot_post_an_addendum_as_the_parent(self):
		"""An addendum posted through the desk's save (savedocs, Update) with a parent as author and
		an old date is stored with its real author and moment, so the parent does not read it as
		their zienswijze; a "parents' view" is refused."""
		verslag = conversation(open_dossier("A", [make_signal("A").name]))
		shared(verslag.name, PARENT)
		token = api_token(AF_A)
		frappe.db.commit()

		def post(kind, text):
			doc = json.loads(frappe.as_json(frappe.get_doc("Meldcode Conversation", verslag.name).as_dict()))
			doc["addenda"].append(
				{"kind": kind, "text": text, "added_by": PARENT, "added_on": "2020-01-01 09:00:00"}
			)
			status, answered = request_as(
				token, "frappe.desk.form.save.savedocs", "post", doc=doc, action="Update"
			)
			frappe.db.rollback()
			return status, answered

		status, answered = post("Supplement", FORGED)
		self.assertEqual(status, 200, answered)
		(row,) = frappe.get_doc("Meldcode Conversation", verslag.name).addenda
		self.assertEqual((row.text, row.added_by), (FORGED, AF_A))
		self.assertEqual(getdate(row.added_on), getdate(today()))
		status, body = Portal(PARENT).page(verslag.name)
		self.assertEqual(status, 200, "control: the parent reads the verslag")
		self.assertNotIn(FORGED, body, "not their zienswijze")

		status, answered = post("Parents' View", FORGED_VIEW)
		self.assertNotEqual(status, 200)
		self.assertIn("not by hand", str(answered), "in the team member's language")
		self.assertEqual(len(frappe.get_doc("Meldcode Conversation", verslag.name).addenda), 1)


def add_addendum(conversation_name: str, text: str) -> None:
	doc = frappe.get_doc("Meldcode Conversation", conversation_name)
	doc.append("addenda", {"kind": "Supplement", "text": text})
	as_user(AF_A)(doc.save)


class TestSharingRefused(MeldcodeTestCase):
	def setUp(self):
		super().setUp()
		outgoing_email_account(self)

	def share(self, name, emails="moeder.test@meldcode.test", user=AF_A):
		return lambda: as_user(user)(share_with_parents, name, emails)

	def test_sharing_is_refused_in_dutch_where_the_meldcode_says_so(self):
		dossier = open_dossier("A")
		self.assertRefused(
			self.share(conversation(dossier, "Child", child_not_promised_secrecy=1).name),
			"gesprek met de ouders",
		)
		self.assertRefused(self.share(conversation(dossier, submit=False).name), "ondertekend verslag")
		signed = conversation(dossier)
		for field, value, message in (
			("disclosure", 1, "nadat Veilig Thuis is geraadpleegd"),
			("acute", 1, "na de melding"),
			(
				"no_parents_conversation_reason",
				"Safety of Someone Involved at Risk",
				"reden om de ouders niet",
			),
		):
			frappe.db.set_value("Meldcode Dossier", dossier.name, field, value)
			self.assertRefused(self.share(signed.name), message)
			frappe.db.set_value(
				"Meldcode Dossier", dossier.name, field, None if isinstance(value, str) else 0
			)
		self.assertRefused(self.share(signed.name, "a@x.nl, b@x.nl, c@x.nl"), "hoogstens twee")
		self.assertRefused(self.share(signed.name, staff_user("A", "Teacher")), "niet van een ouder")
		with self.assertRaises(frappe.PermissionError):
			self.share(signed.name, user=staff_user("B", "Aandachtsfunctionaris"))()
		with self.assertRaises(frappe.PermissionError):
			self.share(signed.name, user=staff_user("A", "Teacher"))()  # not their own verslag

		# The positive control: the same verslag, shared by the case team; the e-mail is a link only.
		parent = f"moeder.{frappe.generate_hash(length=8)}@meldcode.test"  # an account made now
		self.share(signed.name, parent)()
		self.assertRefused(self.share(signed.name, parent), "al gedeeld")
		mail = frappe.get_last_doc("Email Queue", filters={"message": ("like", "%/meldcode-ouders%")})
		self.assertIn("tweede e-mail", mail.message)  # a new account chooses a password
		self.assertIn("Wachtwoord vergeten", mail.message)  # and can ask again once it expired
		welcome = frappe.get_last_doc("Email Queue", filters={"message": ("like", "%update-password?key=%")})
		self.assertIn(
			parent,
			frappe.get_all("Email Queue Recipient", {"parent": welcome.name}, pluck="recipient"),
			"Frappe's welcome mail, as Education's invitation sends it",
		)
		self.assertNotIn("blauwe plek", mail.message)
		self.assertNotIn(signed.pupil_name, mail.message)
		# Round 46: the account tells no one who shared (anyone who may list users read its owner).
		account = frappe.db.get_value(
			"User",
			parent,
			["user_type", "owner", "modified_by", "language", "first_name"],
			as_dict=True,
		)
		self.assertEqual(account.user_type, "Website User")
		self.assertEqual((account.owner, account.modified_by), ("Administrator", "Administrator"))
		self.assertEqual(frappe.db.get_value("User", parent, "send_welcome_email"), 1)
		self.assertEqual(account.language, frappe.db.get_single_value("System Settings", "language"))
		self.assertEqual(account.first_name, parent.split("@")[0])
		from meldcode_app.patches import parent_accounts_made_by_the_site

		made_before = {"owner": AF_A, "send_welcome_email": 0, "language": "nl"}
		frappe.db.set_value("User", parent, made_before, update_modified=False)
		frappe.db.set_value("DocShare", {"share_doctype": "User", "share_name": parent}, "owner", AF_A)
		parent_accounts_made_by_the_site.execute()  # an account made before
		self.assertEqual(
			frappe.db.get_value("User", parent, ["owner", "send_welcome_email", "language"]),
			("Administrator", 1, frappe.db.get_single_value("System Settings", "language")),
		)
		self.assertEqual(
			frappe.db.get_value("DocShare", {"share_doctype": "User", "share_name": parent}, "owner"),
			"Administrator",
		)

	def test_the_team_member_who_shares_stays_logged_in(self):
		"""The browser walk: the aandachtsfunctionaris who shared a verslag (the app makes the
		parent's account as the site) was logged out, since Frappe's set_user emptied the
		request's session, which Frappe then saved."""
		signed = conversation(open_dossier("A"))
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(remove_records_of_school, SCHOOLS["A"][0])
		member = Portal(AF_A)
		member.request("get", "/app")
		frappe.cache.delete_key("last_db_session_update")  # Frappe saves the session at the end
		status, body = member.call(
			"share_with_parents",
			conversation=signed.name,
			emails=f"ouder.{frappe.generate_hash(length=8)}@meldcode.test",
		)
		self.assertEqual(status, 200, body)
		status, body = member.request("get", "/api/method/frappe.auth.get_logged_user")
		self.assertEqual((status, json.loads(body)["message"]), (200, AF_A))

	def test_a_share_goes_to_the_account_whose_login_is_exactly_the_address(self):
		"""Round 19: the database's comparison ignores control characters, so an address with one
		at its end found another family's account."""
		from meldcode_app.tests.utils import make_user

		exact = make_user("ouder.exact@meldcode.test", "Exact")
		self.assertEqual(parent_shares.portal_user(exact)[0], exact, "the positive control")
		with self.assertRaises(frappe.ValidationError):
			parent_shares.portal_user(exact + "\x01")

	def test_closing_or_destroying_the_dossier_ends_its_shares(self):
		from meldcode_app.destruction import destroy_dossier

		dossier = open_dossier("A")
		first, second = conversation(dossier), conversation(dossier)
		for conv in (first, second):
			self.share(conv.name)()
		parent_shares.end_shares_of_closed_dossier(dossier)
		self.assertEqual(
			set(frappe.get_all("Meldcode Parent Share", {"dossier": dossier.name}, pluck="status")),
			{"Expired"},
		)
		self.assertIn(
			"meldcode_app.access.parent_shares.end_shares_of_closed_dossier",
			frappe.get_hooks("meldcode_dossier_closed"),
		)
		destroy_dossier(dossier.name, "End of Retention Period")
		self.assertFalse(frappe.db.exists("Meldcode Parent Share", {"dossier": dossier.name}))


def pdf_text(pdf: bytes) -> str:
	return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


class TestRoundTwenty(MeldcodeTestCase):
	"""Round 20: a System Manager renamed a parent's account to their own address (the share went
	with it) or set its password; a teacher named the aandachtsfunctionaris's signal in their own
	verslag, printed it and shared it with a private address."""

	def setUp(self):
		super().setUp()
		outgoing_email_account(self)

	def test_a_parents_account_is_not_taken_over_and_a_renamed_one_loses_its_shares(self):
		"""A password set by someone else ends the account's shares, a renamed account loses them,
		a merge is the bench's Administrator's; alike for every portal account, with a share or
		without (round 47: a refusal for those with a share told a System Manager who had one). An
		account a System Manager made before the team shared loses its password when it does."""
		from frappe.utils.password import check_password

		from meldcode_app.tests.utils import make_user

		system_manager = make_user("sm.twintig@meldcode.test", "Systeem", "System Manager")
		prepared = f"ouder.{frappe.generate_hash(length=8)}@meldcode.test"
		frappe.get_doc(
			{
				"doctype": "User",
				"email": prepared,
				"first_name": "Ouder",
				"user_type": "Website User",
				"send_welcome_email": 0,
				"new_password": "Van-De-Beheerder-2026!x",
			}
		).insert(ignore_permissions=True)
		sessions = frappe.qb.DocType("Sessions")
		for number in range(105):  # Frappe ends a hundred at most (round 49)
			frappe.qb.into(sessions).columns("user", "sid", "sessiondata").insert(
				prepared, f"proef-{number}-{frappe.generate_hash(length=8)}", "{}"
			).run()
		client = frappe.get_doc(
			{
				"doctype": "OAuth Client",
				"app_name": "Proefkoppeling",
				"default_redirect_uri": "http://x.test/cb",
			}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "OAuth Client", {"name": client.name})
		oauth = {"client": client.name, "user": prepared, "scopes": "all"}
		kept = {
			"OAuth Bearer Token": {**oauth, "access_token": frappe.generate_hash(), "expires_in": 3600},
			"OAuth Authorization Code": {**oauth, "authorization_code": frappe.generate_hash()},
		}
		for doctype, values in kept.items():
			frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)
		signed = conversation(open_dossier("A"))
		(name,) = as_user(AF_A)(share_with_parents, signed.name, prepared)
		self.assertFalse(frappe.qb.from_(sessions).select("sid").where(sessions.user == prepared).run())
		for doctype in kept:
			self.assertFalse(frappe.db.exists(doctype, {"user": prepared}), doctype)
		self.assertRaises(frappe.AuthenticationError, check_password, prepared, "Van-De-Beheerder-2026!x")
		reset = frappe.get_last_doc("Email Queue", filters={"message": ("like", "%update-password?key=%")})
		self.assertIn(
			prepared, frappe.get_all("Email Queue Recipient", {"parent": reset.name}, pluck="recipient")
		)
		with self.set_user(prepared):
			self.assertEqual(parent_shares.open_share(signed.name).name, name, "the positive control")
		# As the parent's own reset leaves an account (round 70): the positive control is Frappe's.
		own = make_user(f"zelf.{frappe.generate_hash(length=8)}@meldcode.test", "Zelf")
		as_user("Guest")(reset_password, own)
		for account in (own, prepared):
			stamp = frappe.db.get_value(
				"User", account, ["modified_by", "modified", "last_reset_password_key_generated_on"]
			)
			self.assertEqual(stamp[0], "Guest", account)
			self.assertGreaterEqual(stamp[1], stamp[2], account)

		unshared = f"ouder.{frappe.generate_hash(length=8)}@meldcode.test"
		frappe.get_doc(
			{"doctype": "User", "email": unshared, "first_name": "Ouder", "user_type": "Website User"}
		).insert(ignore_permissions=True)
		with self.set_user(system_manager):
			for account in (prepared, unshared):
				user = frappe.get_doc("User", account)
				user.new_password = "Overgenomen-2026!x"
				user.save()  # answered alike
				self.assertRaises(
					frappe.PermissionError, frappe.rename_doc, "User", account, system_manager, merge=True
				)
		with self.set_user(prepared):
			self.assertRaises(parent_shares.NotShared, parent_shares.open_share, signed.name)
		self.assertEqual(frappe.db.get_value("Meldcode Parent Share", name, "withdrawn_by"), system_manager)

		# Round 50: renamed away (a reset mailed to the interim address) and back, it took the
		# share over; a rename ends an account's shares, whoever renames it.
		(live,) = as_user(AF_A)(share_with_parents, conversation(open_dossier("A")).name, prepared)
		with self.set_user(system_manager):
			frappe.rename_doc("User", prepared, f"tussen.{prepared}")
			frappe.rename_doc("User", f"tussen.{prepared}", prepared)
		self.assertEqual(frappe.db.get_value("Meldcode Parent Share", live, "status"), "Withdrawn")
		# The form's user type posted as a desk user's (Frappe sets it again from the roles) kept the
		# shares of an account whose password a System Manager set.
		(typed,) = as_user(AF_A)(share_with_parents, conversation(open_dossier("A")).name, prepared)
		with self.set_user(system_manager):
			user = frappe.get_doc("User", prepared)
			user.user_type = "System User"
			user.new_password = "Overgenomen-2026!y"
			user.save()
		self.assertEqual(frappe.db.get_value("User", prepared, "user_type"), "Website User")
		self.assertEqual(frappe.db.get_value("Meldcode Parent Share", typed, "status"), "Withdrawn")
		(again,) = as_user(AF_A)(share_with_parents, conversation(open_dossier("A")).name, unshared)
		frappe.rename_doc("User", unshared, f"inbox.{unshared}")
		with self.set_user(f"inbox.{unshared}"):
			self.assertRaises(
				parent_shares.NotShared,
				parent_shares.open_share,
				frappe.db.get_value("Meldcode Parent Share", again, "conversation"),
			)

	def test_a_verslag_names_only_signals_its_writer_reads_and_only_the_case_team_shares(self):
		dossier = open_dossier("A")
		secret = make_signal(
			"A", user=AF_A, situation="Geheim signaal van de aandachtsfunctionaris.", dossier=dossier.name
		)
		teacher = staff_user("A", "Teacher")

		def own_verslag(**values):
			return frappe.get_doc(
				{
					"doctype": "Meldcode Conversation",
					"school": SCHOOLS["A"][0],
					"dossier": dossier.name,
					"pupil_name": PUPIL,
					"conversation_type": "Child",
					"conversation_date": today(),
					"school_participants": [{"user": teacher, "part": "Leads"}],
					"goal": "Vragen hoe het gaat.",
					"report": "Sam vertelt over thuis.",
					**values,
				}
			)

		named = [{"signal": secret.name}]
		with self.assertRaises(frappe.LinkValidationError):
			as_user(teacher)(own_verslag(signals_discussed=named).insert)
		theirs = as_user(AF_A)(own_verslag(signals_discussed=named).insert)
		self.assertEqual([r.signal for r in theirs.signals_discussed], [secret.name], "the positive control")
		mine = as_user(teacher)(own_verslag().insert)  # the teacher's own verslag
		with self.assertRaises(frappe.PermissionError):
			as_user(teacher)(share_with_parents, mine.name, "prive.twintig@meldcode.test")
