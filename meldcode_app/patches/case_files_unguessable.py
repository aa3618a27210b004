"""A case record's file, or a file on a trace of one (a case's comment or ToDo), uploaded before
the app gave each one a name no one guesses (and a file of its own on the disk) gets one now: Frappe answers for a private file by its name in many ways
(an upload renamed for a taken name, a public file refused to become private onto one), which
told whoever guessed "verslag.pdf" that such a file existed. The record's file fields and texts
that name the old address follow it; the file's content (and a signed PDF's fingerprint) stays."""

import os
import shutil

import frappe
from frappe.utils import get_files_path

from meldcode_app.access.files import UNGUESSABLE
from meldcode_app.access.permissions import case_record_of_file
from meldcode_app.rules.registry import CASE_TRACE_TARGETS, CHILD_DOCTYPES, RECORD_DOCTYPES

ADDRESS_FIELDTYPES = ("Attach", "Attach Image")
TEXT_FIELDTYPES = ("Text Editor", "HTML Editor", "Small Text", "Text", "Long Text", "Markdown Editor")


def execute():
	for file in frappe.get_all(
		"File",
		filters={"attached_to_doctype": ("in", CASE_TRACE_TARGETS), "is_folder": 0},
		fields=["name", "file_name", "file_url", "is_private", "attached_to_doctype", "attached_to_name"],
	):
		stem, extension = os.path.splitext(file.file_name or "")
		if UNGUESSABLE.search(stem) or not (file.file_url or "").startswith(("/private/files/", "/files/")):
			continue
		if not case_record_of_file(file):
			continue
		old = get_files_path(file.file_url.split("/files/", 1)[1], is_private=file.is_private)
		if not os.path.isfile(old):
			continue  # nothing on the disk to name
		name = f"{stem}-{frappe.generate_hash(length=16)}{extension}"
		url = f"{'/private' if file.is_private else ''}/files/{name}"
		shutil.copy2(old, get_files_path(name, is_private=file.is_private))
		frappe.db.set_value(
			"File",
			file.name,
			{"file_name": name, "file_url": url, "thumbnail_url": None},
			update_modified=False,
		)
		follow(file.attached_to_doctype, file.attached_to_name, file.file_url, url)
		if not frappe.db.exists("File", {"file_url": file.file_url}):
			os.remove(old)  # another File of the same content keeps it


def follow(doctype: str, name: str, old: str, new: str) -> None:
	"""Every case record's file field that holds the old address, and the texts of the record (and
	its rows) the file is attached to."""
	for record in (*RECORD_DOCTYPES, *CHILD_DOCTYPES):
		for df in frappe.get_meta(record).fields:
			if df.fieldtype in ADDRESS_FIELDTYPES:
				table = frappe.qb.DocType(record)
				frappe.qb.update(table).set(table[df.fieldname], new).where(table[df.fieldname] == old).run()
	meta = frappe.get_meta(doctype)
	tables = [(doctype, {"name": name})] + [
		(df.options, {"parent": name, "parenttype": doctype}) for df in meta.get_table_fields()
	]
	for table, filters in tables:
		for df in frappe.get_meta(table).fields:
			if df.fieldtype in TEXT_FIELDTYPES:
				for row in frappe.get_all(
					table,
					filters={**filters, df.fieldname: ("like", f"%{old}%")},
					fields=["name", df.fieldname],
				):
					text = row[df.fieldname].replace(old, new)
					frappe.db.set_value(table, row.name, df.fieldname, text, update_modified=False)
