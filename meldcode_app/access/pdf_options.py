"""What a PDF may be asked for and what it reaches: Frappe hands a request's ``options`` (``download_multi_pdf``) to
wkhtmltopdf as its command line, and sets its own ``disable-javascript`` and
``disable-local-file-access`` with ``dict.update``, which keeps a key where the caller put it: a
caller that listed those keys first and ``enable-local-file-access``, ``run-script`` after them
printed any file on the server (a case file, the database's table files, site_config.json; round
172). wkhtmltopdf runs as a process of its own, which no check in Python reaches; it fetches
what a page names from the site, and with the printer's session it fetched her cases (round 175)."""

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


def print_without_the_printers_session() -> None:
	"""Frappe gives wkhtmltopdf the printer's session, and it fetched whatever the printed page
	named from the site as her: a link that made a case-team member mail a page of frames
	(``print_html``) sent her signals and dossiers as a PDF to an address of the link's maker
	(round 175). wkhtmltopdf fetches the site as a guest; Frappe puts the private pictures a
	page shows into it before (``inline_private_images``, as the printer)."""
	from frappe.utils import pdf

	if getattr(pdf.get_cookie_options, "meldcode_wrapped", False):
		return

	def no_session():
		return {}

	no_session.meldcode_wrapped = True
	pdf.get_cookie_options = no_session
