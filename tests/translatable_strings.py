"""Collects every user-facing string the app adds, the way Frappe's desk shows them."""

import json
import re
from pathlib import Path

PY_CALL = re.compile(
	r"""(?:(?<![\w.])|(?<=frappe\.))_(?:lt)?\(\s*(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]""",
	re.S,
)
JS_CALL = re.compile(r"""__\(\s*(?P<q>["'`])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]""", re.S)


def _unescape(text: str) -> str:
	return text.replace("\\'", "'").replace('\\"', '"').replace("\\n", "\n")


def from_code(app_root: Path) -> set[str]:
	found = set()
	for pattern, suffixes in ((PY_CALL, ("*.py", "*.html")), (JS_CALL, ("*.js", "*.html"))):
		for suffix in suffixes:
			for path in app_root.rglob(suffix):
				found |= {_unescape(m.group("text")) for m in pattern.finditer(path.read_text())}
	return found


def from_doctype(doc: dict) -> set[str]:
	found = {doc["name"]}
	for df in doc.get("fields", []):
		found |= {df.get("label"), df.get("description")}
		if df.get("fieldtype") == "Select":
			found |= set((df.get("options") or "").split("\n"))
	return found


def from_workspace(doc: dict) -> set[str]:
	found = {doc.get("label"), doc.get("title")}
	found |= {row.get("label") for row in doc.get("links", []) + doc.get("shortcuts", [])}
	for block in json.loads(doc.get("content") or "[]"):
		text = block.get("data", {}).get("text")
		if text:
			found.add(re.sub(r"<[^>]+>", "", text))
	return found


def collect(app_root: Path) -> set[str]:
	found = from_code(app_root)
	for path in app_root.rglob("*.json"):
		if "fixtures" in path.parts:
			for record in json.loads(path.read_text()):
				found.add(record.get("name"))
			continue
		doc = json.loads(path.read_text())
		if not isinstance(doc, dict):
			continue
		kind = doc.get("doctype")
		if kind == "DocType":
			found |= from_doctype(doc)
		elif kind == "Workspace":
			found |= from_workspace(doc)
		elif kind == "Workflow":
			found |= {row.get("state") for row in doc.get("states", [])}
			found |= {row.get("action") for row in doc.get("transitions", [])}
		elif kind in ("Module Onboarding", "Onboarding Step"):
			# A step is shown by its title, the onboarding by its name too.
			keys = ("title", "subtitle", "success_message", "description", "action_label")
			found |= {doc.get(key) for key in keys}
			if kind == "Module Onboarding":
				found.add(doc["name"])
		elif kind in ("Report", "Print Format", "Number Card", "Dashboard Chart", "Notification"):
			found |= {doc.get("name"), doc.get("label"), doc.get("subject")}
	return {s for s in found if s and s.strip()}
