"""The board's workbook in Frappe: who may export which schools, reading the rows with one query
per kind, writing a private File and logging the export (DOMAIN 7.10)."""

import json
from datetime import timedelta
from io import BytesIO

import frappe
from frappe import _
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.utils import cint, formatdate, getdate, today
from frappe.utils.password import get_encryption_key
from frappe.utils.pdf import get_pdf

from meldcode_app.access.grants import holds_board_role
from meldcode_app.access.permissions import scope_of
from meldcode_app.meldcode_app.doctype.meldcode_monitoring_report.meldcode_monitoring_report import (
	identifies,
	pupils_of,
)
from meldcode_app.printing import in_dutch, meldcode_print_context
from meldcode_app.rules import board_figures as figures
from meldcode_app.rules.board_workbook import write
from meldcode_app.rules.disclosure import threshold_for
from meldcode_app.rules.protocols import UNWANTED_BEHAVIOUR

WORKBOOK = "Meldcode Board Workbook"
PUBLISHED = "Meldcode Published Figures"


def allowed_schools(user: str) -> list[str]:
	"""The board (and Administrator) see every school's figures; a case team its own schools."""
	if user == "Administrator" or holds_board_role(user):
		return frappe.get_all("Meldcode School", pluck="name", order_by="name asc")
	return list(scope_of(user).case_team_schools)


def export(year: int, school: str | None = None, progress: bool = False) -> str:
	user = frappe.session.user
	allowed = allowed_schools(user)
	if school and school not in allowed or not allowed:
		frappe.throw(_("You may not export the figures of this school."), frappe.PermissionError)
	school_year = figures.SchoolYear.starting(int(year))
	refuse_unpublished(school_year, allowed, user)
	if progress:
		frappe.publish_progress(10, title=_("Meldcode figures"), description=_("Reading the figures"))
	figures_of_year = publication(school_year, allowed, user)
	sheets = figures.board_sheets(
		school_year,
		figures_of_year,
		read_reports(school_year, [school] if school else allowed),
		translate=_,
		board_view=board_view(user),
		only=school,
	)
	if progress:
		frappe.publish_progress(50, title=_("Meldcode figures"), description=_("Writing the workbook"))
	content = BytesIO()
	write(
		sheets,
		content,
		_("Long texts"),
		[_("Sheet"), _("Row"), _("Column"), _("Part"), _("Of"), _("Text")],
		_("Continued on the sheet {0} ({1} parts)"),
		_("Chart figures"),
	)
	url = keep("Workbook", school_year, school, "meldcode", "xlsx", content.getvalue())
	make_access_log(
		report_name=WORKBOOK, file_type="xlsx", filters=frappe.as_json({"year": year, "school": school})
	)
	if progress:
		frappe.publish_progress(100, title=_("Meldcode figures"), description=_("Ready"))
	return url


def keep(
	kind: str, year: figures.SchoolYear, school: str | None, stem: str, extension: str, content: bytes
) -> str:
	"""An export as a private file attached from birth to a Meldcode Export, which only its maker
	reads, under a name nobody can guess: it never lies unattached for another record's file
	field to take."""
	export = frappe.get_doc(
		{"doctype": "Meldcode Export", "export_kind": kind, "school_year": year.label, "school": school}
	).insert(ignore_permissions=True)
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{stem}-{year.label}{'-' + school if school else ''}-{frappe.generate_hash(length=16)}.{extension}",
				"attached_to_doctype": "Meldcode Export",
				"attached_to_name": export.name,
				"is_private": 1,
				"content": content,
			}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def not_yet_published(year: figures.SchoolYear, schools: list[str], user: str) -> str | None:
	"""Why the figures of ``year`` are not yet given to ``user``, or None: a running school year
	goes to each school's own case team only (``SchoolYear.published_on``)."""
	if getdate(today()) >= year.published_on() or not beyond_own_schools(schools, user):
		return None
	return _(
		"The figures of school year {0} are published from {1}, when it has ended: figures of a running year, compared between two days, would tell small numbers of what happened in between."
	).format(year.label, formatdate(year.published_on()))


def refuse_unpublished(year: figures.SchoolYear, schools: list[str], user: str) -> None:
	if reason := not_yet_published(year, schools, user):
		frappe.throw(reason, title=_("Not yet published"))


def beyond_own_schools(schools: list[str], user: str) -> bool:
	"""Whether figures of ``schools`` go beyond the case team that knows them (to the board)."""
	return user == "Administrator" or not set(schools) <= set(scope_of(user).case_team_schools)


def publication(year: figures.SchoolYear, schools: list[str], user: str) -> figures.Published:
	"""The figures of ``schools``, their protocols' runs included, with the hidden cells chosen
	over all of them at once, so that an export of one school shows exactly what the export of all
	shows for it, and the report and the bundle hide what the workbook hides. Beyond a school's own
	case team, an ended year's figures are the ones first given (``figures.Published``)."""
	kept = beyond_own_schools(schools, user) and getdate(today()) >= year.published_on()
	if kept and (shown := kept_figures(year)):
		return shown
	before = (
		kept
		and year.start.year > figures.FIRST_YEAR
		and kept_figures(figures.SchoolYear.starting(year.start.year - 1))
	)
	shown = figures.published(
		counted(year, schools, user, before.cell(figures.ALL, figures.OPEN) if before else None)
	)
	if kept:
		try:
			frappe.get_doc(
				{
					"doctype": PUBLISHED,
					"school_year": year.label,
					"published_on": today(),
					"figures": figures.as_json(shown),
				}
			).insert(ignore_permissions=True)
			frappe.local.flags.commit = True  # kept also when the desk's report asks with a GET
		except frappe.DuplicateEntryError:  # published at the same moment by another request
			return kept_figures(year)
	return shown


def kept_figures(year: figures.SchoolYear) -> figures.Published | None:
	text = frappe.db.get_value(PUBLISHED, year.label, "figures")
	return figures.from_json(text) if text else None


def counted(
	year: figures.SchoolYear, schools: list[str], user: str, start_shown: int | str | None = None
) -> figures.Publication:
	school_rows, dossiers, contacts, terms, incidents = read_rows(year, schools)
	protocols, runs = read_protocol_runs(year, [name for name, _title, _brin in school_rows], user)
	return figures.publish(
		year,
		getdate(today()),
		small_count_threshold(year),
		school_rows,
		dossiers,
		contacts,
		terms,
		incidents,
		read_events(year, schools, board_view(user)),
		protocols,
		runs,
		get_encryption_key().encode(),
		small_count_threshold(year, years_before=1),
		start_shown,
	)


def small_count_threshold(year: figures.SchoolYear, years_before: int = 0) -> int:
	"""The one threshold the school year (or one ``years_before`` it) is published with
	(rules/disclosure.threshold_for)."""
	settings = frappe.get_cached_doc("Meldcode Settings")
	kept = json.loads(settings.kept_thresholds) if settings.get("kept_thresholds") else []
	return threshold_for(year.start.year - years_before, kept, cint(settings.small_count_threshold))


def read_rows(year: figures.SchoolYear, schools: list[str]) -> tuple:
	"""The inputs of ``publish``: one query per kind of record, nothing that names a pupil."""
	school_rows = frappe.get_all(
		"Meldcode School",
		filters={"name": ("in", schools)},
		fields=["name", "school_name", "brin_code"],
		order_by="name asc",
		as_list=True,
	)
	dossier, step = frappe.qb.DocType("Meldcode Dossier"), frappe.qb.DocType("Meldcode Dossier Step")
	# The dossiers open on some day of the year or the day before it: no figure needs the others.
	in_year = (
		(dossier.school.isin(schools))
		& (dossier.opened_on <= year.end)
		& (dossier.closed_on.isnull() | (dossier.closed_on >= year.start - timedelta(days=1)))
	)
	dossiers = {}
	by_name = {}
	for name, school, opened_on, closed_on, outcome in (
		frappe.qb.from_(dossier)
		.select(dossier.name, dossier.school, dossier.opened_on, dossier.closed_on, dossier.closing_outcome)
		.where(in_year)
	).run():
		by_name[name] = figures.Dossier(
			school, getdate(opened_on), getdate(closed_on) if closed_on else None, outcome
		)
		dossiers.setdefault(school, []).append(by_name[name])
	if by_name:
		for parent, state, entered_on in (
			frappe.qb.from_(step)
			.join(dossier)
			.on(dossier.name == step.parent)
			.select(step.parent, step.state, step.entered_on)
			.where(step.parenttype == "Meldcode Dossier")
			.where(in_year)
			.orderby(step.parent)
			.orderby(step.idx)
		).run():
			by_name[parent].steps.append((state, getdate(entered_on)))

	contact = frappe.qb.DocType("Veilig Thuis Contact")
	contacts = {}
	for school, kind, moment in (
		frappe.qb.from_(contact)
		.select(contact.school, contact.contact_type, contact.contact_datetime)
		.where(contact.docstatus == 1)
		.where(contact.school.isin(schools))
		.where(contact.contact_datetime[year.start : f"{year.end} 23:59:59"])
	).run():
		contacts.setdefault(school, []).append((kind, getdate(moment)))

	term = frappe.qb.DocType("Meldcode Dossier Term")
	terms = {}
	for school, due, status, completed in (
		frappe.qb.from_(term)
		.join(dossier)
		.on(dossier.name == term.parent)
		.select(dossier.school, term.due_date, term.status, term.completed_on)
		.where(term.parenttype == "Meldcode Dossier")
		.where(dossier.school.isin(schools))
		.where(term.due_date[year.start : year.end])
	).run():
		terms.setdefault(school, []).append(
			figures.Term(school, getdate(due), status, getdate(completed) if completed else None)
		)

	incident = frappe.qb.DocType("Safety Incident")
	incidents = [
		(school, getdate(day), kind)
		for school, day, kind in (
			frappe.qb.from_(incident)
			.select(incident.school, incident.incident_date, incident.category)
			.where(incident.school.isin(schools))
			.where(incident.incident_date[year.start : year.end])
		).run()
	]
	return school_rows, dossiers, contacts, terms, incidents


def board_view(user: str) -> bool:
	"""Whether ``user`` sees the board's own figures (suspicions about staff)."""
	return user == "Administrator" or holds_board_role(user)


def read_events(
	year: figures.SchoolYear, schools: list[str], board: bool
) -> dict[str, list[tuple[str, object]]]:
	"""(kind, date) per school of the protocols' records of seed 003: measures by their first day,
	serious incidents by their date and, for the board only, suspicions about staff."""
	events = {}
	queries = [
		("Meldcode Exclusion", "start_date", "measure", {}),
		("Safety Incident", "incident_date", None, {"calamity": 1}),
	]
	if board:
		queries.append(("Meldcode Staff Report", "received_on", None, {}))
	kinds = {"Safety Incident": "calamities", "Meldcode Staff Report": "staff_reports"}
	for doctype, day_field, kind_field, filters in queries:
		rows = frappe.get_all(
			doctype,
			filters={"school": ("in", schools), day_field: ("between", [year.start, year.end]), **filters},
			fields=["school", day_field, kind_field or "name"],
			as_list=True,
		)
		for school, day, kind in rows:
			label = f"measure:{kind}" if kind_field else kinds[doctype]
			events.setdefault(school, []).append((label, getdate(day)))
	return events


def read_protocol_runs(
	year: figures.SchoolYear, names: list[str], user: str
) -> tuple[list[str], list[figures.ProtocolRun]]:
	"""The protocols and the runs of them started in the year, without text or name. A report of
	unwanted behaviour towards a professional counts in the board's view only, like a suspicion
	about staff: the school's case team does not read those runs."""
	board = board_view(user)
	protocol_filters = {} if board else {"kind": ("!=", UNWANTED_BEHAVIOUR)}
	protocols = frappe.get_all(
		"Meldcode Protocol", filters=protocol_filters, pluck="name", order_by="name asc"
	)
	run, step = frappe.qb.DocType("Meldcode Protocol Run"), frappe.qb.DocType("Meldcode Protocol Run Step")
	query = (
		frappe.qb.from_(run)
		.left_join(step)
		.on((step.parent == run.name) & (step.parenttype == "Meldcode Protocol Run"))
		.select(
			run.name,
			run.protocol,
			run.school,
			run.started_on,
			step.number,
			step.idx,
			step.due_date,
			step.done_on,
		)
		.where(run.school.isin(names or [""]))
		.where(run.started_on[year.start : year.end])
		.orderby(run.name)
		.orderby(step.idx)
	)
	if not board:
		query = query.where(run.kind != UNWANTED_BEHAVIOUR)
	runs = {}
	for name, protocol, school, started_on, number, idx, due, done_on in query.run():
		entry = runs.setdefault(name, (protocol, school, getdate(started_on), []))
		if idx is not None:
			entry[3].append(
				(number or str(idx), getdate(due) if due else None, getdate(done_on) if done_on else None)
			)
	return protocols, [
		figures.ProtocolRun(p, s, started, tuple(steps)) for p, s, started, steps in runs.values()
	]


# What a school wrote in its Rapportage Meldcode, read again before the board gets it.
WRITTEN = (
	"subject_detail",
	"description",
	"involved_note",
	"external_organisations",
	"knelpunten",
	"remarks",
)


def read_reports(year: figures.SchoolYear, schools: list[str]) -> list[dict]:
	report = frappe.qb.DocType("Meldcode Monitoring Report")
	activity = frappe.qb.DocType("Meldcode Monitoring Activity")
	rows = (
		frappe.qb.from_(report)
		.select(
			report.name,
			report.school,
			report.report_date,
			report.subject,
			report.subject_detail,
			report.description,
			report.public_unrest,
			report.involved_pupils,
			report.involved_parents,
			report.involved_organisations,
			report.involved_note,
			report.melding_made,
			report.informing_needed,
			report.external_organisations,
			report.knelpunten,
			report.remarks,
		)
		.where(report.school.isin(schools))
		.where(report.report_date[year.start : year.end])
		.orderby(report.report_date)
	).run(as_dict=True)
	activities = {}
	if rows:
		for parent, name, times in (
			frappe.qb.from_(activity)
			.select(activity.parent, activity.activity, activity.times)
			.where(activity.parenttype == "Meldcode Monitoring Report")
			.where(activity.parent.isin([r.name for r in rows]))
			.orderby(activity.idx)
		).run():
			activities.setdefault(parent, []).append(f"{name} ({times or 0}x)")
	pupils = {}
	for row in rows:
		# as the school's case records stand now: a pupil whose case began after the report was
		# written, or a spelling a later check knows, is not shown (round 203)
		if row.school not in pupils:
			pupils[row.school] = pupils_of(row.school)
		known = pupils[row.school]
		for field in WRITTEN:
			if identifies(row[field], known):
				row[field] = _("(withheld: it identifies a pupil)")
		activities[row.name] = [
			_("(withheld: it identifies a pupil)") if identifies(text, known) else text
			for text in activities.get(row.name, [])
		]
		row.report_date = getdate(row.report_date)
		involved = [
			_(label)
			for field, label in (
				("involved_pupils", "Pupils"),
				("involved_parents", "Parents or Carers"),
				("involved_organisations", "Other Organisations"),
			)
			if row.pop(field)
		]
		row.involved = "; ".join(filter(None, [", ".join(involved), row.pop("involved_note")]))
		row.activities = "; ".join(activities.get(row.pop("name"), []))
	return rows


def export_in_background(year: int, school: str | None, user: str):
	frappe.set_user(user)
	url = export(year, school, progress=True)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"subject": _("The Meldcode figures of {0} are ready: {1}").format(year, url),
			"link": url,
		}
	).insert(ignore_permissions=True)


def yearly_bundle(year: int, school: str | None = None) -> str:
	"""Per school the Rapportage Meldcode and the incidents of a school year, as a private PDF.
	The school's case team gets the incident register itself; the board the incidents counted
	per kind, hidden as in the workbook (DOMAIN 4.4, 4.5, 7.10)."""
	user = frappe.session.user
	allowed = allowed_schools(user)
	if school and school not in allowed or not allowed:
		frappe.throw(_("You may not export the figures of this school."), frappe.PermissionError)
	school_year = figures.SchoolYear.starting(int(year))
	refuse_unpublished(school_year, allowed, user)
	case_team = set(scope_of(user).case_team_schools) if user != "Administrator" else set(allowed)
	figures_of_year = publication(school_year, allowed, user)
	bundled = [school] if school else allowed
	reports = read_reports(school_year, bundled)
	sections = []
	with in_dutch():
		header = [_(label) for _key, label, _w in figures.REPORT_COLUMNS]
		names = {name: title for name, title, _brin in figures_of_year.schools}
		for name, title, _brin in figures_of_year.schools:
			if name not in bundled:
				continue
			register = None
			if name in case_team:
				register = frappe.get_all(
					"Safety Incident",
					filters={
						"school": name,
						"incident_date": ("between", [school_year.start, school_year.end]),
					},
					fields=[
						"incident_date",
						"location",
						"category",
						"flag",
						"description",
						"reported_by",
						"involved",
					],
					order_by="incident_date asc, creation asc",
				)
			sections.append(
				{
					"title": title,
					"reports": [
						list(zip(header, figures.report_values(r, names, _), strict=True))
						for r in reports
						if r["school"] == name
					],
					"register": register,
					"counts": list(
						zip(
							[_(c.label) for c in figures.INCIDENT_COLUMNS],
							figures_of_year.row(name, figures.INCIDENT_COLUMNS),
							strict=True,
						)
					),
				}
			)
		html = frappe.render_template(
			"templates/meldcode/yearly_bundle.html",
			{
				"ctx": {**meldcode_print_context(frappe._dict()), "reference": school_year.label},
				"year_label": school_year.label,
				"schools": sections,
			},
		)
	url = keep("Yearly Bundle", school_year, school, "jaarbundel-meldcode", "pdf", get_pdf(html))
	make_access_log(
		report_name="Meldcode Yearly Bundle",
		file_type="PDF",
		filters=frappe.as_json({"year": year, "school": school}),
	)
	return url
