"""Templates and scripts read no private file: a template built a File for a case record's PDF
by its URL and read it from the disk with ``get_content``, which runs no SQL the database could
refuse (access/sandboxed_code.py)."""

import os
import re
from urllib.parse import unquote

import frappe
from frappe import _, handler
from frappe.core.doctype.file.file import File
from frappe.core.doctype.file.utils import get_content_hash
from frappe.utils import cint

from meldcode_app.access.permissions import readable_file
from meldcode_app.access.sandboxed_code import foreign_code_runs
from meldcode_app.safe_api import safe_method

# Frappe's own words for a file that is not there, left to Frappe's translations (ours would
# replace them): answered alike for a file its reader may not read.
FILE = "File"
FRAPPE_NO_FILE = "File {0} does not exist"
FRAPPE_NOT_FOUND = "{0} {1} not found"

# A file's address on the site: in its files or private files folder, no step out of it.
FILE_ADDRESS = re.compile(r"/(?:private/)?files/(?:[^/\\]+/)*[^/\\]+")


def plain_file_address(file_url: str) -> bool:
	"""Whether a file's address names a file as the File rows do: no "..", ".", or empty step (the
	same file under another spelling would not be the case record's)."""
	address = unquote(file_url)
	steps = address.split("/")[1:]
	return bool(FILE_ADDRESS.fullmatch(address)) and all(step not in ("", ".", "..") for step in steps)


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
			ignore_existing_file_check = not all(readable_file(url) for url in set(same))
		return super().save_file(content, decode, ignore_existing_file_check, overwrite)

	def validate_duplicate_entry(self):
		"""Frappe 15.74 points a new file at an existing one with its content a second time here."""
		own = self.file_url
		super().validate_duplicate_entry()
		if self.file_url != own and not readable_file(self.file_url):
			self.file_url = own

	def names_a_file_it_may_not_read(self) -> bool:
		"""Whether this File names, by its address, a file its writer may not read, or none at all:
		a new one with no content of its own copies the named file (a parent's account copied a
		dossier's attachment, and Frappe's own check let "../../site_config.json" through, round
		45); an address changed afterwards serves it ("/private/files//<a case file>" on a
		teacher's own File served the case file, round 46)."""
		url = self.file_url
		return not (
			plain_file_address(url)
			and readable_file(url)
			and readable_file(unquote(url))
			and os.path.exists(self.get_full_path())
		)

	def answer_as_missing(self):
		"""A file its writer may not read is answered as one that is not there, never with a
		refusal that tells it is a case record's (round 46)."""
		frappe.throw(_(FRAPPE_NO_FILE).format(self.file_url), frappe.DoesNotExistError)

	def validate(self):
		if (
			not self.is_new()
			and self.file_url
			and not self.is_remote_file
			and self.has_value_changed("file_url")
			and self.names_a_file_it_may_not_read()
		):
			self.answer_as_missing()
		super().validate()

	def get_content(self, *args, **kwargs):
		if (
			self.is_new()
			and self.file_url
			and not self.get("content")
			and not self.is_remote_file
			and self.names_a_file_it_may_not_read()
		):
			self.answer_as_missing()
		private = self.is_private or (self.file_url or "").startswith("/private/")
		if private and foreign_code_runs():
			frappe.throw(
				_("Templates, scripts and reports of the site do not read private files."),
				frappe.PermissionError,
				title=_("Not permitted"),
			)
		return super().get_content(*args, **kwargs)


@frappe.whitelist(allow_guest=True)
@safe_method
def download_file(file_url: str):
	"""Frappe's download by address: a file of a case record its reader may not read is answered
	as one that is not there, in Frappe's words; Frappe's refusal named the record's DocType, to a
	guest too (round 46)."""
	if not readable_file(file_url):
		frappe.throw(_(FRAPPE_NOT_FOUND).format(_(FILE), {"file_url": file_url}), frappe.DoesNotExistError)
	return handler.download_file(file_url)
