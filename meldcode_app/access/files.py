"""Templates and scripts read no private file: a template built a File for a case record's PDF
by its URL and read it from the disk with ``get_content``, which runs no SQL the database could
refuse (access/sandboxed_code.py)."""

import html
import os
import re
from urllib.parse import unquote

import frappe
from frappe import _, handler
from frappe.core.doctype.file.file import URL_PREFIXES, File
from frappe.core.doctype.file.utils import get_content_hash
from frappe.utils import cint, get_files_path, get_url

from meldcode_app.access.grants import bench_administrator_acts
from meldcode_app.access.permissions import (
	answer_file_as_missing,
	case_record_of_file,
	may,
	readable_file,
	refuse_public_attachment,
)
from meldcode_app.access.sandboxed_code import foreign_code_runs
from meldcode_app.rules.registry import CASE_TRACE_TARGETS, RECORD_DOCTYPES
from meldcode_app.safe_api import safe_method
from meldcode_app.utils import acting_as

# A file's address on the site: in its files or private files folder, no step out of it.
FILE_ADDRESS = re.compile(r"/(?:private/)?files/(?:[^/\\]+/)*[^/\\]+")


def plain_file_address(file_url: str) -> bool:
	"""Whether a file's address names a file as the File rows do: no "..", ".", or empty step (the
	same file under another spelling would not be the case record's)."""
	address = unquote(file_url)
	steps = address.split("/")[1:]
	return bool(FILE_ADDRESS.fullmatch(address)) and all(step not in ("", ".", "..") for step in steps)


# A character written as %XX: Frappe decodes a File's address once on every save while the file on
# the disk keeps the name it was written with, so an upload named "verslag%2Etxt" became the case
# file "verslag.txt", was served and deleted as it (round 47).
ESCAPED = re.compile(r"%[0-9A-Fa-f]{2}")
# The end of the name of a file the app wrote itself (a signed PDF, an export).
UNGUESSABLE = re.compile(r"-[0-9a-f]{16}$")
# What a case record's File keeps once saved (a new version is a new attachment).
CASE_FILE_FIXED = ("file_url", "file_name", "content_hash", "attached_to_field", "thumbnail_url")


def on_this_site(url: str | None) -> str | None:
	"""A file's address as Frappe finds it on the disk: the site's own URL before it counts for none
	(Frappe reads "http://<this site>/private/files/x" from the disk)."""
	site = get_url()
	if url and "/files/" in url and url.startswith(site):
		return url.split(site, 1)[1]
	return url


def disk_paths(url: str) -> set[str]:
	"""The files on the disk Frappe takes an address for: the one it serves and reads, and the one
	it removes (by the last step of the address, in the private folder unless it is /files/)."""
	if not url.startswith(("/files/", "/private/files/")):
		return set()
	private = url.startswith("/private/")
	served = get_files_path(*url.split("/files/", 1)[1].split("/"), is_private=private)
	folder, name = os.path.split(url.strip("/"))
	removed = get_files_path(name, is_private=folder != "files")
	return {os.path.realpath(served), os.path.realpath(removed)}


def touches_a_case_file(url: str, readable_too: bool = False) -> bool:
	"""Whether an address reaches, on the disk, the file of a case record its user may not read
	(``readable_too``: any case record's)."""
	return reaches_a_case_file(disk_paths(url), readable_too)


def reaches_a_case_file(paths: set[str], readable_too: bool = False) -> bool:
	"""Whether one of these files on the disk is a case record's its user may not read (or, with
	``readable_too``, any case record's)."""
	rows = files_named(paths, {"attached_to_doctype": ("in", CASE_TRACE_TARGETS)})
	return any(
		(record := case_record_of_file(row)) and (readable_too or not may("read", *record)) for row in rows
	)


def files_named(paths: set[str], filters: dict) -> list:
	"""The File rows (of ``filters``) whose address reaches one of these files on the disk."""
	if not paths:
		return []
	names = {os.path.basename(path) for path in paths}
	rows = frappe.get_all(
		"File",
		filters=filters,
		# "%" and "_" find more rows, which the paths then tell apart; "\\" would find fewer
		or_filters=[["file_url", "like", "%/" + name.replace("\\", "_")] for name in names],
		fields=["file_url", "attached_to_doctype", "attached_to_name"],
	)
	return [row for row in rows if paths & disk_paths(row.file_url)]


def open_by_path_only_what_its_reader_may_open() -> None:
	"""Frappe's ``get_file_path`` turns a File's name or address into a path on the disk with no
	permission check, and ERPNext's code list import opened whatever an upload's ``file_url``
	named: a director's private file, read by a System Manager (round 142). In a request, a private
	file it finds is one its reader may open as Frappe would serve it; any other private path is
	answered as one that is not there (for the whole process, from the package's import)."""
	from frappe.utils import file_manager

	if getattr(file_manager.get_file_path, "meldcode_wrapped", False):
		return
	get_file_path = file_manager.get_file_path

	def get_file_path_of_a_file_its_reader_may_open(file_name):
		path = get_file_path(file_name)
		if path and not may_open(path):
			frappe.throw(_("File {0} does not exist").format(file_name), frappe.DoesNotExistError)
		return path

	get_file_path_of_a_file_its_reader_may_open.meldcode_wrapped = True
	file_manager.get_file_path = get_file_path_of_a_file_its_reader_may_open


def move_only_the_files_at_its_address() -> None:
	"""Frappe moves a File's file when it turns private or public, then points every File with the
	same content hash at the new address, in one update no validation sees. A teacher set her own
	File's hash to a case file's and made it public: the dossier's attachment became her file,
	public and listed (round 223). Only the Files at its old address, spelled as the disk spells it,
	follow it, and a move that would leave a case record's File behind is refused (for the whole
	process, from the package's import)."""
	from frappe.core.doctype.file import file as file_module

	if getattr(file_module.update_existing_file_docs, "meldcode_wrapped", False):
		return

	def update_the_files_at_its_old_address(doc) -> None:
		before = doc.get_doc_before_save()
		old = before.file_url if before else None
		rows = frappe.get_all(
			"File",
			filters={"file_url": old or "", "name": ("!=", doc.name)},
			fields=["name", "file_url", "attached_to_doctype", "attached_to_name"],
		)
		rows = [row for row in rows if row.file_url == old]
		if any(case_record_of_file(row) for row in rows):
			answer_file_as_missing(doc.file_url)
		if rows:
			table = frappe.qb.DocType("File")
			frappe.qb.update(table).set(table.file_url, doc.file_url).set(
				table.is_private, doc.is_private
			).where(table.name.isin([row.name for row in rows])).run()

	update_the_files_at_its_old_address.meldcode_wrapped = True
	file_module.update_existing_file_docs = update_the_files_at_its_old_address


def embed_only_what_its_sender_may_open() -> None:
	"""Frappe's mail embeds the file an ``embed="<path>"`` in its text names, opened as given with no
	check: a Website User's mail carried another user's private file, the site's configuration
	and the database's own files, a session among them (round 170). A mail embeds a file of the
	site's files folders its sender may open, or the bench's assets; another path is left out
	(as Frappe leaves out one that is not there)."""
	from frappe.email import email_body

	read = email_body.get_filecontent_from_path
	if getattr(read, "meldcode_wrapped", False):
		return

	def read_what_its_sender_may_open(path):
		name = (path or "").lstrip("/")
		if name.startswith("assets/"):
			full, folders = os.path.abspath(name), [os.path.abspath("assets")]
		else:
			full = (
				frappe.get_site_path("public", name)
				if name.startswith("files/")
				else frappe.get_site_path(name)
			)
			folders = [get_files_path(is_private=private) for private in (0, 1)]
		real = os.path.realpath(full)
		inside = any(real.startswith(os.path.realpath(folder) + os.sep) for folder in folders)
		if not (inside and (name.startswith("assets/") or may_open(real))):
			return None
		return read(path)

	read_what_its_sender_may_open.meldcode_wrapped = True
	email_body.get_filecontent_from_path = read_what_its_sender_may_open


def build_queued_mail_as_its_sender() -> None:
	"""Frappe builds a queued mail's attachments later, in the mail job as Administrator: a user's
	mail made with ``print_html`` naming another user's private picture carried it in its PDF,
	and a Newsletter's attachment row another user's private file (round 171). A queued mail's
	attachments are built as the user who queued it."""
	from frappe.email.doctype.email_queue import email_queue

	include = email_queue.SendMailContext.include_attachments
	if getattr(include, "meldcode_wrapped", False):
		return

	def include_attachments_as_the_sender(context, message):
		with acting_as(context.queue_doc.owner):
			return include(context, message)

	include_attachments_as_the_sender.meldcode_wrapped = True
	email_queue.SendMailContext.include_attachments = include_attachments_as_the_sender


def fields_name_only_files_their_writer_may_download(doc, method=None):
	"""Hook (validate of every DocType): a file field (a table's row's too) names a file its writer
	may download, and so does a private file's address in a text (a picture in a note), as the
	database finds Files by it: Frappe sends a Newsletter's attachment rows later as Administrator,
	and a row naming another user's private file mailed it (round 171); a login note's picture of a
	case's private file went into the PDF a Notification mailed when a case-team member closed the
	note, built as her (round 178)."""
	if frappe.session.user == "Administrator" or doc.doctype in WRITTEN_BY_FRAPPE:
		return
	stored = doc.get_doc_before_save()
	known = named_files(stored) if stored else set()
	for url in named_files(doc) - known:
		found = frappe.get_all("File", filters={"file_url": url}, pluck="file_url")
		if not all(may_download(address) for address in found):
			answer_file_as_missing(url)


# Records Frappe writes itself about others (a version's old and new values, a queued mail's
# encoded text) and the File, judged by its own rules.
WRITTEN_BY_FRAPPE = frozenset(
	("File", "Version", "Email Queue", "Activity Log", "Access Log", "Error Log", "Deleted Document")
)


# A private file's address in a text, as the database would find a File by it (any case).
PRIVATE_FILE_IN_TEXT = re.compile(r"/private/files/[^\s\"'<>()\\?#&]+", re.IGNORECASE)


def named_files(doc) -> set[str]:
	"""The files a record names: its file fields' values and the private files its texts name."""
	named = set()
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			value = row.get(df.fieldname)
			if not isinstance(value, str) or not value:
				continue
			if df.fieldtype in ("Attach", "Attach Image"):
				named.add(on_this_site(value))
			elif "files" in value.lower():
				text = unquote(html.unescape(value))
				named.update(address.group(0) for address in PRIVATE_FILE_IN_TEXT.finditer(text))
	return named


def find_files_by_their_exact_address() -> None:
	"""Frappe finds the File of a private picture it puts into a PDF (and of a private file it
	serves) by its address as the database compares it, which ignores case and accents: a note's
	picture at "/prívate/files/<a case's picture>" went into the PDF a case-team member printed
	(round 180). A File is found by its address exactly as written."""
	from frappe.core.doctype.file import utils as file_utils
	from frappe.utils import pdf

	if getattr(file_utils.find_file_by_url, "meldcode_wrapped", False):
		return

	def find_file_by_its_exact_url(path, name=None):
		filters = {"file_url": str(path), **({"name": str(name)} if name else {})}
		for row in frappe.get_all("File", filters=filters, fields="*"):
			file = frappe.get_doc(doctype="File", **row)
			if row.file_url == str(path) and file.is_downloadable():
				return file
		return None

	find_file_by_its_exact_url.meldcode_wrapped = True
	file_utils.find_file_by_url = find_file_by_its_exact_url
	pdf.find_file_by_url = find_file_by_its_exact_url


def may_open(path: str) -> bool:
	"""Whether the session user may open the file at ``path``: a public file, or a private one
	with a File of exactly its address that Frappe would serve them. (Out of a request too: a job
	runs as the user who queued it, and a mail's files are built as its sender.)"""
	if frappe.session.user == "Administrator":
		return True
	private = os.path.realpath(get_files_path(is_private=1))
	real = os.path.realpath(path)
	if os.path.commonpath((real, private)) != private:
		return True
	return may_download("/private/files/" + os.path.relpath(real, private).replace(os.sep, "/"))


def may_download(url: str) -> bool:
	"""Whether Frappe would serve the file at ``url`` to the session user: a public one, or a
	private one with a File of exactly its address they may read."""
	if frappe.session.user == "Administrator" or not url.startswith("/private/"):
		return True
	files = frappe.get_all("File", filters={"file_url": url}, fields=["name", "file_url"])
	return readable_file(url) and any(
		file.file_url == url and frappe.has_permission("File", "read", doc=frappe.get_doc("File", file.name))
		for file in files
	)


class FileReadByTheSite(File):
	"""Frappe's File (hook override_doctype_class)."""

	def save_file(self, content=None, decode=False, ignore_existing_file_check=False, overwrite=False):
		"""Frappe points a new file with the same content at an existing one: which one, and whether,
		told whoever uploaded a copy of a document that a file they may not read had that content
		(the refusal of a case's file, round 42; a copy of their own where a case's file had it and
		an existing address where none had, round 103). An upload shares the file of another only
		when its uploader may read that one, whatever else has the same content."""
		if overwrite and not self.is_new():
			# Frappe writes the new content (an optimised image) to the file this File's name names,
			# and writes it there again when the save is refused: a teacher's File renamed
			# "foto.png" overwrote a case record's picture (round 47).
			target = f"{'/private' if cint(self.is_private) else ''}/files/{self.file_name}"
			if target != self.file_url or touches_a_case_file(target):
				self.answer_as_missing()
		if content and not overwrite and self.file_name:
			# Frappe 15.74 checks the name as given for a file already there, then writes to the name
			# with these characters replaced: an upload "foto#1.png" overwrote another user's private
			# "foto_1.png" (round 214). The name is the one written, so a taken one gets a suffix.
			self.file_name = re.sub(r"[/\\%?#]", "_", self.file_name)
		if content and case_record_of_file(self):
			# A case's file (also one on its comment or ToDo) gets a name no one guesses and a file of
			# its own on the disk: Frappe answers for a file by its name in many ways (round 47).
			# A new one, also after a name that looks like one: a member of the team deleted a signed
			# PDF and uploaded her own under its freed name (round 220).
			stem, extension = os.path.splitext(self.file_name or "")
			self.file_name = f"{UNGUESSABLE.sub('', stem)}-{frappe.generate_hash(length=16)}{extension}"
			ignore_existing_file_check = True
		shared = None
		if content and not ignore_existing_file_check:
			self.content, self.decode = content, decode
			content, decode = self.get_content(), False  # as Frappe decodes it (base64 from attach_file)
			same = frappe.get_all(
				"File",
				filters={"content_hash": get_content_hash(content), "is_private": cint(self.is_private)},
				pluck="file_url",
			)
			shared = next(
				(
					url
					for url in sorted(set(same))
					if may_download(url) and not touches_a_case_file(url, True)
				),
				None,
			)
		saved = super().save_file(content, decode, True, overwrite)
		if shared and saved is not None and os.path.exists(self.get_full_path()):
			# Frappe's own reuse of the file, onto one its uploader may read
			os.remove(self.get_full_path())
			self.file_url = shared
		return saved

	def validate_duplicate_entry(self):
		"""Frappe points a new file at an existing one with its content a second time here: a File
		keeps the address it was given (save_file); the content's hash is still made here."""
		own = self.file_url
		super().validate_duplicate_entry()
		self.file_url = own

	def names_a_file_it_may_not_read(self) -> bool:
		"""Whether this File names, by its address, a file its writer may not read, or none at all:
		a new one with no content of its own copies the named file (a parent's account copied a
		dossier's attachment, and Frappe's own check let "../../site_config.json" through, round
		45; a user's picture, which Frappe saves as a File of its own, named another user's prepared
		report, round 167); an address changed afterwards serves it ("/private/files//<a case file>" on a
		teacher's own File served the case file, round 46)."""
		url = on_this_site(self.file_url)
		return not (
			plain_file_address(url)
			and may_download(url)
			and may_download(unquote(url))
			and not touches_a_case_file(url)
			and os.path.exists(self.get_full_path())
		)

	def answer_as_missing(self):
		answer_file_as_missing(self.file_url)

	def reads_a_case_file(self) -> bool:
		"""Whether Frappe would read a case record's file its user may not read from the disk for
		this File: by its address, or by its name when it has none (a teacher's File named
		"verslag.txt" with no address zipped the case file, round 47)."""
		if self.is_folder or self.get("content") or (self.file_url or "").startswith(URL_PREFIXES):
			return False
		path = os.path.realpath(self.get_full_path())
		if not path.startswith(os.path.realpath(get_files_path(is_private=1)) + os.sep):
			return False  # a case record's files are private
		return reaches_a_case_file({path})

	def validate(self):
		"""Before Frappe's own validate, which decodes the address and moves the file on the disk
		when it turns private or public. A file has an address: without one Frappe reads and writes
		the file its name names (round 47)."""
		if not self.is_folder and not self.file_url:
			self.answer_as_missing()
		for field in ("file_url", "thumbnail_url"):
			url = on_this_site(self.get(field))
			if not url or url.startswith(URL_PREFIXES):
				continue
			if ESCAPED.search(url):
				frappe.throw(
					_("A file's address holds no character written as %XX (such as %2E); rename the file."),
					title=_("Not saved"),
				)
			if (self.is_new() and field == "thumbnail_url") or self.has_value_changed(field):
				if not plain_file_address(url) or touches_a_case_file(url):
					self.answer_as_missing()
				if not case_record_of_file(self) and touches_a_case_file(url, readable_too=True):
					# nor another File naming a case record's file, for whoever may read it: deleted,
					# it took the file from the disk, a signed verslag's PDF too (round 222)
					self.answer_as_missing()
		if not self.is_new() and self.has_value_changed("file_url") and self.names_a_file_it_may_not_read():
			self.answer_as_missing()
		self.keep_a_case_files_content()
		if self.content_hash and not self.is_new() and self.has_value_changed("content_hash"):
			# a File's content hash is its content's, whoever writes another (round 223); a new
			# one's Frappe has just made from its content
			self.content_hash = get_content_hash(self.get_content())
		if not self.is_new() and not cint(self.is_private) and case_record_of_file(self):
			# Frappe's own validate moves the file to the public folder before the app's hook
			# refuses the save, and a save whose failure is swallowed left it there (round 145)
			refuse_public_attachment()
		super().validate()

	def keep_a_case_files_content(self):
		"""A case record's file keeps its address and its name: a new version is a new attachment,
		beside the old. A member of the team pointed the File of a signed verslag's PDF at a file of
		her own, and the verslag then showed it as the signed PDF, with no word in its history
		(round 218)."""
		stored = None if self.is_new() else self.get_doc_before_save()
		if stored is None or not case_record_of_file(stored) or bench_administrator_acts():
			return
		if any((stored.get(field) or "") != (self.get(field) or "") for field in CASE_FILE_FIXED):
			frappe.throw(
				_("A file of a Meldcode record keeps its content and its name: attach a new file instead."),
				frappe.PermissionError,
				title=_("Not allowed"),
			)

	def on_trash(self):
		"""A submitted case record's file stays with it, as signed (the app's own destruction of the
		record takes it): a member of the team deleted a signed verslag's PDF (round 220)."""
		record = (self.attached_to_doctype, self.attached_to_name)
		if (
			record[0] in RECORD_DOCTYPES
			and not self.flags.ignore_permissions
			and not bench_administrator_acts()
			and cint(frappe.db.get_value(*record, "docstatus"))
		):
			frappe.throw(
				_("A file of a submitted Meldcode record stays with it: add an addendum instead."),
				frappe.PermissionError,
				title=_("Not allowed"),
			)
		super().on_trash()

	def delete_file_from_filesystem(self, only_thumbnail=False):
		"""Frappe removes the files the addresses of a File name, when it is deleted or its upload
		rolled back; a case record's file its deleter may not read stays (a teacher's File with a
		case file's name as its thumbnail removed the case file, round 47), and so does a file another
		File names (Frappe asks only whether another has the same content, round 222)."""
		fields = ("file_url", "thumbnail_url")
		kept = {field: self.get(field) for field in fields}
		for field, url in kept.items():
			url = on_this_site(url)
			if url and (
				touches_a_case_file(url) or files_named(disk_paths(url), {"name": ("!=", self.name)})
			):
				self.set(field, None)
		try:
			super().delete_file_from_filesystem(only_thumbnail)
		finally:
			self.update(kept)

	def get_full_path(self):
		"""Frappe turns a File's address into a path with the reading request's own site address:
		a File stored as this site's address with another port or scheme counted as a remote file
		when saved and was read from the disk when zipped, any file of the site's folder (its
		configuration, another user's private file, a prepared result; round 169). A path Frappe
		opens lies in the site's files folders, and a private one is one its reader may download
		(or the file its uploader is saving now)."""
		path = super().get_full_path()
		if not self.opens(path):
			self.answer_as_missing()
		return path

	def opens(self, path: str) -> bool:
		if path.startswith(URL_PREFIXES):
			return True
		real = os.path.realpath(path)
		folders = [os.path.realpath(get_files_path(is_private=private)) for private in (0, 1)]
		if not any(real.startswith(folder + os.sep) for folder in folders):
			return False
		return bool(self.is_new() and self.get("content")) or may_open(path)

	def exists_on_disk(self):
		"""Frappe asks it of another user's File with the same content before an upload: a file its
		uploader may not open is not there for them, and no message says so."""
		path = super().get_full_path()
		return self.opens(path) and os.path.exists(path)

	def get_content(self, *args, **kwargs):
		if (
			self.is_new()
			and self.file_url
			and not self.get("content")
			and not self.is_remote_file
			and self.names_a_file_it_may_not_read()
		):
			self.answer_as_missing()
		if self.reads_a_case_file():
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
	as Frappe answers for one that is not there, by Frappe itself (its answer differs by version
	and by who asks); Frappe's refusal named the record's DocType, to a guest too (round 46)."""
	# As the database finds the File: "…PDF" found the case record's "…pdf" (round 50).
	readable = readable_file(file_url, as_the_disk=False)
	target = file_url if readable else f"/private/files/{frappe.generate_hash(length=40)}"
	try:
		return handler.download_file(target)
	except Exception as error:
		if target != file_url:
			answered_for(file_url, target, error)
		raise


def answered_for(file_url: str, asked: str, error: Exception) -> None:
	"""Frappe's answer for the address it was asked, as if for ``file_url``."""
	error.args = tuple(str(arg).replace(asked, file_url) for arg in error.args)
	for entry in getattr(frappe.local, "message_log", []):
		if isinstance(entry, dict) and isinstance(entry.get("message"), str):
			entry["message"] = entry["message"].replace(asked, file_url)
