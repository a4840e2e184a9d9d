"""``sglearn build --publisher properdocs``: ``properdocs build`` with the sglearn plugin.

ProperDocs runs in its own process: it takes over the ``mkdocs`` module names when it starts,
which must not happen inside a process that has loaded MkDocs itself. The as-of date reaches
the plugin through the same environment variable `sglearn serve` uses.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from sglearn.check.validation import Report
from sglearn.publish.host_config import configured_site_dir
from sglearn.publish.hosts import SiteBuildError, epoch_of, require_host, run_host

HOST = "ProperDocs"
AS_OF_ENV = "SGLEARN_AS_OF"  # read by the plugin (sglearn.publish.mkdocs_adapter.plugin)
AUDIENCE_ENV = "SGLEARN_AUDIENCE"  # likewise
_SHOWN = ("WARNING", "ERROR")

__all__ = ["SiteBuildError", "build_site", "configured_site_dir"]


def build_site(
    config_file: Path,
    site_dir: Path,
    as_of: date,
    *,
    strict: bool | None = None,
    validated: tuple[Path, Report] | None = None,
    audience: str | None = None,
) -> None:
    """``properdocs build`` of ``config_file`` into ``site_dir`` for the given as-of date.

    ``validated`` is not handed over (another process): the plugin validates once more.
    """
    require_host(
        "properdocs",
        HOST,
        "install it with 'pip install properdocs', or build with --publisher mkdocs",
    )
    command = [sys.executable, "-m", "properdocs", "build", "--config-file", str(config_file)]
    command += ["--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    output = run_host(
        command,
        name=HOST,
        cwd=config_file.parent,
        env={
            **({AUDIENCE_ENV: audience} if audience else {}),
            AS_OF_ENV: as_of.isoformat(),
            "SOURCE_DATE_EPOCH": epoch_of(as_of),
            "NO_MKDOCS_2_WARNING": "1",
        },
    )
    for line in output.splitlines():
        if line.startswith(_SHOWN):
            print(line, file=sys.stderr)
