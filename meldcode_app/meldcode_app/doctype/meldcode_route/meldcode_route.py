import frappe
from frappe import _
from frappe.model.document import Document

from meldcode_app.rules.routes import Phase, check_route, snapshot
from meldcode_app.utils import rules_enforced


class MeldcodeRoute(Document):
	def validate(self):
		with rules_enforced(_("Route not saved")):
			check_route(self.phase_rules(), term_amounts(self), self.acute_casemanager_function)
		before = self.get_doc_before_save()
		if before and route_snapshot(before) != route_snapshot(self):
			self.version = (before.version or 1) + 1

	def phase_rules(self) -> list[Phase]:
		return [
			Phase(p.phase, p.national_step, p.lead_function, p.casemanager_function, bool(p.before_meldcode))
			for p in self.phases
		]


def route_snapshot(route) -> dict:
	"""What a dossier keeps of ``route`` when it starts (see rules.routes.snapshot)."""
	return snapshot(
		route.name,
		route.version or 1,
		MeldcodeRoute.phase_rules(route),
		term_amounts(route),
		route.acute_casemanager_function,
		route.same_day_path,
		route.support_team_before_each_step,
	)


def term_amounts(route) -> list[tuple[str, int]]:
	"""The route's terms as (Meldcode Settings fieldname, amount); the form shows the settings' labels."""
	fieldnames = {
		df.label: df.fieldname
		for df in frappe.get_meta("Meldcode Settings").get("fields", {"fieldtype": "Int"})
	}
	return [(fieldnames.get(t.setting, t.setting), t.amount) for t in route.terms]
