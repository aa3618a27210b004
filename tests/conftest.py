import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app_json_check import Meta  # noqa: E402 (after the path above)

BENCH = Path(os.environ.get("MELDCODE_BENCH", "/work/bench"))
SHARED = Path(os.environ.get("MELDCODE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def frappe_meta() -> Meta:
	"""Frappe's meta data where it is: the bench's Frappe, else the copy in ../shared."""
	frappe_doctypes = BENCH / "apps" / "frappe" / "frappe" / "core" / "doctype"
	if frappe_doctypes.is_dir():
		return Meta.from_bench(BENCH / "apps")
	copy = SHARED / "frappe-meta" / "v15"
	if copy.is_dir():
		return Meta.load(copy)
	pytest.skip(
		f"no Frappe meta data to check the app's JSON against: no bench Frappe at {frappe_doctypes}"
		f" (set MELDCODE_BENCH) and no copy at {copy} (set MELDCODE_SHARED)"
	)
