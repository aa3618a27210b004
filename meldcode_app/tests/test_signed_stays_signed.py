"""A signed verslag is what was signed: its PDF and hash are written by the signing only, and a
file field takes no file of another reader set (Frappe would attach an unattached file that a
file field names to the record saved)."""

import hashlib
import io
import json
import os

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client

from meldcode_app.tests.factories import as_user, conversation, open_dossier
from meldcode_app.tests.test_request_guard import (
	api_token,
	remove_records_of_school,
	request_as,
	set_file_value,
)
from meldcode_app.tests.utils import SCHOOLS, MeldcodeTestCase, staff_user

AF_A = staff_user("A", "Aandachtsfunctionaris")
AF_B = staff_user("B", "Aandachtsfunctionaris")


class TestSignedStaysSigned(MeldcodeTestCase):
	def test_no_door_changes_the_signed_pdf_or_its_hash(self):
		signed = conversation(open_dossier("B"), school="B")
		forged = frappe.get_doc(
			{"doctype": "File", "file_name": "vervalst.pdf", "content": b"%PDF-1.4 vervalst", "is_private": 1}
		)
		as_user(AF_B)(forged.insert)
		digest = hashlib.sha256(b"%PDF-1.4 vervalst").hexdigest()
		frappe.db.commit()
		token = api_token(AF_B)
		frappe.db.commit()
		try:
			for values in (
				{"fieldname": "signed_pdf", "value": forged.file_url},
				{"fieldname": "signed_pdf_sha256", "value": digest},
				{"fieldname": json.dumps({"signed_pdf": forged.file_url, "signed_pdf_sha256": digest})},
			):
				status, answer = request_as(
					token,
					"frappe.client.set_value",
					"post",
					doctype="Meldcode Conversation",
					name=signed.name,
					**values,
				)
				self.assertNotEqual(status, 200, f"{values}: {answer}")
			for door, doctype_argument, format_argument in (
				("/printview", "doctype", "format"),
				("frappe.www.printview.get_html_and_style", "doc", "print_format"),
				("frappe.utils.print_format.download_pdf", "doctype", "format"),
			):
				page = {doctype_argument: "Meldcode Conversation", "name": signed.name}
				status, answer = request_as(
					token, door, "get", **page, **{format_argument: "Gespreksverslag"}
				)
				self.assertEqual(status, 200, f"the positive control: the app's format at {door}")
				for other in ("Standard", "Logboek voor signalen"):
					status, answer = request_as(token, door, "get", **page, **{format_argument: other})
					self.assertEqual(status, 403, f"{other} at {door}: {str(answer)[:200]}")
			# the File that keeps the signed PDF keeps its address and name (round 218), while the
			# same door renames a file of her own about nothing (the positive control)
			kept = frappe.db.get_value(
				"File", {"file_url": signed.signed_pdf, "attached_to_name": signed.name}
			)
			for file, field, value, allowed in (
				(kept, "file_url", forged.file_url, False),
				(kept, "file_name", "gespreksverslag.pdf", False),
				(forged.name, "file_name", "nog-een-naam.pdf", True),
			):
				status, answer = set_file_value(token, file, **{field: value})
				self.assertEqual(status == 200, allowed, f"{field} of {file}: {str(answer)[:300]}")
			self.assertEqual(frappe.db.get_value("File", kept, "file_url"), signed.signed_pdf)
			status, intact = request_as(
				token, "meldcode_app.api.verify_signed_pdf", "post", conversation=signed.name
			)
			self.assertEqual((status, intact), (200, True), "the kept PDF is the one signed")
			# nor is it deleted, and an upload of its name gets a new one (round 220); the same
			# door deletes a file of her own (the positive control)
			for file, stays in ((kept, True), (forged.name, False)):
				request_as(token, "frappe.desk.reportview.delete_items", "post", doctype="File", items=[file])
				frappe.db.commit()
				self.assertEqual(bool(frappe.db.exists("File", file)), stays, file)
			response = make_request(
				target=get_test_client(use_cookies=False).post,
				args=("/api/method/upload_file",),
				kwargs={
					"headers": {"Authorization": token},
					"data": {
						"file": (io.BytesIO(b"%PDF-1.4 vervalst"), signed.signed_pdf.rsplit("/", 1)[1]),
						"is_private": "1",
						"doctype": signed.doctype,
						"docname": signed.name,
					},
					"content_type": "multipart/form-data",
				},
			)
			self.assertEqual(response.status_code, 200, response.get_data(as_text=True))
			self.assertNotEqual(response.json["message"]["file_url"], signed.signed_pdf)
			kept = frappe.get_doc("File", {"file_url": signed.signed_pdf})
			with open(kept.get_full_path(), "ab") as pdf:
				pdf.write(b"%% achteraf toegevoegd")
			status, intact = request_as(
				token, "meldcode_app.api.verify_signed_pdf", "post", conversation=signed.name
			)
			self.assertEqual((status, intact), (200, False), "a changed file is told apart")
			outsider = api_token(staff_user("A", "Aandachtsfunctionaris"))
			frappe.db.commit()
			answers = [
				request_as(outsider, "meldcode_app.api.verify_signed_pdf", "post", conversation=name)
				for name in (signed.name, "MC-BESTAAT-NIET")
			]
			self.assertNotEqual(answers[0][0], 200, "another school's case team verifies nothing")
			self.assertEqual(
				(answers[0][0], str(answers[0][1]).replace(signed.name, "X")),
				(answers[1][0], str(answers[1][1]).replace("MC-BESTAAT-NIET", "X")),
			)
			status, stored = request_as(
				token, "frappe.client.get", "get", doctype="Meldcode Conversation", name=signed.name
			)
			self.assertEqual(
				status, 200, "the positive control: the case team reads it through the same client"
			)
			self.assertEqual(stored["signed_pdf"], signed.signed_pdf)
			self.assertEqual(stored["signed_pdf_sha256"], signed.signed_pdf_sha256)
		finally:
			remove_records_of_school(SCHOOLS["B"][0])
			frappe.db.delete("File", {"name": forged.name})
			frappe.db.commit()

	def test_a_file_field_takes_no_file_of_another_reader_set(self):
		dossier = open_dossier()
		verslag = conversation(dossier)
		signed_b = conversation(open_dossier("B"), school="B")
		board_export = frappe.get_doc(
			{"doctype": "File", "file_name": "jaarbundel.pdf", "content": b"%PDF bundel", "is_private": 1}
		)
		as_user("board@meldcode.test")(board_export.insert)

		def request(url):
			return frappe.get_doc(
				{
					"doctype": "Meldcode Correction Request",
					"dossier": dossier.name,
					"received_on": frappe.utils.today(),
					"written_request": url,
					"requested_changes": [
						{
							"record_type": "Meldcode Conversation",
							"record": verslag.name,
							"requested_change": "Schrap de tweede zin.",
							"ground": "Factually Incorrect",
						}
					],
				}
			)

		for url in (
			signed_b.signed_pdf,
			board_export.file_url,
			"javascript:alert(1)",
			"/private/files/geen.pdf",
		):
			self.assertRaises(frappe.PermissionError, as_user(AF_A), request(url).insert)
		self.assertIsNone(frappe.db.get_value("File", board_export.name, "attached_to_name"))
		own = frappe.get_doc(
			{"doctype": "File", "file_name": "verzoek.pdf", "content": b"%PDF verzoek", "is_private": 1}
		)
		as_user(AF_A)(own.insert)
		taken = as_user(AF_A)(request(own.file_url).insert)
		self.assertEqual(
			taken.written_request, own.file_url, "the positive control: one's own upload is taken"
		)

	def test_what_the_timeline_notes_is_not_edited(self):
		"""Round 220: a member of the team made the "Attachment Removed" note of a signed verslag's
		PDF read "Added" through Frappe's comment editing, which asks only who owns the note. The
		control: her own comment is edited through the same door."""
		signed = conversation(open_dossier("B"), school="B")
		notes = {
			kind: as_user(AF_B)(signed.add_comment, kind, f"{kind}: origineel").name
			for kind in ("Attachment Removed", "Info", "Comment")
		}
		frappe.db.commit()
		token = api_token(AF_B)
		frappe.db.commit()
		try:
			for kind, name in notes.items():
				status, answer = request_as(
					token, "frappe.desk.form.utils.update_comment", "post", name=name, content="Added"
				)
				frappe.db.commit()
				content = frappe.db.get_value("Comment", name, "content")
				self.assertEqual(content == "Added", kind == "Comment", f"{kind}: {status} {answer}")
		finally:
			remove_records_of_school(SCHOOLS["B"][0])
			frappe.db.delete("Comment", {"name": ("in", list(notes.values()))})
			frappe.db.commit()

	def test_no_other_file_names_a_case_file_and_a_named_file_stays_on_the_disk(self):
		"""Round 222: a member of the team pointed a File of her own (its address, or its thumbnail)
		at a signed verslag's PDF and deleted it: Frappe removed the PDF from the disk, and her
		upload then took its name. The controls: her File takes the address of another file of
		her own, and the last File naming a file takes it from the disk."""
		signed = conversation(open_dossier("B"), school="B")
		mine = [
			as_user(AF_B)(
				frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"eigen-{n}.txt",
						"content": f"eigen {n}",
						"is_private": 1,
					}
				).insert
			)
			for n in (1, 2)
		]
		frappe.db.commit()
		token = api_token(AF_B)
		frappe.db.commit()
		try:
			for field, value, allowed in (
				("file_url", signed.signed_pdf, False),
				("thumbnail_url", signed.signed_pdf, False),
				("file_url", mine[1].file_url, True),
			):
				status, answer = set_file_value(token, mine[0].name, **{field: value})
				frappe.db.commit()
				self.assertEqual(status == 200, allowed, f"{field} {value}: {str(answer)[:300]}")
			# her two Files now name one file: deleting one leaves it, deleting the last takes it
			path = frappe.get_doc("File", mine[1].name).get_full_path()
			for file, on_disk in ((mine[0].name, True), (mine[1].name, False)):
				request_as(token, "frappe.desk.reportview.delete_items", "post", doctype="File", items=[file])
				frappe.db.commit()
				self.assertFalse(frappe.db.exists("File", file))
				self.assertEqual(os.path.exists(path), on_disk, file)
			self.assertTrue(
				os.path.exists(frappe.get_doc("File", {"file_url": signed.signed_pdf}).get_full_path())
			)
		finally:
			remove_records_of_school(SCHOOLS["B"][0])
			frappe.db.delete("File", {"name": ("in", [file.name for file in mine])})
			frappe.db.commit()

	def test_a_file_made_public_takes_only_the_files_at_its_address_along(self):
		"""Round 223: a teacher of another school set her own File's content hash to a dossier
		file's and made it public; Frappe moved every File with that hash to her public file, and
		the dossier's attachment was hers, public and listed (a member of the team so replaced a
		signed verslag's PDF). The controls: her file moves, and her second File at its address
		follows it."""
		teacher = staff_user("A", "Teacher")
		signed = conversation(open_dossier("B"), school="B")
		case_file = frappe.get_doc("File", {"file_url": signed.signed_pdf})
		mine = as_user(teacher)(
			frappe.get_doc(
				{"doctype": "File", "file_name": "eigen-223.txt", "content": "eigen 223", "is_private": 1}
			).insert
		)
		second = frappe.get_doc(
			{"doctype": "File", "file_name": "eigen-223.txt", "file_url": mine.file_url, "is_private": 1}
		)
		as_user(teacher)(second.insert)
		frappe.db.commit()
		token = api_token(teacher)
		frappe.db.commit()
		try:
			for fieldname, value in (("content_hash", case_file.content_hash), ("is_private", 0)):
				status, answer = set_file_value(token, mine.name, **{fieldname: value})
				frappe.db.commit()
				self.assertEqual(status, 200, f"the control: her own File's {fieldname}: {answer}")
			self.assertEqual(
				frappe.db.get_value("File", case_file.name, ["file_url", "is_private"]),
				(signed.signed_pdf, 1),
			)
			moved = frappe.db.get_value("File", mine.name, "file_url")
			self.assertTrue(moved.startswith("/files/"), f"the control: her file moves ({moved})")
			self.assertEqual(frappe.db.get_value("File", second.name, "file_url"), moved, "the control")
		finally:
			remove_records_of_school(SCHOOLS["B"][0])
			for file in (mine.name, second.name):
				frappe.delete_doc_if_exists("File", file, force=True)
			frappe.db.commit()
