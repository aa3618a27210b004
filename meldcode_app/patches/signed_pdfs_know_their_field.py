"""A signed PDF's File names the field it is the value of: otherwise Frappe's attaching, on the
save that adds a parent's zienswijze through the portal, tried to attach it again as the parent,
was refused and told the parent an error (the signature itself was kept)."""

import frappe


def execute():
	conversation, file = frappe.qb.DocType("Meldcode Conversation"), frappe.qb.DocType("File")
	signed = (
		frappe.qb.from_(conversation)
		.select(conversation.signed_pdf)
		.where(conversation.signed_pdf.isnotnull())
	)
	(
		frappe.qb.update(file)
		.set(file.attached_to_field, "signed_pdf")
		.where(file.attached_to_doctype == "Meldcode Conversation")
		.where(file.file_url.isin(signed))
		.where(file.attached_to_field.isnull() | (file.attached_to_field == ""))
	).run()
