"""Building the site: plain MkDocs, the sglearn command, determinism and the plugin's contract."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site_build.sitekit import (
    AS_OF,
    REPO,
    SAMPLE_CASE,
    build,
    epoch_of,
    make_project,
    read_case,
    tree_bytes,
)


def mkdocs_build(
    project: Path, site: Path, *extra: str, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess[str]:
    """Plain ``mkdocs build``, as a user of MkDocs without the sglearn command runs it."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch_of(AS_OF), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / config)]
    return subprocess.run(
        [*command, "-d", str(site), *extra],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def nav_links(html: str) -> list[str]:
    """Targets of the site navigation's links (the table of contents links are anchors)."""
    return [
        href
        for href in re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
        if not href.startswith("#")
    ]


def case_ids(project: Path, *, held: bool = False) -> list[str]:
    """Ids of the published cases, or with ``held`` of those on publication hold."""
    return sorted(
        p.stem
        for p in (project / "cases").glob("*.yaml")
        if bool(read_case(p).get("publication", {}).get("hold")) == held
    )


def test_mkdocs_build_strict_builds_every_sample_case(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(project, site, "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (site / "index.html").is_file()
    for case_id in case_ids(project):
        assert (site / "cases" / case_id / "index.html").is_file(), case_id
    for case_id in case_ids(project, held=True):
        assert not (site / "cases" / case_id).exists(), f"{case_id} is on publication hold"
    for page in ("about", "reading-the-site"):
        assert (site / page / "index.html").is_file()


def test_build_twice_with_the_same_as_of_gives_identical_bytes(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "first", tmp_path / "second"
    assert build(project, first) == 0
    assert build(project, second) == 0
    assert tree_bytes(first) == tree_bytes(second)
    # The sitemap is dated by the as-of date, not by the day the build ran.
    with gzip.open(first / "sitemap.xml.gz") as handle:
        assert handle.read() == (first / "sitemap.xml").read_bytes()
    assert (first / "sitemap.xml.gz").read_bytes()[4:8] == int(epoch_of(AS_OF)).to_bytes(
        4, "little"
    )
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_build_prints_only_the_result_when_the_cases_are_clean(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Later sample cases have overdue actions on purpose; the first is closed and verified.
    for other in (project / "cases").glob("*.yaml"):
        if other.stem != SAMPLE_CASE:
            other.unlink()
    assert build(project, tmp_path / "site") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("Built the site in ") and out.count("\n") == 1


def test_held_case_appears_nowhere_in_the_site(sample_site: Path) -> None:
    held = case_ids(REPO, held=True)
    assert held, "the sample cases include one on publication hold"
    for file in sorted(sample_site.rglob("*")):
        if file.is_file():
            content = file.read_bytes()
            assert not [h for h in held if h.encode() in content], file


def test_mkdocs_yml_in_another_folder_names_the_project(project: Path, tmp_path: Path) -> None:
    web = project / "web"
    web.mkdir()
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", "docs_dir: ../docs")
    text = text.replace("\n  - sglearn\n", "\n  - sglearn:\n      project: ..\n")
    (web / "mkdocs.yml").write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").unlink()
    site = tmp_path / "site"
    result = mkdocs_build(project, site, "--strict", config="web/mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert (site / "cases" / SAMPLE_CASE / "index.html").is_file()


def home_url(path: str) -> str:
    """The link MkDocs writes on the home page for a page at ``path`` (directory URLs)."""
    if path == "index.md":
        return "."
    return path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def test_generated_pages_lead_the_navigation_and_docs_pages_follow(sample_site: Path) -> None:
    from sglearn.site.render import NAV, NAV_SECTIONS

    grouped = {p for paths in NAV_SECTIONS.values() for p in paths[1:]}
    expected = [home_url(path) for _title, path in NAV if path not in grouped]
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(r'<a href="([^"]*)" class="md-tabs__link', html)
    assert tabs[: len(expected)] == expected
    assert len(tabs) > len(expected), "the hand-written pages have tabs of their own"


def test_without_a_nav_every_docs_page_is_listed(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start, end = text.index("\nnav:\n"), text.index("\ntheme:\n")
    config.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site, "--strict")
    assert result.returncode == 0, result.stderr
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    for page in sorted((project / "docs").glob("*.md")):
        assert f'href="../{page.stem}/"' in about or page.stem == "about", page.name


def test_navigation_lists_no_case_page(sample_site: Path) -> None:
    for page in (sample_site / "index.html", sample_site / "cases" / SAMPLE_CASE / "index.html"):
        links = nav_links(page.read_text(encoding="utf-8"))
        assert links, page
        assert not [link for link in links if "/LR-" in link or link.startswith("LR-")]


def test_case_page_navigation_does_not_grow_with_the_number_of_cases(
    project: Path, tmp_path: Path, sample_site: Path
) -> None:
    for other in case_ids(project):
        if other != SAMPLE_CASE:
            (project / "cases" / f"{other}.yaml").unlink()
    alone = tmp_path / "alone"
    assert build(project, alone) == 0
    page = Path("cases", SAMPLE_CASE, "index.html")
    one = nav_links((alone / page).read_text(encoding="utf-8"))
    many = nav_links((sample_site / page).read_text(encoding="utf-8"))
    assert one == many


def test_case_page_edit_link_opens_the_case_file(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "\nedit_uri: https://git.example.org/care/learning/edit/main/docs/\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    assert build(project, site) == 0
    case_page = (site / "cases" / SAMPLE_CASE / "index.html").read_text(encoding="utf-8")
    assert f'href="https://git.example.org/care/learning/edit/main/cases/{SAMPLE_CASE}.yaml"' in (
        case_page
    )
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://git.example.org/care/learning/edit/main/docs/about.md"' in about
    # A generated page has no file of its own to edit.
    assert "git.example.org" not in (site / "index.html").read_text(encoding="utf-8")


def test_generated_pages_are_never_written_into_docs(project: Path, tmp_path: Path) -> None:
    before = tree_bytes(project / "docs")
    assert build(project, tmp_path / "site") == 0
    assert mkdocs_build(project, tmp_path / "plain").returncode == 0
    assert tree_bytes(project / "docs") == before


def test_hand_written_page_may_not_hide_a_generated_one(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "docs" / "actions.md").write_text("# My actions\n", encoding="utf-8")
    assert build(project, tmp_path / "site") == 1
    assert "docs/actions.md would hide a generated page" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_mkdocs_build_names_each_case_error_by_file_and_line(project: Path, tmp_path: Path) -> None:
    case = project / "cases" / f"{SAMPLE_CASE}.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("due: 2025-05-31", "due: end of May"),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(rf"cases/{SAMPLE_CASE}\.yaml:\d+:\d+: .+ \[schema/[a-z-]+\]", result.stderr)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_as_of_in_mkdocs_yml_is_used_and_the_command_line_wins(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - sglearn\n" in text
    config.write_text(
        text.replace("\n  - sglearn\n", "\n  - sglearn:\n      as_of: 2025-06-30\n"),
        encoding="utf-8",
    )
    # Judged on 30 June 2025, later cases have dates "in the future": MkDocs refuses them.
    result = mkdocs_build(project, tmp_path / "plain")
    assert result.returncode == 1
    assert "after today (2025-06-30)" in result.stderr
    # `sglearn build --as-of` overrides mkdocs.yml.
    assert build(project, tmp_path / "site") == 0
    assert f"as of {AS_OF.isoformat()}" in capsys.readouterr().out


def test_render_writes_the_generated_pages_for_review(project: Path, tmp_path: Path) -> None:
    from sglearn.commands.cli import main

    out = tmp_path / "pages"
    args = ["render", "--project", str(project), "--as-of", AS_OF.isoformat(), "--out", str(out)]
    assert main(args) == 0
    assert (out / "index.md").is_file()
    for case_id in case_ids(project):
        assert (out / "cases" / f"{case_id}.md").is_file()
    assert not list(out.rglob("*.html")), "render writes Markdown, not a site"
    # Same cases, same date: same files; a second run needs --force for a non-empty folder.
    first = tree_bytes(out)
    assert main(args) == 2
    assert main([*args, "--force"]) == 0
    assert tree_bytes(out) == first


def test_render_force_replaces_only_the_folder_it_was_given(project: Path, tmp_path: Path) -> None:
    from sglearn.commands.cli import main

    out = tmp_path / "pages"
    beside = tmp_path / "notes.txt"
    beside.write_text("mine\n", encoding="utf-8")
    args = ["render", "--project", str(project), "--as-of", AS_OF.isoformat(), "--out", str(out)]
    assert main(args) == 0
    (out / "stale.md").write_text("old\n", encoding="utf-8")
    assert main(args) == 2, "a folder with files needs --force"
    assert (out / "stale.md").read_text(encoding="utf-8") == "old\n"
    assert main([*args, "--force"]) == 0
    assert not (out / "stale.md").exists()
    assert beside.read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".pages.lock"]


@pytest.mark.parametrize("folder", ["sglearn", "tests", "home"])
def test_render_force_refuses_a_folder_sglearn_did_not_make(
    project: Path, tmp_path: Path, folder: str
) -> None:
    from sglearn.commands.cli import main

    out = tmp_path / folder
    out.mkdir()
    (out / "__init__.py").write_text("# somebody's source\n", encoding="utf-8")
    args = ["render", "--project", str(project), "--as-of", AS_OF.isoformat()]
    assert main([*args, "--out", str(out), "--force"]) == 2
    assert [p.name for p in out.iterdir()] == ["__init__.py"]


def test_plain_mkdocs_build_refuses_to_empty_the_cases_folder(project: Path) -> None:
    before = tree_bytes(project / "cases")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", "cases"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "SGLEARN_AS_OF": AS_OF.isoformat()},
    )
    assert result.returncode == 1
    assert "site_dir refused" in result.stderr and "Traceback" not in result.stderr
    assert tree_bytes(project / "cases") == before


def test_build_adopts_a_site_of_this_release_built_before_the_marker(
    project: Path, tmp_path: Path
) -> None:
    from sglearn.publish.ownership import MARKER

    site = tmp_path / "site"
    assert build(project, site) == 0
    (site / MARKER).unlink()  # as the release before the marker left it
    assert build(project, site) == 0
    assert (site / MARKER).is_file()


@pytest.mark.parametrize("folder", [".", "docs", "cases", "schemas"])
def test_render_and_build_refuse_the_repository_own_folders(project: Path, folder: str) -> None:
    from sglearn.commands.cli import main

    before = tree_bytes(project)
    target = str(project / folder)
    common = ["--project", str(project), "--as-of", AS_OF.isoformat()]
    assert main(["render", *common, "--out", target, "--force"]) == 2
    assert main(["build", *common, "--site-dir", target]) == 2
    assert tree_bytes(project) == before


def test_build_refuses_a_folder_that_is_not_a_previous_site(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports"
    target.mkdir()
    (target / "board-report.docx").write_bytes(b"not a site")
    assert build(project, target) == 2
    assert [p.name for p in target.iterdir()] == ["board-report.docx"]


def test_plugin_reads_the_project_again_on_every_build(project: Path) -> None:
    """`mkdocs serve` keeps one plugin object: a deleted case must not survive a rebuild."""
    from mkdocs.config import load_config

    from sglearn.publish.mkdocs_adapter import plugin as host

    config = load_config(str(project / "mkdocs.yml"))
    sglearn_plugin = config.plugins["sglearn"]
    assert isinstance(sglearn_plugin, host.SglearnPlugin)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(host.AS_OF_ENV, AS_OF.isoformat())
        sglearn_plugin.on_config(config)
        assert f"cases/{SAMPLE_CASE}.md" in sglearn_plugin.case_pages
        (project / "cases" / f"{SAMPLE_CASE}.yaml").unlink()
        sglearn_plugin.on_config(config)
        sglearn_plugin.on_post_build(config=config)
    assert f"cases/{SAMPLE_CASE}.md" not in sglearn_plugin.case_pages
    assert not [f for f in sglearn_plugin.generated if SAMPLE_CASE in f.path]


def test_a_one_off_build_lets_go_of_each_page_once_written(project: Path, tmp_path: Path) -> None:
    """At 10,000 cases every page's Markdown and HTML held to the end of a build would cost
    more memory than MkDocs itself; serving keeps them (the next save is compared with
    them). Letting go changes no byte of the site."""
    from mkdocs.commands.build import build as mkdocs_run
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from sglearn.publish.mkdocs_adapter import plugin as host

    class Watcher(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        pages: list[Page]

        def on_files(self, files: Files, *, config: object) -> Files:
            self.pages = []
            self.files = files
            return files

        def on_post_build(self, *, config: object) -> None:
            self.pages = [f.page for f in self.files.documentation_pages() if f.page]

    sites = {}
    held = {}
    for keep in (False, True):
        site = tmp_path / f"site-{keep}"
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        plugin = config.plugins["sglearn"]
        assert isinstance(plugin, host.SglearnPlugin)
        watcher = Watcher()
        config.plugins["watcher"] = watcher
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(host.AS_OF_ENV, AS_OF.isoformat())
            patch.setenv("NO_MKDOCS_2_WARNING", "1")
            config.plugins.on_startup(command="build", dirty=False)
            plugin.keep_markdown = keep
            mkdocs_run(config)
        assert len(watcher.pages) > 20
        held[keep] = [(p.file.src_uri, bool(p.markdown), bool(p.content)) for p in watcher.pages]
        sites[keep] = tree_bytes(site)
    assert all(not markdown and not content for _, markdown, content in held[False])
    assert all(markdown and content for _, markdown, content in held[True])
    assert sites[False] == sites[True]


def test_serve_rebuilds_when_a_case_or_vocabulary_changes(project: Path) -> None:
    from mkdocs.config import load_config

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    config = load_config(str(project / "mkdocs.yml"))
    server = Server()
    config.plugins["sglearn"].on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert sorted(Path(p) for p in server.watched) == [project / "cases", project / "schemas"]


def test_serve_command_serves_the_site_and_stops_cleanly_on_sigterm(
    project: Path, tmp_path: Path
) -> None:
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # A temp folder of its own: other programs' folders in the machine's /tmp are no concern.
    own_temp = tmp_path / "tmp"
    own_temp.mkdir()
    command = [sys.executable, "-m", "sglearn", "serve", "--project", str(project)]
    command += ["--dev-addr", f"127.0.0.1:{port}", "--as-of", AS_OF.isoformat()]
    env = {**os.environ, "TMPDIR": str(own_temp)}
    server = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/cases/{SAMPLE_CASE}/") as r:
                    assert SAMPLE_CASE in r.read().decode("utf-8")
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the site was not served within 30 s"
                time.sleep(0.2)
    finally:
        server.send_signal(signal.SIGTERM)
        _out, err = server.communicate(timeout=30)
    watched = re.search(r"Watching paths for changes: (.*)", err)
    assert watched is not None, err
    assert "/cases'" in watched.group(1) and "/schemas'" in watched.group(1)
    assert "Traceback" not in err
    # MkDocs serves from a temporary folder, which it removes when stopped like this.
    assert list(own_temp.iterdir()) == []


def test_importing_the_command_line_does_not_import_mkdocs() -> None:
    code = (
        "import sys, sglearn.commands.cli\n"
        "sglearn.commands.cli.build_parser()\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')"
        " or m == 'sglearn.publish.mkdocs_adapter.plugin']\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_only_the_mkdocs_adapter_imports_mkdocs() -> None:
    package = Path(__file__).resolve().parents[2] / "sglearn"
    importers = sorted(
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if re.search(r"^\s*(from|import)\s+(mkdocs|material)\b", p.read_text("utf-8"), re.M)
    )
    # The adapter: its plugin, its build/serve driver that the site commands import lazily, the
    # live preview that rebuilds only the pages a save changed, and the listing boxes the
    # plugin converts apart from their pages.
    assert importers == [
        "publish/mkdocs_adapter/driver.py",
        "publish/mkdocs_adapter/incremental.py",
        "publish/mkdocs_adapter/listing_boxes.py",
        "publish/mkdocs_adapter/live.py",
        "publish/mkdocs_adapter/plugin.py",
    ]


def test_second_project_builds_next_to_the_first(tmp_path: Path) -> None:
    """Two repositories built in one process do not share state through the plugin."""
    first = make_project(tmp_path / "a")
    second = make_project(tmp_path / "b")
    (second / "cases" / f"{SAMPLE_CASE}.yaml").unlink()
    assert build(first, tmp_path / "site-a") == 0
    assert build(second, tmp_path / "site-b") == 0
    assert (tmp_path / "site-a" / "cases" / SAMPLE_CASE).is_dir()
    assert not (tmp_path / "site-b" / "cases" / SAMPLE_CASE).exists()


def test_serve_keeps_the_last_good_site_and_shows_the_problems(project: Path) -> None:
    from mkdocs.config import load_config

    from sglearn.publish.mkdocs_adapter import plugin as host

    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["sglearn"]
    assert isinstance(plugin, host.SglearnPlugin)
    plugin.on_startup(command="serve", dirty=False)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(host.AS_OF_ENV, AS_OF.isoformat())
            plugin.on_config(config)
            good = list(plugin.generated)
            case = project / "cases" / f"{SAMPLE_CASE}.yaml"
            text = case.read_text(encoding="utf-8")
            case.write_text(text + "title: twice\n", encoding="utf-8")
            plugin.on_config(config)  # a rebuild while the case is broken: no PluginError
            plugin.on_post_build(config=config)
        assert plugin.generated == good
        page = plugin.on_post_page(
            "<html><body><p>x</p></body></html>",
            page=None,  # type: ignore[arg-type]
            config=config,
        )
    finally:
        # MkDocs 1.6.0 hands the same plugin object to later builds in this process.
        plugin.on_startup(command="build", dirty=False)
    assert 'role="alert"' in page and f"cases/{SAMPLE_CASE}.yaml:" in page
    assert "yaml/duplicate-key" in page


def test_serve_on_a_taken_port_says_how_to_choose_another(project: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "sglearn", "serve", "--project", str(project)]
        command += ["--dev-addr", f"127.0.0.1:{port}", "--as-of", AS_OF.isoformat()]
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert "Address already in use" in result.stderr and "--dev-addr" in result.stderr
    assert "Traceback" not in result.stderr


def test_terms_of_art_are_explained_on_the_page_and_in_the_glossary(sample_site: Path) -> None:
    case = (sample_site / "cases" / "LR-2025-004" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Person in a position of trust">PiPoT</abbr>' in case
    glossary = (sample_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'id="term-work-system-component"' in glossary and "SEIPS" in glossary
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary/"' in home and 'href="checks/"' in home  # both in the navigation


def test_every_page_states_its_as_of_date_for_print(sample_site: Path) -> None:
    for page in ("index.html", "actions/index.html", "about/index.html"):
        text = (sample_site / page).read_text(encoding="utf-8")
        assert '<meta name="sglearn:as-of" content="' in text


def test_plain_mkdocs_serve_on_a_taken_port_says_so_in_one_line(tmp_path: Path) -> None:
    import socket

    project = make_project(tmp_path / "repo")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "TMPDIR": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
    assert result.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "--dev-addr" in result.stderr and "Traceback" not in result.stderr


MEMORY_PROBE = """
import gc, os
from pathlib import Path

from sglearn.read.loading import Document
from sglearn.review.model import Case


def on_post_page(output, *, page, config):
    if page.file.src_uri == "learning-log.md":
        gc.collect()
        alive = [type(o).__name__ for o in gc.get_objects() if isinstance(o, (Document, Case))]
        Path(os.environ["SGLEARN_TEST_PROBE"]).write_text(str(len(alive)))
    return output
"""


@pytest.mark.parametrize("extra", [(), ("--audience", "inspector")])
def test_build_lets_go_of_the_cases_before_mkdocs_renders_the_pages(
    project: Path, tmp_path: Path, extra: tuple[str, ...]
) -> None:
    """The pages are made from the cases first; while MkDocs then renders them (most of a
    build's time and memory), no case's values are still held: at 10,000 cases they would
    be hundreds of megabytes on top of MkDocs' own."""
    (project / "memory_probe.py").write_text(MEMORY_PROBE, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - memory_probe.py\n")
    probe = tmp_path / "alive.txt"
    env = {**os.environ, "SGLEARN_TEST_PROBE": str(probe)}
    command = [sys.executable, "-m", "sglearn", "build", "--project", str(project)]
    command += ["--site-dir", str(tmp_path / "site"), "--as-of", "2026-11-27", *extra]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert probe.read_text() == "0", "case documents or cases still alive while rendering"
