"""Rules shared by the records of a dossier (signals, conversations, weighings, Veilig Thuis contacts)."""

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.model.document import Document
from frappe.utils import cint, get_fullname

from meldcode_app.access.links import answer_as_missing
from meldcode_app.access.permissions import may, refuse_public_attachment
from meldcode_app.access.realtime import announce_save_to_the_writer
from meldcode_app.access.school_membership import active_staff, memberships
from meldcode_app.education import fill_from_student
from meldcode_app.rules.conditions import to_python
from meldcode_app.rules.field_input import check_value, normalised
from meldcode_app.rules.registry import RECORD_DOCTYPES
from meldcode_app.utils import rules_enforced

# The people a record names, by DocType: (table field or None, user field). Whoever is newly
# named must be staff of the record's school.
NAMED_PEOPLE = {
	"Veilig Thuis Contact": [(None, "contact_by")],
	"Meldcode Conversation": [("school_participants", "user")],
	"Meldcode Dossier": [(None, "casemanager"), ("case_team", "user")],
}


class CaseRecord(Document):
	"""Base of the case DocTypes' controllers: what a person typed is checked before anything uses it."""

	def notify_update(self):
		announce_save_to_the_writer(self)

	def _validate_links(self):
		# Frappe's link check is the first step of insert and save, and sends a Link's value to
		# the database as it is (a JSON object there is an SQL error): check the values first.
		check_typed_values(self)
		self._refuse_links_out_of_reach()
		self._refuse_public_files()
		self._refuse_files_out_of_reach()
		counted = dict(getattr(frappe.local, "_link_count", None) or {})
		try:
			super()._validate_links()
		finally:
			# Frappe counts, now and then, the records a saved record links to into their `idx`,
			# which their readers list and sort by: a pupil's, a school's, a signal indicator's
			# count told who has a case and what it is about (round 85).
			if (counts := getattr(frappe.local, "_link_count", None)) is not None:
				counts.clear()
				counts.update(counted)

	def _links_to_case_records(self):
		"""(field, value, stored value) of each link to a case record, in the record and its rows."""
		stored = self.get_doc_before_save()  # Frappe loaded it before its link check (check_if_latest)
		for doc, before in ((self, stored), *self._rows_with_stored(stored)):
			for df in doc.meta.get_link_fields():
				value = doc.get(df.fieldname)
				if df.options in RECORD_DOCTYPES and isinstance(value, str) and value:
					yield doc, df, value, before.get(df.fieldname) if before else None

	def _rows_with_stored(self, stored):
		kept = {
			row.name: row
			for field in self.meta.get_table_fields()
			for row in (stored.get(field.fieldname) if stored else [])
		}
		for field in self.meta.get_table_fields():
			for row in self.get(field.fieldname) or []:
				yield row, kept.get(row.name)

	def _refuse_public_files(self):
		"""A file field holds a private file: Frappe attaches the file a file field names to the
		record with no check of the File's own (a verslag's public file, attached so, was listed to
		every System User and served to anyone, round 59)."""
		for df in self.meta.get("fields", {"fieldtype": ("in", ("Attach", "Attach Image"))}):
			value = self.get(df.fieldname)
			if isinstance(value, str) and value.startswith("/files"):
				refuse_public_attachment()

	def _refuse_files_out_of_reach(self):
		"""A file field takes a file its writer may read: one of this record, one they uploaded
		themselves and attached nowhere yet, or one of a record they may read. Frappe attaches an
		unattached file a file field names to the record saved, so a guessed name of someone
		else's file would otherwise move it into this record's reader set."""
		if self.flags.ignore_permissions or frappe.session.user == "Administrator":
			return
		stored = self.get_doc_before_save()
		for df in self.meta.get("fields", {"fieldtype": ("in", ("Attach", "Attach Image"))}):
			url = self.get(df.fieldname)
			if not url or (stored and stored.get(df.fieldname) == url):
				continue
			files = frappe.get_all(
				"File",
				filters={"file_url": url},
				fields=["owner", "attached_to_doctype", "attached_to_name"],
			)
			if not files or not all(
				(row.attached_to_doctype, row.attached_to_name) == (self.doctype, self.name)
				or may("read", row.attached_to_doctype, row.attached_to_name)
				or (row.owner == frappe.session.user and not attached_anywhere(row))
				for row in files
			):
				frappe.throw(
					_("Could not find {0}: {1}").format(_(df.label), url),
					frappe.PermissionError,
					title=_("Not found"),
				)

	def _refuse_links_out_of_reach(self):
		"""A newly set link to a case record of a school where its writer does not work, or in a row
		to one they may not read, is answered as one to a record that does not exist: the answer
		tells nothing of another school's cases. (A teacher adds a signal to a dossier of their own
		school without reading the dossier.)"""
		if self.flags.ignore_permissions:
			return
		schools = None
		for row, df, value, stored in self._links_to_case_records():
			if value == stored:
				continue
			if schools is None:
				schools = {school for school, _function in memberships(frappe.session.user)}
			school = frappe.db.get_value(df.options, value, "school")
			# A row's link (a discussed signal) reaches only records its writer reads (round 45).
			if (school not in schools or row is not self) and not may("read", df.options, value):
				answer_as_missing(row, df, value, doc=self)


def attached_anywhere(file) -> bool:
	"""Whether a File row belongs to a stored record (an upload to a form not yet saved does not)."""
	return bool(
		file.attached_to_doctype
		and file.attached_to_name
		and frappe.db.exists(file.attached_to_doctype, file.attached_to_name)
	)


def validate_same_school(doc):
	"""A record linked to a dossier is about the dossier's pupil at the dossier's school."""
	fill_from_student(doc)
	if not doc.get("dossier"):
		return
	school, pupil = frappe.db.get_value("Meldcode Dossier", doc.dossier, ["school", "pupil_name"]) or (
		None,
		None,
	)
	if not school:
		frappe.throw(_("Dossier {0} does not exist.").format(doc.dossier), title=_("Wrong dossier"))
	if doc.get("school") and doc.school != school:
		frappe.throw(
			_("Dossier {0} belongs to another school.").format(doc.dossier), title=_("Wrong dossier")
		)
	doc.school = school
	# The dossier's pupil is filled in only for who may read the dossier: a teacher's signal on a
	# dossier of their school showed them the pupil's name (round 37).
	if (
		doc.meta.has_field("pupil_name")
		and not doc.pupil_name
		and may("read", "Meldcode Dossier", doc.dossier)
	):
		doc.pupil_name = pupil


def refuse_deletion(doc, method=None):
	"""Case records are destroyed only through the recorded destruction procedure, never deleted in the desk."""
	if not frappe.flags.meldcode_destruction:
		frappe.throw(
			_(
				"{0} {1} cannot be deleted. A dossier is destroyed only through the recorded destruction procedure."
			).format(_(doc.doctype), doc.name),
			frappe.PermissionError,
			title=_("Not deleted"),
		)


def enforce_conditional_mandatory(doc, method=None):
	"""The validate hook of every case DocType: the people named are staff of the school, and
	conditional mandatory fields are filled."""
	check_named_people_are_staff(doc)
	check_conditional_mandatory(doc)


def check_typed_values(doc):
	"""Dates, times, JSON and text lengths of the record and its rows, from the meta, before the
	controller's rules and the database see them (Frappe v15 leaves Time and Text to MariaDB)."""
	with rules_enforced(_("Not saved")):
		for row in (doc, *doc.get_all_children()):
			for df in row.meta.fields:
				if df.fieldtype in no_value_fields or df.is_virtual:
					continue
				value = normalised(df.fieldtype, row.get(df.fieldname))
				check_value(df.fieldtype, label_of(doc, row, df), value, cint(df.length))
				row.set(df.fieldname, value)


def label_of(doc, row, df) -> str:
	label = _(df.label or df.fieldname)
	if row is doc:
		return label
	table = doc.meta.get_field(row.parentfield)
	return _("{0} in row {1} of {2}").format(label, row.idx, _(table.label if table else row.parentfield))


def check_named_people_are_staff(doc):
	before = doc.get_doc_before_save()
	named = set()
	for table, field in NAMED_PEOPLE.get(doc.doctype, []):
		named |= people_named(doc, table, field) - people_named(before, table, field)
	if not named or not doc.get("school"):
		return
	staff = [user for _school, _function, user in active_staff([doc.school])]
	outsiders = sorted(named - set(staff))
	if outsiders:
		frappe.throw(
			_("{0} is not staff of school {1}; a record names only the school's own staff.").format(
				", ".join(f"{get_fullname(u)} ({u})" for u in outsiders), doc.school
			),
			title=_("Not staff of the school"),
		)


def people_named(doc, table: str | None, field: str) -> set[str]:
	if not doc:
		return set()
	return {row.get(field) for row in (doc.get(table) if table else [doc])} - {None, ""}


def check_conditional_mandatory(doc):
	"""The form marks a field mandatory under a condition (``mandatory_depends_on``); Frappe v15
	only checks that in the browser, so the server checks it too, for REST and scripts."""
	missing = [
		_(df.label)
		for df in doc.meta.fields
		if df.mandatory_depends_on
		and doc.get(df.fieldname) in (None, "", [])
		and frappe.safe_eval(to_python(df.mandatory_depends_on), None, {"doc": doc})
	]
	if missing:
		frappe.throw(
			_("Still needed: {0}.").format(", ".join(frappe.bold(label) for label in missing)),
			frappe.MandatoryError,
			title=_("Missing"),
		)
