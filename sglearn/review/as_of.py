"""The date "today" means for a run, so that the same cases always give the same pages."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


class AsOfError(ValueError):
    """The as-of date given cannot be read."""


def resolve_as_of(given: str | None, environ: dict[str, str] | None = None) -> date:
    """``--as-of`` if given, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else today (UTC)."""
    env = os.environ if environ is None else environ
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise AsOfError(f"--as-of must be a date like 2026-05-31, not {given!r}") from None
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise AsOfError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}"
            ) from None
    return datetime.now(tz=timezone.utc).date()
