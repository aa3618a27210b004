"""docs/hard-rules.md maps each hard rule H1-H46 of DOMAIN.md section 10 to where the app
enforces it and which tests assert it; this keeps that table true to the code."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "hard-rules.md"
RULES = [f"H{n}" for n in range(1, 47)]


def rows() -> list[tuple[str, str, str]]:
	"""(rule, enforced in, tested by) for each row of the table."""
	found = []
	for line in DOC.read_text(encoding="utf-8").splitlines():
		match = re.match(r"\| (H\d+)\b", line)
		if match:
			cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
			assert len(cells) == 4, f"{match[1]}: a row has four cells"
			found.append((match[1], cells[2], cells[3]))
	return found


def named(cell: str) -> list[str]:
	return re.findall(r"`([^`]+)`", cell)


def test_every_rule_has_exactly_one_row():
	assert sorted((rule for rule, _, _ in rows()), key=lambda r: int(r[1:])) == RULES


def test_every_place_of_enforcement_exists():
	for rule, enforced, _tested in rows():
		places = named(enforced)
		assert places, f"{rule} names no place of enforcement"
		for place in places:
			path, _, name = place.partition(":")
			file = ROOT / path
			assert file.is_file(), f"{rule}: {path} does not exist"
			assert name in file.read_text(encoding="utf-8"), f"{rule}: {name} is not in {path}"


def test_every_named_test_exists():
	for rule, _enforced, tested in rows():
		tests = named(tested)
		assert tests or tested == "none", f"{rule}: name the tests or write none"
		for test in tests:
			path, *classes, name = test.split("::")
			file = ROOT / path
			assert file.is_file(), f"{rule}: {path} does not exist"
			source = file.read_text(encoding="utf-8")
			for cls in classes:
				assert f"class {cls}(" in source, f"{rule}: no class {cls} in {path}"
			assert f"def {name}(" in source, f"{rule}: no test {name} in {path}"
