"""sglearn: learning reviews after safeguarding allegations, as validated YAML and a site."""

from __future__ import annotations

__version__ = "0.1.0"
