"""Allow ``python -m sglearn``."""

from __future__ import annotations

from sglearn.commands.cli import main

raise SystemExit(main())
