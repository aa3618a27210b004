"""Four eyes on every grant of access: a function at a school, or a role with no school, starts
only when someone other than who asked for it, and other than who it names, confirmed it.

A grant is a Meldcode Access Grant: asked for when a school's staff list gains a person in a
function (or a user gains the Meldcode Board or Meldcode Administrator role), decided with
``decide``, revoked at once when the staff row goes, the user is disabled or the school is disabled. Grants are changed here
only, never deleted, and a decided grant never changes again. The bench's Administrator
(install, demo data, tests, the command line) activates what it asks for at once, recorded like
any other grant.

The roles that come with no school (the board's and the Meldcode Administrator's) are held only
while their grant is Active: a user form that gains one keeps it only when the Administrator saves
it; otherwise the role is taken off again and a grant is asked for, which a board member confirms,
and confirming it gives the role back. The app's own checks (``holds_granted_role``) ask for the
Active grant as well: a role written past the user's form (a job, an import, a merge) gives nothing.
"""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from meldcode_app.access.school_membership import active_staff, memberships
from meldcode_app.rules.roles import ADMINISTRATOR, ALL_ROLES, BOARD, FUNCTION_ROLES

GRANT = "Meldcode Access Grant"
PENDING, ACTIVE, REFUSED, REVOKED = "Pending", "Active", "Refused", "Revoked"
OPEN = (PENDING, ACTIVE)
DECISIONS = {"Confirm": ACTIVE, "Refuse": REFUSED}
# What a decided grant may still become; Refused and Revoked are final.
NEXT_STATUS = {PENDING: (ACTIVE, REFUSED, REVOKED), ACTIVE: (REVOKED,)}
# The roles that come with no school, by the grant's field that names them.
ROLE_GRANTS = {"board": BOARD, "administrator": ADMINISTRATOR}
FIXED_FIELDS = ("user", "school", "function", *ROLE_GRANTS, "requested_by", "requested_on")
BENCH_ADMINISTRATOR = "Administrator"
ENDED = "Access ended: {0} as {1} at {2} ({3}), by {4}."
THE_BOARD = "the board"


def bench_administrator_acts() -> bool:
	"""Whether the bench's Administrator itself acts (install, demo data, tests, the command line),
	not a scheduled or background job, which runs as Administrator whoever set it up, nor the app
	acting as the site for a user (the parent's account a case team's share makes: a role planted
	in its defaults was confirmed at once, round 193)."""
	return (
		frappe.session.user == BENCH_ADMINISTRATOR
		and not getattr(frappe.local, "job", None)
		and all(user == BENCH_ADMINISTRATOR for user in getattr(frappe.local, "meldcode_acting_for", ()))
	)


class NotYours(frappe.PermissionError):
	"""A grant that does not await the user's decision, answered as one that does not exist."""


# -- asking, revoking and deciding ---------------------------------------------------------------


def request(
	user: str, school: str | None = None, function: str | None = None, role: str | None = None, at_once=None
):
	"""Ask for a grant; the bench's Administrator activates what it asks for itself at once
	(``at_once`` False: it only saved what someone else asked for, such as a scheduled job)."""
	requester = frappe.session.user
	now = now_datetime()
	grant = frappe.get_doc(
		{
			"doctype": GRANT,
			"user": user,
			"school": school,
			"function": function,
			**{field: int(role == granted) for field, granted in ROLE_GRANTS.items()},
			"status": PENDING,
			"requested_by": requester,
			"requested_on": now,
		}
	)
	if bench_administrator_acts() and at_once is not False:
		grant.update(
			{
				"status": ACTIVE,
				"decided_by": BENCH_ADMINISTRATOR,
				"decided_on": now,
				"reason": "Activated at once by the bench's Administrator",
			}
		)
	write(grant)
	if grant.status == ACTIVE:
		take_effect(grant)
	else:
		tell(deciders(grant), grant, "An access grant awaits your decision.")
	return grant


def revoke(name: str, reason: str) -> None:
	"""Take access away at once: no confirmation is needed for that."""
	grant = frappe.get_doc(GRANT, name)
	if grant.status not in OPEN:
		return
	grant.update(
		{"status": REVOKED, "decided_by": frappe.session.user, "decided_on": now_datetime(), "reason": reason}
	)
	write(grant)
	# Told at once, as a grant is asked for: a System Manager took a school's team off its staff
	# list and the case work stopped with no one knowing (round 61).
	told = ({grant.user} | deciders(grant)) - {frappe.session.user}
	place = grant.school or THE_BOARD
	tell(told, grant, ENDED, grant.user, grant.function or role_of(grant), place, reason, frappe.session.user)


def decide(name, decision) -> str:
	"""Confirm or refuse a pending grant; returns its new status. A grant that does not await the
	user's decision is answered as one that does not exist, unless the user asked for it or is
	named in it (they know it exists)."""
	if decision not in DECISIONS:
		frappe.throw(_("Decide with Confirm or Refuse."), title=_("Not done"))
	user = frappe.session.user
	grant = frappe.get_doc(GRANT, name) if isinstance(name, str) and frappe.db.exists(GRANT, name) else None
	if grant and user != BENCH_ADMINISTRATOR and user in (grant.user, grant.requested_by):
		frappe.throw(
			_("Nobody decides a grant they asked for or that names themselves."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if not grant or not may_decide(grant, user):
		frappe.throw(
			_("Access grant {0} is not among the grants awaiting your decision.").format(name),
			NotYours,
			title=_("Not found"),
		)
	grant.update({"status": DECISIONS[decision], "decided_by": user, "decided_on": now_datetime()})
	write(grant)
	if grant.status == ACTIVE:
		take_effect(grant)
	subject = (
		"Your access grant was confirmed." if grant.status == ACTIVE else "Your access grant was refused."
	)
	tell({grant.user, grant.requested_by} - {user, BENCH_ADMINISTRATOR}, grant, subject)
	return grant.status


def write(grant) -> None:
	grant.flags.changed_by_grants = True
	grant.flags.ignore_permissions = True
	grant.save()


def role_of(grant) -> str | None:
	"""The role a grant with no school gives (the board's, the Meldcode Administrator's), or None."""
	return next((role for field, role in ROLE_GRANTS.items() if cint(grant.get(field))), None)


def take_effect(grant) -> None:
	"""An Active grant gives the role of its function (or the role it names); a first one starts the
	account with keys of its own."""
	role = role_of(grant) or FUNCTION_ROLES[grant.function]
	if not bench_administrator_acts() and not frappe.db.exists(
		GRANT, {"user": grant.user, "status": ACTIVE, "name": ("!=", grant.name)}
	):
		from meldcode_app.access.accounts import start_with_keys_of_their_own

		start_with_keys_of_their_own(grant.user)
	if frappe.db.exists("Has Role", {"parenttype": "User", "parent": grant.user, "role": role}):
		return
	user = frappe.get_doc("User", grant.user)
	user.flags.ignore_permissions = True
	user.flags.confirmed_role = role
	user.add_roles(role)


# -- who decides ---------------------------------------------------------------------------------


def board_members() -> set[str]:
	"""Users whose board role was confirmed and who are enabled."""
	return holding(BOARD)


def holding(role: str) -> set[str]:
	"""Enabled users whose grant of ``role`` (one with no school) is Active: one query."""
	field = next(field for field, granted in ROLE_GRANTS.items() if granted == role)
	grant, user = frappe.qb.DocType(GRANT), frappe.qb.DocType("User")
	return set(
		frappe.qb.from_(grant)
		.join(user)
		.on(user.name == grant.user)
		.select(grant.user)
		.where(grant[field] == 1)
		.where(grant.status == ACTIVE)
		.where(user.enabled == 1)
		.run(pluck=True)
	)


def deciders(grant) -> set[str]:
	"""A teacher, intern begeleider or aandachtsfunctionaris: the school's director; a director, a
	role with no school, or a school without another director: the board. Never who asked or who is
	named."""
	excluded = {grant.user, grant.requested_by}
	if not role_of(grant) and grant.function != "Director":
		directors = {user for *_rest, user in active_staff([grant.school], ("Director",))} - excluded
		if directors:
			return directors
	return board_members() - excluded


def may_decide(grant, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if grant.status != PENDING:
		return False
	return user == BENCH_ADMINISTRATOR or user in deciders(grant)


def awaiting(user: str | None = None) -> list[str]:
	"""Names of the pending grants ``user`` may decide."""
	user = user or frappe.session.user
	pending = frappe.get_all(GRANT, filters={"status": PENDING}, fields=["*"], order_by="requested_on asc")
	return [grant.name for grant in pending if may_decide(grant, user)]


# -- the record itself ---------------------------------------------------------------------------


def check_change(grant) -> None:
	"""Validate: only this module writes a grant; who and what never change, and status only
	moves forward (Pending to a decision, Active to Revoked)."""
	if not grant.flags.changed_by_grants:
		frappe.throw(
			_(
				"Access grants change only when staff are added or removed and when a grant is confirmed or refused."
			),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	roles = [field for field in ROLE_GRANTS if cint(grant.get(field))]
	if len(roles) > 1:
		frappe.throw(_("An access grant names one role."))
	if roles:
		grant.school = grant.function = None
	elif not (grant.school and grant.function):
		frappe.throw(_("An access grant names a school and a function, or a role with no school."))
	stored = grant.get_doc_before_save()
	if grant.is_new() or not stored:
		return
	changed = [field for field in FIXED_FIELDS if str(stored.get(field) or "") != str(grant.get(field) or "")]
	moved = stored.status != grant.status and grant.status not in NEXT_STATUS.get(stored.status, ())
	if changed or moved or stored.status not in NEXT_STATUS:
		frappe.throw(
			_("Access grant {0} was decided and does not change.").format(grant.name),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def refuse_deletion(grant, method=None) -> None:
	frappe.throw(
		_("Access grants are never deleted: they are the record of who had access."),
		frappe.PermissionError,
		title=_("Not allowed"),
	)


# -- schools and users ---------------------------------------------------------------------------


def sync_school(school) -> None:
	"""On save of a school: each person and function on its staff list has an open grant (asked
	for when new); a grant whose row is gone, or of a disabled school, is revoked."""
	wanted = set() if school.disabled else {(row.user, row.function) for row in school.staff}
	held = set()
	for grant in frappe.get_all(
		GRANT, filters={"school": school.name, "status": ("in", OPEN)}, fields=["name", "user", "function"]
	):
		if (grant.user, grant.function) in wanted:
			held.add((grant.user, grant.function))
		else:
			revoke(
				grant.name,
				"The school was disabled" if school.disabled else "Removed from the school's staff",
			)
	# A row someone else added is only asked for, also when the Administrator (a scheduled job,
	# the console) saves the school later, and so is a row whose grant was refused or revoked.
	before = school.get_doc_before_save()
	earlier = {row.name for row in before.staff} if before else set()
	added = {(row.user, row.function) for row in school.staff if row.name not in earlier}
	for user, function in sorted(wanted - held):
		decided = frappe.db.exists(
			GRANT,
			{"school": school.name, "user": user, "function": function, "status": ("in", (REFUSED, REVOKED))},
		)
		request(
			user, school=school.name, function=function, at_once=(user, function) in added and not decided
		)


def revoke_staff_row(row, method=None) -> None:
	"""A staff row deleted on its own (not by saving its school) revokes its grant too."""
	for name in frappe.get_all(
		GRANT,
		filters={"school": row.parent, "user": row.user, "function": row.function, "status": ("in", OPEN)},
		pluck="name",
	):
		revoke(name, "Removed from the school's staff")


def hold_granted_roles(user, method=None) -> None:
	"""User validate: the board's role and the Meldcode Administrator's stay only with a confirmed
	grant (or when the bench's Administrator gives them); otherwise they are taken off again and
	asked for. A System Manager gave themselves Meldcode Administrator, which reads every school's
	destruction records and is told what only the administrators are (round 63)."""
	stored = user.get_doc_before_save()
	had = {row.role for row in stored.roles} if stored else set()
	for role in ROLE_GRANTS.values():
		if role not in {row.role for row in user.roles}:
			continue
		confirmed = active_role_grant(user.name, role) and (role in had or user.flags.confirmed_role == role)
		if cint(user.enabled) and (confirmed or bench_administrator_acts()):
			continue
		user.set("roles", [row for row in user.roles if row.role != role])
		if cint(user.enabled):
			user.flags.requested_roles = {*(user.flags.requested_roles or ()), role}
			frappe.msgprint(
				_("The {0} role starts once a board member confirmed it; a request was made.").format(
					_(role)
				),
				alert=True,
			)


def keep_granted_roles(user, method=None) -> None:
	"""User validate: the role of a confirmed function stays while its grant is Active. A Role
	Profile replaces a user's roles, and took a director's function away quietly; a function ends
	by the school's staff list, which revokes its grant."""
	if user.is_new() or not cint(user.enabled):
		return
	held = {row.role for row in user.roles}
	missing = sorted({FUNCTION_ROLES[function] for _school, function in memberships(user.name)} - held)
	if missing:
		user.append_roles(*missing)
		# Frappe decided the user's type before this hook: with the roles taken away they would be
		# a Website User, and the guard refuses such users every case record (round 69).
		user.set_system_user()
		frappe.msgprint(
			_("{0} stays: it comes with a confirmed place on a school's staff list, and ends there.").format(
				", ".join(_(role) for role in missing)
			),
			alert=True,
		)


def follow_user(user, method=None) -> None:
	"""User on_update: a disabled user loses every grant; a role with no school asked for, given by
	the bench's Administrator, or taken away is recorded as a grant."""
	if not cint(user.enabled):  # a form post sends "0"
		for name in frappe.get_all(GRANT, filters={"user": user.name, "status": ("in", OPEN)}, pluck="name"):
			revoke(name, "The user was disabled")
		return
	held = {row.role for row in user.roles}
	for field, role in ROLE_GRANTS.items():
		active = active_role_grant(user.name, role)
		if role in held and not active:
			request(user.name, role=role)
		elif role not in held and active:
			revoke(active, TAKEN_OFF[role])
		if role in (user.flags.requested_roles or ()) and not frappe.db.exists(
			GRANT, {"user": user.name, field: 1, "status": PENDING}
		):
			request(user.name, role=role)


TAKEN_OFF = {
	BOARD: "The Meldcode Board role was taken off",
	ADMINISTRATOR: "The Meldcode Administrator role was taken off",
}


def refuse_renaming_who_holds_access(user, method=None, old=None, new=None, merge=False) -> None:
	"""User before_rename: renaming or merging an account takes over its grants and its e-mail
	(a new address for the password reset); only the bench's Administrator may, for someone a
	grant or a staff list names."""
	# A share is for whoever reads the mail at its address: renamed away and back (a reset mailed
	# to the interim address in between) the account took a live share over (round 50).
	from meldcode_app.access.parent_shares import end_shares_of

	end_shares_of(old)
	if bench_administrator_acts():
		return
	for name in {old, new} - {None}:
		if frappe.db.exists(GRANT, {"user": name}) or frappe.db.exists(
			"Meldcode School Staff", {"user": name}
		):
			frappe.throw(
				_(
					"{0} has access to the meldcode: only the bench's Administrator renames or merges this account."
				).format(name),
				frappe.PermissionError,
				title=_("Not allowed"),
			)


def active_role_grant(user: str, role: str) -> str | None:
	field = next(field for field, granted in ROLE_GRANTS.items() if granted == role)
	return frappe.db.get_value(GRANT, {"user": user, field: 1, "status": ACTIVE})


def holds_granted_role(user: str, role: str) -> bool:
	"""Whether ``user`` holds ``role`` (one with no school): the role and the confirmed grant."""
	return role in frappe.get_roles(user) and bool(active_role_grant(user, role))


def holds_board_role(user: str) -> bool:
	"""Whether ``user`` acts as the board."""
	return holds_granted_role(user, BOARD)


# -- telling -------------------------------------------------------------------------------------


def tell(users, grant, subject: str, *values) -> None:
	"""A notification with a link to the grant only, in each reader's language (``values`` too)."""
	from meldcode_app.terms import insert_notifications, user_languages

	users = sorted(set(users) - {None, "", BENCH_ADMINISTRATOR, "Guest"})
	languages = user_languages(users)
	insert_notifications(
		[
			(
				user,
				GRANT,
				grant.name,
				_(subject, languages[user]).format(*(_(str(value), languages[user]) for value in values)),
			)
			for user in users
		]
	)


def refuse_renaming_access_roles(role, method=None, old=None, new=None, merge=False) -> None:
	"""Role before_rename: the app's roles and the System Manager's are kept by their names. A
	System Manager merged a role of their own into Meldcode Board, which wrote the board's role on
	their account past the user's form (where hold_granted_roles asks for a grant)."""
	names = {role.name, old, new} - {None}
	if names & {*ALL_ROLES, "System Manager", "Administrator"} and not bench_administrator_acts():
		frappe.throw(
			_("The roles that give access are renamed and merged by the bench's Administrator only."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)


def keep_access_roles(role, method=None) -> None:
	"""Role before_validate (before Frappe takes a disabled role off its users): the app's roles stay
	enabled and with desk access. A System Manager disabled Meldcode Aandachtsfunctionaris (Frappe
	then took it off every user) and took Meldcode Director's desk access (every director became a
	Website User), and the teams were locked out with no one told (round 62)."""
	if role.name not in ALL_ROLES or role.is_new() or bench_administrator_acts():
		return
	if cint(role.disabled) or not cint(role.desk_access):
		frappe.throw(
			_(
				"{0} stays enabled, with desk access: it comes with a confirmed place on a school's staff list."
			).format(_(role.name)),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
