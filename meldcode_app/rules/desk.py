"""Where each role lands in the desk and which workspaces it sees (issue 10).

The school's staff land on Meldcode, the board on Meldcode Board. Staff and board see the app's
workspaces only: every other module is blocked in their sidebar by one Module Profile. The
administrator (and a System Manager) keep Frappe's own workspaces, which setting up needs."""

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


def blocked_modules(modules: list[str]) -> list[str]:
	"""Every module but the app's."""
	return sorted(m for m in modules if m != MODULE)
