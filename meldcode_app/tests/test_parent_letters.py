"""The three letters to parents of seed 003 after a serious incident: print formats made from a
Safety Incident, in Dutch, edited before sending, naming no child, kept with the incident."""

import frappe

from meldcode_app.parent_letters import keep_sent_letter
from meldcode_app.rules.letters import LETTERS
from meldcode_app.tests.factories import PUPIL, as_user, open_dossier
from meldcode_app.tests.test_board import incident
from meldcode_app.tests.utils import MeldcodeTestCase, staff_user

EDITED = {
	"letter_group": "5b",
	"letter_other_groups": "3, 4 en 6",
	"letter_teacher": "juf Petra",
	"letter_situation": "twee",
	"letter_class_discussion": "Juf Petra heeft verteld dat iedereen zich veilig moet voelen.",
	"letter_partners": "de GGD en de schoolbegeleidingsdienst",
	"letter_pupil_kept_home": 1,
	"letter_board_signs": 1,
}


class TestParentLetters(MeldcodeTestCase):
	def edited_incident(self, **values):
		return incident(**{**EDITED, **values})

	def test_the_three_letters_are_print_formats_of_the_safety_incident(self):
		for letter in LETTERS:
			self.assertEqual(frappe.db.get_value("Print Format", letter, "doc_type"), "Safety Incident")

	def test_each_letter_is_the_seed_text_in_dutch_with_the_edits(self):
		doc = self.edited_incident()
		frappe.local.lang = "en"
		html = {letter: frappe.get_print("Safety Incident", doc.name, letter) for letter in LETTERS}
		first, others, young = (html[letter] for letter in LETTERS)
		for text in html.values():
			self.assertIn("Geachte ouders/verzorgers,", text)
			self.assertIn("Betreft: incident in groep 5b", text)
			self.assertIn("Mocht u zelf vragen hebben", text)
			self.assertNotIn(PUPIL, text)
		self.assertIn("in de groep van juf Petra ontvangt u deze brief", first)
		self.assertIn("grensoverschrijdend gedrag door twee leerlingen", first)
		self.assertIn("enkele dagen thuis gehouden", first)
		self.assertIn("Directeur en bestuurder", first)
		self.assertIn("van de groepen 3, 4 en 6", others)
		self.assertIn("Ook hebben de ouders van de betreffende groep een brief ontvangen.", others)
		self.assertIn("Gisteren werden wij benaderd door de ouders", young)
		self.assertIn("In de groep heeft juf Petra vanochtend", young)
		self.assertNotIn("bestuurder", young)

	def test_a_pupils_name_typed_into_a_letter_is_refused(self):
		open_dossier()
		for field in ("letter_situation", "letter_class_discussion", "letter_group"):
			self.assertRefused(
				lambda field=field: self.edited_incident(**{field: f"{PUPIL} en een klasgenoot"}),
				"Een brief aan ouders noemt geen kind",
			)
		self.assertRefused(
			lambda: self.edited_incident(letter_situation="Sam"), "Een brief aan ouders noemt geen kind"
		)

	def test_the_letter_as_sent_is_kept_privately_with_the_incident(self):
		doc = self.edited_incident()
		url = as_user(staff_user("A", "Director"))(
			lambda: keep_sent_letter(doc.name, "Ouderbrief Overige Groepen")
		)
		file = frappe.get_doc("File", {"file_url": url})
		self.assertEqual(
			(file.attached_to_doctype, file.attached_to_name, file.is_private),
			("Safety Incident", doc.name, 1),
		)
		self.assertTrue(file.get_content().startswith(b"%PDF"))
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": doc.name, "content": ("like", "Ouderbrief Overige Groepen%")}
			)
		)

	def test_only_who_may_change_the_incident_keeps_a_letter(self):
		doc = self.edited_incident()
		for user in (staff_user("A", "Teacher"), staff_user("B", "Director")):
			with self.assertRaises(frappe.PermissionError):
				as_user(user)(lambda: keep_sent_letter(doc.name, "Ouderbrief Jonge Kinderen"))
		self.assertRefused(
			lambda: as_user(staff_user("A", "Director"))(lambda: keep_sent_letter(doc.name, "Brief")),
			"is geen van de brieven aan ouders",
		)
