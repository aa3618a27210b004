"""Templates and scripts read no private file: a template built a File for a case record's PDF
by its URL and read it from the disk with ``get_content``, which runs no SQL the database could
refuse (access/sandboxed_code.py)."""

import frappe
from frappe import _
from frappe.core.doctype.file.file import File
from frappe.core.doctype.file.utils import get_content_hash
from frappe.utils import cint

from meldcode_app.access.permissions import readable_file
from meldcode_app.access.sandboxed_code import foreign_code_runs


class FileReadByTheSite(File):
	"""Frappe's File (hook override_doctype_class)."""

	def save_file(self, content=None, decode=False, ignore_existing_file_check=False, overwrite=False):
		"""Frappe points a new file with the same content at the existing one; one of a case record
		its uploader may not read is never that file (the refusal told whoever uploaded a copy of a
		document that it had been attached to a case, round 42): they get their own."""
		if content and not ignore_existing_file_check:
			self.content, self.decode = content, decode
			content, decode = self.get_content(), False  # as Frappe decodes it (base64 from attach_file)
			hashed = get_content_hash(content)
			same = frappe.get_all(
				"File",
				filters={"content_hash": hashed, "is_private": cint(self.is_private)},
				pluck="file_url",
			)
			ignore_existing_file_check = not all(readable_file(url) for url in same)
		return super().save_file(content, decode, ignore_existing_file_check, overwrite)

	def validate_duplicate_entry(self):
		"""Frappe 15.74 points a new file at an existing one with its content a second time here."""
		own = self.file_url
		super().validate_duplicate_entry()
		if self.file_url != own and not readable_file(self.file_url):
			self.file_url = own

	def get_content(self, *args, **kwargs):
		private = self.is_private or (self.file_url or "").startswith("/private/")
		if private and foreign_code_runs():
			frappe.throw(
				_("Templates, scripts and reports of the site do not read private files."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		return super().get_content(*args, **kwargs)
