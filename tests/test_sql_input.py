from meldcode_app.rules.sql_input import reaches, sql_sent

INJECTED = "x' and extractvalue(1,concat(0x7e,(SELECT sid FROM `tabSessions` limit 1))) -- "


def test_sql_pasted_into_a_statement_is_found():
	pieces = sql_sent(["Wind Power LLC", INJECTED])
	statement = f"select a.name from `tabAsset` a where a.asset_category = '{INJECTED}'"
	assert reaches(statement, pieces)


def test_comments_case_and_spacing_do_not_hide_it():
	sent = "x' or (sElEcT/**/data/*!50000FROM*/tabVersion)>0 #"
	pasted = "select 1 from `tabAsset` where name = 'x' or (select data FROM\n tabVersion)>0 #'"
	assert reaches(pasted, sql_sent([sent]))
	assert reaches("select 1 where x = '' or sleep (5)", sql_sent(["' or SLEEP (5)"]))


def test_the_same_text_as_a_parameter_or_ordinary_words_pass():
	pieces = sql_sent([INJECTED])
	assert not reaches("select a.name from `tabAsset` a where a.asset_category = %(category)s", pieces)
	words = sql_sent(["Kies een leerling uit de lijst", "select a table from the list", "sleep well"])
	assert not reaches("select name from `tabNote` where title like %s", words)
	assert sql_sent(["Kies een leerling uit de lijst", "sleep well"]) == ()


def test_an_injection_split_over_two_filters_is_found_by_its_quote():
	first, second = "x' and (sel", "ect sid fr" + "om tabSessions) -- "
	statement = f"select name from `tabAsset` where category = '{first}' and {second}'"
	assert reaches(statement, sql_sent([first, second]))
	escaped = "select name from `tabNote` where title = 'Rooster\\'s plan'"
	assert not reaches(escaped, sql_sent(["Rooster's plan"]))  # escaped, as Frappe passes values
