"""Which folders sglearn may empty: only sites it built itself, known by its marker file.

Every site and every rendered folder sglearn writes carries ``MARKER`` (naming the project).
A folder is replaced only when it is new, empty, carries the marker, or carries the
signature of a site this release built before the marker existed (adopted once: the next
build writes the marker). Anything else is somebody's own files, and sglearn refuses.
"""

from __future__ import annotations

from pathlib import Path

MARKER = ".sglearn-site"
"""Written into the root of every folder sglearn publishes."""

# The pages only sglearn's generator makes, as MkDocs builds them and as `render` writes them.
BUILT_SIGNATURE = (
    "index.html",
    "sitemap.xml",
    "learning-log/index.html",
    "actions/index.html",
    "inspectors/index.html",
    "commissioners/index.html",
    "downloads/index.html",
)
RENDERED_SIGNATURE = (
    "index.md",
    "learning-log.md",
    "actions.md",
    "inspectors.md",
    "commissioners.md",
    "downloads.md",
)


class PublishError(Exception):
    """The output folder cannot be used, or a generated path is unsafe (a usage error)."""


class PublishIOError(PublishError):
    """Writing or swapping the site failed (full disk, no permission): a failed build."""


def marker_text(project_name: str) -> str:
    return (
        f"sglearn site of the project {project_name!r}.\n"
        "sglearn replaces this folder on every build; keep no files of your own here.\n"
    )


def write_marker(folder: Path, project_name: str) -> None:
    (folder / MARKER).write_text(marker_text(project_name), encoding="utf-8")


def made_by_sglearn(folder: Path) -> bool:
    """The folder carries the marker, or the signature of an earlier sglearn site."""
    if (folder / MARKER).is_file() and not (folder / MARKER).is_symlink():
        return True
    return any(
        all((folder / page).is_file() for page in signature)
        for signature in (BUILT_SIGNATURE, RENDERED_SIGNATURE)
    )


def check_target(target: Path, root: Path) -> None:
    """Refuse an output folder whose replacement would destroy the repository or user files."""
    shown = target
    target = target.resolve()
    root = root.resolve()
    for precious, what in ((root, "the repository"), (Path.cwd(), "the current folder")):
        if target == precious or target in precious.parents:
            raise PublishError(f"{target} holds {what}; choose a folder of its own")
    if target == Path.home() or len(target.parts) <= 2:
        raise PublishError(f"{target} is too general a place; choose a folder of its own")
    for name in ("cases", "schemas", "docs", ".git"):
        folder = root / name
        if target == folder or folder in target.parents:
            raise PublishError(f"{target} is inside {name}/; choose another folder")
    if target.exists() and not target.is_dir():
        raise PublishError(f"{target} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not made_by_sglearn(target):
        raise PublishError(
            f"{shown} holds files sglearn did not make (no {MARKER} file); nothing was "
            "deleted: choose an empty or new folder"
        )
