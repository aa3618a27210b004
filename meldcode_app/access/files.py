"""Templates and scripts read no private file: a template built a File for a case record's PDF
by its URL and read it from the disk with ``get_content``, which runs no SQL the database could
refuse (access/sandboxed_code.py)."""

import frappe
from frappe import _
from frappe.core.doctype.file.file import File

from meldcode_app.access.sandboxed_code import foreign_code_runs


class FileReadByTheSite(File):
	"""Frappe's File (hook override_doctype_class)."""

	def get_content(self, *args, **kwargs):
		private = self.is_private or (self.file_url or "").startswith("/private/")
		if private and foreign_code_runs():
			frappe.throw(
				_("Templates, scripts and reports of the site do not read private files."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		return super().get_content(*args, **kwargs)
