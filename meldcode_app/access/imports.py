"""A Data Import updates only records its writer may read.

Frappe's importer loads each record an update names and compares it with the row before it asks
whether its writer may change it: "No changes to update" told a System Manager, value by value,
what a case's ToDo said (round 103). An update naming a record its writer may not read is refused
as one naming a record that is not there; a Google Sheet, read again when the import runs, updates
for the bench's Administrator only."""

import frappe
from frappe import _

UPDATE = "Update Existing Records"


def updates_only_what_its_writer_reads(data_import, method=None) -> None:
	"""Hook (Data Import validate)."""
	if data_import.import_type != UPDATE or frappe.session.user == "Administrator":
		return
	if data_import.google_sheets_url:
		frappe.throw(
			_("An update from a Google Sheet is made by the administrator: upload the sheet as a file."),
			frappe.PermissionError,
			title=_("Not allowed"),
		)
	if not data_import.import_file:
		return
	from frappe.core.doctype.data_import.importer import get_id_field

	doctype = data_import.reference_doctype
	id_field = get_id_field(doctype).fieldname
	for row, payload in enumerate(data_import.get_importer().import_file.get_payloads_for_import(), 1):
		value = payload.doc.get(id_field)
		if not value:
			continue
		if not readable_record(doctype, id_field, value):
			frappe.throw(
				_("Row {0}: {1} {2} was not found.").format(row, _(doctype), frappe.bold(value)),
				frappe.DoesNotExistError,
				title=_("Not found"),
			)


def readable_record(doctype: str, id_field: str, value) -> bool:
	"""Whether the writer may read the record an import's row names by its ID (none there: no)."""
	name = frappe.db.get_value(doctype, value if id_field == "name" else {id_field: value})
	return bool(name and frappe.has_permission(doctype, "read", doc=name))


def keep_imports_to_what_their_writer_reads() -> None:
	"""The same when the import runs: its file can be another by then (a file attached to the
	import and made private moves, and Frappe writes its new address into the import past the
	import's hooks; round 164), and the importer reads the file again. And an import (its preview
	too) reads a file its writer may download only: Frappe's reads any File by its address, and a
	path on the disk, and showed a System Manager another user's private export (round 167)."""
	from frappe.core.doctype.data_import.importer import Importer, ImportFile, get_id_field

	from meldcode_app.access.files import may_download

	make = ImportFile.__init__
	if not getattr(make, "meldcode_judged", False):

		def make_from_a_readable_file(self, doctype, file, *args, **kwargs):
			if (
				frappe.session.user != "Administrator"
				and isinstance(file, str)
				and "docs.google.com/spreadsheets" not in file
				and not (frappe.db.exists("File", {"file_url": file}) and may_download(file))
			):
				frappe.throw(_("Invalid template file for import"))
			make(self, doctype, file, *args, **kwargs)

		make_from_a_readable_file.meldcode_judged = True
		ImportFile.__init__ = make_from_a_readable_file

	update = Importer.update_record
	if getattr(update, "meldcode_judged", False):
		return

	def update_readable(self, doc):
		id_field = get_id_field(self.doctype).fieldname
		value = doc.get(id_field)
		if frappe.session.user != "Administrator" and not (
			value and readable_record(self.doctype, id_field, value)
		):
			frappe.throw(
				_("{0} {1} was not found.").format(_(self.doctype), frappe.bold(value)),
				frappe.DoesNotExistError,
				title=_("Not found"),
			)
		return update(self, doc)

	update_readable.meldcode_judged = True
	Importer.update_record = update_readable
