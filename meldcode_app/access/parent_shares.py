"""One verslag shared with the parents through the portal (/meldcode-ouders): the case team shares
a signed conversation with the parents by e-mail address, the parent reads it, signs it "voor
gezien" or "voor akkoord" with their zienswijze, and asks for the inspection copy or a correction.

A parent reads exactly what a share names, while it is open, and nothing else: every portal door
(the pages, signing, requests, the website permission) finds the share through open_shares, which
checks at each read that it is still open (rules.readable), and answers a share that does not
exist, is not theirs or is no longer open alike. Every view and signature is in the Access Log."""

from contextlib import contextmanager
from urllib.parse import urlparse

import frappe
from frappe import _
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import get_url, getdate, now_datetime, today
from frappe.utils.password import delete_all_passwords_for
from frappe.website.doctype.web_page_view import web_page_view
from frappe.www.printview import get_print_format_doc, get_print_style, get_rendered_template

from meldcode_app.access.accounts import an_address, link_guardians
from meldcode_app.access.permissions import CASE_TEAM_FUNCTIONS, PORTAL_LANGUAGE, record_for, scope_of
from meldcode_app.access.school_membership import active_staff, memberships
from meldcode_app.printing import in_dutch, nl_date, pdf_of, store_signed_pdf
from meldcode_app.rules import parent_shares as rules
from meldcode_app.rules import route
from meldcode_app.safe_api import safe_method
from meldcode_app.settings import get_settings
from meldcode_app.utils import acting_as, acting_as_system, rules_enforced

SHARE = "Meldcode Parent Share"
CONVERSATION = "Meldcode Conversation"
PORTAL = "/meldcode-ouders"
VERSLAG_PRINT_FORMAT = "Gespreksverslag"
PARENT_PART = "templates/meldcode/parent_part.html"
# Set on a conversation by the app's code that records a parent's zienswijze (sign below, an
# answered correction request): only then may a new addendum be of the kind "Parents' View".
PARENTS_VIEW_FLAG = "parents_view_by_the_app"


class NotShared(frappe.PermissionError):
	"""The one answer for a verslag that does not exist and one not shared with the user."""


def share(conversation: str, emails) -> list[str]:
	"""Share a signed conversation with the parents with one or two parents; each gets a portal
	user if they have none and an e-mail with a link. Returns the new shares' names."""
	doc = record_for(CONVERSATION, conversation, "write")
	scope = scope_of(frappe.session.user)
	if doc.school not in scope.case_team_schools and doc.dossier not in scope.named_dossiers:
		# a teacher writes their own conversations, but the case team decides what parents read
		frappe.throw(
			_("Only the case team shares a verslag with the parents."),
			frappe.PermissionError,
			title=_("Not shared"),
		)
	with rules_enforced(_("Not shared")):
		addresses = rules.parent_emails(emails)
		rules.check_may_share(**facts_for_sharing(doc))
	for email in addresses:
		if frappe.db.get_value("User", email, "user_type") == "System User":
			frappe.throw(
				_("{0} is the account of someone working with the app, not of a parent.").format(email),
				title=_("Not shared"),
			)
		if open_shares({"conversation": doc.name, "parent_email": email}):
			frappe.throw(_("The verslag is already shared with {0}.").format(email), title=_("Not shared"))
	if not EmailAccount.find_default_outgoing():
		frappe.throw(
			_(
				"The parents get the link by e-mail: the administrator first sets up an outgoing e-mail account."
			),
			title=_("Not shared"),
		)
	days = get_settings().parent_share_days
	snapshot = rendered_verslag(doc)  # what the parents read and sign: the verslag as it is now
	names = []
	for email in addresses:
		user, password_link = portal_user(email)
		record = frappe.get_doc(
			{
				"doctype": SHARE,
				"conversation": doc.name,
				"dossier": doc.dossier,
				"school": doc.school,
				"parent_email": email,
				"parent_user": user,
				"status": rules.ACTIVE,
				"shared_by": frappe.session.user,
				"shared_on": now_datetime(),
				"expires_on": rules.expires_on(getdate(today()), days),
				"verslag_snapshot": snapshot,
			}
		).insert(ignore_permissions=True)
		tell_parent(record, password_link)
		names.append(record.name)
	return names


def facts_for_sharing(doc) -> dict:
	dossier = (
		frappe.db.get_value(
			"Meldcode Dossier",
			doc.dossier,
			["workflow_state", "disclosure", "acute", "no_parents_conversation_reason"],
			as_dict=True,
		)
		if doc.dossier
		else None
	) or frappe._dict()
	contacts = frappe.get_all(
		"Veilig Thuis Contact",
		filters={"dossier": doc.dossier or "", "docstatus": 1},
		fields=["contact_type", "parents_informed"],
	)
	return {
		"kind": doc.conversation_type,
		"signed": doc.docstatus == 1,
		"closed": dossier.workflow_state == route.CLOSED,
		"disclosure": bool(dossier.disclosure),
		"veilig_thuis_consulted": bool(contacts),
		"acute": bool(dossier.acute),
		"melding_submitted": any(c.contact_type == "Melding" for c in contacts),
		"reason_not_to_inform": bool(dossier.no_parents_conversation_reason)
		or any(c.contact_type == "Melding" and c.parents_informed == "No" for c in contacts),
	}


def portal_user(email: str) -> tuple[str, str | None]:
	"""The account whose login is the typed address: the User named by it (names are e-mail
	addresses in lower case; the database compares them case-insensitively), made as a Website
	User when there is none. Never through a record that links an address to some user (with
	Education a Guardian's `user`, which others than the case team edit). Either way the parent
	chooses its password by Frappe's mail to the address: the share goes to whoever reads the
	mail the team confirmed, not to whoever set a password before."""
	if user := frappe.db.get_value("User", email, "name"):
		if user != email:  # the database's comparison ignores accents and control characters
			frappe.throw(
				_("{0} is not exactly the address of an account; check the address.").format(email),
				title=_("Not shared"),
			)
		# A System Manager may make the account, or rename their own to the address, before the
		# team shares; its password and sessions end (round 47). The key is made as the parent's
		# own reset makes it, by Guest: not the site's change (round 49), nor a stamp of the app's
		# that a reset never leaves (rounds 70 and 71).
		with acting_as_system():
			delete_all_passwords_for("User", user)
			end_sessions(user)
		with acting_as("Guest"):
			link = frappe.get_doc("User", user).reset_password(send_email=False)
		return user, link
	# Made as any guardian's portal account is (Education's invitation, access/accounts.py): by the
	# site, with the guardian's name when one has the address, no language of its own and Frappe's
	# welcome mail to choose a password; everyone who may list users read "owner: the
	# aandachtsfunctionaris" (round 46), then "no welcome mail" (round 47), and knew which families
	# a case team had shared a verslag with.
	with acting_as_system():
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": guardian_name(email) or email.split("@")[0],
				"user_type": "Website User",
				"send_welcome_email": 1,
			}
		)
		user.flags.delay_emails = True  # queued like the share's own mail, never sent mid-request
		user.insert(ignore_permissions=True)
		# A default planted on User (before the app refused it) set a password known to its maker
		# (round 193): the parent chooses one by the welcome mail.
		delete_all_passwords_for("User", user.name)
		link_guardians(user.name)
		# Frappe's "Welcome email sent" told the team the address had had no account (round 91)
		welcome = _("Welcome email sent")
		frappe.local.message_log = [m for m in frappe.local.message_log if welcome not in str(m)]
	return user.name, None


def end_sessions(user: str) -> None:
	"""Every session, OAuth token and authorization code (a token to be) of an account, in this
	transaction: Frappe ends a hundred sessions at most, and a System Manager who had logged in 205
	times as the account before the share read and signed the verslag afterwards (round 49)."""
	sessions = frappe.qb.DocType("Sessions")
	# a locking read: also the sessions of logins that committed while this request ran
	for sid in (
		frappe.qb.from_(sessions)
		.select(sessions.sid)
		.where(sessions.user == user)
		.for_update()
		.run(pluck=True)
	):
		frappe.cache.hdel("session", sid)
		frappe.cache.hdel("last_db_session_update", sid)
	frappe.qb.from_(sessions).delete().where(sessions.user == user).run()
	for doctype in ("OAuth Bearer Token", "OAuth Authorization Code"):
		frappe.db.delete(doctype, {"user": user})


def guardian_name(email: str) -> str | None:
	if not frappe.db.exists("DocType", "Guardian"):
		return None  # Education is not installed
	return frappe.db.get_value("Guardian", {"email_address": email}, "guardian_name")


def tell_parent(record, password_link: str | None):
	"""A link only, never the content or the child's name; with the link to choose a new password
	for an account that had one (a new account gets Frappe's welcome mail)."""
	with in_dutch():
		lines = [
			_("The school has shared a verslag with you to read and sign."),
			_("You can read it until {0} at {1}.").format(
				nl_date(record.expires_on), f'<a href="{get_url(PORTAL)}">{get_url(PORTAL)}</a>'
			),
		]
		if password_link:
			lines.append(
				_("First choose a new password: {0}").format(f'<a href="{password_link}">{password_link}</a>')
			)
		else:
			lines.append(_("You will receive a second e-mail with a link to choose a password."))
		# Frappe lets such a link expire (20 minutes unless the site says otherwise).
		lines.append(
			_(
				"Has this link expired? Choose 'Forgot password' on the login page and enter this e-mail address: you will receive a new link."
			)
		)
		frappe.sendmail(
			recipients=[record.parent_email],
			subject=_("A verslag of the school for you"),
			message="".join(f"<p>{line}</p>" for line in lines),
			delayed=True,
		)


def withdraw(name: str) -> None:
	record = frappe.get_doc(SHARE, name) if frappe.db.exists(SHARE, name) else None
	if record is None or not frappe.has_permission(CONVERSATION, "write", record.conversation):
		frappe.throw(
			_("{0} {1} is not among the records you may use.").format(_(SHARE), name),
			frappe.PermissionError,
			title=_("Not found"),
		)
	if record.status not in rules.READABLE:
		frappe.throw(_("This share has already ended."), title=_("Not withdrawn"))
	record.update(
		{"status": rules.WITHDRAWN, "withdrawn_by": frappe.session.user, "withdrawn_on": now_datetime()}
	)
	record.save(ignore_permissions=True)


def end_shares_of(user: str) -> None:
	"""The open shares of an account whose password someone other than the parent set: withdrawn,
	with who caused it, for the case team to share again once the parent chose a password."""
	for name in frappe.get_all(
		SHARE, filters={"parent_user": user, "status": ("in", rules.READABLE)}, pluck="name"
	):
		frappe.db.set_value(
			SHARE,
			name,
			{"status": rules.WITHDRAWN, "withdrawn_by": frappe.session.user, "withdrawn_on": now_datetime()},
		)


def open_shares(filters: dict) -> list[frappe._dict]:
	"""The shares matching ``filters`` that are open now: the one check of every portal door."""
	rows = frappe.get_all(
		SHARE,
		filters={
			**filters,
			"status": ("in", rules.READABLE),
			"expires_on": (">=", today()),
			"verslag_snapshot": ("is", "set"),  # without the verslag as shared there is nothing to read
		},
		fields=[
			"name",
			"conversation",
			"dossier",
			"school",
			"status",
			"expires_on",
			"parent_user",
			"shared_on",
			"signature",
			"signed_on",
		],
		order_by="shared_on desc",
		ignore_permissions=True,
	)
	return [row for row in rows if still_open(row)]


def still_open(row) -> bool:
	"""Whether a share is open with today's facts: what the team recorded since sharing (a reason
	not to inform the parents, the acute path, a disclosure, cancelling the verslag) closes it."""
	conversation = frappe.db.get_value(
		CONVERSATION, row.conversation, ["conversation_type", "docstatus", "dossier"], as_dict=True
	)
	return bool(conversation) and rules.readable(
		row.status, getdate(row.expires_on), getdate(today()), facts_for_sharing(conversation)
	)


def shares_of(user: str) -> list[frappe._dict]:
	"""The open shares of a portal user, with what the overview shows."""
	if user == "Guest":
		return []
	shares = open_shares({"parent_user": user, "parent_email": user})
	for row in shares:
		row.update(
			frappe.db.get_value(
				CONVERSATION, row.conversation, ["conversation_date", "pupil_name"], as_dict=True
			)
		)
		row.school_name = frappe.db.get_value("Meldcode School", row.school, "school_name")
	return shares


def open_share(conversation) -> frappe._dict:
	"""The user's open share of a conversation; the same refusal when there is none, whatever
	the reason (no such conversation, another parent's, withdrawn, expired, a guest)."""
	user = frappe.session.user
	found = (
		# the account and the address the team typed: a renamed account loses its shares
		open_shares({"conversation": conversation, "parent_user": user, "parent_email": user})
		if isinstance(conversation, str) and user != "Guest"
		else []
	)
	if not found:
		frappe.throw(
			_("This verslag was not found, or is not (or no longer) shared with you."),
			NotShared,
			title=_("Not found"),
		)
	return found[0]


def has_website_permission(doc, ptype, user, verbose=False) -> bool:
	"""Hook: a parent reads (and prints) a conversation while a share names them."""
	if ptype not in ("read", "print") or not user or user == "Guest":
		return False
	return bool(open_shares({"conversation": doc.name, "parent_user": user}))


# What a parent's signature through the portal writes on the conversation (sign below).
PORTAL_SIGNATURE_FIELDS = (
	"parents_signature",
	"signed_on",
	"signed_at",
	"parent_signed_by",
	"parent_signed_on",
)


def rendered_verslag(doc) -> str:
	"""The verslag as the school's print format has it, in Dutch: the snapshot a share keeps. One
	parent reads it, so it holds nothing a parent gave through the portal (see without_parents_part);
	each parent's own part is shown beside it, per share (parent_part)."""
	doc = without_parents_part(doc)
	print_format = get_print_format_doc(VERSLAG_PRINT_FORMAT, meta=doc.meta)
	with in_dutch():
		# Frappe's print view, past its desk permission check: the caller checked the reader.
		return get_rendered_template(doc=doc, print_format=print_format, meta=doc.meta, no_letterhead=1)


def without_parents_part(doc):
	"""A copy of the conversation (never saved) without its parents' views and, when a parent
	signed it through the portal, without that signature (the kind, date, place and the line
	with their name and e-mail address): the other parent's share must not show them."""
	shown = frappe.get_doc(doc.as_dict())
	shown.addenda = [row for row in shown.addenda if row.kind != rules.PARENTS_VIEW]
	if shown.get("parent_signed_by"):  # the portal signs only an unsigned verslag: all of it is theirs
		shown.update(dict.fromkeys(PORTAL_SIGNATURE_FIELDS))
	return shown


def verslag_style() -> str:
	return get_print_style(
		print_format=get_print_format_doc(VERSLAG_PRINT_FORMAT, meta=frappe.get_meta(CONVERSATION))
	)


def verslag_for_portal(conversation: str) -> dict:
	"""The verslag as it was when shared (the share's snapshot), with the parent's own zienswijze,
	for the parent a share names; logged. Nothing of the verslag is read live: what the team
	changes or adds after sharing is not shown."""
	share_row = open_share(conversation)
	doc = frappe.db.get_value(
		CONVERSATION,
		share_row.conversation,
		["name", "dossier", "parents_signature", "signed_on", "parent_signed_by"],
		as_dict=True,
	)
	make_access_log(doctype=CONVERSATION, document=doc.name, method="Parents' Portal", page=PORTAL)
	dossier = (
		frappe.db.get_value("Meldcode Dossier", doc.dossier, "pupil_date_of_birth") if doc.dossier else None
	)
	return {
		"share": share_row,
		"conversation": frappe._dict(name=doc.name, dossier=doc.dossier),
		"html": snapshot_of(share_row.name) + parent_part(own_views(share_row)),
		"style": verslag_style(),
		"may_sign": share_row.status == rules.ACTIVE and doc.parents_signature not in rules.SIGNATURES,
		"signed": signed_as_shown(share_row, doc),
		"has_dossier": bool(doc.dossier),
		"child_decides": child_decides(dossier),
		"child_age": get_settings().pupil_request_age,
	}


def signed_as_shown(share_row, doc) -> dict | None:
	"""The signature a parent's page names: their own through this share, or one the team recorded
	on the verslag (on paper, also in the snapshot); None when another parent signed it through
	the portal, of which the page says only that the parents' signature has been given."""
	if share_row.signature:
		return {"signature": share_row.signature, "on": getdate(share_row.signed_on)}
	if doc.parents_signature in rules.SIGNATURES and not doc.parent_signed_by:
		return {"signature": doc.parents_signature, "on": doc.signed_on}
	return None


def snapshot_of(share_name: str) -> str:
	return frappe.db.get_value(SHARE, share_name, "verslag_snapshot") or ""


def own_views(share_row) -> list:
	"""The parent's own zienswijze (a snapshot holds no parents' view, see without_parents_part)."""
	rows = frappe.get_all(
		"Meldcode Addendum",
		filters={"parenttype": CONVERSATION, "parent": share_row.conversation, "parentfield": "addenda"},
		fields=["kind", "text", "added_by", "added_on"],
		order_by="idx asc",
		ignore_permissions=True,
	)
	return [row for row in rows if rules.own_view(row.kind, row.added_by, share_row.parent_user)]


def parent_part(views: list, signature: dict | None = None) -> str:
	"""What the parent adds to the verslag as shared: their zienswijze and, in the signed PDF,
	their signature through the portal."""
	if not (views or signature):
		return ""
	with in_dutch():
		return frappe.render_template(PARENT_PART, {"views": views, "signature": signature})


def child_decides(birth_date) -> bool:
	return rules.child_decides(
		getdate(birth_date) if birth_date else None, getdate(today()), get_settings().pupil_request_age
	)


@contextmanager
def with_the_apps_rights():
	"""Once the parent's share was checked, the app's own code makes what the desk's doors would
	refuse a Website User (the signed PDF and its File, a request for the team with its term) as
	the bench's Administrator; the parent's session is given back after it, and the records name
	the parent."""
	session = frappe.local.session
	parent = session.user
	session.user = "Administrator"
	try:
		yield parent
	finally:
		session.user = parent


# What the parent's signing writes past validation, so no Version of Frappe's shows it.
SIGNING_FIELDS = (
	"parents_signature",
	"signed_on",
	"signed_at",
	"parent_signed_by",
	"parent_signed_on",
	"signed_pdf",
	"signed_pdf_sha256",
)


def note_the_signing(conversation: str, before: dict) -> None:
	"""The parent's signing in the verslag's history, in their name: the school's signed PDF and
	its SHA-256, which the parent's PDF replaces as the verslag's, were kept only in the first
	Version (round 220)."""
	after = frappe.db.get_value(CONVERSATION, conversation, SIGNING_FIELDS, as_dict=True)
	changed = [
		[f, before[f], after[f]] for f in SIGNING_FIELDS if str(before[f] or "") != str(after[f] or "")
	]
	frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": CONVERSATION,
			"docname": conversation,
			"data": frappe.as_json({"changed": changed, "added": [], "removed": [], "row_changed": []}),
		}
	).insert(ignore_permissions=True)


def sign(conversation: str, signature: str, view: str = "") -> str:
	"""The parent signs the shared verslag once; returns the conversation's name."""
	frappe.local.lang = PORTAL_LANGUAGE
	share_row = open_share(conversation)
	# Row locks, the conversation first and then the share (one order, no deadlock): a second
	# signer waits here until the first has committed, and the locking reads below see that
	# signature (a plain read would see the transaction's older snapshot).
	already_signed = frappe.db.get_value(
		CONVERSATION, share_row.conversation, "parents_signature", for_update=True
	)
	locked = frappe.db.get_value(
		SHARE, share_row.name, ["status", "expires_on"], as_dict=True, for_update=True
	)
	with rules_enforced(_("Not signed")):
		rules.check_may_sign(
			locked.status, getdate(locked.expires_on), getdate(today()), signature, already_signed
		)
	doc = frappe.get_doc(CONVERSATION, share_row.conversation)
	moment = now_datetime()
	with in_dutch():
		place = _("Parents' portal")
	# The parent's own changes, with their name on the versions; the signing code writes the
	# fields no client may write (keep_signature) past validation.
	parent = frappe.session.user
	before = frappe.db.get_value(CONVERSATION, doc.name, SIGNING_FIELDS, as_dict=True)
	frappe.db.set_value(
		SHARE,
		share_row.name,
		{
			"status": rules.SIGNED,
			"signature": signature,
			"signed_on": moment,
			"signed_from_ip": an_address(frappe.local.request_ip),
		},
	)
	doc.db_set(
		{
			"parents_signature": signature,
			"signed_on": moment.date(),
			"signed_at": place,
			# the account's address: its name is the parent's to edit (round 195 signed as the AF)
			"parent_signed_by": parent,
			"parent_signed_on": moment,
		}
	)
	doc = frappe.get_doc(CONVERSATION, doc.name)
	if (view or "").strip():
		doc.append("addenda", {"kind": rules.PARENTS_VIEW, "text": view.strip()})
		doc.flags.ignore_permissions = True
		doc.flags[PARENTS_VIEW_FLAG] = True
		doc.save()
	# What the parent saw and signed: the verslag as shared, with their signature and zienswijze.
	signed = parent_part(
		own_views(share_row),
		{"signature": signature, "by": doc.parent_signed_by, "on": doc.parent_signed_on},
	)
	with with_the_apps_rights():
		# beside the PDF signed by the school, which stays attached
		store_signed_pdf(doc, pdf_of(snapshot_of(share_row.name) + signed, verslag_style()))
	note_the_signing(doc.name, before)
	make_access_log(doctype=CONVERSATION, document=doc.name, method="Parents' Signature", page=PORTAL)
	return doc.name


REQUESTS = ("Inspection", "Correction")
# Where a share keeps its parent's latest request of each kind, and when that one is still open.
REQUEST_FIELDS = {"Correction": "correction_request", "Inspection": "inspection_todo"}
OPEN_REQUEST = {
	"Correction": ("Meldcode Correction Request", "docstatus", 0),  # not yet answered
	"Inspection": ("ToDo", "status", "Open"),
}


def request(conversation: str, kind: str, text: str = "", ground: str = "") -> str:
	"""The parent asks for the inspection copy of the dossier or for a correction of the verslag;
	either arrives as a record for the case team, who answer it (never the portal itself)."""
	frappe.local.lang = PORTAL_LANGUAGE
	share_row = open_share(conversation)
	if kind not in REQUESTS:
		frappe.throw(_("Ask for the inspection copy or for a correction."), title=_("Not sent"))
	if not share_row.dossier:
		frappe.throw(_("Ask the school directly; this verslag belongs to no dossier."), title=_("Not sent"))
	if child_decides(frappe.db.get_value("Meldcode Dossier", share_row.dossier, "pupil_date_of_birth")):
		frappe.throw(
			_("Your child is {0} or older and decides on inspection and correction of the dossier.").format(
				get_settings().pupil_request_age
			),
			title=_("Not sent"),
		)
	if kind == "Correction" and not (text or "").strip():
		frappe.throw(_("Write what should be corrected."), title=_("Not sent"))
	if not who_answers(share_row.dossier):
		frappe.throw(
			_("Nobody at the school can answer this yet; ask the school directly."), title=_("Not sent")
		)
	# The share's row lock: a second request at the same moment waits and then sees the first.
	earlier = frappe.db.get_value(SHARE, share_row.name, REQUEST_FIELDS[kind], for_update=True)
	with rules_enforced(_("Not sent")):
		rules.check_may_request(request_open(kind, earlier))
	with with_the_apps_rights() as parent:
		if kind == "Correction":
			made = correction_request(share_row, text.strip(), ground or "Factually Incorrect")
		else:
			made = inspection_request(share_row, parent)
	frappe.db.set_value(SHARE, share_row.name, REQUEST_FIELDS[kind], made, update_modified=False)
	make_access_log(
		doctype=CONVERSATION, document=share_row.conversation, method=f"Parents' {kind} Request", page=PORTAL
	)
	return made


def request_open(kind: str, name: str | None) -> bool:
	if not name:
		return False
	doctype, field, still_open_value = OPEN_REQUEST[kind]
	return frappe.db.get_value(doctype, name, field, for_update=True) == still_open_value


def correction_request(share_row, text: str, ground: str) -> str:
	"""A Meldcode Correction Request with its term of answer, for the team to decide."""
	return (
		frappe.get_doc(
			{
				"doctype": "Meldcode Correction Request",
				"dossier": share_row.dossier,
				"received_on": today(),
				"requested_changes": [
					{
						"record_type": CONVERSATION,
						"record": share_row.conversation,
						"requested_change": text,
						"ground": ground,
					}
				],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def who_answers(dossier: str) -> str | None:
	"""Who on the case team answers a parent's request on ``dossier`` (inspection and correction):
	the casemanager while they hold a case-team function at its school, else its aandachts-
	functionaris, intern begeleider or director (rules.who_answers)."""
	school, casemanager = frappe.db.get_value("Meldcode Dossier", dossier, ["school", "casemanager"])
	held = [function for at, function in memberships(casemanager) if at == school] if casemanager else []
	staff = [(function, user) for _school, function, user in active_staff([school], CASE_TEAM_FUNCTIONS)]
	return rules.who_answers(casemanager, held, staff)


def inspection_request(share_row, parent: str) -> str:
	"""A ToDo for whoever on the case team answers: the team makes the inspection copy and hands it over."""
	casemanager = who_answers(share_row.dossier)
	with in_dutch():
		description = _(
			"A parent ({0}) asks through the portal for the inspection copy of this dossier."
		).format(parent)
	return (
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": casemanager,
				"reference_type": "Meldcode Dossier",
				"reference_name": share_row.dossier,
				"description": description,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def end_shares(filters: dict, status: str = rules.EXPIRED) -> None:
	for name in frappe.get_all(SHARE, filters={**filters, "status": ("in", rules.READABLE)}, pluck="name"):
		frappe.db.set_value(SHARE, name, "status", status)


def expire_shares() -> None:
	"""Daily job: shares past their last day end."""
	end_shares({"expires_on": ("<", today())})


def end_shares_of_closed_dossier(dossier) -> None:
	"""Hook (meldcode_dossier_closed): a closed dossier is no longer shared."""
	end_shares({"dossier": dossier.name})


def enter_portal() -> None:
	"""A portal page's first step: a guest is sent to log in (302, not remembered by the browser,
	so the page opens after login); a parent reads it in Dutch."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to={PORTAL}"
		raise frappe.Redirect(302)
	frappe.local.lang = PORTAL_LANGUAGE


@frappe.whitelist(allow_guest=True)
@safe_method
def make_view_log(
	referrer: str | None = None,
	browser: str | None = None,
	version: str | None = None,
	user_tz: str | None = None,
	source: str | None = None,
	campaign: str | None = None,
	medium: str | None = None,
	visitor_id: str | None = None,
):
	"""Frappe's count of a website page's visitors, never of the parents' portal: with view tracking
	on, a System Manager read who had visited it, and when (round 47)."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return None
	path = urlparse(request.headers.get("Referer") or "").path.rstrip("/")
	if path == PORTAL or path.startswith(PORTAL + "/"):
		return None
	return web_page_view.make_view_log(
		referrer, browser, version, user_tz, source, campaign, medium, visitor_id
	)
