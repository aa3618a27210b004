"""A request's text that reaches the database as SQL. An app's report that pastes a filter into
its statement ("... where asset_category = '{value}'") let an Accounts User run a subquery of their
own, and read a case's history and a director's session from tables no request names. Whatever
method or report does it, a statement that contains SQL the request sent is refused.

Only text shaped as a query that reads a table counts (a subquery, a union, a function that waits
or reads a file): a person's words ("select a table from the list") do not reach the database as
statement text, since Frappe passes values as parameters."""

import re

# Comment markers, also MySQL's executable /*!50000 ... */ ones, read as spaces.
COMMENTS = re.compile(r"/\*!?\d*|\*/")
SHAPES = re.compile(
	r"\bselect\b.{0,300}?\bfrom\b"
	r"|\bunion\b.{0,100}?\bselect\b"
	r"|\b(?:sleep|benchmark|extractvalue|updatexml|load_file)\s*\(",
	re.DOTALL,
)


def plain(text: str) -> str:
	"""``text`` as compared here: without comment markers, lower case, runs of whitespace as one space."""
	return " ".join(COMMENTS.sub(" ", text).lower().split())


# A quote: text that holds one reaches a statement as it was sent only if nobody escaped it.
QUOTE = re.compile(r"['\"\\]")
SHORTEST = 6  # a shorter quoted text ("'1'") may be in a statement by coincidence


def sql_sent(strings) -> tuple[str, ...]:
	"""The pieces of SQL in a request's strings, as ``plain`` reads them: each piece shaped as
	SHAPES says, and each string with a quote (an injection split over two arguments has one)."""
	pieces = []
	for text in strings:
		read = plain(text)
		pieces.extend(match.group(0) for match in SHAPES.finditer(read))
		if len(read) >= SHORTEST and QUOTE.search(read):
			pieces.append(read)
	return tuple(pieces)


def reaches(statement: str, pieces: tuple[str, ...]) -> bool:
	"""Whether a statement's own text (not its parameters) holds a piece of SQL the request sent."""
	if not pieces:
		return False
	text = plain(statement)
	return any(piece in text for piece in pieces)
