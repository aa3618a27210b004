from meldcode_app.rules.active_markup import HANDLER, in_place, runs_in_a_page


def test_markup_that_runs_is_found_however_it_is_written():
	for planted in (
		"<img src=x onerror=alert(1)>",
		"<IMG SRC=X ONERROR=ALERT(1)>",
		"<svg/onload=alert(1)>",
		"<details open ontoggle=alert(1)>",
		'x" onmouseover="alert(1)',
		"<a href='jav&#x61;script:alert(1)'>a</a>",
		'<a href="java\tscript:alert(1)">a</a>',
		"&lt;img src=x onerror=alert(1)&gt;",  # decoded by the desk on a Kanban card
		'{"label": "\\u003cimg src=x onerror=alert(1)\\u003e"}',  # JSON's escapes
		"<iframe srcdoc=x>",
		"<script>alert(1)</script>",
		"<style>body{display:none}</style>",
		"<form action=https://elders.example>",
		'<div onwebkitanimationstart="alert(1)">',
		'<div ongesturestart="alert(1)">',  # Safari's events (round 78)
		"<b onsomenewevent=alert(1)>x</b>",  # any on…= inside a tag
		'<a href="x" style="position:fixed;top:0;width:100%;height:100%">Log opnieuw in</a>',
		"[rooster](javascript:alert(1))",
		"javascript:alert(1)",
		"<!-->&lt;img src=x &#111;nerror=alert(1)&gt;-->",  # a comment a browser ends at once
		"<textarea><img src=x &#111;nerror=alert(1)></textarea>",  # text the desk decodes
		'<meta http-equiv="refresh" content="0;url=https://elders.example">',
		'<link rel="stylesheet" href="https://elders.example/x.css">',
		"Lees [de handleiding][1].\n\n[1]: javascript:alert(1)",  # a reference-style link (round 79)
		'<div class="fixed-top vh-100 w-100 bg-white">Sessie verlopen</div>',  # the desk's own classes
		'<div class="modal show">Log in</div>',
		# round 82: a transform, a negative margin around a padding, an escaped or commented name
		'<a href="https://elders.example" style="display:block;transform:scale(60)">Sessie verlopen</a>',
		"<a href=https://elders.example style=opacity:.99;margin:-3000px;padding:3000px>x</a>",
		"<a style='tr\\61nsform:scale(9)'>x</a>",
		'<a style="/**/translate:9px">x</a>',
		'<span style="color:red;background-image:url(https://elders.example/p.png)">x</span>',
		'<a href="https://elders.example" style="padding:1500px 3000px;border:1500px solid #2490ef">x</a>',
	):
		assert runs_in_a_page(planted), planted


def test_text_with_brackets_quotes_and_words_that_begin_with_on_is_text():
	for text in (
		"Concurrent <Jansen> was goedkoper",
		"Kabel &lt;Type-C&gt; besteld",
		'Wacht op "bevestiging" leverancier & onderhoud=klaar',
		"<p>edited 'x' onderwerp = y</p>",
		'<div class="ql-editor read-mode"><p>a &amp; b <strong>vet</strong></p></div>',
		'<p>Zie <a href="https://www.veiligthuis.nl" target="_blank">Veilig Thuis</a></p>',
		"Groep 3<4 rekenen",
		'Ouders\' avond & "info"',
		"Cursus JavaScript: eerste les op maandag",
		'<p><span style="color: rgb(230, 0, 0);">rood</span></p>',
		"<ol><li>Browser: Chrome</li><li>JavaScript: aan</li></ol>",
		"Webdesign (JavaScript: DOM en events)",
		'<p class="ql-align-center">Midden</p>',
		'<td style="text-align: right; background-color: hsl(60, 100%, 90%)">cel</td>',
		"Zet de style: netjes (geen opmaak)",
	):
		assert not runs_in_a_page(text), text


def test_an_event_handler_is_named_by_an_event():
	assert HANDLER.search("onerror=")
	assert HANDLER.search("ONCLICK =")
	assert not HANDLER.search("onderhoud=")
	assert not HANDLER.search("ontvanger=")
	assert not HANDLER.search("x_onload=")


def test_a_style_keeps_what_keeps_its_element_in_place():
	assert in_place("display:block;color: rgb(1, 2, 3);margin:-3px;border-image:url(x);width:10px") == (
		"color: rgb(1, 2, 3)"
	)
	# round 84: a line through a link, 1500px thick
	assert in_place("text-decoration: line-through solid red 1500px; text-decoration-line: underline") == (
		"text-decoration-line: underline"
	)
	# round 83: an inline link's padding and border paint over the page around it
	assert (
		in_place("padding:1500px 3000px;border:1500px solid #2490ef;font-size:40px;color:#fff")
		== "color: #fff"
	)
	assert in_place("position:fixed;z-index:9;top:0") == ""
	assert in_place("font-weight: bold; text-align: center") == "font-weight: bold; text-align: center"


def test_a_picture_that_calls_a_site_runs_and_a_site_file_does_not():
	"""Round 84, past a save: a picture whose address is a site's method logs out whoever views it."""
	for text in (
		'Notitie<img src="/api/method/logout">',
		"<img src=/%61pi/method/logout>",
		'<img alt="x" src="https://school.example/app/user">',
		'<table background="/login?redirect-to=/app">',
		'<img src="/files/../api/method/logout">',
		# round 177: Frappe runs a "cmd" on any path, a picture of the site's files too
		'<img src="/private/files/x.png?cmd=frappe.core.doctype.communication.email.make&amp;now=1">',
		'<img src="/assets/x.png?a=1&%63md=logout">',
		'<img src="https://school.example/files/x.png?cmd=logout">',
	):
		assert runs_in_a_page(text), text
	for text in (
		'<p><img src="/files/logo.png" style="width: 150px"></p>',
		'<img src="https://cdn.example.org/a.png" alt="x">',
		'<img data-src="/api/x" src="/private/files/a.png">',
		'<img src="/private/files/a.png?fid=1a2b3c">',
		'<img src="data:image/png;base64,AAAA">',
		"Zie /api/method/logout in de handleiding",
	):
		assert not runs_in_a_page(text), text


def test_a_redirect_is_a_path_of_this_site():
	from meldcode_app.rules.active_markup import a_path_of_this_site

	for path in ("/app", "/app/meldcode-dossier/MD-2026-00001", "/meldcode-ouders?verslag=abc", "/me"):
		assert a_path_of_this_site(path), path
	for address in (
		"javajavascriptscript:fetch('/api/resource/Meldcode Signal')",  # round 151
		"javascript:alert(1)",
		"//evil.example/app",
		"/\\evil.example",
		"/\t/evil.example",
		"https://evil.example/",
		"%2F%2Fevil.example",
		"/%0a/evil.example",
		"app",
	):
		assert not a_path_of_this_site(address), address
