"""What a case leaves in Frappe's own tables: a marker put in a case's text is followed, after a
day of ordinary work on the case, through every table of the site. It may only be found in the
case's own tables and in the traces Frappe keeps of a case record (versions, comments, files,
...), which are read through that record only (permissions.trace_query_conditions)."""

import frappe
from frappe.desk.form.load import getdoc
from frappe.desk.form.utils import add_comment

from meldcode_app.rules.registry import PROTECTED_DOCTYPES, RECORD_DOCTYPES, TRACE_DOCTYPES
from meldcode_app.terms import remind_and_escalate
from meldcode_app.tests.factories import as_user, conversation, make_signal, move, open_dossier
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

MARKER = "Merkteken Zeventien"
TEXT_TYPES = ("char", "varchar", "text", "tinytext", "mediumtext", "longtext", "json")


def tables_holding(marker: str) -> dict[str, list[str]]:
	"""Every table with a text column holding ``marker``, with those columns."""
	columns = frappe.db.sql(
		"""select table_name, column_name from information_schema.columns
		where table_schema = database() and data_type in %s""",
		(TEXT_TYPES,),
	)
	by_table: dict[str, list[str]] = {}
	for table, column in columns:
		by_table.setdefault(table, []).append(column)
	found = {}
	for table, names in by_table.items():
		condition = " or ".join(f"`{name}` like %(marker)s" for name in names)
		rows = frappe.db.sql(
			f"select * from `{table}` where {condition}", {"marker": f"%{marker}%"}, as_dict=True
		)
		if rows:
			found[table] = [name for name in names if any(marker in str(row.get(name) or "") for row in rows)]
	return found


class TestWhatACaseLeavesBehind(MeldcodeTestCase):
	def test_a_case_is_found_only_in_its_own_tables_and_traces(self):
		af = staff_user("A", "Aandachtsfunctionaris")
		signal = make_signal(pupil=f"Testkind {MARKER}", situation=f"{MARKER}: een blauwe plek.")
		dossier = open_dossier(signals=[signal.name])
		move(dossier, "Start Collegial Consultation")
		conversation(dossier, report=f"Gesprek over {MARKER}.")
		as_user(af)(add_comment, "Meldcode Dossier", dossier.name, f"Notitie over {MARKER}", af, af)
		as_user(af)(getdoc, "Meldcode Dossier", dossier.name)
		remind_and_escalate(frappe.utils.add_days(frappe.utils.today(), 60))

		found = tables_holding(MARKER)
		own = {f"tab{doctype}" for doctype in PROTECTED_DOCTYPES}
		self.assertIn("tabMeldcode Dossier", found, "the probe finds the marker where it must be")
		elsewhere = {table: columns for table, columns in found.items() if table not in own}
		for table in list(elsewhere):
			doctype = table[3:]
			if doctype in TRACE_DOCTYPES:
				doctype_field, _name_field = TRACE_DOCTYPES[doctype]
				holders = frappe.get_all(
					doctype,
					or_filters={column: ("like", f"%{MARKER}%") for column in elsewhere[table]},
					pluck=doctype_field,
				)
				if set(holders) <= RECORD_DOCTYPES:
					del elsewhere[table]  # a trace of a case record, read through that record only
		self.assertEqual(elsewhere, {}, "a case's text in a table everyone may read")
