"""Query fragments are data: field names pass, SQL does not, however it is spaced or commented."""

import json

import pytest

from meldcode_app.rules.errors import RuleViolation
from meldcode_app.rules.query_fragments import fragments_reached, stored_fragments_reached

GET_LIST = "frappe.client.get_list"


@pytest.mark.parametrize(
	"arguments",
	[
		# What Frappe's desk sends: list and report views, counts, sidebars, link search.
		{"fields": json.dumps(["`tabMeldcode Dossier`.`name`", "`tabMeldcode Dossier`.`_assign`"])},
		{"fields": '["name", "workflow_state as state", "count(*) as count"]'},
		{"fields": "name, pupil_name"},
		{"fields": "*"},
		{"fields": ["count(distinct `tabToDo`.`name`) as total_count", "sum(`tabToDo`.`idx`)"]},
		{"fields": ["items.item_code", "`tabSales Invoice Item`.`qty` as `Aantal`"]},
		{"order_by": "`tabMeldcode Dossier`.`modified` desc, name ASC"},
		{"order_by": "_aggregate_column desc"},
		{"group_by": "`tabMeldcode Dossier`.`workflow_state`"},
		{"filters": json.dumps([["Meldcode Dossier", "school", "=", "99AA"], ["name", "like", "%(select%"]])},
		{"filters": {"school": "99AA", "status": ["not in", ["Closed", "(select 1)"]]}},
		{"filters": ["name", "=", "MD-0001"]},
		{"or_filters": "[]"},
		{"sort_field": "modified", "sort_order": "desc"},
		{"filters": "Company A"},  # a report's own argument, not a query filter
		{"pluck": "name", "distinct": "1", "join": "left join", "with_childnames": True},
		{
			"aggregate_on_doctype": "Meldcode Dossier Term",
			"aggregate_on_field": "idx",
			"aggregate_function": "sum",
		},
	],
)
def test_field_names_pass(arguments):
	fragments_reached(GET_LIST, arguments)


WHITESPACE = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "/**/", "/*!*/"]


@pytest.mark.parametrize("space", WHITESPACE)
@pytest.mark.parametrize(
	"argument, template",
	[
		("fields", '["(select{s}group_concat(name){s}from{s}`tabMeldcode Dossier`){s}as{s}p"]'),
		("fields", '["name,{s}(select{s}1)"]'),
		("fields", '["sleep(1)"]'),
		("fields", '["version()"]'),
		("fields", '["@@version"]'),
		("fields", '["name{s}--"]'),
		("fields", '["count(*){s}from{s}x"]'),
		("fields", '["`tabVersion`.`data`{s}as{s}x,(select{s}1)"]'),
		("order_by", "(select{s}1)"),
		("order_by", "name{s}desc,{s}if(1,sleep(1),1)"),
		("group_by", "name{s}having{s}1=1"),
		("filters", '[["Meldcode Dossier","(select{s}1)","=","x"]]'),
		("filters", '[["ifnull((select{s}1),0)","=","x"]]'),
		("filters", '{{"name`{s}or{s}1=1#": "x"}}'),
		("filters", '[["Meldcode`{s}Dossier", "name", "=", "x"]]'),
		("or_filters", '[["name){s}or{s}(1", "=", "x"]]'),
		("sort_order", "desc,{s}(select{s}1)"),
		("sort_field", "modified`{s}desc"),
		("pluck", "name`{s}from{s}`tabToDo`{s}union{s}select{s}`name"),
		("aggregate_on_field", "name`)+(select{s}1"),
		("aggregate_on_doctype", "ToDo`{s}join{s}`tabVersion"),
		("aggregate_function", "group_concat"),
		("join", "left{s}join{s}(select{s}1){s}x{s}on{s}1=1{s}left{s}join"),
		("distinct", "1,{s}(select{s}1)"),
	],
)
def test_sql_is_refused_however_it_is_spaced(argument, template, space):
	with pytest.raises(RuleViolation):
		fragments_reached(GET_LIST, {argument: template.format(s=space)})


@pytest.mark.parametrize(
	"method, arguments",
	[
		("frappe.client.get_value", {"fieldname": "(select 1)"}),
		("frappe.client.get_value", {"fieldname": '["name", "version()"]'}),
		("frappe.desk.listview.get_group_by_count", {"field": "pupil_name` as x, (select 1) as `y"}),
		("frappe.desk.search.search_link", {"searchfield": "name)||(select 1"}),
		(
			"frappe.desk.doctype.number_card.number_card.get_result",
			{"doc": json.dumps({"function": "Sum", "aggregate_function_based_on": "(select 1)"})},
		),
		(
			"frappe.desk.doctype.number_card.number_card.get_result",
			{"doc": json.dumps({"function": "sleep"})},
		),
		(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			{"chart": json.dumps({"group_by_based_on": "concat(pupil_name)"})},
		),
		(
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			{"chart": json.dumps({"filters_json": '[["(select 1)", "=", 1]]'})},
		),
	],
)
def test_each_doors_own_fragments(method, arguments):
	with pytest.raises(RuleViolation):
		fragments_reached(method, arguments)


def test_a_field_argument_is_only_a_fragment_where_a_method_takes_it_so():
	fragments_reached("erpnext.some.method", {"field": "Any words, even (these)"})
	fragments_reached(
		"frappe.desk.doctype.number_card.number_card.get_result",
		{"doc": json.dumps({"function": "Count", "document_type": "ToDo"})},
	)


def test_what_the_fragments_reach():
	reached = fragments_reached(
		GET_LIST,
		{
			"fields": '["`tabMeldcode Dossier Term`.`due_date`", "terms.term", "count(`tabX Y`.`name`)"]',
			"filters": '[["Meldcode Dossier", "school", "=", "99AA"]]',
		},
	)
	assert reached.tables == {"Meldcode Dossier Term", "X Y"}
	assert reached.qualifiers == {"terms"}
	assert reached.doctypes == {"Meldcode Dossier"}


# A Report Builder report as the desk saves it (frappe/public/js/frappe/views/reports/report_view.js).
DESK_REPORT = {
	"filters": [["ToDo", "status", "=", "Open", False]],
	"fields": [["name", "ToDo"], ["description", "ToDo"], ["item_code", "Sales Invoice Item"]],
	"order_by": "`tabToDo`.`modified` desc",
	"add_totals_row": 0,
	"page_length": 20,
	"column_widths": {"name": 120},
	"group_by": {
		"group_by": "`tabToDo`.`status`",
		"aggregate_function": "sum",
		"aggregate_on": "`tabToDo`.`idx`",
	},
	"chart_args": {"chart_type": "bar", "x_axis": "status", "y_axes": ["idx"]},
}


@pytest.mark.parametrize(
	("doctype", "values"),
	[
		("Report", {"json": json.dumps(DESK_REPORT)}),
		# an older Report Builder report of an app: columns and a sort as "DocType.field"
		(
			"Report",
			{"json": '{"columns": [["name", "Item"]], "sort_by": "Item.modified", "sort_order": "desc"}'},
		),
		("Report", {"json": None}),
		# a query report's "Save As": its own columns as the desk keeps them, and a column of a linked DocType
		(
			"Report",
			{
				"report_type": "Custom Report",
				"json": json.dumps(
					{
						"columns": [
							{"fieldname": "assigned_to/owner", "label": "Assigned To/Owner"},
							{
								"fieldname": "status-ToDo",
								"doctype": "ToDo",
								"link_field": {"fieldname": "id"},
							},
						],
						"filters": {"status": "Open"},
					}
				),
			},
		),
		("Report", {"report_type": "Script Report", "json": '{"anything": "(select 1)"}'}),
		(
			"Dashboard Chart",
			{
				"based_on": "creation",
				"group_by_based_on": "status",
				"aggregate_function_based_on": "idx",
				"filters_json": '[["ToDo","status","=","Open",false]]',
			},
		),
		(
			"Number Card",
			{
				"aggregate_function_based_on": "grand_total",
				"filters_json": "[]",
				"dynamic_filters_json": None,
			},
		),
		("Kanban Board", {"field_name": "status", "filters": '[["ToDo","owner","=","a@b.c"]]'}),
		(
			"Auto Email Report",
			{
				"filters": '{"company": "(select 1)", "from_date": "2026-01-01"}',
				"from_date_field": "creation",
			},
		),
	],
)
def test_what_the_desk_stores_passes(doctype, values):
	stored_fragments_reached(doctype, values)


@pytest.mark.parametrize(
	("doctype", "values"),
	[
		# round 51: a column that ends its quoted name, a chart's and a card's subquery
		(
			"Report",
			{"json": json.dumps({"fields": [["name` * 0 + (select 1 from `tabComment`) as `c0", "ToDo"]]})},
		),
		("Report", {"json": json.dumps({"fields": [["name", "ToDo`.`x`, (select 1) as `y"]]})}),
		("Report", {"json": json.dumps({"order_by": "(select 1 from tabSessions)"})}),
		("Report", {"json": json.dumps({"sort_by": "ToDo.name`, (select 1) `x", "sort_order": "desc"})}),
		("Report", {"json": json.dumps({"sort_by": "ToDo.name", "sort_order": "desc, (select 1)"})}),
		(
			"Report",
			{
				"json": json.dumps(
					{
						"group_by": {
							"group_by": "status",
							"aggregate_function": "sum",
							"aggregate_on": "(select 1)",
						}
					}
				)
			},
		),
		(
			"Report",
			{
				"json": json.dumps(
					{"group_by": {"group_by": "status", "aggregate_function": "sleep", "aggregate_on": "idx"}}
				)
			},
		),
		("Report", {"json": json.dumps({"filters": [["ToDo", "(select 1)", "=", "x"]]})}),
		("Report", {"json": "[1]"}),
		# round 52: a Custom Report's column of another DocType is read by its field name
		(
			"Report",
			{
				"report_type": "Custom Report",
				"json": json.dumps(
					{
						"columns": [
							{
								"fieldname": "(select\tgroup_concat(pupil_name)\tfrom\tx)",
								"doctype": "User",
								"link_field": {"fieldname": "owner"},
							}
						]
					}
				),
			},
		),
		(
			"Report",
			{
				"report_type": "Custom Report",
				"json": json.dumps({"columns": [{"fieldname": "name", "doctype": "User`, (select 1) `x"}]}),
			},
		),
		("Report", {"report_type": "Custom Report", "json": json.dumps({"columns": "name"})}),
		(
			"Dashboard Chart",
			{
				"aggregate_function_based_on": "(select conv(hex(mid(group_concat(content),1,6)),16,10)*1 from tabComment)"
			},
		),
		("Number Card", {"aggregate_function_based_on": "idx) + (select 1"}),
		("Number Card", {"filters_json": '[["ToDo", "name` or 1 -- ", "=", "x"]]'}),
		("Kanban Board", {"field_name": "status`, (select 1) `x"}),
		("Auto Email Report", {"filters": '{"status`=1 or (select 1) or `x": "Open"}'}),
		("Auto Email Report", {"from_date_field": "creation` > 0 or (select 1) or `x"}),
	],
)
def test_sql_stored_for_later_is_refused(doctype, values):
	with pytest.raises(RuleViolation):
		stored_fragments_reached(doctype, values)


def test_a_stored_report_reaches_its_columns_tables():
	reached = stored_fragments_reached("Report", {"json": json.dumps(DESK_REPORT)})
	assert reached.tables == {"ToDo", "Sales Invoice Item"}


def test_a_custom_report_reaches_its_columns_doctypes():
	report = {
		"report_type": "Custom Report",
		"json": json.dumps(
			{"columns": [{"fieldname": "situation", "doctype": "Meldcode Signal", "link_field": "signal"}]}
		),
	}
	assert stored_fragments_reached("Report", report).doctypes == {"Meldcode Signal"}


def test_a_custom_reports_column_has_no_click_handler():
	"""Round 184: the desk writes a column's link_onclick into onclick="…" of each of its links."""
	column = {"fieldname": "school", "label": "School", "fieldtype": "Link", "options": "Meldcode School"}
	report = {"report_type": "Custom Report", "json": json.dumps({"columns": [column]})}
	assert stored_fragments_reached("Report", report).doctypes == set()  # the control
	clicked = {**column, "link_onclick": "alert(document.domain)"}
	with pytest.raises(RuleViolation):
		stored_fragments_reached("Report", {**report, "json": json.dumps({"columns": [clicked]})})


def test_unsaved_custom_columns_are_judged_where_the_desk_posts_them():
	columns = json.dumps(
		[{"fieldname": "name`, (select 1) `x", "doctype": "User", "link_field": {"fieldname": "owner"}}]
	)
	with pytest.raises(RuleViolation):
		fragments_reached("frappe.desk.query_report.run", {"custom_columns": columns})
	with pytest.raises(RuleViolation):  # Frappe's save_report pastes two texts that are no JSON alone
		fragments_reached(
			"frappe.desk.query_report.save_report", {"columns": '[{"fieldname":"x"}],"y":{"z":1'}
		)
	fragments_reached(
		"frappe.desk.query_report.run",
		{
			"custom_columns": json.dumps(
				[{"fieldname": "status", "doctype": "ToDo", "link_field": {"fieldname": "id"}}]
			)
		},
	)


@pytest.mark.parametrize(
	"condition",
	[
		# round 144: a web form's condition read a case ToDo's text through the form's redirect
		[
			[
				"ifnull(locate('GEHEIM-B',`tabToDo`.`description`),0)>0 || ifnull(`tabToDo`.`name`,'')",
				"=",
				"zz",
			]
		],
		["`tabToDo`.`description` like '%GEHEIM%'"],  # a filter as text: Frappe pastes it as it is
		[["1 = 1 or name", "=", "x"], "status = 'Open'"],
		"status = 'Open'",
	],
)
def test_a_web_forms_condition_is_field_names_only(condition):
	with pytest.raises(RuleViolation):
		stored_fragments_reached("Web Form", {"condition_json": json.dumps(condition)})


def test_a_web_forms_plain_condition_is_kept():
	for condition in ([["status", "=", "Open"]], {"status": "Open"}, [["ToDo", "status", "=", "Open"]], []):
		stored_fragments_reached("Web Form", {"condition_json": json.dumps(condition)})


def test_a_filter_field_is_a_field_as_frappes_own_code_writes_one():
	from meldcode_app.rules.query_fragments import a_filter_field

	for field in (
		"status",
		"`parent_task`",
		"`tabSales Invoice`.`customer`",
		"ifnull(restrict_to_domain, '')",
		'ifnull(`parent_task`, "")',
		"ifnull(is_stock_item, 0)",
		"ifnull(end_of_life, '3099-12-31')",
	):
		assert a_filter_field(field), field
	for field in (
		# rounds 141 and 144: what Frappe's check of a few words let through
		"ifnull(extractvalue(1,(/*!select*/concat(0x7e,content)from tabComment limit 1)),1)",
		"ifnull(locate('GEHEIM-B',`tabToDo`.`description`),0)>0 || ifnull(`tabToDo`.`name`,'')",
		"ifnull(name, '') || 1",
		"status = 'Open'",
		"`tabToDo`.`name` or 1",
	):
		assert not a_filter_field(field), field
