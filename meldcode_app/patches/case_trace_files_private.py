"""A public file attached to a case record's trace (a case's ToDo or comment), or to a case record
(through a file field, which Frappe attaches unchecked), becomes private: Frappe lists every public
file to every System User, whatever else limits its list, and serves it to anyone who has its
address. The file moves to the private folder under a name no one guesses, and the record's file
fields follow it; a copy another File shares stays public."""

import os
import shutil

import frappe
from frappe.utils import get_files_path

from meldcode_app.access.permissions import case_record_of_file
from meldcode_app.patches.case_files_unguessable import follow
from meldcode_app.rules.registry import CASE_TRACE_TARGETS, RECORD_DOCTYPES


def execute():
	for file in frappe.get_all(
		"File",
		filters={
			"is_private": 0,
			"is_folder": 0,
			"attached_to_doctype": ("in", CASE_TRACE_TARGETS),
		},
		fields=["name", "file_name", "file_url", "attached_to_doctype", "attached_to_name"],
	):
		if not case_record_of_file(file):
			continue
		changes = {"is_private": 1, "thumbnail_url": None}
		if (file.file_url or "").startswith("/files/"):
			old = get_files_path(file.file_url.split("/files/", 1)[1])
			stem, extension = os.path.splitext(file.file_name or os.path.basename(old))
			name = f"{stem}-{frappe.generate_hash(length=16)}{extension}"
			if os.path.isfile(old):
				shutil.copy2(old, get_files_path(name, is_private=1))
			changes.update(file_name=name, file_url=f"/private/files/{name}")
		frappe.db.set_value("File", file.name, changes, update_modified=False)
		if changes.get("file_url") and file.attached_to_doctype in RECORD_DOCTYPES:
			follow(file.attached_to_doctype, file.attached_to_name, file.file_url, changes["file_url"])
		if changes.get("file_url") and not frappe.db.exists("File", {"file_url": file.file_url}):
			if os.path.isfile(old):
				os.remove(old)  # no other File shares it
