"""Follows of case records made before the app refused them end (access/follows.py): Frappe's
digest would keep mailing the record's changes to whoever followed it."""

import frappe

from meldcode_app.rules.registry import RECORD_DOCTYPES


def execute():
	frappe.db.delete("Document Follow", {"ref_doctype": ("in", list(RECORD_DOCTYPES))})
