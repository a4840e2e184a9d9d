"""The governance site's pages: aggregation, rendering, charts and downloads.

Pure functions of (cases, vocabularies, as-of date) to ``{path: text}``: no host, no I/O.
"""
