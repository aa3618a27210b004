"""A request's text that reaches the database as SQL. An app's report that pastes a filter into
its statement ("... where asset_category = '{value}'") let an Accounts User run a subquery of their
own, and read a case's history and a director's session from tables no request names. Whatever
method or report does it, such a statement is refused:

- when its code (the statement without its string literals and comments, read as MariaDB reads
  them) holds a query the request sent: a subquery, a union, a function that waits or reads;
- when a text of the request that holds a quote or backslash is in it as sent (an escaped value
  never is: escaping changes it);
- when its values change its code: a pasted backslash ended the literal of a value passed as a
  parameter, and that value ran as SQL. Passed as parameters, values stay literals.

A person's words ("select a table from the list") do not count: Frappe passes them as parameters,
so they never reach a statement's code."""

import re
from dataclasses import dataclass

# MariaDB's tokens that are not code: string literals (backslash escapes, doubled quotes) and
# comments; an executable comment (/*! ... */, /*M! ... */) is code.
TOKENS = re.compile(
	r"(?P<identifier>`(?:[^`]|``)*`?)"  # a quoted name is code, whatever quotes it holds
	r"""|(?P<literal>'(?:[^'\\]|\\.|'')*'?|"(?:[^"\\]|\\.|"")*"?)"""
	r"|(?P<executable>/\*M?!\d*)"
	r"|(?P<comment>/\*.*?(?:\*/|$)|--[ \t].*?(?:\n|$)|\#.*?(?:\n|$))"
	r"|(?P<end>\*/)",
	re.DOTALL,
)
# Keywords as MariaDB reads them: a number may run into one ("1e0from" is 1e0, then from).
SHAPES = re.compile(
	r"(?<![a-z_$])select(?![a-z0-9_$]).*?(?<![a-z_$])from(?![a-z0-9_$])"
	r"|(?<![a-z_$])union(?![a-z0-9_$]).*?(?<![a-z_$])select(?![a-z0-9_$])"
	r"|(?<![a-z_$])(?:sleep|benchmark|extractvalue|updatexml|load_file)\s*\(",
	re.DOTALL,
)
# A conversion the database driver's "%" formatting fills in (%s, %(name)s, %(name).0s, %d, ...):
# pasted into a statement, it puts a value there, or nothing, between the letters of a keyword.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]")
PLAIN_PLACEHOLDER = re.compile(r"^%(?:\(\w+\))?s$")
QUOTE = re.compile(r"['\\]")


def normal(text: str) -> str:
	"""Lower case, runs of whitespace as one space, without "%": Frappe's driver turns a pasted
	"%%" into "%" when the statement has parameters."""
	return " ".join(text.lower().replace("%", "").split())


def code_of(statement: str) -> str:
	"""The statement as code: literals as '' and comments dropped, an executable comment's code kept."""

	def kept(match: re.Match) -> str:
		if match.group("identifier"):
			return match.group("identifier")
		if match.group("literal"):
			return "''"
		return " "

	return normal(TOKENS.sub(kept, statement))


REQUEST_COMMENTS = re.compile(r"/\*(?!M?!).*?(?:\*/|$)|--[ \t].*?(?:\n|$)|\#.*?(?:\n|$)", re.DOTALL)
BLOCK_COMMENTS = re.compile(r"/\*(?!M?!).*?(?:\*/|$)", re.DOTALL)


def without_comments(text: str, comments: re.Pattern = REQUEST_COMMENTS) -> str:
	"""A request's text as MariaDB would read it as code: its comments dropped (/* */, "-- " and
	"#" to the end of the line; an executable comment's code kept)."""
	return normal(re.sub(r"/\*M?!\d*|\*/", " ", comments.sub(" ", text)))


@dataclass(frozen=True)
class SqlSent:
	queries: tuple[str, ...] = ()  # pieces of a query, as code reads them
	quoted: tuple[str, ...] = ()  # texts with a quote or backslash, as sent
	escapes: bool = False  # a quote, backslash or placeholder anywhere: it may end a literal
	placeholders: tuple[str, ...] = ()  # texts with a placeholder, as sent (case and spacing aside)
	identifiers: tuple[str, ...] = ()  # texts with a backtick, as sent: they may end a quoted name

	def __bool__(self) -> bool:
		return bool(self.queries or self.quoted or self.escapes or self.identifiers)

	def pasted_placeholder(self, query: str, values) -> bool:
		"""Whether a text with a placeholder was pasted into ``query`` (before the driver fills it):
		the whole text, or a conversion no statement of Frappe's uses (a width, a precision, ...).
		Without values the driver fills in nothing, and "%%" is a percent sign: a search for
		"%amsterdam%" that Frappe pastes as a literal is no placeholder."""
		if values is None:
			return False
		template = " ".join(query.lower().replace("%%", "").split())
		return any(
			text in template
			or any(
				spec in template for spec in PLACEHOLDER.findall(text) if not PLAIN_PLACEHOLDER.match(spec)
			)
			for text in self.placeholders
		)


def sql_sent(strings) -> SqlSent:
	queries, quoted, placeholders, identifiers, escapes = [], [], [], [], False
	for text in strings:
		# As sent, and with the text's own literals emptied: a decoy keyword in quotes ("union")
		# would otherwise make the piece one the statement's code never holds. A "#" or "-- " is
		# read as text too: in one item of a JSON text it hid the other items (round 30).
		for read in (without_comments(text), without_comments(text, BLOCK_COMMENTS), code_of(text)):
			queries.extend(match.group(0) for match in SHAPES.finditer(read))
		if QUOTE.search(text):
			# Even a lone quote or backslash: pasted, it ends a literal (round 28), and one that is
			# in every statement only refuses the request that sent it.
			escapes = True
			quoted.extend((normal(text), without_comments(text)))
		if PLACEHOLDER.search(text):
			escapes = True
			placeholders.append(" ".join(text.lower().split()))
		if "`" in text:
			identifiers.append(text)
	return SqlSent(tuple(queries), tuple(quoted), escapes, tuple(placeholders), tuple(identifiers))


def reaches(statement: str, sent: SqlSent) -> bool:
	"""Whether a statement (its values filled in) holds SQL the request sent."""
	if not sent:
		return False
	code = code_of(statement)
	if any(piece in code for piece in sent.queries) or any(
		ends_a_quoted_name(statement, text) for text in sent.identifiers
	):
		return True
	texts = (normal(statement), without_comments(statement))
	return any(piece and piece in text for piece in sent.quoted for text in texts)


def ends_a_quoted_name(statement: str, text: str) -> bool:
	"""Whether ``text`` is in ``statement`` from inside a quoted name, whose backtick it ends: a
	report pasted a DocType into `tab{doctype}`, and "Comment` so where …" read the comments (round
	33). Frappe's own field names ("`tabToDo`.`name`") stand as names, not inside one."""
	start = statement.find(text) if "`" in text else -1
	while start > 0:
		names = [m.group("identifier") for m in TOKENS.finditer(statement[:start]) if m.group("identifier")]
		if (
			names
			and names[-1]
			and not CLOSED_NAME.fullmatch(names[-1])
			and statement[:start].endswith(names[-1])
		):
			return True
		start = statement.find(text, start + 1)
	return False


CLOSED_NAME = re.compile(r"`(?:[^`]|``)*`", re.DOTALL)


def breaks_out(filled: str, neutral: str) -> bool:
	"""Whether a statement's values changed its code: ``filled`` has the values, ``neutral`` the
	same statement with each text value empty."""
	return code_of(filled) != code_of(neutral)


def neutral_values(values):
	"""``values`` with each text empty, numbers and the rest as they are."""
	if isinstance(values, str):
		return ""
	if isinstance(values, dict):
		return {key: neutral_values(value) for key, value in values.items()}
	if isinstance(values, list | tuple):
		return type(values)(neutral_values(value) for value in values)
	return values


CLOSED = {q: re.compile(rf"{q}(?:[^{q}\\]|\\.|{q}{q})*{q}", re.DOTALL) for q in ("'", '"')}


# What may follow a quoted name in a statement and change what it reads: another table, a
# condition, a query, a list of tables.
AFTER_A_NAME = re.compile(
	r"(?<![a-z_$])(?:join|straight_join|natural|union|select|from|where|having|on|using|into)(?![a-z0-9_$])|[,;(]"
)


def ends_a_name_when_pasted(text: str) -> bool:
	"""Whether ``text``, pasted into a quoted name as an app pastes a stored DocType
	("... from `tab{doctype}`"), ends the name and is followed by code that reads more: a request's
	"Comment` c join …" read a dossier's comments (round 33); a stored one would on every run."""
	pasted = f"`{text}`"
	name = TOKENS.match(pasted)
	return name.end() < len(pasted) and bool(AFTER_A_NAME.search(code_of(pasted[name.end() :])))


def runs_when_pasted(text: str) -> bool:
	"""Whether ``text``, pasted between quotes as an app's statement pastes a stored value
	("... where supplier = '{supplier}'"), closes its literal and holds a query: a supplier's name
	read a dossier's comments on the supplier portal (round 31). A text whose quote leaves a
	literal open only breaks the statement ("Don't select from the list")."""
	for quote in ("'", '"'):
		pasted = f"{quote}{text}{quote}"
		literals = [m.group("literal") for m in TOKENS.finditer(pasted) if m.group("literal")]
		if all(CLOSED[lit[0]].fullmatch(lit) for lit in literals) and SHAPES.search(code_of(pasted)):
			return True
	return False


# The tables that log someone in: a session's id, a password. Frappe reads them in statements of
# their own only; read inside another statement (a subquery, a union, a join), they are a stored
# value pasted into Frappe's SQL that reads someone's session (rounds 103-108: a bulk update's
# condition, a title field, a fetch, a connection, a dynamic link's options each did).
LOGIN_TABLES = re.compile(r"(?<![a-z0-9_$])(?:`?tabsessions`?|`?__auth`?)(?![a-z0-9_$])")
FIRST_TABLE = re.compile(r"(?<![a-z_$])(?:from|into|update)\s+(`[^`]*`|[a-z0-9_$]+)")
NESTING = re.compile(r"(?<![a-z_$])(?:union|join)(?![a-z0-9_$])")


def reads_logins_within_another_statement(statement: str) -> bool:
	"""Whether a statement reads the sessions or passwords anywhere but as its own table."""
	code = code_of(statement)
	if not LOGIN_TABLES.search(code):
		return False
	first = FIRST_TABLE.search(code)
	own = bool(first and LOGIN_TABLES.fullmatch(first.group(1)))
	selects = len(re.findall(r"(?<![a-z_$])select(?![a-z0-9_$])", code))
	return not own or selects > 1 or bool(NESTING.search(code))


# MariaDB runs what an executable comment holds (/*!select*/), which a reader of the statement as
# text skips (Frappe's check of a pasted column, sanitize_column, took it for a comment), and
# ExtractValue and UpdateXML echo the value they are given in their error: a Notification's date
# field read a case's comment and a reset key back through the Error Log so (round 141). No
# statement of Frappe, ERPNext, Education or this app holds either.
ECHOING = re.compile(r"(?<![a-z0-9_$])(?:extractvalue|updatexml)\s*\(")
HINTS = re.compile(r"/\*|extractvalue|updatexml", re.IGNORECASE)


def hides_code_or_echoes_values(statement: str) -> bool:
	"""Whether a statement holds an executable comment or a function that echoes a value in its
	error (literals aside)."""
	if not HINTS.search(statement):
		return False
	if any(match.group("executable") for match in TOKENS.finditer(statement)):
		return True
	return bool(ECHOING.search(code_of(statement)))
