"""What a PDF may be asked for (meldcode_app/rules/pdf_layout.py, used by access/pdf_options.py): the layout only, so that no
request switches wkhtmltopdf's scripts or local files back on (round 172)."""

from meldcode_app.rules.pdf_layout import layout_only


def test_switches_and_scripts_are_left_out_in_any_order():
	asked = {
		"disable-javascript": "",
		"disable-local-file-access": "",
		"enable-javascript": "",
		"enable-local-file-access": "",
		"run-script": "document.body.innerText = 'x'",
		"--allow": "/",
		"cookie-jar": "/tmp/x.jar",
		"header-html": "/etc/hostname",
		"orientation": "Landscape",
		"margin-top": 10,
	}
	assert layout_only(asked) == {"orientation": "Landscape", "margin-top": 10}


def test_a_layout_value_is_a_plain_value():
	asked = {"page-size": ["A4", "--enable-local-file-access"], "orientation": {"x": 1}, "margin-left": True}
	assert layout_only(asked) == {}
	assert layout_only("page-size=A4") == {}
	assert layout_only(None) == {}
