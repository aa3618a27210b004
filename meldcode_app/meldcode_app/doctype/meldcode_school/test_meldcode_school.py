import frappe

from meldcode_app.access.school_membership import schools_of_user
from meldcode_app.education import LINKED_DOCTYPES
from meldcode_app.rules import roles
from meldcode_app.tests.utils import MeldcodeTestCase, make_user

test_ignore = LINKED_DOCTYPES


def new_school(brin, name="Testschool De Wilg", **values):
	school = frappe.new_doc("Meldcode School")
	school.update({"school_name": name, "brin_code": brin, **values})
	return school


class TestMeldcodeSchool(MeldcodeTestCase):
	def test_brin_code_is_the_name_and_is_normalised(self):
		school = new_school(" 98 cd ").insert()
		self.assertEqual((school.name, school.brin_code), ("98CD", "98CD"))

	def test_school_without_brin_code_is_refused_and_not_saved(self):
		self.assertRefused(lambda: new_school("").insert(), "Een school moet een BRIN-code hebben.")
		self.assertFalse(frappe.db.exists("Meldcode School", {"school_name": "Testschool De Wilg"}))

	def test_malformed_brin_code_is_refused(self):
		for code in ("1234", "AB12", "12ABC"):
			self.assertRefused(lambda code=code: new_school(code).insert(), f"{code} is geen BRIN-code")
		self.assertFalse(frappe.db.exists("Meldcode School", {"school_name": "Testschool De Wilg"}))

	def test_duplicate_brin_code_is_refused(self):
		self.assertRefused(
			lambda: new_school(self.school_a.lower()).insert(),
			f"Er bestaat al een school met BRIN-code {self.school_a}.",
		)
		self.assertEqual(
			frappe.db.get_value("Meldcode School", self.school_a, "school_name"), "Testschool De Linde"
		)

	def test_brin_code_cannot_be_changed_afterwards(self):
		school = frappe.get_doc("Meldcode School", self.school_a)
		school.brin_code = "97ZZ"
		self.assertRaises(frappe.ValidationError, school.save)

	def test_disabled_user_cannot_be_staff_and_nothing_is_saved(self):
		email = make_user("disabled.teacher@meldcode.test", "Disabled")
		frappe.db.set_value("User", email, "enabled", 0)
		school = new_school("98CD")
		school.append("staff", {"user": self.staff("A", "Teacher"), "function": "Teacher"})
		school.append("staff", {"user": email, "function": "Teacher"})
		self.assertRefused(school.insert, "Rij 2: gebruiker", "is uitgeschakeld")
		self.assertFalse(frappe.db.exists("Meldcode School", "98CD"))
		self.assertFalse(frappe.db.exists("Meldcode School Staff", {"parent": "98CD"}))

	def test_person_listed_twice_in_one_function_is_refused(self):
		school = frappe.get_doc("Meldcode School", self.school_a)
		school.append("staff", {"user": self.staff("A", "Teacher"), "function": "Teacher"})
		self.assertRefused(school.save, "staat twee keer vermeld als Leerkracht")

	def test_staff_member_gets_the_role_of_their_function(self):
		email = make_user("new.ib@meldcode.test", "Nieuwe IB")
		self.assertNotIn(roles.INTERN_BEGELEIDER, frappe.get_roles(email))
		school = frappe.get_doc("Meldcode School", self.school_b)
		school.append("staff", {"user": email, "function": "Intern Begeleider"})
		school.save()
		self.assertIn(roles.INTERN_BEGELEIDER, frappe.get_roles(email))

	def test_one_query_answers_which_schools_a_user_may_see(self):
		af_a = self.staff("A", "Aandachtsfunctionaris")
		self.assertEqual(schools_of_user(af_a), [self.school_a])
		school_b = frappe.get_doc("Meldcode School", self.school_b)
		school_b.append("staff", {"user": af_a, "function": "Aandachtsfunctionaris"})
		school_b.save()
		self.assertEqual(sorted(schools_of_user(af_a)), sorted([self.school_a, self.school_b]))
		self.assertEqual(schools_of_user(af_a, functions=("Teacher",)), [])
		frappe.db.set_value("Meldcode School", self.school_b, "disabled", 1)
		self.assertEqual(schools_of_user(af_a), [self.school_a])
		self.assertEqual(schools_of_user("board@meldcode.test"), [])
