from meldcode_app.rules.shown_as_stored import is_a_barcode, is_a_signature

# As Frappe's barcode control stores a Code 128 barcode of "LL-1234" (JsBarcode, renderers/svg.js).
DRAWN = (
	'<svg width="100%" height="92px" x="0px" y="0px" viewBox="0 0 178 92" '
	'xmlns="http://www.w3.org/2000/svg" version="1.1" style="transform: translate(0,0)" '
	'data-barcode-value="LL-1234"><rect x="0" y="0" width="178" height="92" style="fill:#ffffff;"></rect>'
	'<g transform="translate(10, 10)" style="fill:#000000;"><rect x="0" y="0" width="6" height="50"></rect>'
	'<rect x="9" y="0" width="3" height="50"></rect>'
	'<text style="font: 16px monospace" text-anchor="middle" x="79" y="72">LL-1234</text></g></svg>'
)


def test_a_barcode_as_the_control_draws_it_or_its_text_is_kept():
	assert is_a_barcode(DRAWN)
	assert is_a_barcode("<svg height=80></svg>")  # the control's empty barcode
	assert is_a_barcode("LL-1234")
	assert is_a_barcode(DRAWN.replace("LL-1234</text>", "A &amp; B</text>"))


def test_a_barcode_that_runs_or_fetches_something_is_refused():
	for planted in (
		DRAWN.replace('<rect x="9"', '<rect onload="alert(1)" x="9"'),
		DRAWN.replace("</g>", "<script>alert(1)</script></g>"),
		DRAWN.replace("</g>", "<foreignObject><img src=x onerror=alert(1)></foreignObject></g>"),
		DRAWN.replace("</g>", '<a href="javascript:alert(1)"><text>x</text></a></g>'),
		DRAWN.replace('style="fill:#ffffff;"', 'style="fill:url(https://elders.example/p.png)"'),
		DRAWN.replace(
			'data-barcode-value="LL-1234"', 'data-barcode-value="&quot; onmouseover=alert(1) x=&quot;"'
		),
		DRAWN + "<img src=x onerror=alert(1)>",
		DRAWN.replace("</g>", "<!-- --><img src=x onerror=alert(1)></g>"),
		'<svg><rect x="1" onload=alert(1)',  # unfinished
		"<img src=x onerror=alert(1)>",
		'LL"><img src=x onerror=alert(1)>',
	):
		assert not is_a_barcode(planted), planted


def test_a_signature_is_an_image_the_pad_draws():
	assert is_a_signature(
		"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
	)
	for planted in (
		'data:image/png;base64,AAAA" onerror="alert(1)',
		"javascript:alert(1)",
		"https://elders.example/track.png",
		"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	):
		assert not is_a_signature(planted), planted
