"""Where each role lands in the desk and which workspaces it sees (issue 10).

The school's staff land on Meldcode, the board on Meldcode Board. Those who work in this app only
see its workspaces only: every other module is blocked in their sidebar by one Module Profile.
Whoever also holds a role of another app (an Instructor in Education, say) keeps their sidebar,
since they work there too; so do the administrator and a System Manager, who set things up."""

from meldcode_app.rules.roles import ADMINISTRATOR, BOARD, FUNCTION_ROLES

MODULE = "Meldcode App"
MODULE_PROFILE = "Meldcode"
SCHOOL_WORKSPACE = "Meldcode"
BOARD_WORKSPACE = "Meldcode Board"
STAFF_ROLES = frozenset(FUNCTION_ROLES.values())
# Roles every desk user has; they say nothing about work in another app.
AUTOMATIC_ROLES = frozenset(("All", "Guest", "Desk User"))


def landing_workspace(roles: set[str] | frozenset[str]) -> str | None:
	"""The workspace a user with ``roles`` lands on; None leaves Frappe's choice."""
	if roles & STAFF_ROLES or ADMINISTRATOR in roles:
		return SCHOOL_WORKSPACE
	if BOARD in roles:
		return BOARD_WORKSPACE
	return None


def keeps_to_the_app(roles: set[str] | frozenset[str]) -> bool:
	"""Whether the user's sidebar holds the app's workspaces only: staff or board, and no role
	of another app (nor the administrator's or a System Manager's)."""
	app_roles = STAFF_ROLES | {BOARD}
	return bool(roles & app_roles) and not (roles - app_roles - AUTOMATIC_ROLES)


def blocked_modules(modules: list[str]) -> list[str]:
	"""Every module but the app's."""
	return sorted(m for m in modules if m != MODULE)


# The dossier list shows step, school, pupil, casemanager, date opened and the next deadline (red
# when a term is overdue): with the ID and Frappe's tag column, eight columns.
LIST_COLUMNS = {"Meldcode Dossier": 8}
DOSSIER = "Meldcode Dossier"
# Saved filters in each staff member's dossier list.
OVERDUE_TERMS = "Overdue Terms"
MY_DOSSIERS = "My Dossiers"


def overdue_terms_filter() -> list:
	return [[DOSSIER, "overdue", "=", 1, False]]


def my_dossiers_filter(user: str) -> list:
	return [[DOSSIER, "casemanager", "=", user, False]]
