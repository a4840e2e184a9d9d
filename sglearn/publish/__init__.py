"""Publishing the pages through a host (MkDocs today), atomically and never destructively.

Only ``mkdocs_adapter`` imports mkdocs: moving to another host is a new adapter beside it.
"""
