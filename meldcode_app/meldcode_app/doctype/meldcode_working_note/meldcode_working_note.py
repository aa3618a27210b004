from meldcode_app.case_records import CaseRecord


class MeldcodeWorkingNote(CaseRecord):
	pass
