"""The rules package must import without Frappe: the controllers call it, pytest tests it alone."""

import ast
from pathlib import Path

RULES = Path(__file__).parent.parent / "meldcode_app" / "rules"


def test_no_module_of_the_rules_package_imports_frappe():
	offenders = []
	for path in RULES.glob("*.py"):
		for node in ast.walk(ast.parse(path.read_text())):
			names = []
			if isinstance(node, ast.Import):
				names = [a.name for a in node.names]
			elif isinstance(node, ast.ImportFrom):
				names = [node.module or ""]
			offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "frappe"]
	assert list(RULES.glob("*.py")) and offenders == []
