import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("MELDCODE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def frappe_meta_folder() -> Path:
	folder = SHARED / "frappe-meta" / "v15"
	if not folder.is_dir():
		pytest.fail(f"Frappe meta data not found at {folder}; set MELDCODE_SHARED to the shared folder")
	return folder
