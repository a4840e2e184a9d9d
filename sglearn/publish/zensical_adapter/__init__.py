"""The Zensical host, behind one thin adapter: the only package that runs Zensical.

Zensical reads mkdocs.yml but runs no MkDocs plugin (it ignores the ones it does not know),
so the site goes through the pre-render path (:mod:`sglearn.publish.prerender`).
"""
