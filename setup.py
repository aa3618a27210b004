from setuptools import find_packages, setup

from meldcode_app import __version__

setup(
	name="meldcode_app",
	version=__version__,
	description="Meldcode Huiselijk Geweld en Kindermishandeling for Dutch schools, on Frappe",
	author="Meldcode App developers",
	packages=find_packages(exclude=["tests", "tests.*"]),
	include_package_data=True,
	zip_safe=False,
	python_requires=">=3.10",
	install_requires=["openpyxl"],
)
