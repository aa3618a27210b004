"""A record's table holds rows of that table's DocType only, whoever put them there, and a
record reloads itself by its own name only.

Frappe writes each row of a record's tables into the table its row's own DocType names: a
System Manager's notification template appended an access grant and a school's staff row, built
with ``frappe.get_doc``, to a note's "seen by" table, and the note's save wrote them into the
app's tables, past every check of theirs (round 143): a staff member of another school then read
school B's dossier. So a record is written only when every row of its tables is of the DocType
the table field names, under that field. Frappe reloads a record by its name, which may be
filters: a name set to filters loaded a case's ToDo in its place (round 145); nor is a record
saved under another's name, which a hook changed after Frappe loaded it (a script's
``doc.name = …`` before the save overwrote a case's ToDo, round 145).
"""

import frappe
from frappe import _
from frappe.model.base_document import BaseDocument
from frappe.model.document import Document


def keep_tables_to_their_rows() -> None:
	"""Judge a record's rows before Frappe writes it, for the whole process (its children are
	written right after it: Document.insert, Document.save)."""
	if getattr(BaseDocument.db_insert, "meldcode_wrapped", False):
		return
	db_insert, db_update = BaseDocument.db_insert, BaseDocument.db_update

	def db_insert_with_its_own_rows(self, *args, **kwargs):
		refuse_rows_of_another_table(self)
		return db_insert(self, *args, **kwargs)

	def db_update_with_its_own_rows(self, *args, **kwargs):
		refuse_rows_of_another_table(self)
		before = getattr(self, "_doc_before_save", None)
		if before is not None and before.name != self.name:
			# a hook of the site's code set another record's name on the one being saved
			frappe.throw(
				_("A record is saved under its own name."), frappe.PermissionError, title=_("Not permitted")
			)
		return db_update(self, *args, **kwargs)

	db_insert_with_its_own_rows.meldcode_wrapped = True
	BaseDocument.db_insert = db_insert_with_its_own_rows
	BaseDocument.db_update = db_update_with_its_own_rows
	reload = Document.reload

	def reload_by_its_own_name(self, *args, **kwargs):
		if not isinstance(self.name, str | int):
			frappe.throw(
				_("A record reloads by its own name."), frappe.PermissionError, title=_("Not permitted")
			)
		return reload(self, *args, **kwargs)

	Document.reload = reload_by_its_own_name


def refuse_rows_of_another_table(doc: BaseDocument) -> None:
	if doc.get("parentfield") or not doc.get("doctype"):
		return  # a row (its own tables are none) or a record Frappe builds by hand
	for df in doc.meta.get_table_fields():
		for row in doc.get(df.fieldname) or ():
			if not (
				isinstance(row, BaseDocument)
				and row.doctype == df.options
				and row.parentfield == df.fieldname
			):
				frappe.throw(
					_("{0} holds a row that is not one of its own.").format(_(df.label or df.fieldname)),
					frappe.PermissionError,
					title=_("Not permitted"),
				)
