"""The MkDocs host, behind one thin adapter: the only modules that import mkdocs.

``plugin`` is the event glue MkDocs (and ProperDocs) load from the ``mkdocs.plugins`` entry
point; ``driver`` runs a build or a live-reloading server for the ``sglearn`` command. Moving
to another host is a sibling of this package, not a rewrite.
"""
