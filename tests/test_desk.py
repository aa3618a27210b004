"""Where each role lands and what its sidebar holds."""

from meldcode_app.rules import desk
from meldcode_app.rules import roles as r


def test_each_role_lands_on_its_own_workspace():
	for role in (r.TEACHER, r.INTERN_BEGELEIDER, r.AANDACHTSFUNCTIONARIS, r.DIRECTOR, r.ADMINISTRATOR):
		assert desk.landing_workspace({role}) == "Meldcode"
	assert desk.landing_workspace({r.BOARD}) == "Meldcode Board"
	assert desk.landing_workspace({r.BOARD, r.DIRECTOR}) == "Meldcode"
	assert desk.landing_workspace({"System Manager"}) is None


def test_staff_and_board_keep_to_the_app_administrators_do_not():
	assert desk.keeps_to_the_app({r.TEACHER})
	assert desk.keeps_to_the_app({r.BOARD, "Desk User"})
	assert not desk.keeps_to_the_app({r.ADMINISTRATOR, r.TEACHER})
	assert not desk.keeps_to_the_app({r.DIRECTOR, "System Manager"})
	assert not desk.keeps_to_the_app({"Desk User"})


def test_frappes_own_modules_are_blocked_and_other_apps_stay():
	modules = [
		("Core", "frappe"),
		("Meldcode App", "meldcode_app"),
		("Website", "frappe"),
		("Education", "education"),
	]
	assert desk.blocked_modules(modules) == ["Core", "Website"]
