from meldcode_app.rules.tracebacks import without_values

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
