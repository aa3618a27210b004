"""The desk each role lives in: its landing workspace and a sidebar with the app's workspaces
only (rules/desk.py decides; this applies it)."""

import frappe
from frappe import _
from frappe.desk.doctype.dashboard_chart import dashboard_chart

from meldcode_app.access.scoped_methods import filters_refused_when_unusable
from meldcode_app.rules import desk
from meldcode_app.rules.registry import PROTECTED_DOCTYPES, RECORD_DOCTYPES
from meldcode_app.rules.roles import BOARD
from meldcode_app.safe_api import safe_method


def boot_session(bootinfo):
	"""Land on the role's workspace unless the user chose a default workspace of their own; the
	case record DocTypes for the forms' script (public/js/case_record_form.js)."""
	bootinfo.meldcode_record_doctypes = sorted(RECORD_DOCTYPES)
	bootinfo.meldcode_protected_doctypes = sorted(PROTECTED_DOCTYPES)
	user = getattr(bootinfo, "user", None)
	if user is None or user.get("default_workspace"):
		return
	name = desk.landing_workspace(set(frappe.get_roles()))
	if name and frappe.db.exists("Workspace", name):
		user.default_workspace = {"name": name, "public": 1, "title": name}


def ensure_module_profile():
	"""The Module Profile that blocks every module but the app's, renewed on each migrate so that
	a module added later is blocked too; its users get the renewed list."""
	modules = frappe.get_all("Module Def", pluck="name")
	if frappe.db.exists("Module Profile", desk.MODULE_PROFILE):
		profile = frappe.get_doc("Module Profile", desk.MODULE_PROFILE)
	else:
		profile = frappe.new_doc("Module Profile")
		profile.module_profile_name = desk.MODULE_PROFILE
	profile.set("block_modules", [{"module": m} for m in desk.blocked_modules(modules)])
	profile.save(ignore_permissions=True)
	blocked = [row.module for row in profile.block_modules]
	for name in frappe.get_all("User", filters={"user_type": "System User"}, pluck="name"):
		if name in ("Administrator", "Guest"):
			continue
		user = frappe.get_doc("User", name)
		before = (user.module_profile, sorted(row.module for row in user.block_modules))
		if keep_to_the_app(user) and before != (desk.MODULE_PROFILE, blocked):
			user.flags.ignore_permissions = True
			user.save()


def keep_to_the_app(user, method=None) -> bool:
	"""Hook (User before_validate): staff and board see the app's workspaces only. Returns whether
	the user is one of them."""
	roles = {row.role for row in user.get("roles", [])}
	if user.get("role_profile_name"):  # its roles are added later in the User's validate
		roles |= set(
			frappe.get_all(
				"Has Role",
				filters={"parent": user.role_profile_name, "parenttype": "Role Profile"},
				pluck="role",
			)
		)
	if not desk.keeps_to_the_app(roles):
		if user.module_profile == desk.MODULE_PROFILE:
			user.module_profile = None
			user.set("block_modules", [])
		return False
	if frappe.db.exists("Module Profile", desk.MODULE_PROFILE):
		user.module_profile = desk.MODULE_PROFILE  # not another profile of a System Manager's
	return user.module_profile == desk.MODULE_PROFILE


def keep_the_app_open(user, method=None):
	"""Hook (User validate, after Frappe copies a module profile's blocks onto the user): whoever
	holds a role of the app keeps its module. A System Manager's Module Profile blocking it took
	the Meldcode workspace out of the team's sidebar, quietly (round 61)."""
	if {row.role for row in user.get("roles", [])} & (desk.STAFF_ROLES | {BOARD}):
		user.set("block_modules", [row for row in user.block_modules if row.module != desk.MODULE])


def ensure_list_settings():
	"""Columns of the app's lists, set once: an administrator's own choice survives a migrate."""
	for doctype, total in desk.LIST_COLUMNS.items():
		if not frappe.db.exists("List View Settings", doctype):
			settings = frappe.get_doc({"doctype": "List View Settings", "total_fields": str(total)})
			settings.insert(set_name=doctype, ignore_permissions=True)


def ensure_saved_filters(users: list[str] | None = None):
	"""Saved filters in each staff member's dossier list (all staff when ``users`` is None):
	"Overdue Terms" and "My Dossiers", named in the user's language since Frappe shows a saved
	filter's name as stored. A filter the user removed or renamed is not brought back twice."""
	if users is None:
		users = frappe.get_all(
			"Meldcode School Staff", filters={"parenttype": "Meldcode School"}, pluck="user"
		)
	site_lang = frappe.db.get_default("lang") or "nl"
	for user in sorted(set(users)):
		lang = frappe.db.get_value("User", user, "language") or site_lang
		for name, filters in (
			(desk.OVERDUE_TERMS, desk.overdue_terms_filter()),
			(desk.MY_DOSSIERS, desk.my_dossiers_filter(user)),
		):
			if frappe.db.exists(
				"List Filter",
				{"reference_doctype": desk.DOSSIER, "for_user": user, "filters": frappe.as_json(filters)},
			):
				continue
			frappe.get_doc(
				{
					"doctype": "List Filter",
					"reference_doctype": desk.DOSSIER,
					"for_user": user,
					"filter_name": _(name, lang),
					"filters": frappe.as_json(filters),
				}
			).insert(ignore_permissions=True)


def remove_module_profile():
	"""Uninstall: the users get their sidebar back, the profile goes."""
	for name in frappe.get_all("User", filters={"module_profile": desk.MODULE_PROFILE}, pluck="name"):
		frappe.db.set_value("User", name, "module_profile", None, update_modified=False)
		frappe.db.delete("Block Module", {"parent": name, "parenttype": "User"})
	frappe.delete_doc_if_exists("Module Profile", desk.MODULE_PROFILE, force=True)


@frappe.whitelist()
@safe_method
def chart_data(
	chart_name: str | None = None,
	chart: str | None = None,
	no_cache=None,
	filters: str | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year=None,
	refresh=None,
):
	"""Replaces Frappe's dashboard_chart.get (hooks.py). Charts of the app's records are counted
	for each user, past Frappe's cache_source (which keys a chart's figures by the chart alone:
	a release that caches them would show one school's counts to another), and their labels,
	such as the steps, are in the user's language."""
	arguments = {
		"chart_name": chart_name,
		"chart": chart,
		"no_cache": no_cache,
		"filters": filters,
		"from_date": from_date,
		"to_date": to_date,
		"timespan": timespan,
		"time_interval": time_interval,
		"heatmap_year": heatmap_year,
		"refresh": refresh,
	}
	# Any saved chart of a protected DocType, not only the app's own.
	per_user = bool(chart_name) and (
		frappe.db.get_value("Dashboard Chart", chart_name, "document_type") in PROTECTED_DOCTYPES
	)
	with filters_refused_when_unusable():
		if not per_user:
			return dashboard_chart.get(**arguments)
		result = dashboard_chart.get.__wrapped__(**arguments)
	if isinstance(result, dict):
		result["labels"] = [
			_(label) if isinstance(label, str) else label for label in result.get("labels") or []
		]
	return result
