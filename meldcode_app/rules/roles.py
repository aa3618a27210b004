"""The six roles of the contract and the school functions that map onto them."""

TEACHER = "Meldcode Teacher"
INTERN_BEGELEIDER = "Meldcode Intern Begeleider"
AANDACHTSFUNCTIONARIS = "Meldcode Aandachtsfunctionaris"
DIRECTOR = "Meldcode Director"
BOARD = "Meldcode Board"
ADMINISTRATOR = "Meldcode Administrator"

ALL_ROLES = (TEACHER, INTERN_BEGELEIDER, AANDACHTSFUNCTIONARIS, DIRECTOR, BOARD, ADMINISTRATOR)
CASE_TEAM_ROLES = (INTERN_BEGELEIDER, AANDACHTSFUNCTIONARIS, DIRECTOR)

# Function of a staff member at a school (Meldcode School Staff.function) -> role it needs.
FUNCTION_ROLES = {
	"Teacher": TEACHER,
	"Intern Begeleider": INTERN_BEGELEIDER,
	"Aandachtsfunctionaris": AANDACHTSFUNCTIONARIS,
	"Director": DIRECTOR,
}
