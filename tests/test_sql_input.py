import json

import pytest

from meldcode_app.rules.request_names import strings_in
from meldcode_app.rules.sql_input import (
	breaks_out,
	code_of,
	ends_a_name_when_pasted,
	hides_code_or_echoes_values,
	neutral_values,
	reaches,
	reads_logins_within_another_statement,
	runs_when_pasted,
	sql_sent,
)

INJECTED = "x' and extractvalue(1,concat(0x7e,(SELECT sid FROM `tabSessions` limit 1))) -- "


def test_sql_pasted_into_a_statement_is_found():
	statement = f"select a.name from `tabAsset` a where a.asset_category = '{INJECTED}'"
	assert reaches(statement, sql_sent(["Wind Power LLC", INJECTED]))


def test_comments_case_spacing_and_padding_do_not_hide_it():
	sent = "x' or (sElEcT/**/data/*!50000FROM*/tabVersion)>0 #"
	pasted = "select 1 from `tabAsset` where name = 'x' or (select data FROM\n tabVersion)>0 #'"
	assert reaches(pasted, sql_sent([sent]))
	padded = "' or 1=0 union/*" + "x" * 400 + "*/select sid from tabSessions #"
	assert reaches(f"select name from `tabAsset` where c = '{padded}'", sql_sent([padded]))


def test_an_injection_split_over_two_filters_is_found_by_its_quote():
	first, second = "x' and (select sid", " from tabSessions)) -- "
	statement = f"select name from `tabAsset` where category = '{first}' and b = '{second}'"
	assert reaches(statement, sql_sent([first, second]))


def test_the_same_text_as_a_parameter_or_ordinary_words_pass():
	escaped = (
		"select name from `tabNote` where title = 'x\\' and extractvalue(1,(select 1 from tabSessions)) -- '"
	)
	assert not reaches(escaped, sql_sent(["x and extractvalue(1,(select 1 from tabSessions)) -- "]))
	assert not reaches(
		"select name from `tabNote` where title = 'Rooster\\'s plan'", sql_sent(["Rooster's plan"])
	)
	words = sql_sent(["Kies een leerling uit de lijst", "select a table from the list", "sleep well"])
	assert not reaches("select name from `tabNote` where title like 'select a table from the list'", words)
	assert not sql_sent(["Kies een leerling uit de lijst", "sleep well"])


def test_a_value_that_ends_a_pasted_literal_is_found():
	"""Round 24: a pasted backslash ended the literal, and the next value, passed as a parameter, ran."""
	template = "select name from `tabAsset` where category = '\\' and finance_book = %s"
	payload = " or 1=0 union select sid from tabSessions #"
	filled = template % ("'" + payload.replace("'", "\\'") + "'")
	neutral = template % "''"
	assert breaks_out(filled, neutral)
	plain = "select name from `tabAsset` where category = 'Gebouwen' and finance_book = %s"
	assert not breaks_out(plain % "'x\\' or 1=1 -- '", plain % "''")


def test_code_keeps_executable_comments_and_drops_literals():
	assert code_of("select /*!50000 sid */ from t where a = 'b''c' -- x\n and d = \"e\\\"f\"") == (
		"select sid from t where a = '' and d = ''"
	)
	assert neutral_values({"a": "x", "b": (1, "y")}) == {"a": "", "b": (1, "")}


def test_line_comments_and_doubled_percent_signs_do_not_hide_it():
	"""Round 25: "union#<newline>select" and "%%" (turned into "%" by the driver) passed."""
	sent = (
		"x' group by a.c union#\nselect#\n a.c from (select#\n extractvalue#\n(1, (select#\n "
		'data from tabVersion where ref_doctype like "Meldcode S%%"))) a #%%'
	)
	statement = f"select a.c from `tabAsset` a where a.c = '{sent.replace('%%', '%')}' and company = 'W'"
	assert reaches(statement, sql_sent([sent]))
	dashed = "x' union-- \nselect sid from tabVersion -- "
	assert reaches(f"select 1 from t where c = '{dashed}'", sql_sent([dashed]))


def test_a_number_running_into_a_keyword_is_read_as_mariadb_reads_it():
	"""Round 26: "1e0from" and "1e0union" are a number, then the keyword."""
	sent = " -1e0union all select if(exists(select 1e0from tabSessions s),exp(710),0),0 #"
	statement = f"select a from t where c = ''{sent}'' and d = 1"
	assert reaches(statement, sql_sent([sent]))
	assert not sql_sent(["selection from the fromage", "reunion selected"]).queries


def test_a_placeholder_pasted_into_a_statement_is_found():
	"""Round 26: a pasted "%(finance_book)s" had the driver put the next filter's value in as code."""
	sent = sql_sent(["%(finance_book)s", " -1e0 or 1=1 #"])
	assert sent.pasted_placeholder("select a from t where c = '%(finance_book)s' and d = %(to_date)s", {})
	assert not sent.pasted_placeholder("select a from t where c = %(company)s", {})
	assert not sql_sent(["50% korting", "Sams plan"])


def test_a_search_with_percent_signs_is_no_placeholder():
	"""Frappe pastes a list's "like" filter as a literal: "%amsterdam%" starts with the conversion
	"%a", and the list's search was refused. Without values the driver fills in nothing, and a
	doubled "%" is a percent sign."""
	sent = sql_sent(["%amsterdam%", "%Groningen%"])
	assert sent.placeholders, "the probe: both hold a conversion"
	assert not sent.pasted_placeholder(
		"select name from `tabToDo` where description like '%amsterdam%'", None
	)
	assert not sent.pasted_placeholder(
		"select name from `tabToDo` where d like '%%groningen%%' and a = %s", ("x",)
	)
	assert sent.pasted_placeholder("select name from `tabToDo` where d like '%groningen%' and a = %s", ("x",))


def test_a_format_spec_that_splits_a_keyword_is_a_placeholder():
	"""Round 27: "sel%(company).0sect" is "select" once the driver fills it in (with nothing)."""
	sent = sql_sent(
		["x' uni%(company).0son sel%(company).0sect 1 fro%(company).0sm t where 'a'='a%(company).0s"]
	)
	assert sent.placeholders
	template = "select 1 from `tabAsset` a where c = 'x' uni%(company).0son sel%(company).0sect 1 fro%(company).0sm t"
	assert sent.pasted_placeholder(template, {"company": "x"})


def test_a_quote_inside_a_quoted_name_opens_no_literal():
	"""Round 27: `a'` hid the code between two quoted names as one literal."""
	assert "tabsessions" in code_of("select 0 as `a'`, (select sid from tabSessions) x, 0 as `b'` from t")


def test_a_lone_backslash_and_a_quoted_decoy_keyword_are_found():
	"""Round 28: from_date "\\" ended the literal, and to_date's decoy "union" hid its union."""
	from_date, to_date = "\\", 'and "union" union select 1, data from tabVersion where instr(data, "G") #'
	statement = f"select 1 from `tabFees` where posting_date between '{from_date}' and '{to_date}' group by 1"
	sent = sql_sent([from_date, to_date])
	assert reaches(statement, sent)
	assert any("union select" in piece for piece in sent.queries)


def test_a_list_pasted_by_python_is_read_as_pasted():
	"""Round 30: a report pasted from_date between quotes; sent as a JSON list, Python wrote it as
	['...', '...'], so its quotes ended the literal and its items ran as code. No item held a
	query and none a quote, and a "#" in another filter hid the whole JSON text's union."""
	filters = json.dumps(
		{
			"a": "#",
			"from_date": [
				"and 1 union /*",
				"*/ select 1, content as program, 1, 1 /*",
				"*/ from tabComment where 1=",
			],
			"to_date": "2026-12-31",
		}
	)
	from_date = str(json.loads(filters)["from_date"])
	statement = f"select 1 from `tabFees` where posting_date between '{from_date}' and '2026-12-31'"
	assert "tabcomment" in code_of(statement), "the probe: the list's items are code"
	items = sql_sent(json.loads(filters)["from_date"])
	assert not items.queries and not items.escapes, "no item on its own is SQL"
	assert reaches(
		statement, sql_sent([text for _key, text in strings_in({"filters": filters}, pasted=True)])
	)
	assert sql_sent([filters]).queries, "the whole text is read past its '#' too"
	# The positive control: an ordinary list of filters pasted the same way is no SQL.
	plain = {"filters": json.dumps({"company": ["Testschool", "De Linde"], "to_date": "2026-12-31"})}
	assert not sql_sent([text for _key, text in strings_in(plain, pasted=True)]).queries


def test_a_stored_text_that_runs_when_pasted_between_quotes_is_found():
	"""Round 31: a supplier's name that the supplier portal pasted into its SQL read a dossier's
	comments; a saved report's filter likewise. A quote in ordinary words only leaves a literal
	open, which breaks the statement without running anything."""
	assert runs_when_pasted("y' union select group_concat(content),1 from tabComment where 1=1#")
	assert runs_when_pasted("2100-01-01' union select 0, data from tabVersion where '1'='1")
	assert runs_when_pasted('x" union select sid from tabSessions #')
	for text in ("Don't select a date from the list", "O'Brien & O'Neil", "it's 5 o'clock", "De Linde"):
		assert not runs_when_pasted(text), text
	assert not runs_when_pasted("abc\\' union select 1 from t #"), "an escaped quote stays in the literal"


def test_a_stored_name_that_ends_a_quoted_name_when_pasted_is_found():
	"""A stored DocType or record name that an app pastes into `tab{name}`: ending the name and
	joining another table reads it on every run. A name with no backtick, or one whose backtick
	only leaves the name open or is followed by nothing that reads, stays a name."""
	assert ends_a_name_when_pasted("Comment` c join `tabSales Invoice` so on (1=1) -- ")
	assert ends_a_name_when_pasted("Comment`, `tabVersion")
	assert ends_a_name_when_pasted("Comment` where content like 0x25 #")
	for name in ("Sales Invoice", "De Linde", "Comment`", "Comment``s", "x` desc", "O'Brien"):
		assert not ends_a_name_when_pasted(name), name


def test_a_text_that_ends_a_quoted_name_is_found():
	"""Round 33: a report pasted a DocType into `tab{doctype}`; "Comment` so where …" ended the name
	and read the comments. Frappe's own field names stand as names, not inside one."""
	attack = "Comment` so where so.content like 0x25 -- "
	statement = f"select count(*) from `tabCustomer` c, `tab{attack}` so where so.name = c.name"
	assert reaches(statement, sql_sent([attack]))
	fields = ["`tabToDo`.`name`", "`tabToDo`.`modified` desc"]
	listed = "select `tabToDo`.`name` from `tabToDo` order by `tabToDo`.`modified` desc"
	assert not reaches(listed, sql_sent(fields)), "the desk's list sends its fields so"


# Frappe's own statements on the sessions and passwords (frappe/sessions.py, utils/password.py),
# as the query builder writes them, and the stored values of rounds 103-108 that read them.
FRAPPES_OWN = [
	"SELECT `sid` FROM `tabSessions` WHERE `user`=%(param1)s AND `sid`<>%(param2)s ORDER BY `lastupdate` DESC LIMIT 100 OFFSET 0",
	"SELECT `user` FROM `tabSessions` WHERE `sid`=%(param1)s",
	"SELECT `sid` FROM `tabSessions`",
	"DELETE FROM `tabSessions` WHERE `sid`=%(param1)s",
	"INSERT INTO `tabSessions` (`sessiondata`,`user`,`lastupdate`,`sid`,`status`) VALUES (%s,%s,NOW(),%s,'Active')",
	"UPDATE `tabSessions` SET `sessiondata`=%s,`lastupdate`=NOW() WHERE `sid`=%s",
	"SELECT `password` FROM `__Auth` WHERE `doctype`=%(param1)s AND `name`=%(param2)s AND `fieldname`=%(param3)s AND `encrypted`=1",
	"INSERT INTO `__Auth` (`doctype`,`name`,`fieldname`,`password`,`encrypted`) VALUES (%s,%s,%s,%s,%s) ON DUPLICATE KEY UPDATE `password`=VALUES(`password`)",
	"select count(*) from `tabSessions`",
	"select name, description from `tabToDo` where description like '%tabSessions%'",
]
READING_SOMEONE_ELSES = [
	"select name from `tabToDo` where 1=0 union select sid from tabSessions where user='af' limit 500",
	"select `tabNote`.`name`, ( trim( coalesce( nullif(name, name), (select sid from tabSessions limit 1)))) as content from `tabNote`",
	"update `tabAtk Note` set `notes`=(select sid from `tabSessions` limit 1) #`=%s where name=%s",
	"select `atk_leak3` from `tabUser` where name=%s and (select sid from `tabSessions` where user regexp 'a' limit 1)",
	"select distinct `name`, (select if((select count(*) from `tabSessions` where user=0x61)>0,1,exp(710))) as `x` from `tabNote`",
	"select s.sid from `tabToDo` t join `tabSessions` s on s.user = t.allocated_to",
	"select password from __Auth where name='af' union select 1",
]


@pytest.mark.parametrize("statement", FRAPPES_OWN)
def test_frappes_own_statements_on_the_sessions_read_them(statement):
	assert not reads_logins_within_another_statement(statement)


@pytest.mark.parametrize("statement", READING_SOMEONE_ELSES)
def test_a_pasted_value_that_reads_the_sessions_is_told(statement):
	assert reads_logins_within_another_statement(statement)


def test_an_executable_comment_or_an_echoing_function_is_found_outside_literals():
	"""Round 141: a Notification's date field, pasted by Frappe as a column, read a comment back
	through MariaDB's error: "ifnull(extractvalue(1,(/*!select*/concat(0x7e,content)from ...)),1)"."""
	payload = (
		"select name from `tabNote` where ifnull(extractvalue(1,(/*!select*/concat(0x7e,mid(content,1,28))"
		"from tabComment limit 1)),1) >= '2026-12-07'"
	)
	assert hides_code_or_echoes_values(payload)
	assert hides_code_or_echoes_values("select 1 /*M!100000 , (select 2) */")
	assert hides_code_or_echoes_values("select UpdateXML /**/ (1, 1, 1)")
	# the same words as text, an ordinary comment and Frappe's own statements pass
	assert not hides_code_or_echoes_values(
		"insert into `tabNote` (content) values ('extractvalue(1, /*!x*/)')"
	)
	assert not hides_code_or_echoes_values("select name /* a comment */ from `tabNote` where title = %s")
	assert not hides_code_or_echoes_values("select `extractvalue_count` from `tabNote`")
