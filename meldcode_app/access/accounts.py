"""Accounts are not taken over: a new password or API key (secret) for a user who holds an Active
grant (staff of a school or the board), or for a parent's account, is set by that user themselves
or by the bench's Administrator only; one that someone else sets for a user whose grant awaits its
decision or ended, and a login-as, is recorded in Frappe's Activity Log and told, by a link to the
grant only, to that person and to whoever confirms their grants (the school's director, or the
board). So is a change by someone else of when or from where such an account may log in."""

import ipaddress
import json
import re

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.rate_limiter import rate_limit
from frappe.utils import EMAIL_MATCH_PATTERN, get_datetime, sha256_hash, validate_email_address
from frappe.utils.password import (
	get_decrypted_password,
	get_password_reset_limit,
	remove_encrypted_password,
	set_encrypted_password,
)

from meldcode_app.access.grants import (
	ACTIVE,
	BENCH_ADMINISTRATOR,
	GRANT,
	bench_administrator_acts,
	deciders,
	tell,
)
from meldcode_app.access.permissions import CONTACT_OF_A_PARTY, is_a_parents_contact, manages_users
from meldcode_app.education import installed as education_installed
from meldcode_app.safe_api import safe_method
from meldcode_app.utils import acting_as, acting_as_system

PASSWORD, API_KEY, LOGIN_AS, LOGIN_LIMITS = "password", "API key", "login-as", "login limits"
RESET_FIELDS = ("reset_password_key", "last_reset_password_key_generated_on")
# When and from where an account may log in: set by someone else, they lock its owner out (a
# System Manager's restrict_ip kept the director from deciding grants).
LIMIT_FIELDS = (
	"restrict_ip",
	"login_after",
	"login_before",
	"simultaneous_sessions",
	"bypass_restrict_ip_check_if_2fa_enabled",
)
SUBJECTS = {
	PASSWORD: "Someone else set a new password for an account with access to the meldcode.",
	API_KEY: "Someone else made a new API key for an account with access to the meldcode.",
	LOGIN_AS: "The Administrator logged in as a user with access to the meldcode.",
	LOGIN_LIMITS: "Someone else changed when or from where an account with access to the meldcode may log in.",
}


def note_changes_by_others(user, method=None) -> None:
	"""User before_validate, while the new password is still on the form (Frappe clears it in validate)."""
	secret = user.get("api_secret")
	if secret and set(secret) != {"*"}:  # Frappe shows a stored secret as asterisks
		note_who_set(user.name, "api_secret", frappe.session.user)
	stored = None if user.is_new() else user.get_doc_before_save()
	planted = any(
		user.get(f) and reset_value(user, f) != (reset_value(stored, f) if stored else None)
		for f in RESET_FIELDS
	)
	if planted and not bench_administrator_acts():
		# A reset key planted is a password of its planter's choosing, set quietly, also on a new
		# account (round 216). Frappe writes its own keys past the form, and clears one itself
		# when the user resets by the e-mail's link.
		frappe.throw(
			_("Only the user themselves (by the e-mail Frappe sends) resets a password."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if user.is_new() or frappe.session.user == user.name:
		return
	changes = []
	if user.get("new_password"):
		changes.append(PASSWORD)
	if secret and set(secret) != {"*"}:
		changes.append(API_KEY)
	if changes and not bench_administrator_acts():
		# A parent's account holds their child's verslagen, for whoever chose its password by
		# Frappe's mail: one set by someone else ends its open shares. A refusal for accounts with a
		# share told a System Manager which families had one (round 47). Any account's, not by the
		# user type the form posts: Frappe sets that again from the roles later (round 51).
		from meldcode_app.access.parent_shares import end_shares_of

		end_shares_of(user.name)
	if changes and not bench_administrator_acts() and has_access(user.name, now=True):
		# A System Manager's API key for the aandachtsfunctionaris read their cases (round 22); a
		# new password for whom the board named on its case read that case (round 66).
		refuse_to_set_anothers_key()
	if stored and any(str(user.get(f) or "") != str(stored.get(f) or "") for f in LIMIT_FIELDS):
		changes.append(LOGIN_LIMITS)  # recorded and told, not refused: a System Manager's task
	user.flags.changed_by_others = changes


def reset_value(user, field: str):
	value = user.get(field)
	return get_datetime(value) if value and field.endswith("_on") else value


def refuse_to_set_anothers_key() -> None:
	frappe.throw(
		_(
			"Only the user themselves (by the e-mail Frappe sends) sets the password or API key of an account with access to the meldcode."
		),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


def has_access(user: str, now: bool = False) -> bool:
	"""An Active grant, or named on the board's case as a reader. ``now``: as committed now, waiting
	for a grant being decided, not as this request's first read found it: a System Manager's new
	password for an account, sent while its director confirmed its first grant, was judged by a
	Pending grant and saved after the grant had removed the keys (round 219)."""
	from meldcode_app.access.permissions import NAMED_READERS

	return bool(frappe.db.get_value(GRANT, {"user": user, "status": ACTIVE}, for_update=now)) or any(
		frappe.db.get_value(readers, {"user": user}, for_update=now) for readers in NAMED_READERS.values()
	)


def tell_changes_by_others(user, method=None) -> None:
	for change in user.flags.changed_by_others or ():
		record(user.name, change)


def record(user: str, change: str) -> None:
	# A grant still awaiting its decision too (the account would be taken over once confirmed),
	# and one that ended: the account may still be named on records.
	held = frappe.get_all(GRANT, filters={"user": user}, fields=["*"], order_by="creation desc")
	if not held:
		return
	frappe.get_doc(
		{
			"doctype": "Activity Log",
			"user": user,
			"status": "Success",
			"operation": "Impersonate" if change == LOGIN_AS else "",
			"reference_doctype": "User",
			"reference_name": user,
			"subject": f"Meldcode: {change} of {user} set by {frappe.session.user}",
		}
	).insert(ignore_permissions=True, ignore_links=True)
	told = {user}.union(*(deciders(grant) for grant in held)) - {frappe.session.user}
	tell(told, held[0], SUBJECTS[change])


@frappe.whitelist(methods=["POST"])
@safe_method
def impersonate(user: str, reason: str):
	"""Frappe's login-as (the Administrator only), told to the person and their deciders first."""
	from frappe.core.doctype.user.user import impersonate as frappe_impersonate

	frappe.only_for(BENCH_ADMINISTRATOR)
	if not isinstance(user, str) or not frappe.db.exists("User", user):
		frappe.throw(_("User {0} does not exist.").format(user))
	record(user, LOGIN_AS)
	return frappe_impersonate(user, reason)


# What runs as the Administrator, lets someone log in as anyone or decides where the site's mail
# (password resets and login links included) goes: the bench's Administrator's only.


def refuse_unless_bench_administrator(doc, method=None) -> None:
	"""Before validate of what registry.BENCH_ADMINISTRATOR_SETTINGS names."""
	if not bench_administrator_acts():
		refuse_setting_up(doc.doctype)


# Of an Email Account, what anyone who may edit it changes: how its mails look. Everything else
# says where mail goes and through which server (a copy to oneself, one's own server, an IMAP
# "sent" folder), and would hand a password-reset mail or a login link to whoever set it.
EMAIL_ACCOUNT_LOOKS = ("signature", "add_signature", "footer", "brand_logo", "auto_reply_message")


def refuse_redirecting_mail(account, method=None) -> None:
	"""Email Account before_validate."""
	if bench_administrator_acts():
		return
	stored = account.get_doc_before_save()
	if stored is None or any(
		account.get(df.fieldname) != stored.get(df.fieldname)
		for df in account.meta.fields
		if df.fieldtype not in no_value_fields and df.fieldname not in EMAIL_ACCOUNT_LOOKS
	):
		refuse_setting_up(account.doctype)


def refuse_credentials_for_others(doc, method=None) -> None:
	"""OAuth Bearer Token and Authorization Code before_validate: Frappe's OAuth flow makes them
	for the user who logs in (or, at its token endpoint, for a guest request that brings a code);
	a token that someone else writes for a user would log them in as that user."""
	if frappe.session.user not in ("Guest", doc.get("user")) and not bench_administrator_acts():
		refuse_setting_up(doc.doctype)


# The templates of the mails that log someone in: a System Manager's reset template sent the key
# of the aandachtsfunctionaris's reset to their own server (an image's address), from the site itself.
LOGIN_MAIL_SETTINGS = ("reset_password_template", "welcome_email_template")
# how long a mailed link logs in: a System Manager made reset links last for ever (round 216)
LOGIN_LINK_SETTINGS = ("reset_password_link_expiry_duration", "login_with_email_link_expiry")


def refuse_login_mail_templates(settings, method=None) -> None:
	"""System Settings before_validate: which templates the login mails use, and how long their
	links last, is the bench's Administrator's."""
	if bench_administrator_acts():
		return
	stored = settings.get_doc_before_save()
	if any(
		str(settings.get(f) or "") != str((stored.get(f) if stored else None) or "")
		for f in LOGIN_MAIL_SETTINGS + LOGIN_LINK_SETTINGS
	):
		refuse_setting_up(settings.doctype)


def refuse_changing_login_mail(template, method=None, old=None, new=None, merge=False) -> None:
	"""Email Template before_validate and before_rename: a template the login mails use is the bench's
	Administrator's, and no other takes its name."""
	if bench_administrator_acts():
		return
	used = {frappe.db.get_single_value("System Settings", f) for f in LOGIN_MAIL_SETTINGS} - {None, ""}
	if used & {template.name, old, new}:
		refuse_setting_up(template.doctype)


def refuse_setting_up(doctype: str):
	frappe.throw(
		_("Only the bench's Administrator sets up a {0}.").format(_(doctype)),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


# Frappe mails these links on the host the request names, unless the site's configuration names
# its host_name: a guest asking for a director's reset with another Host header got the key sent
# to their own server when the director clicked the genuine mail.
LINK_MAIL_DOORS = ("frappe.core.doctype.user.user.reset_password", "frappe.www.login.send_login_link")


def refuse_links_to_another_host() -> None:
	request = frappe.local.request
	if frappe.conf.get("host_name") or request.host.split(":")[0].lower() == frappe.local.site.lower():
		return
	frappe.throw(
		_(
			"Password and login links are sent only for the site's own address: the administrator sets host_name in the site's configuration."
		),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


def name_the_sites_own_address_in_links() -> None:
	"""Without host_name in the site's configuration Frappe builds every link (a reset mail's, a
	welcome mail's, a share's) on the host a request names, which anyone writes as they like: the
	reset mail of a first grant, sent in the decider's request with another Host, carried a key to
	the sender's own server (round 197). A link names the site's own address instead."""
	from frappe.utils import data

	if getattr(data.get_host_name_from_request, "meldcode_wrapped", False):
		return
	host_of_the_request = data.get_host_name_from_request

	def host_of_the_site():
		request = getattr(frappe.local, "request", None)
		if request is None or request.host.split(":")[0].lower() != (frappe.local.site or "").lower():
			return None  # Frappe then names the site and its port
		return host_of_the_request()

	host_of_the_site.meldcode_wrapped = True
	data.get_host_name_from_request = host_of_the_site


def an_address(text: str | None) -> str | None:
	"""The address a request came from, when it is one: Frappe takes the first of a request's own
	X-Forwarded-For header, which anyone writes as they like (rounds 53, 77); an IPv6 address's
	zone ("fe80::1%…") takes any text, markup too (round 78)."""
	try:
		address = ipaddress.ip_address((text or "").strip())
	except ValueError:
		return None
	return None if getattr(address, "scope_id", None) else str(address)


def keep_the_address_an_address(*args, **kwargs) -> None:
	"""on_login and before_request: a request's address that is none becomes the connection's own.
	Frappe keeps it as the user's last address with SQL, past every save, and the user's form
	showed it as markup: a Website User's ran in the Administrator's desk (round 77)."""
	if getattr(frappe.local, "request_ip", None) and not an_address(frappe.local.request_ip):
		request = getattr(frappe.local, "request", None)
		frappe.local.request_ip = an_address(getattr(request, "remote_addr", None)) or "127.0.0.1"


def no_login_from_another_site(*args, **kwargs) -> None:
	"""on_login (before Frappe makes the session): Frappe logs in while it reads the request,
	before any hook of the app's, so a page of another site that posted the login form (or linked
	to it) put its visitor in an account it chose, in which she would go on working (round 158).
	A browser says where a request comes from (Sec-Fetch-Site); a program says nothing."""
	request = getattr(frappe.local, "request", None)
	if request is not None and request.headers.get("Sec-Fetch-Site") == "cross-site":
		frappe.throw(
			_("Log in on the site's own login page."), frappe.AuthenticationError, title=_("Not allowed")
		)


def a_password_still_there(login_manager=None, *args, **kwargs) -> None:
	"""on_login: the password Frappe has just checked is read again, waiting for whoever changes it
	now: a login that started while a director confirmed an account's first grant read the password
	the confirmation was removing, and its session outlived the grant (round 209)."""
	user = getattr(login_manager, "user", None)
	if not user:
		return
	query = "select 1 from `__Auth` where doctype='User' and name=%s and fieldname='password'"
	# what Frappe checked (this transaction's view), and what holds now (a locking read); a login
	# without a password (LDAP, a social login) has neither
	if frappe.db.sql(query, user) and not frappe.db.sql(f"{query} for update", user):
		frappe.throw(_("Invalid login credentials"), frappe.AuthenticationError)


def sessions_the_database_keeps() -> None:
	"""auth_hooks: a session whose record the database no longer has is over. Frappe reads a session
	from its cache, and a request in flight while an account's sessions ended wrote it back there as
	it ended; the account's session went on past its first grant (round 209). Whatever headers come
	with it (a one-word Authorization header logs in no one, round 210), and by its sid exactly: the
	database finds a sid in capitals as its own, and Frappe's cache then keeps a copy of the session
	under that name, which no logout ends."""
	sid = getattr(frappe.local.session, "sid", None)
	if frappe.session.user == "Guest" or not sid or sid == frappe.session.user:
		return  # a guest, or a user Frappe set by a key or token (frappe.set_user names the sid so)
	if sid not in frappe.db.sql("select sid from `tabSessions` where sid=%s", sid, pluck=True):
		frappe.cache.hdel("session", sid)
		frappe.set_user("Guest")


def keys_of_users_only() -> None:
	"""before_request: an API key logs in as the User that holds it, nobody else. Frappe also reads
	a key from any DocType the request's Frappe-Authorization-Source header names, and logs in as
	the user its record names: a System Manager made a DocType with a key that named the
	Administrator and acted as them."""
	source = frappe.get_request_header("Frappe-Authorization-Source")
	if source and source != "User":
		frappe.throw(
			_("An API key logs in only as the user who holds it."),
			frappe.AuthenticationError,
			title=_("Not allowed"),
		)


@frappe.whitelist()
@safe_method
def invite_guardian(guardian: str):
	"""Education's invitation of a guardian to the portal, made by the site as the app makes a
	parent's account for a shared verslag (access/parent_shares.portal_user): the owner of an
	invited account named the staff member, so the app's accounts stood out as the families a case
	team had shared with (round 47). Only who may change the guardian invites (Education asks no
	one)."""
	if not education_installed():
		frappe.throw(_("Education is not installed on this site."), title=_("Not done"))
	from education.education.doctype.guardian import guardian as education

	frappe.get_doc("Guardian", guardian).check_permission("write")
	with acting_as_system():
		user = education.invite_guardian(guardian)
		link_guardians(user)
	# Education's "already exists" told which addresses had an account: a parent's, a share's (round 89)
	frappe.clear_messages()
	frappe.msgprint(_("{0} is invited to the portal.").format(user), title=_("Invited"))
	return user


def link_guardians(user: str) -> None:
	"""The guardians with the account's address point at it, whoever made the account: Education's
	invitation leaves that to the guardian's form, and a guardian linked before its account was
	made, unsaved since, was a family the team had shared a verslag with (rounds 48 and 88)."""
	if frappe.db.exists("DocType", "Guardian"):
		for guardian in frappe.get_all(
			"Guardian", {"email_address": user, "user": ("is", "not set")}, pluck="name"
		):
			frappe.db.set_value("Guardian", guardian, "user", user, update_modified=False)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=get_password_reset_limit, seconds=60 * 60)
@safe_method
def reset_password(user: str):
	"""Frappe's "forgot password", answered alike whether the address has an account or not: its
	"not found" and "disabled" told a guest which families had one, so which a verslag was shared
	with (round 88), and so did its mail, sent while the request waited, ten times slower for an
	account (round 90). A background job mails an account only, as Frappe does."""
	frappe.enqueue(f"{__name__}.mail_reset_link", user=user, enqueue_after_commit=True)
	frappe.msgprint(
		msg=_("Password reset instructions have been sent to your email"), title=_("Password Email Sent")
	)


def mail_reset_link(user: str):
	from frappe.core.doctype.user import user as users

	if of_one_address(frappe.db.get_value("User", user, "name")):
		users.reset_password(user)


@frappe.whitelist(allow_guest=True)
@rate_limit(limit=5, seconds=60 * 60)
@safe_method
def send_login_link(email: str):
	"""Frappe's login link by mail, answered alike whether the address has an account or not: its
	"does not exist", and the time its mail took, told a guest which families had one (rounds 89,
	90). A background job mails an account only, as Frappe does."""
	frappe.enqueue(f"{__name__}.mail_login_link", email=email, enqueue_after_commit=True)


def mail_login_link(email: str):
	"""To the account's own address: Frappe finds the account as the database compares names
	(without accents), then mails the link to the address as asked, and the link logs in as that
	spelling; "director.b@meldcode.tést" found the director (round 210)."""
	from frappe.www import login

	account = frappe.db.get_value("User", {"name": email, "enabled": 1}, "name") if email else None
	if account and account.lower() == email.strip().lower() and of_one_address(account):
		login.send_login_link(account)


def one_address_per_account(user, method=None, old=None, new=None, merge=False) -> None:
	"""User before_validate and before_rename: an account is named by one e-mail address. Frappe
	takes a list ("a@school.nl,b@elders.nl") as an address and mails the account's reset and login
	links to every address in it: a System Manager put his own beside a new staff member's, and
	set her password by the reset mail her first grant sent (round 213)."""
	name = new if method == "before_rename" else user.name
	if name in frappe.STANDARD_USERS or user.get("is_admin") or user.get("is_guest"):
		return
	# and a new name is the address only, in plain letters: Frappe's check reads an address at the
	# start of the text, and "director.b@meldcode.test" with a soft hyphen after it was a second
	# account that looked like hers in every list (round 215)
	plain = (
		method != "before_rename"
		and not user.is_new()
		or (name.isascii() and "%" not in name and EMAIL_MATCH_PATTERN.fullmatch(name))
	)
	if not of_one_address(name) or not plain:
		frappe.throw(
			_("An account is named by one e-mail address: {0} is not one.").format(frappe.bold(name)),
			frappe.InvalidEmailAddressError,
			title=_("Not allowed"),
		)


def of_one_address(name) -> bool:
	return isinstance(name, str) and not re.search(r"[\s,;]", name) and validate_email_address(name) == name


def keep_the_username(user, method=None) -> None:
	"""User before_validate: a username is set by those who manage users. Frappe answers a taken
	one with "Username … already exists", and a share's account takes the address's first part:
	a teacher learned, on her own profile, whether a family had an account (round 91)."""
	if user.is_new() or manages_users():
		return
	stored = user.get_doc_before_save()
	if stored is not None and (user.username or None) != (stored.username or None):
		frappe.throw(
			_("A username is set by the administrator."), frappe.PermissionError, title=_("Not allowed")
		)


def is_a_parents_account(user: str) -> bool:
	"""A website user whose contact links to no customer or supplier."""
	return bool(
		frappe.db.sql(
			f"select 1 from `tabUser` where `tabUser`.`name` = %s and `user_type` = 'Website User'"
			f" and not exists ({CONTACT_OF_A_PARTY})",
			user,
		)
	)


def name_a_parents_contact(contact, method=None) -> None:
	"""Contact autoname: the contact Frappe makes with a parent's account is named by a key, not by
	the address's first part or the guardian's name: a name taken ("ouder.sam-1") told anyone who
	added a contact whether the family had an account (round 91)."""
	if is_a_parents_contact(contact.user, contact.links):
		contact.name = frappe.generate_hash(length=12)


def keep_parents_accounts_off_parties(contact, method=None) -> None:
	"""Contact validate: Frappe fills a contact's user from its e-mail address. A Sales User's
	customer contact with a parent's address took the parent's account, which told that the family
	had one and listed it to every user as a customer's login (round 92): only those who manage
	users link a parent's account to a customer or supplier, or to a contact of no one's (round 103).
	The account's own contact, which Frappe makes with the account, keeps it."""
	if not contact.user or manages_users() or (not contact.links and contact.flags.ignore_permissions):
		return
	stored = contact.get_doc_before_save()
	if (stored is None or stored.user != contact.user) and is_a_parents_account(contact.user):
		contact.user = None


def no_pupils_account_by_address(student, method=None) -> None:
	"""Student before_validate (Education): Education makes the pupil's account from its e-mail
	address unless one exists, which only those who may make accounts can; an Academics User's
	pupil saved with a parent's address and failed with a made-up one (round 92). Without that
	right, an address without an account its writer may list is refused alike, also for a pupil
	posted with an account of its own, which Education does not look at (round 103)."""
	email = student.get("student_email_id")
	if not email or manages_users() or frappe.has_permission("User", "create"):
		return
	stored = student.get_doc_before_save()
	if stored is not None and stored.get("student_email_id") == email:
		return
	if frappe.db.get_single_value("Education Settings", "user_creation_skip"):
		return
	from meldcode_app.access.scoped_methods import listed

	if email not in listed("User", [email]):
		frappe.throw(
			_("A pupil's e-mail address makes an account, which the administrator does: leave it empty."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


LOGIN_DOORS = ("/api/method/login", "/api/v2/method/login")


def answer_a_locked_login_as_a_failed_one(response=None, request=None) -> None:
	"""Hook (after_request): Frappe locks an account after failed logins, and only an account that
	exists: "Your account has been locked" told a guest that the address had one, a parent's too
	(round 93). A locked login is answered as any failed login; the lock itself stays."""
	if response is None or request is None or not response.is_json:
		return
	if request.path not in LOGIN_DOORS and frappe.form_dict.get("cmd") != "login":
		return
	answer = response.get_json(silent=True)
	if isinstance(answer, dict) and answer.get("exc_type") == "SecurityException":
		response.status_code = 401
		response.set_data(
			json.dumps(
				{
					"message": _("Invalid login credentials"),
					"exception": "frappe.exceptions.AuthenticationError",
					"exc_type": "AuthenticationError",
				}
			)
		)


def own_personal_data_only(request, method=None) -> None:
	"""Hook (Personal Data Download Request before_insert): a user's personal data go to that
	user only. Frappe's takes any user and gives whoever asked every comment, version and log of
	that user, a case's comments included (a System Manager asked for an aandachtsfunctionaris',
	round 166)."""
	if frappe.session.user != "Administrator" and request.user != frappe.session.user:
		frappe.throw(
			_("You may ask for your own personal data only."), frappe.PermissionError, title=_("Not allowed")
		)


def keep_passwords_to_their_users() -> None:
	"""Frappe writes a password with ``update_password``, past the User's hooks: Frappe 15.74's
	setup wizard, which a System Manager reopened by switching "setup complete" off, set a
	case-team member's password (and named every user alike), and the case was read with it (round
	181). A password another user sets ends a parent's shares and is refused for an account with
	access to the meldcode, as on the User's form (for the whole process, from the package's
	import)."""
	from frappe.core.doctype.user import user as user_module
	from frappe.desk.page.setup_wizard import setup_wizard
	from frappe.utils import password

	if getattr(password.update_password, "meldcode_wrapped", False):
		return
	update_password = password.update_password

	def update_a_password_its_user_sets(user, pwd, doctype="User", fieldname="password", *args, **kwargs):
		setter = frappe.session.user
		by_key = setter == "Guest" and reset_by_its_mailed_key(user)
		if doctype == "User" and setter not in (user, "Administrator") and not by_key:
			from meldcode_app.access.parent_shares import end_shares_of

			end_shares_of(user)
			if has_access(user, now=True):
				refuse_to_set_anothers_key()
		if doctype == "User" and fieldname == "password":
			note_who_set(user, "password", setter)
		return update_password(user, pwd, doctype, fieldname, *args, **kwargs)

	update_a_password_its_user_sets.meldcode_wrapped = True
	password.update_password = update_a_password_its_user_sets
	setup_wizard.update_password = update_a_password_its_user_sets
	user_module._update_password = update_a_password_its_user_sets


# A user's keys, and where Frappe's store of passwords (which no DocType shows or edits) keeps who
# set one, unless its user chose it by the key Frappe mails them (a reset) or the bench's
# Administrator set it. A change in the user's own session proves nothing: whoever set a password
# logs in with it (round 197), and one set so keeps the mark.
KEYS = ("password", "api_secret")


def set_by(key: str) -> str:
	return f"meldcode_{key}_set_by"


# The reset key Frappe hands to whoever logs in with an expired password, in the login's answer,
# or to another user's code (ERPNext's request for quotation), and to whom.
KEY_HANDED_OUT = "meldcode_reset_key_handed_out"
KEY_HANDED_TO = "meldcode_reset_key_handed_to"


def note_who_set(user: str, key: str, setter: str) -> None:
	if setter == "Guest" and (handed_to := handed_out_key_used(user)):
		# whoever knew the password reset it (round 202): the mark stays; a key another user's
		# code was handed sets it as theirs (round 224)
		if handed_to not in ("Guest", user):
			set_encrypted_password("User", user, handed_to, set_by(key))
		return
	if (setter == "Guest" and reset_by_its_mailed_key(user)) or bench_administrator_acts():
		remove_encrypted_password("User", user, set_by(key))
	elif setter != user:
		set_encrypted_password("User", user, setter, set_by(key))


def keys_renamed_by_another(user, method=None, old=None, new=None, merge=False) -> None:
	"""User after_rename: Frappe moves an account's password and API secret to its new name, so they
	are keys someone else set, whoever renames it (its own user too: a System Manager's own account
	renamed to a new staff member's address is his) but the bench's Administrator: a System Manager
	renamed an account whose password he knew to her address, and it outlived her first grant (round
	215)."""
	if bench_administrator_acts():
		return
	# and a reset key Frappe mailed to the old address is its mail reader's (round 216)
	frappe.db.set_value("User", new, dict.fromkeys(RESET_FIELDS), update_modified=False)
	held = "select 1 from `__Auth` where doctype='User' and name=%s and fieldname=%s"
	for key in KEYS:
		for name in (old, new):  # Frappe moves them (and the marks) to the new name after this hook
			if frappe.db.sql(held, (name, key)):
				set_encrypted_password("User", name, frappe.session.user, set_by(key))


def reset_by_its_mailed_key(user: str) -> bool:
	"""Whether a guest's request holds the account's reset key (Frappe's update_password): only so is
	a guest the account's user. A System Manager's public Web Form on User made a staff member's
	account, with a password and API secret of his, as a guest (round 219)."""
	key = frappe.form_dict.get("key")
	stored = frappe.db.get_value("User", user, "reset_password_key")
	return isinstance(key, str) and bool(key and stored) and sha256_hash(key) == stored


def handed_out_key_used(user: str) -> str | None:
	"""To whom the reset key now used was handed (Guest: the login that answered an expired
	password), or None when it was mailed by Frappe's own reset."""
	handed_out = get_decrypted_password("User", user, KEY_HANDED_OUT, raise_exception=False)
	handed_to = get_decrypted_password("User", user, KEY_HANDED_TO, raise_exception=False)
	remove_encrypted_password("User", user, KEY_HANDED_OUT)
	remove_encrypted_password("User", user, KEY_HANDED_TO)
	if handed_out and handed_out == frappe.db.get_value("User", user, "reset_password_key"):
		return handed_to or "Guest"
	return None


def note_reset_keys_handed_out() -> None:
	"""Frappe answers a login with an expired password by a reset key, to whoever sent the password:
	a reset by that key is no reset by the key Frappe mails. A System Manager forced an account he
	had made to reset, and the reset cleared the mark of his password (round 202)."""
	from frappe.core.doctype.user.user import User

	if getattr(User.reset_password, "meldcode_wrapped", False):
		return
	reset_password = User.reset_password

	def reset_password_noting_a_handed_out_key(self, send_email=False, password_expired=False):
		link = reset_password(self, send_email=send_email, password_expired=password_expired)
		caller = frappe.session.user
		# a key handed to the code of someone else than the account's user, and not mailed by
		# Frappe: ERPNext's request for quotation put a new supplier account's key into a mail its
		# sender reads, and a System Manager chose its password before its first grant (round 224)
		handed = caller not in ("Guest", self.name) and not bench_administrator_acts()
		if not send_email and (password_expired or handed):
			set_encrypted_password("User", self.name, self.reset_password_key, KEY_HANDED_OUT)
			set_encrypted_password("User", self.name, caller if handed else "Guest", KEY_HANDED_TO)
		return link

	reset_password_noting_a_handed_out_key.meldcode_wrapped = True
	User.reset_password = reset_password_noting_a_handed_out_key


def start_with_keys_of_their_own(user: str) -> None:
	"""When an account first gets access to the meldcode (a confirmed grant), its sessions end, and
	when someone else set its password or API key before, all its keys end: the user chooses a
	password by Frappe's reset mail. A System Manager had made an account with a password and a key
	of his choosing, had a school's staff list name it, and read the case once its director
	confirmed the grant (round 193); a key he made in the account's own session with his password
	outlived the first mend (round 202)."""
	from meldcode_app.access.parent_shares import end_sessions

	# as committed now, waiting for a key being set (round 219)
	marks = frappe.db.sql(
		"select fieldname from `__Auth` where doctype='User' and name=%s and fieldname in %s for update",
		(user, [set_by(key) for key in KEYS]),
	)
	if any(marks):
		# the keys first: a login with the password waits for them (a_password_still_there)
		for key in KEYS:
			remove_encrypted_password("User", user, key)
			remove_encrypted_password("User", user, set_by(key))
		frappe.db.set_value("User", user, "api_key", None, update_modified=False)
	if any(marks) or frappe.db.get_value("User", user, "reset_password_key", for_update=True):
		# a reset key handed out before is no longer: a new one goes to the account's own address
		# (a System Manager had one mailed to his, then renamed the account to hers, round 216)
		frappe.db.set_value("User", user, dict.fromkeys(RESET_FIELDS), update_modified=False)
		send_a_reset_mail(user)
	end_sessions(user)


def send_a_reset_mail(user: str) -> None:
	"""Frappe's reset mail, queued (Frappe sends its own at once, in the decider's request)."""
	if not of_one_address(user):
		return
	try:
		with acting_as("Guest"):  # the key is made as the user's own reset makes it
			account = frappe.get_doc("User", user)
			link = account.reset_password(send_email=False)
			template = frappe.db.get_system_setting("reset_password_template")
			account.send_login_mail(
				_("Password Reset"), "password_reset", {"link": link}, now=False, custom_template=template
			)
	except frappe.OutgoingEmailError:  # the grant holds; the password waits for the site's mail
		frappe.clear_last_message()
		frappe.msgprint(
			_("{0} chooses a new password by Frappe's reset mail once the site sends mail.").format(user),
			alert=True,
		)


def keep_setup_complete(settings, method=None) -> None:
	"""System Settings and Installed Applications before_validate: whether the site's setup is
	complete is the bench's Administrator's (a System Manager switched it off and ran the setup
	wizard again, round 181)."""
	if bench_administrator_acts():
		return
	stored = settings.get_doc_before_save()
	before = setup_flags(stored) if stored else None
	if before is not None and setup_flags(settings) != before:
		refuse_setting_up(settings.doctype)


def setup_flags(settings) -> tuple:
	if settings.doctype == "System Settings":
		return (settings.get("setup_complete"),)
	return tuple(
		sorted((row.app_name, row.get("is_setup_complete")) for row in settings.get("installed_applications"))
	)


def keep_redaction_to_the_users_rows() -> None:
	"""Frappe's "strict" redaction of a deleted user's name replaces it in every row of Comment,
	Version, Access Log and Activity Log, whoever's: a System Manager's user named "commentaar"
	rewrote a dossier's comment (round 166). It redacts the user's own rows there, as elsewhere."""
	from frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request import (
		PersonalDataDeletionRequest,
	)

	name = "_PersonalDataDeletionRequest__redact_partial_match_data"
	redact = getattr(PersonalDataDeletionRequest, name)
	if getattr(redact, "meldcode_kept", False):
		return

	def redact_own_rows(self, doctype):
		return redact(self, {**doctype, "strict": False})

	redact_own_rows.meldcode_kept = True
	setattr(PersonalDataDeletionRequest, name, redact_own_rows)
