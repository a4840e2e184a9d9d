"""``sglearn build --publisher zensical``: pre-render, run Zensical, check what it wrote.

Zensical runs in its own process (``python -m zensical build``) on a temporary project that
holds the generated configuration, the hand-written and generated pages and nothing else:
docs/ is never written to. It needs Python 3.11 or newer.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from sglearn.check.validation import Report
from sglearn.publish.atomic import error_lines, generate_site
from sglearn.publish.host_config import configured_site_dir, load_host_config
from sglearn.publish.hosts import SiteBuildError, epoch_of, require_host, run_host
from sglearn.publish.prerender import check_expected, copy_site, finish_html, stage
from sglearn.read.project import Project

HOST = "Zensical"
_QUIET = ("Build started", "Build finished", "No issues found")

__all__ = ["build_site", "configured_site_dir"]


def build_site(
    config_file: Path,
    site_dir: Path,
    as_of: date,
    *,
    strict: bool | None = None,
    validated: tuple[Path, Report] | None = None,
    audience: str | None = None,
) -> None:
    """Build the site of ``config_file`` into ``site_dir`` (an empty folder) with Zensical."""
    require_host(
        "zensical",
        HOST,
        "install it with 'pip install zensical' (it needs Python 3.11 or newer), or build "
        "with --publisher mkdocs",
    )
    root, report = validated if validated else (config_file.parent, None)
    generation = generate_site(Project(root), as_of, report, audience)
    if not generation.ok:
        lines = "\n  ".join(error_lines(generation.report.problems))
        raise SiteBuildError(f"the case files have errors; nothing was built:\n  {lines}")
    config = load_host_config(config_file)
    with tempfile.TemporaryDirectory(prefix="sglearn-zensical-") as folder:
        staged = stage(config, config_file, generation, Path(folder))
        command = [sys.executable, "-m", "zensical", "build", "--clean"]
        if strict or (strict is None and config.get("strict") is True):
            command.append("--strict")
        output = run_host(
            [*command, "--config-file", str(staged.config_file)],
            name=HOST,
            cwd=Path(folder),
            env={"SOURCE_DATE_EPOCH": epoch_of(as_of)},
        )
        _show(output)
        check_expected(staged, HOST)
        finish_html(staged.site_dir, as_of, policy=staged.policy)
        copy_site(staged.site_dir, site_dir)


def _show(output: str) -> None:
    """Zensical's warnings, if it had any; its progress lines are left out."""
    for line in output.splitlines():
        if line.strip() and not line.startswith(_QUIET):
            print(f"zensical: {line}", file=sys.stderr)
