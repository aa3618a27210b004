from meldcode_app import protocol_runs
from meldcode_app.case_records import CaseRecord


class MeldcodeProtocolRun(CaseRecord):
	"""A run of a protocol on an incident, a professional's report of unwanted behaviour or a death."""

	def validate(self):
		protocol_runs.prepare(self)

	def on_update(self):
		protocol_runs.keep_todos(self)
