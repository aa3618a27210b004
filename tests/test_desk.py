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


def test_every_module_but_the_apps_is_blocked():
	assert desk.blocked_modules(["Core", "Meldcode App", "Website"]) == ["Core", "Website"]


def test_who_also_works_in_another_app_keeps_the_sidebar():
	assert desk.keeps_to_the_app({r.TEACHER, "All", "Desk User"})
	assert not desk.keeps_to_the_app({r.TEACHER, "Instructor"})
	assert not desk.keeps_to_the_app({r.BOARD, "Accounts User"})
