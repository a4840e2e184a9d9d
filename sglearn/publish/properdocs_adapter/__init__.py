"""The ProperDocs host, behind one thin adapter: the only package that runs ProperDocs.

ProperDocs is a fork of MkDocs 1.6. It loads plugins from the ``mkdocs.plugins`` entry point
group as well as its own, and maps every ``mkdocs.*`` import to its own modules, so the sglearn
plugin (and Material) run in it unchanged.
"""
