"""Templates and scripts read no private file: a template built a File for a case record's PDF
by its URL and read it from the disk with ``get_content``, which runs no SQL the database could
refuse (access/sandboxed_code.py)."""

import frappe
from frappe import _
from frappe.core.doctype.file.file import File

from meldcode_app.access.sandboxed_code import foreign_code_runs


class FileReadByTheSite(File):
	"""Frappe's File (hook override_doctype_class)."""

	def save_file(self, content=None, decode=False, ignore_existing_file_check=False, overwrite=False):
		"""Each upload is its own file on the disk: Frappe points a new file with the same content at
		the existing one, and its refusal when that was a case record's told anyone who uploaded a
		copy of a document that it had been attached to a case (round 42)."""
		return super().save_file(content, decode, ignore_existing_file_check=True, overwrite=overwrite)

	def get_content(self, *args, **kwargs):
		private = self.is_private or (self.file_url or "").startswith("/private/")
		if private and foreign_code_runs():
			frappe.throw(
				_("Templates, scripts and reports of the site do not read private files."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		return super().get_content(*args, **kwargs)
