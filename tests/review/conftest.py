"""The review tests use the site tests' synthetic cases and shipped vocabularies."""

from __future__ import annotations

from tests.site.conftest import make_case, schema_check, vocabularies

__all__ = ["make_case", "schema_check", "vocabularies"]
