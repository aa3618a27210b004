"""The options a PDF is made with when a request asks for some: its layout, nothing that switches
wkhtmltopdf's scripts or local files on (meldcode_app/access/pdf_options.py)."""

# The layout a print may choose; Frappe adds its own switches after these.
LAYOUT_OPTIONS = frozenset(
	{
		"page-size",
		"page-width",
		"page-height",
		"orientation",
		"margin-top",
		"margin-bottom",
		"margin-left",
		"margin-right",
		"header-spacing",
		"footer-spacing",
		"password",
	}
)


def layout_only(options) -> dict:
	"""The options a PDF is made with: layout keys with a plain value, nothing else."""
	if not isinstance(options, dict):
		return {}
	return {
		key: value
		for key, value in options.items()
		if key in LAYOUT_OPTIONS and isinstance(value, str | int | float) and not isinstance(value, bool)
	}
