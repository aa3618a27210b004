"""Working notes, destruction, the parents' inspection copy, correction requests and the audit."""

import os

import frappe
from frappe.utils import add_days, add_months, add_years, getdate, now_datetime, today

from meldcode_app import inspection_copy
from meldcode_app.api import (
	answer_pupils_destruction_request,
	export_inspection_pdf,
	open_dossier_from_signals,
)
from meldcode_app.destruction import apply_retention_periods
from meldcode_app.meldcode_app.report.meldcode_access_audit.meldcode_access_audit import execute as audit
from meldcode_app.tests.factories import (
	as_user,
	close_as_unfounded,
	conversation,
	make_signal,
	move,
	open_dossier,
	reload,
)
from meldcode_app.tests.utils import SCHOOLS, MeldcodeTestCase, make_user, staff_user

AF_A = staff_user("A", "Aandachtsfunctionaris")


def working_note(dossier=None, user=AF_A, text="Eigen gedachte: vader leek gespannen."):
	doc = frappe.get_doc({"doctype": "Meldcode Working Note", "dossier": dossier, "note": text})
	return as_user(user)(doc.insert)


def destruction_logs(**filters):
	return frappe.get_all(
		"Meldcode Destruction Log",
		filters=filters,
		fields=["rule", "record_type", "record_count", "dossier_reference"],
	)


class TestWorkingNotes(MeldcodeTestCase):
	def test_only_the_author_reads_a_working_note(self):
		dossier = open_dossier()
		note = working_note(dossier.name)
		for colleague in (
			staff_user("A", "Director"),
			staff_user("A", "Intern Begeleider"),
			staff_user("B", "Aandachtsfunctionaris"),
		):
			with self.set_user(colleague):
				self.assertEqual(frappe.get_list("Meldcode Working Note", pluck="name"), [])
				self.assertFalse(frappe.has_permission("Meldcode Working Note", "read", note.name))
		with self.set_user(AF_A):
			self.assertEqual(frappe.get_list("Meldcode Working Note", pluck="name"), [note.name])
			self.assertFalse(frappe.has_permission("Meldcode Working Note", "print", note.name))
			self.assertFalse(frappe.has_permission("Meldcode Working Note", "export"))
		# Round 37: once their grant is revoked, the author reads their notes no more.
		from meldcode_app.access import grants

		for grant in frappe.get_all(
			"Meldcode Access Grant", filters={"user": AF_A, "status": "Active"}, pluck="name"
		):
			grants.revoke(grant, "Removed from the school's staff")
		with self.set_user(AF_A):
			self.assertEqual(frappe.get_list("Meldcode Working Note", pluck="name"), [])
			self.assertFalse(frappe.has_permission("Meldcode Working Note", "read", note.name))

	def test_closing_as_unfounded_destroys_the_notes_and_keeps_only_a_count(self):
		dossier = open_dossier()
		notes = [
			working_note(dossier.name).name,
			working_note(dossier.name, staff_user("A", "Director")).name,
		]
		other = working_note(open_dossier(school="B").name, staff_user("B", "Aandachtsfunctionaris"))
		move(dossier, "Start Collegial Consultation")
		move(dossier, "Plan Conversation")
		conversation(dossier)
		move(dossier, "Start Weighing")
		dossier = close_as_unfounded(dossier, "Niet gegrond.")
		self.assertFalse(frappe.db.exists("Meldcode Working Note", {"name": ("in", notes)}))
		self.assertFalse(frappe.db.exists("Deleted Document", {"deleted_doctype": "Meldcode Working Note"}))
		self.assertTrue(frappe.db.exists("Meldcode Working Note", other.name))
		self.assertEqual(
			destruction_logs(dossier_reference=dossier.name),
			[
				{
					"rule": "Dossier Closed as Unfounded",
					"record_type": "Meldcode Working Note",
					"record_count": 2,
					"dossier_reference": dossier.name,
				}
			],
		)

	def test_working_notes_are_destroyed_after_their_period(self):
		old = working_note()
		recent = working_note()
		frappe.db.set_value("Meldcode Working Note", old.name, "creation", add_months(today(), -4))
		apply_retention_periods()
		self.assertFalse(frappe.db.exists("Meldcode Working Note", old.name))
		self.assertTrue(frappe.db.exists("Meldcode Working Note", recent.name))
		self.assertEqual(destruction_logs(rule="Retention Period of Working Notes")[0].record_count, 1)


TEACHER_A = staff_user("A", "Teacher")


def teachers_talk_with_the_parents(dossier, day=None, **values):
	"""A conversation with the parents that school A's teacher records on ``dossier``."""
	return frappe.get_doc(
		{
			"doctype": "Meldcode Conversation",
			"school": SCHOOLS["A"][0],
			"dossier": dossier.name,
			"pupil_name": "Sam",
			"conversation_type": "Parents",
			"conversation_date": day or today(),
			"conversation_time": "15:00:00",
			"location": "Klas",
			"school_participants": [
				{"user": TEACHER_A, "part": "Leads"},
				{"user": staff_user("A", "Intern Begeleider"), "part": "Attends"},
			],
			"goal": "Zorgen bespreken.",
			"report": "Moeder herkent de zorg.",
			**values,
		}
	)


def teachers_consultation(signals, dossier=None):
	"""A collegial consultation that school A's teacher records, discussing ``signals``."""
	return frappe.get_doc(
		{
			"doctype": "Meldcode Conversation",
			"school": SCHOOLS["A"][0],
			"dossier": dossier,
			"pupil_name": "Sam",
			"conversation_type": "Collegial Consultation",
			"conversation_date": today(),
			"conversation_time": "10:00:00",
			"location": "Kamer",
			"school_participants": [{"user": TEACHER_A, "part": "Attends"}],
			"goal": "Overleg.",
			"report": "Besproken.",
			"signals_discussed": [{"signal": signal} for signal in signals],
		}
	)


class TestWritingIntoACase(MeldcodeTestCase):
	"""Round 37: a teacher wrote a signal into a dossier of their school they may not read, and
	learnt its pupil's name from the signal Frappe gave back."""

	def test_a_teacher_learns_nothing_of_a_dossier_they_may_not_read(self):
		signal = make_signal(user=AF_A, pupil="Geheimkind Lotte")
		dossier = as_user(AF_A)(open_dossier_from_signals, [signal.name])
		teacher = TEACHER_A
		self.assertFalse(
			frappe.has_permission("Meldcode Dossier", "read", dossier, user=teacher), "the probe"
		)
		mine = {
			"doctype": "Meldcode Signal",
			"school": SCHOOLS["A"][0],
			"dossier": dossier,
			"pupil_name": "",
			"signal_date": today(),
			"signal_time": "10:15:00",
			"location": "Gang",
			"situation": "Nog een blauwe plek.",
			"nature": "Fact",
		}
		try:
			saved = as_user(teacher)(frappe.get_doc(mine).insert)
			self.assertNotEqual(saved.pupil_name, "Geheimkind Lotte")
		except frappe.ValidationError as refusal:
			self.assertNotIn("Geheimkind", str(refusal))
		# The positive control: the aandachtsfunctionaris writes into the dossier they read.
		self.assertEqual(make_signal(user=AF_A, pupil="", dossier=dossier).pupil_name, "Geheimkind Lotte")

	def test_a_teacher_learns_no_disclosure_from_their_conversation_with_the_parents(self):
		"""Round 37: the refusal of a teacher's conversation with the parents ("tell the child
		first") told them the child of a dossier they may not read had disclosed."""
		teacher = TEACHER_A
		disclosed, quiet = open_dossier(), open_dossier()
		frappe.db.set_value("Meldcode Dossier", disclosed.name, "disclosure", 1)
		self.assertFalse(frappe.has_permission("Meldcode Dossier", "read", disclosed.name, user=teacher))

		def teachers_conversation(dossier):
			return as_user(teacher)(teachers_talk_with_the_parents(dossier).insert).name

		def told(conversation):
			return frappe.get_all(
				"Notification Log", {"for_user": AF_A, "document_name": conversation}, pluck="subject"
			)

		# Both are recorded alike; the case team is told of the one the disclosure did not allow.
		self.assertEqual(told(teachers_conversation(quiet)), [])
		self.assertIn("disclosure", told(teachers_conversation(disclosed))[0])
		# The positive control: the aandachtsfunctionaris, who reads the dossier, is refused.
		self.assertRaisesRegex(frappe.ValidationError, "kind", conversation, disclosed)

	def test_a_teachers_signed_conversation_leaves_the_dossiers_terms_to_its_team(self):
		"""Round 38: signing a teacher's conversation with the parents was refused or not as the
		dossier had an open support team term (its step), and otherwise moved that term."""
		teacher = TEACHER_A
		fresh, held = open_dossier(), open_dossier()
		conversation(held)  # the team's signed conversation with the parents opens a term

		def terms(dossier):
			return frappe.get_all(
				"Meldcode Dossier Term",
				{"parent": dossier.name, "term_code": "support_team_meeting"},
				["start_date", "due_date", "status"],
			)

		before = terms(held)
		self.assertEqual(len(before), 1, "the positive control: the team's conversation set the term")
		for dossier in (fresh, held):
			doc = teachers_talk_with_the_parents(
				dossier,
				add_days(today(), -60),
				agreements=[
					{"agreement": "Moeder belt", "owner_name": "Moeder", "due_date": add_days(today(), -50)}
				],
				next_appointment=f"{add_days(today(), -50)} 15:00:00",
			)
			as_user(teacher)(doc.insert)
			as_user(teacher)(doc.submit)
			self.assertEqual(doc.docstatus, 1)
			told = frappe.get_all(
				"Notification Log", {"for_user": AF_A, "document_name": doc.name}, pluck="subject"
			)
			self.assertTrue(told, "the case team is told")
		self.assertEqual(terms(fresh), [])
		self.assertEqual(terms(held), before)

	def test_a_signal_the_writer_may_not_read_is_answered_as_one_that_does_not_exist(self):
		"""Round 38: "not a signal of this conversation's dossier" or "could not find" told a
		teacher which dossier held a colleague's signal, and whether any did."""
		teacher = TEACHER_A
		in_dossier = make_signal(user=AF_A)
		dossier = as_user(AF_A)(open_dossier_from_signals, [in_dossier.name])
		loose = make_signal(user=staff_user("A", "Intern Begeleider"))
		mine = make_signal(user=teacher)

		def answer(signal, dossier=None):
			doc = teachers_consultation([signal], dossier)
			try:
				as_user(teacher)(doc.insert)
			except frappe.ValidationError as refusal:
				shown = frappe.local.message_log[-1]  # the dialog's title too
				return type(refusal), str(refusal).replace(signal, "…"), shown.get("title")
			return "saved"

		missing = answer("MS-2026-99999")

		def beside_a_missing_one(signal):  # round 45: Frappe names every missing link at once
			doc = teachers_consultation([signal, "MS-2026-99998"])
			with self.assertRaises(frappe.LinkValidationError) as refusal:
				as_user(teacher)(doc.insert)
			return str(refusal.exception).replace(signal, "…")

		self.assertEqual(beside_a_missing_one(loose.name), beside_a_missing_one("MS-2026-99997"))
		for signal in (in_dossier.name, loose.name):
			for linked in (None, dossier):
				self.assertEqual(answer(signal, linked), missing, (signal, linked))
		# The positive control: a signal of their own, in no dossier, is discussed.
		self.assertEqual(answer(mine.name), "saved", "the positive control")


class TestRetention(MeldcodeTestCase):
	def closed_dossier(self, years_ago=6):
		dossier = open_dossier()
		frappe.db.set_value(
			"Meldcode Dossier",
			dossier.name,
			{"workflow_state": "Closed", "closed_on": add_years(today(), -years_ago)},
		)
		return dossier

	def test_a_dossier_past_its_period_is_destroyed_with_everything_about_it(self):
		dossier = self.closed_dossier()
		signal = frappe.get_all("Meldcode Signal", {"dossier": dossier.name}, pluck="name")[0]
		# Round 36: an edited comment's version kept its text after the dossier was destroyed.
		comment = frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Comment",
				"reference_doctype": "Meldcode Dossier",
				"reference_name": dossier.name,
				"content": "verbeterde tekst",
			}
		).insert(ignore_permissions=True)
		data = '{"changed": [["content", "eerste tekst", "verbeterde tekst"]]}'
		version = {"doctype": "Version", "ref_doctype": "Comment", "docname": comment.name, "data": data}
		frappe.get_doc(version).insert(ignore_permissions=True)  # as Frappe keeps an edited comment's
		young = self.closed_dossier(years_ago=1)
		apply_retention_periods()
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": "Comment", "docname": comment.name}))
		self.assertFalse(frappe.db.exists("Meldcode Dossier", dossier.name))
		self.assertFalse(frappe.db.exists("Meldcode Signal", signal))
		self.assertFalse(frappe.db.exists("Version", {"docname": ("in", [dossier.name, signal])}))
		self.assertTrue(frappe.db.exists("Meldcode Dossier", young.name))
		logs = {row.record_type: row.record_count for row in destruction_logs(dossier_reference=dossier.name)}
		self.assertEqual(logs, {"Meldcode Signal": 1, "Meldcode Dossier": 1})
		self.assertNotIn("Testkind", str(frappe.get_all("Meldcode Destruction Log", fields=["*"])))

	def test_a_legal_hold_stops_destruction(self):
		dossier = self.closed_dossier()
		frappe.db.set_value(
			"Meldcode Dossier", dossier.name, {"legal_hold": 1, "legal_hold_reason": "Klachtprocedure loopt"}
		)
		apply_retention_periods()
		self.assertTrue(frappe.db.exists("Meldcode Dossier", dossier.name))
		self.assertRaises(
			frappe.ValidationError, answer_pupils_destruction_request, dossier.name, today(), True
		)

	def test_a_pupil_of_sixteen_may_ask_and_may_be_refused_with_a_reason(self):
		dossier = open_dossier()
		director = staff_user("A", "Director")
		self.assertRefused(
			lambda: as_user(director)(answer_pupils_destruction_request, dossier.name, today(), True),
			"vanaf 16 jaar",
		)
		frappe.db.set_value("Meldcode Dossier", dossier.name, "pupil_date_of_birth", add_years(today(), -16))
		self.assertRefused(
			lambda: as_user(director)(answer_pupils_destruction_request, dossier.name, today(), False),
			"reden",
		)
		as_user(director)(
			answer_pupils_destruction_request,
			dossier.name,
			today(),
			False,
			"Onderzoek Veilig Thuis loopt nog.",
		)
		self.assertTrue(frappe.db.exists("Meldcode Dossier", dossier.name))
		self.assertRaises(
			frappe.PermissionError,
			as_user(AF_A),
			answer_pupils_destruction_request,
			dossier.name,
			today(),
			True,
		)
		as_user(director)(answer_pupils_destruction_request, dossier.name, today(), True)
		self.assertFalse(frappe.db.exists("Meldcode Dossier", dossier.name))
		self.assertEqual(
			destruction_logs(dossier_reference=dossier.name, record_type="Meldcode Dossier")[0].rule,
			"Request of the Pupil",
		)


class TestRetentionOfRecordsWithoutDossier(MeldcodeTestCase):
	"""A suspicion about staff and a measure without a dossier are kept as long as a closed dossier."""

	def staff_report(self, years_ago, **values):
		from meldcode_app.meldcode_app.doctype.meldcode_staff_report.test_meldcode_staff_report import report

		name = report().name
		closed = {"status": "Closed", "closed_on": add_years(today(), -years_ago)}
		frappe.db.set_value("Meldcode Staff Report", name, {**closed, **values})
		return name

	def measure(self, years_ago, **values):
		from meldcode_app.meldcode_app.doctype.meldcode_exclusion.test_meldcode_exclusion import exclusion

		start = add_years(today(), -years_ago)
		return exclusion("Time-Out", director_approved=1, start_date=start, **values).name

	def test_past_their_period_they_are_destroyed_with_their_traces_and_logged(self):
		old, young = self.staff_report(6), self.staff_report(1)
		held = self.staff_report(6, legal_hold=1, legal_hold_reason="Strafzaak loopt")
		frappe.db.set_value("Meldcode Staff Report", young, "status", "Closed")
		old_measure, young_measure = self.measure(6), self.measure(1)
		held_measure = self.measure(6, legal_hold=1, legal_hold_reason="Bezwaar bij de rechter")
		start = add_years(today(), -6)
		appealed = exclusion_with_open_appeal(start)
		apply_retention_periods()
		for gone in (old, old_measure):
			self.assertFalse(
				frappe.db.exists("Meldcode Staff Report", gone)
				or frappe.db.exists("Meldcode Exclusion", gone)
			)
			self.assertFalse(frappe.db.exists("Notification Log", {"document_name": gone}))
			self.assertFalse(frappe.db.exists("ToDo", {"reference_name": gone}))
			self.assertFalse(frappe.db.exists("Version", {"docname": gone}))
		for kept in (young, held):
			self.assertTrue(frappe.db.exists("Meldcode Staff Report", kept))
		for kept in (young_measure, held_measure, appealed):
			self.assertTrue(frappe.db.exists("Meldcode Exclusion", kept))
		logs = frappe.get_all(
			"Meldcode Destruction Log",
			filters={"rule": "End of Retention Period"},
			fields=["record_type", "record_count", "school"],
		)
		self.assertIn({"record_type": "Meldcode Staff Report", "record_count": 1, "school": None}, logs)
		self.assertIn({"record_type": "Meldcode Exclusion", "record_count": 1, "school": self.school_a}, logs)
		self.assertNotIn("P.J.", str(frappe.get_all("Meldcode Destruction Log", fields=["*"])))
		with self.set_user(staff_user("A", "Director")):
			seen = frappe.get_list("Meldcode Destruction Log", pluck="record_type")
		self.assertIn("Meldcode Exclusion", seen)
		self.assertNotIn("Meldcode Staff Report", seen, "the school never learns of a staff report")

	def test_an_open_report_or_a_measure_with_a_dossier_stays(self):
		from meldcode_app.meldcode_app.doctype.meldcode_staff_report.test_meldcode_staff_report import report

		open_report = report().name
		frappe.db.set_value("Meldcode Staff Report", open_report, "received_on", add_years(today(), -9))
		with_dossier = self.measure(6, dossier=open_dossier().name, pupil_name=None)
		apply_retention_periods()
		self.assertTrue(frappe.db.exists("Meldcode Staff Report", open_report))
		self.assertTrue(frappe.db.exists("Meldcode Exclusion", with_dossier))


def exclusion_with_open_appeal(start):
	from meldcode_app.meldcode_app.doctype.meldcode_exclusion.test_meldcode_exclusion import exclusion

	return exclusion(
		"Suspension",
		start_date=start,
		end_date=add_days(start, 2),
		board_approved_on=start,
		inspectie_informed_on=add_days(start, 1),
		appeal_received_on=add_days(start, 3),
	).name


class TestInspectionCopy(MeldcodeTestCase):
	def test_the_copy_leaves_out_working_notes_and_reduces_third_parties(self):
		signal = make_signal(
			from_third_party=1, source="Karel Jansen", source_consent=1, others_involved="P.V."
		)
		dossier = open_dossier(signals=[signal.name])
		working_note(dossier.name, text="Persoonlijke twijfel over de moeder")
		conversation(dossier, other_participants="Moeder Anna Smit en buurman Piet Bakker")
		html = inspection_copy.render(dossier.name)
		self.assertIn("Sam had een blauwe plek", html)
		self.assertNotIn("Persoonlijke twijfel", html)
		self.assertNotIn("Karel Jansen", html)
		self.assertIn("K. J.", html)
		self.assertNotIn("Piet Bakker", html)

	def test_the_copy_is_a_private_pdf_and_is_logged(self):
		dossier = open_dossier()
		url = as_user(AF_A)(export_inspection_pdf, dossier.name)
		file = frappe.get_doc("File", {"file_url": url})
		self.assertTrue(file.is_private)
		self.assertTrue(file.get_content().startswith(b"%PDF"))
		self.assertTrue(
			frappe.db.exists(
				"Access Log",
				{
					"export_from": "Meldcode Dossier",
					"reference_document": dossier.name,
					"method": "Inspection Copy",
				},
			)
		)
		self.assertRaises(
			frappe.PermissionError,
			as_user(staff_user("B", "Aandachtsfunctionaris")),
			export_inspection_pdf,
			dossier.name,
		)

	def test_user_text_is_escaped(self):
		signal = make_signal(situation="<script>alert(1)</script><table><tr><td>x</td></tr></table>")
		html = inspection_copy.render(open_dossier(signals=[signal.name]).name)
		self.assertNotIn("<script>", html)
		self.assertIn("&lt;script&gt;", html)


class TestCorrectionRequest(MeldcodeTestCase):
	def test_answer_within_four_weeks_adds_the_parents_view_and_keeps_the_facts(self):
		dossier = open_dossier()
		verslag = conversation(dossier)
		request = frappe.get_doc(
			{
				"doctype": "Meldcode Correction Request",
				"dossier": dossier.name,
				"received_on": today(),
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
		as_user(AF_A)(request.insert)
		self.assertEqual(getdate(request.answer_due), getdate(frappe.utils.add_days(today(), 28)))
		term = next(t for t in reload(dossier).terms if t.term_code == "correction_request_answer")
		self.assertEqual(term.status, "Open")
		request.update({"decision": "Refused", "answered_on": today()})
		self.assertRaises(frappe.ValidationError, as_user(AF_A), request.save)
		request = frappe.get_doc("Meldcode Correction Request", request.name)
		request.update(
			{
				"decision": "Refused",
				"answered_on": today(),
				"refusal_reason": "De zin geeft feitelijk weer wat moeder zei.",
				"parents_view": "Wij zien het anders.",
			}
		)
		as_user(AF_A)(request.save)
		as_user(AF_A)(request.submit)
		verslag = frappe.get_doc("Meldcode Conversation", verslag.name)
		self.assertEqual(
			verslag.report, "Wij hebben de signalen één voor één besproken. Moeder herkent de zorg."
		)
		self.assertEqual(
			[(a.kind, a.text) for a in verslag.addenda], [("Parents' View", "Wij zien het anders.")]
		)
		term = next(t for t in reload(dossier).terms if t.term_code == "correction_request_answer")
		self.assertEqual(term.status, "Kept")


class TestAccessAudit(MeldcodeTestCase):
	def test_views_prints_and_exports_are_listed_for_the_schools_case_team_only(self):
		dossier = open_dossier()
		with self.set_user(staff_user("A", "Intern Begeleider")):
			frappe.get_doc("Meldcode Dossier", dossier.name).add_viewed()
		as_user(AF_A)(export_inspection_pdf, dossier.name)
		other = open_dossier(school="B")
		with self.set_user(staff_user("B", "Director")):
			frappe.get_doc("Meldcode Dossier", other.name).add_viewed()
		with self.set_user(staff_user("A", "Director")):
			_columns, rows = audit()
		seen = {(r["user"], r["action"], r["record"]) for r in rows}
		self.assertIn((staff_user("A", "Intern Begeleider"), "Bekeken", dossier.name), seen)
		self.assertIn((AF_A, "Inzagekopie (PDF)", dossier.name), seen)
		self.assertNotIn(other.name, {r["record"] for r in rows})


class TestDestructionLogAccess(MeldcodeTestCase):
	def test_the_destruction_log_shows_each_school_its_own_and_the_board_nothing(self):
		from meldcode_app.destruction import RETENTION_PERIOD, destroy_dossier

		destroy_dossier(open_dossier().name, RETENTION_PERIOD)
		with self.set_user(staff_user("A", "Director")):
			self.assertTrue(frappe.get_list("Meldcode Destruction Log", pluck="name"))
		with self.set_user(staff_user("B", "Director")):
			self.assertEqual(frappe.get_list("Meldcode Destruction Log", pluck="name"), [])
		with self.set_user("beheer@meldcode.test"):
			self.assertTrue(frappe.get_list("Meldcode Destruction Log", pluck="name"))
		with self.set_user("board@meldcode.test"):
			self.assertRaises(frappe.PermissionError, frappe.get_list, "Meldcode Destruction Log")


class TestDestructionOfTracesOfTraces(MeldcodeTestCase):
	def test_a_comment_tag_or_file_on_a_cases_todo_goes_with_the_dossier(self):
		"""Round 204: a comment, a tag and a file on a case's ToDo outlived its dossier's destruction,
		and (round 207) the copy of a comment on it deleted before. The control: those on another
		ToDo stay."""
		from meldcode_app.destruction import RETENTION_PERIOD, destroy_dossier

		dossier = open_dossier().name
		if not frappe.db.exists("Tag", "urgent"):
			frappe.get_doc({"doctype": "Tag", "name": "urgent"}).insert(ignore_permissions=True)
		left = []
		for reference in (dossier, None):
			todo = frappe.get_doc({"doctype": "ToDo", "description": "Termijn", "allocated_to": AF_A})
			todo.update(
				{"reference_type": "Meldcode Dossier" if reference else None, "reference_name": reference}
			)
			todo.insert(ignore_permissions=True)
			on_todo = {"reference_doctype": "ToDo", "reference_name": todo.name}
			traces = [
				frappe.get_doc(
					{"doctype": "Comment", "comment_type": "Comment", "content": "Op de taak", **on_todo}
				),
				frappe.get_doc(
					{
						"doctype": "Tag Link",
						"document_type": "ToDo",
						"document_name": todo.name,
						"tag": "urgent",
					}
				),
				frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"op-de-taak-{frappe.generate_hash(length=6)}.txt",
						"content": "bijlage",
						"is_private": 1,
						"attached_to_doctype": "ToDo",
						"attached_to_name": todo.name,
					}
				),
			]
			for trace in traces:
				trace.flags.ignore_permissions = True
				# a label from before labels on a case's ToDo were refused (round 207)
				trace.db_insert() if trace.doctype == "Tag Link" else trace.insert()
			deleted = frappe.get_doc({"doctype": "Comment", "comment_type": "Comment", **on_todo})
			deleted.update({"content": "Verwijderd"}).insert(ignore_permissions=True)
			frappe.delete_doc("Comment", deleted.name, ignore_permissions=True)
			copy = frappe.db.get_value("Deleted Document", {"deleted_name": deleted.name})
			left.append([(trace.doctype, trace.name) for trace in traces] + [("Deleted Document", copy)])
		event = frappe.get_doc(
			{
				"doctype": "Event",
				"subject": "Overleg",
				"starts_on": now_datetime(),
				"event_participants": [
					{"reference_doctype": "Meldcode Dossier", "reference_docname": dossier}
				],
			}
		).insert(ignore_permissions=True)
		destroy_dossier(dossier, RETENTION_PERIOD)
		self.assertFalse(frappe.db.exists("Event Participants", {"parent": event.name}), "a meeting's link")
		of_the_case, of_another = left
		self.assertEqual([t for t in of_the_case if frappe.db.exists(*t)], [])
		self.assertEqual([t for t in of_another if frappe.db.exists(*t)], of_another, "the control")


class TestOldCaseFiles(MeldcodeTestCase):
	def test_a_case_file_named_before_gets_a_name_no_one_guesses(self):
		"""Frappe tells whether a private file of a name exists (an upload renamed for a taken name):
		a verslag's PDF uploaded as "verslag-….pdf" before the app named case files itself is renamed
		by the update, the conversation's field follows, and a copy another record shares stays."""
		import os

		from frappe.utils import get_files_path

		from meldcode_app.access.files import UNGUESSABLE
		from meldcode_app.patches import case_files_unguessable

		talk = conversation(open_dossier("A"))
		name = f"verslag-oud-{frappe.generate_hash(length=6)}.pdf"
		with open(get_files_path(name, is_private=1), "wb") as disk:
			disk.write(b"%PDF-1.4 oud verslag")
		url = f"/private/files/{name}"
		rows = {}
		for doctype, record in (("Meldcode Conversation", talk.name), ("Note", None)):
			row = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": name,
					"file_url": url,
					"is_private": 1,
					"attached_to_doctype": doctype if record else None,
					"attached_to_name": record,
				}
			)
			row.db_insert()  # as stored before the rule
			rows[doctype] = row.name
		talk.db_set("signed_pdf", url)
		alone = f"notitie-oud-{frappe.generate_hash(length=6)}.txt"
		with open(get_files_path(alone, is_private=1), "wb") as disk:
			disk.write(b"oude notitie")
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": alone,
				"file_url": f"/private/files/{alone}",
				"is_private": 1,
				"attached_to_doctype": "Meldcode Dossier",
				"attached_to_name": talk.dossier,
			}
		).db_insert()

		case_files_unguessable.execute()
		self.assertFalse(os.path.exists(get_files_path(alone, is_private=1)), "a file no other File shares")
		moved = frappe.db.get_value(
			"File", {"attached_to_name": talk.dossier, "file_name": ("like", "notitie-oud-%")}, "file_name"
		)
		os.remove(get_files_path(moved, is_private=1))

		renamed = frappe.db.get_value(
			"File", rows["Meldcode Conversation"], ["file_name", "file_url"], as_dict=True
		)
		self.assertRegex(os.path.splitext(renamed.file_name)[0], UNGUESSABLE)
		self.assertTrue(renamed.file_name.startswith("verslag-oud-"))
		self.assertEqual(
			frappe.db.get_value("Meldcode Conversation", talk.name, "signed_pdf"), renamed.file_url
		)
		with open(get_files_path(renamed.file_name, is_private=1), "rb") as disk:
			self.assertEqual(disk.read(), b"%PDF-1.4 oud verslag")
		self.assertEqual(
			frappe.db.get_value("File", rows["Note"], "file_url"), url, "the other record's file"
		)
		self.assertTrue(os.path.isfile(get_files_path(name, is_private=1)), "and its disk file stay")
		case_files_unguessable.execute()  # once named, a file keeps its name
		self.assertEqual(
			frappe.db.get_value("File", rows["Meldcode Conversation"], "file_url"), renamed.file_url
		)
		for kept in (name, renamed.file_name):
			os.remove(get_files_path(kept, is_private=1))


class TestFilesOfACaseTrace(MeldcodeTestCase):
	"""Frappe lists every public file to every System User, whatever else limits the File list (its
	own condition ends in an "or"), and serves it to anyone with its address: a file on a case's
	ToDo or comment is private like the case record's own attachments."""

	manager = "systeembeheer.bestanden@meldcode.test"

	def setUp(self):
		super().setUp()
		make_user(self.manager, "Systeem", "System Manager")
		self.dossier = open_dossier("A").name
		self.case_todo = self.todo("Meldcode Dossier", self.dossier)
		self.plain_todo = self.todo(None, None)

	@staticmethod
	def todo(doctype, name):
		return (
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"description": "Gesprek met moeder voorbereiden",
					"allocated_to": staff_user("A", "Aandachtsfunctionaris"),
					"reference_type": doctype,
					"reference_name": name,
				}
			)
			.insert()
			.name
		)

	def attach(self, todo, private, user=None, doctype="ToDo"):
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"aantekening-{frappe.generate_hash(length=6)}.txt",
				"content": "Moeder vertelde over de ruzies thuis.",
				"is_private": private,
				"attached_to_doctype": doctype,
				"attached_to_name": todo,
			}
		)
		as_user(user or staff_user("A", "Aandachtsfunctionaris"))(file.insert)
		self.addCleanup(lambda: os.path.exists(file.get_full_path()) and os.remove(file.get_full_path()))
		return file

	def test_a_file_on_a_case_todo_is_private(self):
		self.assertRaises(frappe.PermissionError, self.attach, self.case_todo, 0)
		self.assertTrue(self.attach(self.case_todo, 1).is_private, "a private one is attached")
		self.assertFalse(self.attach(self.plain_todo, 0).is_private, "another ToDo's file may be public")

	def test_a_file_on_a_case_todo_or_comment_is_not_copied_by_who_may_not_read_the_case(self):
		"""Round 60: a File of one's own naming the address of a private file on a case's term ToDo
		or comment was accepted (judged as nobody's), and Frappe served the file through it to a
		teacher of another school and to a parent's account."""
		from meldcode_app.access.files import UNGUESSABLE
		from meldcode_app.access.permissions import readable_file

		comment = frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Comment",
				"reference_doctype": "Meldcode Dossier",
				"reference_name": self.dossier,
				"content": "Moeder belde.",
			}
		).insert(ignore_permissions=True)
		files = [self.attach(self.case_todo, 1), self.attach(comment.name, 1, doctype="Comment")]
		outsider = staff_user("B", "Teacher")
		for file in files:
			stem = os.path.splitext(file.file_name)[0]
			self.assertRegex(stem, UNGUESSABLE, "a case's file gets a name no one guesses")
			copy = {"doctype": "File", "file_url": file.file_url, "is_private": 1}
			with self.set_user(outsider):
				self.assertFalse(readable_file(file.file_url), "served to the outsider")
				self.assertRaises(frappe.DoesNotExistError, frappe.get_doc(copy).insert)
			with self.set_user(AF_A):
				self.assertTrue(readable_file(file.file_url), "the positive control: the case team")
				frappe.get_doc(copy).insert()

	def test_an_older_file_of_a_case_todo_gets_a_name_no_one_guesses(self):
		from frappe.utils import get_files_path

		from meldcode_app.access.files import UNGUESSABLE
		from meldcode_app.patches import case_files_unguessable

		older = []
		for todo in (self.case_todo, self.plain_todo):
			name = f"notitie-{frappe.generate_hash(length=6)}.txt"
			with open(get_files_path(name, is_private=1), "w") as disk:
				disk.write("Moeder vertelde over de ruzies thuis.")
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": name,
					"file_url": f"/private/files/{name}",
					"is_private": 1,
					"attached_to_doctype": "ToDo",
					"attached_to_name": todo,
				}
			)
			file.db_insert()  # as stored before the rule
			older.append(file)
		case_files_unguessable.execute()
		renamed, plain = (frappe.get_doc("File", file.name) for file in older)
		self.addCleanup(os.remove, renamed.get_full_path())
		self.addCleanup(os.remove, plain.get_full_path())
		self.assertRegex(os.path.splitext(renamed.file_name)[0], UNGUESSABLE)
		self.assertEqual(plain.file_name, older[1].file_name, "the positive control: another ToDo's file")

	def test_an_older_public_file_of_a_case_todo_becomes_private_and_unlisted(self):
		from frappe.utils import get_files_path

		from meldcode_app.patches import case_trace_files_private

		name = f"aantekening-oud-{frappe.generate_hash(length=6)}.txt"
		with open(get_files_path(name), "w") as disk:
			disk.write("Moeder vertelde over de ruzies thuis.")
		older = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": name,
				"file_url": f"/files/{name}",
				"is_private": 0,
				"attached_to_doctype": "ToDo",
				"attached_to_name": self.case_todo,
			}
		)
		older.db_insert()  # as stored before the rule
		plain = self.attach(self.plain_todo, 0)

		case_trace_files_private.execute()
		moved = frappe.get_doc("File", older.name)
		self.addCleanup(os.remove, moved.get_full_path())
		self.assertTrue(moved.is_private)
		self.assertFalse(os.path.exists(get_files_path(name)), "the public copy is gone")
		with open(moved.get_full_path()) as disk:
			self.assertIn("ruzies", disk.read())
		with self.set_user(self.manager):
			listed = frappe.get_list("File", filters={"attached_to_doctype": "ToDo"}, pluck="name")
		self.assertNotIn(older.name, listed)
		self.assertIn(plain.name, listed, "the positive control: a public file of another ToDo")
		self.assertFalse(frappe.db.get_value("File", plain.name, "is_private"))

	def test_a_file_field_of_a_case_record_takes_a_private_file_only(self):
		"""Round 59: Frappe attaches the unattached file a file field names to the record saved,
		without the File's own check: a correction request's public "written request" was listed
		to every System User and served to anyone."""
		dossier = open_dossier("A")
		request = frappe.get_doc(
			{
				"doctype": "Meldcode Correction Request",
				"dossier": dossier.name,
				"received_on": today(),
				"requested_changes": [
					{
						"record_type": "Meldcode Dossier",
						"record": dossier.name,
						"requested_change": "Schrap de tweede zin.",
						"ground": "Factually Incorrect",
					}
				],
			}
		)
		as_user(AF_A)(request.insert)

		def upload(private):
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"verzoek-ouders-{frappe.generate_hash(length=6)}.txt",
					"content": "Verzoek van de ouders om het verslag te corrigeren.",
					"is_private": private,
				}
			)
			as_user(AF_A)(file.insert)
			self.addCleanup(lambda: os.path.exists(file.get_full_path()) and os.remove(file.get_full_path()))
			return file

		def with_written_request(file):
			stored = frappe.get_doc("Meldcode Correction Request", request.name)
			stored.written_request = file.file_url
			as_user(AF_A)(stored.save)

		public, private = upload(0), upload(1)
		self.assertRaises(frappe.PermissionError, with_written_request, public)
		self.assertFalse(frappe.db.get_value("File", public.name, "attached_to_name"), "left unattached")
		with_written_request(private)
		self.assertEqual(
			frappe.db.get_value("File", private.name, ["attached_to_name", "is_private"]),
			(request.name, 1),
			"the positive control: a private file is attached",
		)
		from meldcode_app.patches import case_trace_files_private

		# As Frappe attached it before the rule: the update moves it and the field follows.
		public.db_set({"attached_to_doctype": request.doctype, "attached_to_name": request.name})
		frappe.db.set_value(request.doctype, request.name, "written_request", public.file_url)
		case_trace_files_private.execute()
		moved = frappe.get_doc("File", public.name)
		self.addCleanup(os.remove, moved.get_full_path())
		self.assertTrue(moved.is_private)
		self.assertEqual(
			frappe.db.get_value(request.doctype, request.name, "written_request"), moved.file_url
		)


class TestTracesOfTraces(MeldcodeTestCase):
	"""The app follows a trace of a case three steps back, in every list and on every form; nothing
	is written about a trace of a trace of a case (round 60: a comment on a ToDo about a case's
	comment, and a ToDo about that comment, were listed with their text to a System Manager)."""

	def chain(self, reference_doctype, reference_name):
		"""A comment on the reference, a ToDo about that comment, and a comment on the ToDo, written
		by the case team; returns what was written before a refusal, and the refusal."""
		written = []
		steps = (
			("Comment", {"comment_type": "Comment", "content": "Moeder belde."}),
			("ToDo", {"description": "Terugbellen", "allocated_to": AF_A}),
			("Comment", {"comment_type": "Comment", "content": "Teruggebeld, geen gehoor."}),
		)
		for doctype, values in steps:
			fields = ("reference_type" if doctype == "ToDo" else "reference_doctype", "reference_name")
			doc = frappe.get_doc(
				{
					"doctype": doctype,
					**values,
					**dict(zip(fields, (reference_doctype, reference_name), strict=True)),
				}
			)
			try:
				as_user(AF_A)(doc.insert, ignore_permissions=True)  # the app's own check still runs
			except frappe.PermissionError as refusal:
				return written, refusal
			written.append(doc)
			reference_doctype, reference_name = doctype, doc.name
		return written, None

	def test_nothing_is_written_about_a_trace_of_a_trace_of_a_case(self):
		written, refusal = self.chain("Meldcode Dossier", open_dossier("A").name)
		self.assertEqual([doc.doctype for doc in written], ["Comment", "ToDo"])
		self.assertIsInstance(refusal, frappe.PermissionError, "the comment on the ToDo")
		note = frappe.get_doc({"doctype": "Note", "title": "Proefnotitie ketting"}).insert()
		written, refusal = self.chain("Note", note.name)
		self.assertIsNone(refusal, "the positive control: the same chain about a note")
		self.assertEqual(len(written), 3)


class TestTracesOfACasesToDo(MeldcodeTestCase):
	"""Round 207, over HTTP as the school's aandachtsfunctionaris: a label on a case's ToDo was read
	and renamed by anyone, and a deleted case ToDo left its comments (until a job ran) and its
	attachment's copy (for ever) about nothing, for a System Manager to read. The control: her own
	ToDo about no case."""

	def setUp(self):
		super().setUp()
		from meldcode_app.tests.test_request_guard import api_token

		self.token = api_token(AF_A)
		self.dossier = open_dossier("A").name
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Tag", {"name": ("like", "meldcode-label-%")})
		self.todos = []
		self.addCleanup(self.remove)

	def remove(self):
		"""What the test committed: its dossier and ToDos, with everything about them."""
		from meldcode_app.destruction import destroy
		from meldcode_app.rules.registry import DESTROYED_WITH_DOSSIER

		frappe.set_user("Administrator")
		destroy("ToDo", self.todos)
		for doctype in DESTROYED_WITH_DOSSIER:
			destroy(doctype, frappe.get_all(doctype, {"dossier": self.dossier}, pluck="name"))
		destroy("Meldcode Dossier", [self.dossier])

	def todo_with_traces(self, reference) -> tuple[str, list[tuple[str, str]]]:
		todo = frappe.get_doc({"doctype": "ToDo", "description": "Gesprek plannen", "allocated_to": AF_A})
		todo.update({"reference_type": reference and "Meldcode Dossier", "reference_name": reference})
		as_user(AF_A)(todo.insert)
		self.todos.append(todo.name)
		on_todo = {"reference_doctype": "ToDo", "reference_name": todo.name}
		comment = frappe.get_doc(
			{"doctype": "Comment", "comment_type": "Comment", "content": "Moeder belt terug", **on_todo}
		)
		attachment = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"afspraak-{frappe.generate_hash(length=6)}.txt",
				"content": "afspraak",
				"is_private": 1,
				"attached_to_doctype": "ToDo",
				"attached_to_name": todo.name,
			}
		)
		for trace in (comment, attachment):
			trace.insert(ignore_permissions=True)
		frappe.db.commit()
		return todo.name, [("Comment", comment.name), ("File", attachment.name)]

	def test_a_cases_todo_carries_no_label_and_takes_its_traces_when_deleted(self):
		from meldcode_app.tests.test_request_guard import request_as

		(case_todo, of_case), (own_todo, of_own) = (self.todo_with_traces(r) for r in (self.dossier, None))
		statuses = {}
		for todo in (case_todo, own_todo):
			statuses[todo] = request_as(
				self.token,
				"frappe.desk.doctype.tag.tag.add_tag",
				"post",
				tag=f"meldcode-label-{frappe.generate_hash(length=6)}",
				dt="ToDo",
				dn=todo,
			)[0]
		self.assertEqual(statuses, {case_todo: 403, own_todo: 200})
		frappe.db.commit()
		self.assertFalse(frappe.db.exists("Tag Link", {"document_name": case_todo}))

		for todo in (case_todo, own_todo):
			status, answer = request_as(
				self.token, "frappe.desk.reportview.delete_items", "post", doctype="ToDo", items=[todo]
			)
			self.assertEqual(status, 200, answer)
		frappe.db.commit()

		def left(traces):
			kept = [trace for trace in traces if frappe.db.exists(*trace)]
			copies = frappe.get_all(
				"Deleted Document",
				filters={"deleted_name": ("in", [name for _doctype, name in traces])},
				pluck="deleted_doctype",
			)
			return kept, copies

		self.assertEqual(left(of_case), ([], []))
		# Frappe's way with a ToDo about no case: its comment until a job, a copy of its file
		self.assertEqual(left(of_own), ([of_own[0]], ["File"]), "the control")

	def test_labels_put_on_a_cases_todo_before_are_taken_off(self):
		from meldcode_app.patches import no_labels_on_case_records

		todos = [self.todo_with_traces(reference)[0] for reference in (self.dossier, None)]
		tag = f"meldcode-label-{frappe.generate_hash(length=6)}"
		frappe.get_doc({"doctype": "Tag", "name": tag}).insert(ignore_permissions=True)
		for todo in todos:
			frappe.db.set_value("ToDo", todo, "_user_tags", f",{tag}", update_modified=False)
			frappe.get_doc(
				{"doctype": "Tag Link", "document_type": "ToDo", "document_name": todo, "tag": tag}
			).db_insert()
		no_labels_on_case_records.execute()
		self.assertEqual(
			frappe.get_all("Tag Link", filters={"tag": tag}, pluck="document_name"), todos[1:], "the control"
		)
		self.assertEqual(
			[frappe.db.get_value("ToDo", todo, "_user_tags") for todo in todos], [None, f",{tag}"]
		)

	def test_copies_about_a_case_todo_deleted_before_are_removed(self):
		"""Before the mend, a deleted case ToDo left its attachment's copy about nothing."""
		from meldcode_app.patches import no_copies_about_deleted_case_traces

		copies = []
		for reference in (self.dossier, None):
			todo, traces = self.todo_with_traces(reference)
			attachment = traces[1][1]
			frappe.delete_doc("File", attachment, ignore_permissions=True)  # Frappe's way, with a copy
			frappe.delete_doc("ToDo", todo, ignore_permissions=True, ignore_on_trash=True)  # as before
			copies.append(frappe.db.get_value("Deleted Document", {"deleted_name": attachment}))
		self.assertTrue(all(copies))
		no_copies_about_deleted_case_traces.execute()
		self.assertEqual([bool(frappe.db.exists("Deleted Document", c)) for c in copies], [False, True])

	def test_a_cases_todo_stays_about_the_case(self):
		"""A ToDo about a case, given to a teacher of the pupil's school, was pointed at her own note:
		then no longer the case's, its text and the team's comments and files on it were anyone's
		with ToDos to read. The control: her ToDo about nothing, pointed at the same note."""
		from meldcode_app.tests.test_request_guard import api_token, request_as

		teacher = staff_user("A", "Teacher")
		token = api_token(teacher)
		note = frappe.get_doc({"doctype": "Note", "title": f"Eigen notitie {frappe.generate_hash(length=6)}"})
		note.insert(ignore_permissions=True)
		todos = {}
		for reference in (self.dossier, None):
			todo = frappe.get_doc(
				{
					"doctype": "ToDo",
					"description": "Let op in de klas",
					"allocated_to": teacher,
					"assigned_by": AF_A,
				}
			)
			todo.update({"reference_type": reference and "Meldcode Dossier", "reference_name": reference})
			todos[reference] = as_user(AF_A)(todo.insert).name
		frappe.db.commit()
		self.addCleanup(frappe.db.delete, "ToDo", {"name": ("in", list(todos.values()))})
		self.addCleanup(frappe.db.delete, "Note", {"name": note.name})
		answers = {}
		for reference, todo in todos.items():
			form = frappe.get_doc("ToDo", todo).as_dict()
			form.update(reference_type="Note", reference_name=note.name)
			answers[reference] = request_as(
				token, "frappe.desk.form.save.savedocs", "post", doc=frappe.as_json(form), action="Save"
			)[0]
		frappe.db.commit()
		self.assertEqual(answers, {self.dossier: 403, None: 200})
		self.assertEqual(frappe.db.get_value("ToDo", todos[self.dossier], "reference_name"), self.dossier)
