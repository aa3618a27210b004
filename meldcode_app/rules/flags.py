"""The Vlaggensysteem (DOMAIN 6): the user weighs the six criteria and picks the flag; the
seeds give the pedagogical reaction per flag, not a rule from criteria to flag."""

from meldcode_app.rules.errors import _

CRITERIA = (
	"not_mutual_consent",
	"not_voluntary",
	"not_equal",
	"not_developmentally_appropriate",
	"not_context_appropriate",
	"not_self_respecting",
)
REACTION = {
	"Green": _("No reaction or a positive (confirming) reaction"),
	"Yellow": _("Warn or set limits"),
	"Red": _("Forbid"),
	"Black": _("Punish or intervene"),
}
