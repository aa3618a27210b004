"""Install, migrate and uninstall: what Frappe does not sync from the module folders by itself."""

from pathlib import Path

import frappe
from frappe.model.sync import sync_for
from frappe.modules.import_file import import_file_by_path

from meldcode_app import desk, education, protocol_runs
from meldcode_app.rules import roles
from meldcode_app.rules.desk import MODULE_PROFILE

APP = "meldcode_app"
MODULE = "Meldcode App"
WORKFLOW_FOLDER = Path(__file__).parent / "meldcode_app" / "workflow"
REFERENCE_DATA_FOLDER = Path(__file__).parent / "reference_data"
# Reference data from the school documents, word for word: DocType -> file. Records are only
# added when missing, so that a school's own edits survive a migrate (fixtures would overwrite).
REFERENCE_DATA = {
	"Meldcode Signal Indicator": ("signal_indicators.json", "code"),
	"Meldcode Route": ("routes.json", "route_name"),
	"Meldcode Contact": ("contacts.json", "contact_name"),
}

# One Role Profile per school function, for administrators who create users by hand.
ROLE_PROFILES = {
	"Meldcode Teacher": [roles.TEACHER],
	"Meldcode Intern Begeleider": [roles.INTERN_BEGELEIDER],
	"Meldcode Aandachtsfunctionaris": [roles.AANDACHTSFUNCTIONARIS],
	"Meldcode Director": [roles.DIRECTOR],
	"Meldcode Board": [roles.BOARD],
	"Meldcode Administrator": [roles.ADMINISTRATOR],
}

# Records other DocTypes keep about documents of this app; removed with the app.
LINKED_RECORDS = (
	("Version", "ref_doctype"),
	("Comment", "reference_doctype"),
	("Communication", "reference_doctype"),
	("ToDo", "reference_type"),
	("DocShare", "share_doctype"),
	("View Log", "reference_doctype"),
	("Activity Log", "reference_doctype"),
	("Access Log", "export_from"),
	("Notification Log", "document_type"),
	("Document Follow", "ref_doctype"),
	("Deleted Document", "deleted_doctype"),
	("User Permission", "allow"),
	("Custom DocPerm", "parent"),
	("Property Setter", "doc_type"),
	("Custom Field", "dt"),
	("Workflow Action", "reference_doctype"),
	("List Filter", "reference_doctype"),
	("List View Settings", "name"),
)


def after_install():
	sync_what_a_stale_module_map_missed()
	# Store the defaults of the single so that every reader sees the same terms.
	settings = frappe.get_single("Meldcode Settings")
	settings.flags.ignore_permissions = True
	settings.save()


def sync_what_a_stale_module_map_missed():
	"""Frappe reads its module map at `frappe.init` from the site's cache. On a site that ran
	before the app came to the bench that map has no module of the app, and install_app, which
	clears the cache but keeps the map it read, syncs none of the app's DocTypes. Then rebuild the
	map from apps.txt and sync them here."""
	if frappe.local.app_modules.get(APP):
		return
	frappe.setup_module_map()
	sync_for(APP, reset_permissions=True)


def after_sync():
	"""Runs at the end of install-app, after the fixtures (roles, workflow states) exist."""
	after_migrate()


def after_migrate():
	install_workflows()
	create_role_profiles()
	add_missing_reference_data()
	protocol_runs.add_missing_templates()
	education.sync_links()
	desk.ensure_module_profile()
	desk.ensure_list_settings()
	desk.ensure_saved_filters()


def install_workflows():
	"""Frappe does not import a module's workflow/ folder; import each file when it is newer."""
	for path in sorted(WORKFLOW_FOLDER.glob("*/*.json")):
		import_file_by_path(str(path))


def create_role_profiles():
	"""Create missing profiles only, so that an administrator's changes survive a migrate."""
	for name, profile_roles in ROLE_PROFILES.items():
		if frappe.db.exists("Role Profile", name):
			continue
		profile = frappe.new_doc("Role Profile")
		profile.role_profile = name
		for role in profile_roles:
			profile.append("roles", {"role": role})
		profile.insert(ignore_permissions=True)


def add_missing_reference_data():
	for doctype, (filename, key) in REFERENCE_DATA.items():
		records = frappe.parse_json((REFERENCE_DATA_FOLDER / filename).read_text())
		existing = set(frappe.get_all(doctype, pluck="name"))
		for record in records:
			if record[key] not in existing:
				frappe.get_doc({"doctype": doctype, **record}).insert(ignore_permissions=True)


def before_uninstall():
	"""Leave no record behind that points at this app's DocTypes or roles."""
	if not frappe.flags.in_uninstall:
		return  # named by a scheduled job, it would destroy the cases' history
	doctypes = frappe.get_all("DocType", filters={"module": MODULE}, pluck="name")
	if doctypes:
		delete_records_of(doctypes)
	delete_workflow_setup()
	desk.remove_module_profile()
	delete_onboarding()
	delete_roles()
	frappe.db.delete("Scheduled Job Type", {"method": ("like", "meldcode_app.%")})


def delete_records_of(doctypes: list[str]):
	for name in frappe.get_all("File", filters={"attached_to_doctype": ("in", doctypes)}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	for doctype, field in LINKED_RECORDS:
		frappe.db.delete(doctype, {field: ("in", doctypes)})
	# Frappe's uninstall deletes a single DocType without its stored values.
	frappe.db.delete("Singles", {"doctype": ("in", doctypes)})
	for name in frappe.get_all("Workflow", filters={"document_type": ("in", doctypes)}, pluck="name"):
		frappe.delete_doc("Workflow", name, force=True, ignore_permissions=True)


def onboarding_steps() -> list[str]:
	"""Onboarding steps carry no module; the app ships them in its module folder."""
	folder = Path(__file__).parent / "meldcode_app" / "onboarding_step"
	return [frappe.parse_json(p.read_text())["name"] for p in folder.glob("*/*.json")]


def delete_onboarding():
	for name in frappe.get_all("Module Onboarding", filters={"module": MODULE}, pluck="name"):
		frappe.delete_doc("Module Onboarding", name, force=True, ignore_permissions=True)
	for name in onboarding_steps():
		frappe.delete_doc_if_exists("Onboarding Step", name, force=True)


def delete_workflow_setup():
	delete_unused_fixture_records("Workflow State", "Workflow Document State", "state")
	delete_unused_fixture_records("Workflow Action Master", "Workflow Transition", "action")


def delete_roles():
	for name in ROLE_PROFILES:
		frappe.delete_doc_if_exists("Role Profile", name, force=True)
	frappe.db.delete("Has Role", {"role": ("in", roles.ALL_ROLES)})
	frappe.db.delete("Custom DocPerm", {"role": ("in", roles.ALL_ROLES)})
	for role in roles.ALL_ROLES:
		frappe.delete_doc_if_exists("Role", role, force=True)


def delete_unused_fixture_records(doctype: str, used_in: str, field: str):
	"""Delete the records this app ships in fixtures/ unless another workflow still uses them."""
	path = Path(__file__).parent / "fixtures" / (frappe.scrub(doctype) + ".json")
	if not path.exists():
		return
	shipped = [record["name"] for record in frappe.parse_json(path.read_text())]
	used = set(frappe.get_all(used_in, filters={field: ("in", shipped)}, pluck=field))
	for name in shipped:
		if name not in used:
			frappe.delete_doc_if_exists(doctype, name, force=True)


def leftovers() -> list[str]:
	"""What an uninstall left behind; CI runs it after `uninstall-app` and expects nothing."""
	module_folder = Path(__file__).parent / "meldcode_app"
	doctypes = [frappe.parse_json(p.read_text())["name"] for p in module_folder.glob("doctype/*/*.json")]
	found = []

	def check(doctype, filters):
		found.extend(f"{doctype} {name}" for name in frappe.get_all(doctype, filters=filters, pluck="name"))

	check("DocType", {"name": ("in", doctypes)})
	check("Module Def", {"name": MODULE})
	for doctype in (
		"Workspace",
		"Report",
		"Print Format",
		"Notification",
		"Number Card",
		"Dashboard Chart",
		"Module Onboarding",
	):
		check(doctype, {"module": MODULE})
	check("Onboarding Step", {"name": ("in", onboarding_steps())})
	check("Role", {"name": ("in", roles.ALL_ROLES)})
	check("Role Profile", {"name": ("in", list(ROLE_PROFILES))})
	check("Module Profile", {"name": MODULE_PROFILE})
	check("Has Role", {"role": ("in", roles.ALL_ROLES)})
	check("Workflow", {"document_type": ("in", doctypes)})
	for doctype, field in LINKED_RECORDS:
		check(doctype, {field: ("in", doctypes)})
	check("File", {"attached_to_doctype": ("in", doctypes)})
	check("Scheduled Job Type", {"method": ("like", "meldcode_app.%")})
	for fixture in ("workflow_state", "workflow_action_master"):
		path = Path(__file__).parent / "fixtures" / f"{fixture}.json"
		if path.exists():
			records = frappe.parse_json(path.read_text())
			check(records[0]["doctype"], {"name": ("in", [r["name"] for r in records])})
	singles = frappe.qb.DocType("Singles")
	found += [
		f"Singles {row[0]}"
		for row in frappe.qb.from_(singles)
		.select(singles.doctype)
		.distinct()
		.where(singles.doctype.isin(doctypes))
		.run()
	]
	found += [f"table {t}" for t in frappe.db.get_tables() if t.removeprefix("tab") in doctypes]
	return sorted(set(found))
