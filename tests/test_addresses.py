from meldcode_app.rules.addresses import addresses_only


def test_addresses_and_display_names_are_kept():
	for text in (
		"ouder@example.nl",
		"Jan de Vries <jan@example.nl>",
		'"Vries, Jan de" <jan@example.nl>, ib@school.nl',
		"Jan <jan@example.nl>,Piet <piet@example.nl>",
	):
		assert addresses_only(text) == text


def test_markup_among_the_addresses_is_left_out():
	"""Round 40: a recipient "<img src=x onerror=…>" ran a script in a form's timeline."""
	assert addresses_only("<img src=x onerror=alert(1)>") == ""
	assert addresses_only("x<img src=x onerror=alert(1)>y <a@b.co>, ib@school.nl") == "a@b.co, ib@school.nl"
	assert addresses_only('"x<img src=x onerror=alert(1)>" <a@b.co>') == "a@b.co"
	# Round 41: an "address" built of an element whose entities spell a script.
	assert addresses_only("<details/open/ontoggle=&#97&#108//@b.co>") == ""
	assert addresses_only("Jan & Piet <jan@example.nl>") == "jan@example.nl"
