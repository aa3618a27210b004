"""Rules of the Meldcode that need no database: the working-day calendar, the
afwegingskader decision and the legal terms. Nothing here imports Frappe, so it is
tested with plain pytest; the DocType controllers call it."""
