"""The rows Frappe's search index kept of case records and their traces before the app kept them
out (access/search_index.py)."""

from meldcode_app.access.search_index import clean


def execute():
	clean()
