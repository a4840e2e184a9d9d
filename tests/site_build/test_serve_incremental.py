"""`sglearn serve` rebuilds only what a save changed, and the site is then what a full build makes.

The preview's builder runs here in-process on a copy of the sample repository, as the serve
process runs it, but into a folder of our choosing and without the preview's address, so its
folder can be compared byte for byte with `sglearn build` of the same files and date.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_build.sitekit import AS_OF, SAMPLE_CASE, build, tree_bytes

OTHER_CASE = "LR-2025-002"


@pytest.fixture
def live(project: Path, tmp_path: Path) -> Iterator[object]:
    from mkdocs.config import load_config

    from sglearn.publish.mkdocs_adapter.live import LiveSite
    from sglearn.publish.mkdocs_adapter.plugin import AS_OF_ENV

    site = tmp_path / "live"

    def get_config() -> object:
        return load_config(str(project / "mkdocs.yml"), site_dir=str(site))

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(AS_OF_ENV, AS_OF.isoformat())
        first = get_config()
        first.plugins.on_startup(command="build", dirty=False)  # type: ignore[attr-defined]
        builder = LiveSite(get_config, None)  # type: ignore[arg-type]
        builder.build(first)  # type: ignore[arg-type]
        assert builder.last == "full"
        yield builder


def full_build(project: Path, folder: Path) -> dict[str, bytes]:
    assert build(project, folder) == 0
    return tree_bytes(folder)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_saves_rebuild_only_changed_pages_and_match_a_full_build(
    live: object, project: Path, tmp_path: Path
) -> None:
    from sglearn.publish.mkdocs_adapter.live import LiveSite

    assert isinstance(live, LiveSite)
    site = tmp_path / "live"
    cases = project / "cases"
    case = cases / f"{SAMPLE_CASE}.yaml"

    # 1. A change of text: the case's title, shown on its page and the lists that name it.
    edit(case, "title: Communication with", "title: Revised communication with")
    live.rebuild()
    assert live.last == "pages"
    assert "Revised communication with" in (site / "cases" / SAMPLE_CASE / "index.html").read_text()

    # 2. A change of verdicts and counts: the local authority referral is made late, and a
    # finding moves to another theme (the theme pages, tags and dashboard follow).
    edit(
        case, "date: 2025-01-14, outcome: investigation", "date: 2025-03-20, outcome: investigation"
    )
    edit(case, "theme: supervision-inconsistent", "theme: training-gap-communication")
    live.rebuild()
    assert live.last == "pages"
    assert tree_bytes(site) == full_build(project, tmp_path / "full-1")

    # 3. A case added, then another removed: every page's links and the sitemap change.
    added = (
        case.read_text(encoding="utf-8")
        .replace(SAMPLE_CASE, "LR-2025-090")
        .replace("title: Revised communication", "title: A second review of communication")
        .replace("concern_received: 2025-01-14", "concern_received: 2025-01-13")
    )
    (cases / "LR-2025-090.yaml").write_text(added, encoding="utf-8")
    live.rebuild()
    assert live.last == "full"
    (cases / f"{OTHER_CASE}.yaml").unlink()
    live.rebuild()
    assert live.last == "full"
    good = full_build(project, tmp_path / "full-2")
    assert tree_bytes(site) == good

    # 4. A save with an error: nothing is rebuilt, the last good site stays, and the problem
    # is given with its file and line.
    fixed = case.read_text(encoding="utf-8")
    case.write_text(fixed + "title: twice\n", encoding="utf-8")
    live.rebuild()
    assert live.last == "kept"
    assert tree_bytes(site) == good
    assert any(line.startswith(f"cases/{SAMPLE_CASE}.yaml:") for line in live.problems)
    assert any("yaml/duplicate-key" in line for line in live.problems)

    # 5. The fix, saved with one more change of text: back to rebuilding only those pages.
    case.write_text(fixed.replace("Revised communication", "Fixed communication"), "utf-8")
    live.rebuild()
    assert live.last == "pages"
    assert live.problems == []
    assert tree_bytes(site) == full_build(project, tmp_path / "full-3")


def test_pages_served_while_a_case_is_broken_say_what_to_fix(live: object, project: Path) -> None:
    from sglearn.publish.mkdocs_adapter.live import LiveSite, _Server

    assert isinstance(live, LiveSite)
    case = project / "cases" / f"{SAMPLE_CASE}.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "title: twice\n", encoding="utf-8")
    live.rebuild()
    server = _Server(builder=live.rebuild, host="127.0.0.1", port=0, root=str(project))
    server.site = live
    page = server._inject_js_into_html(b"<html><body><p>x</p></body></html>", 1)
    assert b'role="alert"' in page and f"cases/{SAMPLE_CASE}.yaml:".encode() in page
    server.server_close()


def test_a_saved_title_reaches_the_pages_of_reviews_whose_text_names_it(
    live: object, project: Path, tmp_path: Path
) -> None:
    """Case pages the preview did not render again (their case is unchanged) still follow a
    title they link to: LR-2025-001's text names LR-2025-005, whose title the lead changes."""
    from sglearn.publish.mkdocs_adapter.live import LiveSite

    assert isinstance(live, LiveSite)
    named = project / "cases" / "LR-2025-005.yaml"
    title = next(
        line for line in named.read_text("utf-8").splitlines() if line.startswith("title:")
    )
    edit(named, title, "title: Night staff supervision, renamed in the preview")
    live.rebuild()
    assert live.last == "pages"
    naming = (tmp_path / "live" / "cases" / SAMPLE_CASE / "index.html").read_text("utf-8")
    assert "Night staff supervision, renamed in the preview" in naming
    assert tree_bytes(tmp_path / "live") == full_build(project, tmp_path / "full")
