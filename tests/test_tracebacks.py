from meldcode_app.rules.tracebacks import without_database_values, without_values

LOGGED = """Traceback with variables (most recent call last):
  File "apps/frappe/frappe/model/document.py", line 1, in insert
    self.db_insert()
      self = <MeldcodeSignal: MS-2026-00001>
      d = {'situation': 'Sam had een blauwe plek', 'pupil_name': 'Sam de Vries'}
        'continued': 'a value on a second line'
  File "apps/frappe/frappe/database/database.py", line 2, in sql
    self._cursor.execute(query, values)
      values = ('Sam de Vries',)
pymysql.err.OperationalError: (1213, 'Deadlock found when trying to get lock')"""


def test_the_values_of_each_frame_are_left_out():
	kept = without_values(LOGGED)
	assert "Sam" not in kept and "MS-2026-00001" not in kept
	assert kept.splitlines() == [
		"Traceback (most recent call last):",
		'  File "apps/frappe/frappe/model/document.py", line 1, in insert',
		"    self.db_insert()",
		'  File "apps/frappe/frappe/database/database.py", line 2, in sql',
		"    self._cursor.execute(query, values)",
		"pymysql.err.OperationalError: (1213, 'Deadlock found when trying to get lock')",
	]


def test_other_text_is_kept_as_it_is():
	message = "Sending failed:\n      to: someone"
	assert without_values(message) == message


def test_a_database_errors_values_are_left_out():
	"""Round 141: an injected statement echoed a case's comment in MariaDB's error, which Frappe
	made the Error Log's title; the error's code and wording stay."""
	title = """(1105, "XPATH syntax error: '~GEHEIM-B commentaar in het d'")"""
	assert without_database_values(title) == """(1105, "XPATH syntax error: '…'")"""
	line = """pymysql.err.IntegrityError: (1062, "Duplicate entry 'GEHEIM-B1' for key 'group_key'")"""
	assert "GEHEIM" not in without_database_values(line)
	assert without_database_values(line).startswith(
		"pymysql.err.IntegrityError: (1062, \"Duplicate entry '…'"
	)
	escaped = """(1105, 'XPATH syntax error: \\'~GEHEIM "B"\\'')"""
	assert "GEHEIM" not in without_database_values(escaped)
	# any other text stays as it is
	assert (
		without_database_values("ValidationError: 'Titel' is verplicht")
		== "ValidationError: 'Titel' is verplicht"
	)
