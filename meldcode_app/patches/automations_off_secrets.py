"""Automations set up on the Email Queue or OAuth tokens (which hold login links and keys), before
the app refused them, are switched off like those on case records."""

from meldcode_app.patches.automations_off_case_records import execute as switch_off


def execute():
	switch_off()  # OUT_OF_REACH now names them too
