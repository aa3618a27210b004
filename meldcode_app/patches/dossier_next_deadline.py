from meldcode_app.terms import renew_next_deadlines


def execute():
	"""Dossiers opened before the list showed the next deadline get theirs."""
	renew_next_deadlines()
