"""Query fragments are data, not SQL (DOMAIN 7.5).

Frappe builds SQL from what a request passes as `fields`, `filters`, `order_by`, `group_by` and a
few more, and older v15 releases let a subquery through there (one written with tabs passed their
check). This module accepts only what Frappe's own desk sends: field names, plain or qualified by a
table (```tabX`.`f` ``) or by a link or table field (``items.item_code``), ``*``, the aggregates
count, sum, avg, min and max of one field, an alias, and asc/desc. Anything else is refused,
whatever the DocType. What it returns tells the caller which tables and link fields a request
reaches, so it can check they belong to the DocType being read."""

import json
import re
from dataclasses import dataclass

from meldcode_app.rules.errors import RuleViolation, _

_IDENT = r"[A-Za-z0-9_]+"
_TABLE = r"`tab[\w -]+`|tab\w+"
_COLUMN = rf"{_IDENT}|`{_IDENT}`|\*"
_REF = rf"(?:(?P<{{q}}>{_TABLE}|{_IDENT}|`{_IDENT}`)\.)?(?:{_COLUMN})"
_ALIAS = rf"(?: +as +(?:{_IDENT}|`[A-Za-z0-9_ ]+`))?"
_AGGREGATE = r"count|sum|avg|min|max"

FIELD = re.compile(
	rf"^(?:(?:distinct +)?{_REF.format(q='plain')}"
	rf"|(?:{_AGGREGATE}) *\( *(?:distinct +)?(?:{_REF.format(q='inner')}) *\)){_ALIAS}$",
	re.IGNORECASE,
)
ORDER = re.compile(
	rf"^(?:{_REF.format(q='plain')}|(?:{_AGGREGATE}) *\( *(?:{_REF.format(q='inner')}) *\))(?: +(?:asc|desc))?$",
	re.IGNORECASE,
)
GROUP = re.compile(rf"^{_REF.format(q='plain')}$", re.IGNORECASE)
REFERENCE = GROUP
DIRECTION = re.compile(r"^(?:asc|desc)$", re.IGNORECASE)
DOCTYPE_NAME = re.compile(r"^[\w -]+$")

# Arguments that are query fragments in every Frappe method that takes them.
FRAGMENT_ARGUMENTS = {
	"fields": "fields",
	"filters": "filters",
	"or_filters": "filters",
	"order_by": "order",
	"group_by": "group",
	"sort_by": "reference",
	"sort_field": "reference",
	"sort_order": "direction",
	"pluck": "reference",
	"aggregate_on_field": "reference",
	"aggregate_on_doctype": "table",
	"aggregate_function": "aggregate",
	"join": "join",
	"distinct": "flag",
	"with_childnames": "flag",
}
JOINS = ("left join", "inner join", "join")
AGGREGATES = ("count", "sum", "avg")
# Arguments that are query fragments in one method only; for these methods, JSON documents whose
# keys are fragments (a chart or number card posted from the desk).
METHOD_FRAGMENTS = {
	"frappe.client.get_value": {"fieldname": "fields"},
	"frappe.desk.listview.get_group_by_count": {"field": "reference"},
	"frappe.desk.reportview.get_stats": {"stats": "fields"},
	"frappe.desk.reportview.get_sidebar_stats": {"stats": "fields"},
	"frappe.desk.search.search_link": {"searchfield": "reference"},
	"frappe.desk.search.search_widget": {"searchfield": "reference"},
	"frappe.desk.query_report.run": {"custom_columns": "custom columns"},
	"frappe.desk.query_report.save_report": {"columns": "custom columns"},
}
CHART_FRAGMENTS = {
	"based_on": "reference",
	"value_based_on": "reference",
	"group_by_based_on": "reference",
	"aggregate_function_based_on": "reference",
	"filters_json": "filters",
	"dynamic_filters_json": "filters",
}
DOCUMENT_FRAGMENTS = {
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": ("chart", CHART_FRAGMENTS),
	"frappe.desk.doctype.number_card.number_card.get_result": ("doc", CHART_FRAGMENTS),
	"frappe.desk.doctype.number_card.number_card.get_percentage_difference": ("doc", CHART_FRAGMENTS),
}


@dataclass
class Reached:
	"""What a request's fragments reach besides the DocType's own columns."""

	tables: set[str]  # DocTypes named as `tabX`
	qualifiers: set[str]  # link or table fields of the DocType read (``items`` in items.item_code)
	doctypes: set[str]  # DocTypes named as a filter's first element


def refused(argument: str, value) -> RuleViolation:
	return RuleViolation(
		_("Only field names are accepted in {0}, not {1}."), argument, json.dumps(value, default=str)[:80]
	)


def _parsed(value):
	if isinstance(value, str) and value.strip()[:1] in "[{":
		try:
			return json.loads(value, strict=False)
		except ValueError:
			return value
	return value


def _note(match: re.Match, reached: Reached) -> None:
	for group in ("plain", "inner"):
		qualifier = match.groupdict().get(group)
		if not qualifier:
			continue
		qualifier = qualifier.strip("`")
		if qualifier.lower().startswith("tab"):
			reached.tables.add(qualifier[3:])
		else:
			reached.qualifiers.add(qualifier)


def _expressions(argument: str, value, pattern: re.Pattern, reached: Reached, split: bool) -> None:
	value = _parsed(value)
	if isinstance(value, str):
		items = value.split(",") if split else [value]
	elif isinstance(value, list | tuple):
		items = value
	else:
		raise refused(argument, value)
	for item in items:
		if isinstance(item, dict):  # {"child_table": ["field", ...]}
			for key, inner in item.items():
				_expressions(argument, key, REFERENCE, reached, False)
				_expressions(argument, inner, pattern, reached, True)
			continue
		if not isinstance(item, str):
			raise refused(argument, item)
		if not item.strip():
			continue
		match = pattern.match(item.strip())
		if not match:
			raise refused(argument, item)
		_note(match, reached)


def _filters(argument: str, value, reached: Reached) -> None:
	value = _parsed(value)
	if value is None or isinstance(value, str | int | float | bool):
		return  # not a filter Frappe's query builder takes (a report's own argument)
	if isinstance(value, dict):
		for key in value:
			_expressions(argument, key, REFERENCE, reached, False)
		return
	if not isinstance(value, list | tuple):
		raise refused(argument, value)
	rows = [value] if value and all(not isinstance(v, list | tuple | dict) for v in value[:2]) else value
	for row in rows:
		if isinstance(row, dict):
			_filters(argument, row, reached)
		elif isinstance(row, list | tuple) and len(row) >= 3:
			if len(row) > 3:
				doctype = row[0]
				if not isinstance(doctype, str) or not DOCTYPE_NAME.match(doctype):
					raise refused(argument, row)
				reached.doctypes.add(doctype.strip())
			_expressions(argument, row[1] if len(row) > 3 else row[0], REFERENCE, reached, False)
		elif isinstance(row, list | tuple) and len(row) < 3 and not all(isinstance(v, str) for v in row):
			raise refused(argument, row)


def check_fragment(argument: str, kind: str, value, reached: Reached) -> None:
	if value is None or value == "":
		return
	if kind == "fields":
		_expressions(argument, value, FIELD, reached, True)
	elif kind == "order":
		_expressions(argument, value, ORDER, reached, True)
	elif kind == "group":
		_expressions(argument, value, GROUP, reached, True)
	elif kind == "reference":
		_expressions(argument, value, REFERENCE, reached, False)
	elif kind == "direction":
		if not isinstance(value, str) or not DIRECTION.match(value.strip()):
			raise refused(argument, value)
	elif kind == "table":  # a DocType whose table the query joins
		if not isinstance(value, str) or not DOCTYPE_NAME.match(value):
			raise refused(argument, value)
		reached.tables.add(value.strip())
	elif kind == "custom columns":
		custom_report_columns(argument, value, reached)
	elif kind in ("aggregate", "join", "flag"):
		allowed = {"aggregate": AGGREGATES, "join": JOINS, "flag": ("0", "1", "true", "false")}[kind]
		if str(value).strip().lower() not in allowed:
			raise refused(argument, value)
	elif kind == "stored filters":
		_stored_filters(argument, value, reached)
	else:
		_filters(argument, value, reached)


def _stored_filters(argument: str, value, reached: Reached) -> None:
	"""Filters a record keeps: as a request's, and no row that is a piece of SQL itself (Frappe
	pastes a filter given as text into its query as it is)."""
	parsed = _parsed(value)
	if isinstance(parsed, str | int | float | bool):
		raise refused(argument, value)
	flat = isinstance(parsed, list | tuple) and parsed and not isinstance(parsed[0], list | tuple | dict)
	rows = [parsed] if flat else parsed if isinstance(parsed, list | tuple) else []
	if any(
		not isinstance(row, list | tuple | dict) or (not isinstance(row, dict) and len(row) < 3)
		for row in rows
	):
		raise refused(argument, value)
	_filters(argument, parsed, reached)


def fragments_reached(method: str, arguments: dict) -> Reached:
	"""Checks every query fragment a call of ``method`` with ``arguments`` passes, and returns
	what they reach; raises RuleViolation for anything but field names."""
	reached = Reached(set(), set(), set())
	kinds = FRAGMENT_ARGUMENTS | METHOD_FRAGMENTS.get(method, {})
	for argument, kind in kinds.items():
		if argument in arguments:
			check_fragment(argument, kind, arguments[argument], reached)
	if method in DOCUMENT_FRAGMENTS:
		argument, document_kinds = DOCUMENT_FRAGMENTS[method]
		document = _parsed(arguments.get(argument))
		if isinstance(document, dict):
			for key, kind in document_kinds.items():
				check_fragment(f"{argument}.{key}", kind, document.get(key), reached)
			if document.get("function") not in (None, "Count", "Sum", "Average", "Minimum", "Maximum"):
				raise refused(f"{argument}.function", document.get("function"))
		elif document not in (None, ""):
			raise refused(argument, document)
	return reached


# What a saved record keeps for Frappe to run later as SQL, in a request that carries none of it:
# a chart's or card's expression with a subquery read comments and sessions six bytes a chart, a
# Report Builder report's column ended its quoted name (round 51). Judged when saved, as a request
# is judged.
STORED_FRAGMENTS = {
	"Dashboard Chart": CHART_FRAGMENTS,
	"Number Card": CHART_FRAGMENTS,
	"Kanban Board": {"field_name": "reference", "filters": "filters"},
	"Auto Email Report": {"filters": "filters", "from_date_field": "reference", "to_date_field": "reference"},
	"Report": {},  # a Report Builder report's json: report_settings()
	# its condition, run for every visitor with their own filter beside it (round 144)
	"Web Form": {"condition_json": "stored filters"},
}
# Where the tables and link fields a query reaches are not its DocType's (access/request_guard.py).
NO_DOCTYPE = _("A table or link in a query needs the DocType it is read from.")
NOT_ITS_TABLE = _("{0} is not a table of {1}.")
REPORT_SETTINGS = {"filters": "filters", "order_by": "order", "sort_order": "direction"}
COLUMN_NAME = re.compile(rf"^{_IDENT}$")


def stored_fragments_reached(doctype: str, values: dict) -> Reached:
	"""Checks the query fragments a saved chart, card, board, report or e-mailed report keeps, and
	returns what they reach; raises RuleViolation for anything but field names."""
	reached = Reached(set(), set(), set())
	for field, kind in STORED_FRAGMENTS.get(doctype, {}).items():
		check_fragment(field, kind, values.get(field), reached)
	if doctype == "Report" and values.get("json"):
		if values.get("report_type") in (None, "Report Builder"):
			report_settings(_parsed(values["json"]), reached)
		elif values.get("report_type") == "Custom Report":
			settings = _parsed(values["json"])
			if not isinstance(settings, dict):
				raise refused("json", settings)
			custom_report_columns("json.columns", settings.get("columns"), reached)
	return reached


def custom_report_columns(argument: str, columns, reached: Reached) -> None:
	"""A query report's columns as a Custom Report keeps them (its "Save As") and as the desk posts
	them unsaved: Frappe reads a column of another DocType by its field name, pasted into the query
	(query_report.get_data_for_custom_field; a saved subquery read the dossiers, round 52)."""
	columns = _parsed(columns)
	if columns is None or columns == "":
		return
	if not isinstance(columns, list):
		raise refused(argument, columns)
	for column in columns:
		if not isinstance(column, dict) or "link_onclick" in column:
			# the desk writes a column's link_onclick into onclick="…" of each of its links (round 184)
			raise refused(argument, column)
		if column.get("doctype") is None and column.get("link_field") is None:
			continue  # one of the report's own columns, which its code fills
		fieldname, doctype = column.get("fieldname"), column.get("doctype")
		if not (isinstance(fieldname, str) and COLUMN_NAME.match(fieldname.split("-")[0])):
			raise refused(argument, column)
		if not (isinstance(doctype, str) and DOCTYPE_NAME.match(doctype)):
			raise refused(argument, column)
		reached.doctypes.add(doctype.strip())


def report_settings(settings, reached: Reached) -> None:
	"""A Report Builder report's settings, as Frappe's Report.run_standard_report pastes them:
	columns and sorts as "`tab{doctype}`.`{field}`", the group by's function around its field."""
	if not isinstance(settings, dict):
		raise refused("json", settings)
	for key, kind in REPORT_SETTINGS.items():
		check_fragment(f"json.{key}", kind, settings.get(key), reached)
	for key in ("fields", "columns"):
		columns = settings.get(key) or []
		if not isinstance(columns, list):
			raise refused(f"json.{key}", columns)
		for column in columns:
			_column(f"json.{key}", column, reached)
	for key in ("sort_by", "sort_by_next"):
		if settings.get(key):
			sort = settings[key]
			_column(f"json.{key}", sort.split(".") if isinstance(sort, str) else sort, reached, reverse=True)
	check_fragment("json.sort_order_next", "direction", settings.get("sort_order_next"), reached)
	group = settings.get("group_by")
	if group:
		if not isinstance(group, dict):
			raise refused("json.group_by", group)
		check_fragment("json.group_by.group_by", "group", group.get("group_by"), reached)
		check_fragment(
			"json.group_by.aggregate_function", "aggregate", group.get("aggregate_function"), reached
		)
		check_fragment("json.group_by.aggregate_on", "reference", group.get("aggregate_on"), reached)


def _column(argument: str, column, reached: Reached, reverse: bool = False) -> None:
	"""A [field, DocType] pair (a sort's "DocType.field" when ``reverse``)."""
	if not (
		isinstance(column, list | tuple) and len(column) == 2 and all(isinstance(p, str) for p in column)
	):
		raise refused(argument, column)
	doctype, field = column if reverse else reversed(column)
	if not (COLUMN_NAME.match(field) and DOCTYPE_NAME.match(doctype)):
		raise refused(argument, column)
	reached.tables.add(doctype.strip())


# A filter's field as Frappe's, ERPNext's and Education's own code writes one: a field's name,
# quoted, with its table, or in ifnull with a literal ("ifnull(restrict_to_domain, '')"). Frappe
# pastes a field holding "ifnull(" into its query as it is, after a check of a few words: a
# Notification's date field and a web form's condition read a case's comments and ToDos (rounds
# 141, 144).
_FILTER_COLUMN = r"(?:`?[A-Za-z0-9_]+`?|`tab[^`]+`\.`[A-Za-z0-9_]+`)"
_FILTER_LITERAL = r"""(?:'[^'\\]*'|"[^"\\]*"|-?\d+(?:\.\d+)?)"""
FILTER_FIELD = re.compile(
	rf"^(?:{_FILTER_COLUMN}|ifnull\(\s*{_FILTER_COLUMN}\s*,\s*{_FILTER_LITERAL}\s*\))$", re.IGNORECASE
)


def a_filter_field(value) -> bool:
	return bool(FILTER_FIELD.match(str(value).strip()))
