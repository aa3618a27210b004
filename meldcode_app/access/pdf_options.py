"""What a PDF may be asked for: Frappe hands a request's ``options`` (``download_multi_pdf``) to
wkhtmltopdf as its command line, and sets its own ``disable-javascript`` and
``disable-local-file-access`` with ``dict.update``, which keeps a key where the caller put it: a
caller that listed those keys first and ``enable-local-file-access``, ``run-script`` after them
printed any file on the server (a case file, the database's table files, site_config.json; round
172). wkhtmltopdf runs as a process of its own, which no check in Python reaches."""

from meldcode_app.rules.pdf_layout import layout_only


def print_with_layout_options_only() -> None:
	"""Frappe's ``prepare_options`` (every PDF's) starts from the layout options only, and its
	cookie file (the printer's session) is removed when it fails after writing it (for the whole
	process, from the package's import)."""
	from frappe.utils import pdf

	prepare = pdf.prepare_options
	if getattr(prepare, "meldcode_wrapped", False):
		return

	def prepare_layout_options(html, options):
		kept = layout_only(options)
		try:
			return prepare(html, kept)
		except Exception:
			pdf.cleanup(kept)
			raise

	prepare_layout_options.meldcode_wrapped = True
	pdf.prepare_options = prepare_layout_options
