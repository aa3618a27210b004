"""The board's export reads only the rows a school year's figures depend on and gives the same
figures as the benchmark's floor (benchmarks/board_workbook.py), on a generated board with
dossiers carried over from one year into the next."""

import importlib.util
from pathlib import Path

import frappe

from meldcode_app.board_export import allowed_schools, publication
from meldcode_app.rules.board_figures import ALL, SchoolYear, published
from meldcode_app.tests.utils import MeldcodeTestCase


def benchmark():
	path = Path(frappe.get_app_path("meldcode_app")).parent / "benchmarks" / "board_workbook.py"
	spec = importlib.util.spec_from_file_location("meldcode_board_workbook_benchmark", path)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


class TestBoardFloor(MeldcodeTestCase):
	def test_the_export_gives_the_figures_of_the_floor(self):
		floor = benchmark()
		floor.generate(schools_count=4, years=3, dossiers_per_school_year=4, incidents_per_school_year=3)
		for year in (floor.FIRST_YEAR + 1, floor.FIRST_YEAR + 2):
			expected, _reports = floor.floor_figures(year)
			exported = publication(
				SchoolYear.starting(year), allowed_schools("Administrator"), "Administrator"
			)
			self.assertGreater(expected.values[(ALL, "opened")], 0)
			self.assertGreater(expected.values[(ALL, "open_at_start")], 0)
			self.assertEqual(exported, published(expected))
