"""Where each role lands in the desk and which workspaces it sees (issue 10).

The school's staff land on Meldcode, the board on Meldcode Board. Frappe's own modules (users,
website, tools, integrations, build) are blocked in their sidebar by one Module Profile; the
modules of the board's other apps (Education, ERPNext, ...) stay, because a teacher also works
there and those apps' own permissions decide. The administrator (and a System Manager) keep
Frappe's own workspaces, which setting up needs."""

from meldcode_app.rules.roles import ADMINISTRATOR, BOARD, FUNCTION_ROLES

MODULE = "Meldcode App"
MODULE_PROFILE = "Meldcode"
SCHOOL_WORKSPACE = "Meldcode"
BOARD_WORKSPACE = "Meldcode Board"
SYSTEM_MANAGER = "System Manager"
STAFF_ROLES = frozenset(FUNCTION_ROLES.values())


def landing_workspace(roles: set[str] | frozenset[str]) -> str | None:
	"""The workspace a user with ``roles`` lands on; None leaves Frappe's choice."""
	if roles & STAFF_ROLES or ADMINISTRATOR in roles:
		return SCHOOL_WORKSPACE
	if BOARD in roles:
		return BOARD_WORKSPACE
	return None


def keeps_to_the_app(roles: set[str] | frozenset[str]) -> bool:
	"""Whether the user's sidebar holds the app's workspaces only."""
	return bool(roles & (STAFF_ROLES | {BOARD})) and not roles & {ADMINISTRATOR, SYSTEM_MANAGER}


def blocked_modules(modules: list[tuple[str, str]]) -> list[str]:
	"""Frappe's own modules, of (module, app) pairs."""
	return sorted(module for module, app in modules if app == "frappe")
