"""Checking case files: the schema, the rules and personal data, as problems (values).

Rules use the verdict engine in ``sglearn.review``; nothing here prints or exits.
"""
