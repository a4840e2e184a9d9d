"""Timing the site: schema checks by a third-party tool, sglearn build, and plain MkDocs."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sglearn.bench.measures import (
    BUILD_NAME,
    MKDOCS_NAME,
    RENDER_NAME,
    SGLEARN,
    Measure,
    Run,
    last_line,
    median,
    repeat_runs,
    run_process,
    with_inner,
)
from sglearn.bench.variants import BuildVariant, not_available, variant_command
from sglearn.site.navigation import site_nav


def check_jsonschema_time(
    root: Path, files: list[Path], repeat: int, env: dict[str, str]
) -> Measure:
    # Beside this interpreter first: installed with sglearn's test extras, in the same venv.
    beside = Path(sys.executable).parent / "check-jsonschema"
    tool = str(beside) if beside.is_file() else shutil.which("check-jsonschema")
    if tool is None:
        return Measure("check-jsonschema", note="not measured: check-jsonschema is not installed")
    names = [f.relative_to(root).as_posix() for f in files]
    limit = max(os.sysconf("SC_ARG_MAX") // 2, 100_000)
    batches: list[list[str]] = [[]]
    size = 0
    for name in names:
        if size + len(name) + 1 > limit:
            batches.append([])
            size = 0
        batches[-1].append(name)
        size += len(name) + 1
    command = [tool, "--schemafile", "schemas/case.schema.json"]

    def once() -> Run:
        parts = [run_process([*command, *batch], root, env) for batch in batches]
        return Run(
            sum(p.seconds for p in parts),
            max(p.peak_mb for p in parts),
            max(p.status for p in parts),
            output=parts[-1].output,
        )

    runs = repeat_runs(repeat, once)
    measure = median(runs, "check-jsonschema --schemafile schemas/case.schema.json")
    notes = []
    if len(batches) > 1:
        notes.append(f"{len(batches)} batches (command-line length), times summed")
    if runs[0].status != 0:
        notes.append(f"exit {runs[0].status}: {last_line(runs[0])}")
    measure.note = "; ".join(notes)
    return measure


def copy_site_sources(root: Path) -> None:
    """The site's own configuration and hand-written pages, if the repository has them."""
    repo = Path(__file__).resolve().parents[2]
    if (repo / "mkdocs.yml").is_file():
        shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    if (repo / "docs").is_dir():
        shutil.copytree(repo / "docs", root / "docs", dirs_exist_ok=True)


def _has_command(name: str) -> bool:
    return (Path(__file__).resolve().parents[1] / "commands" / f"{name}.py").is_file()


def site_times(
    root: Path,
    repeat: int,
    env: dict[str, str],
    as_of: str,
    variants: Sequence[BuildVariant] = (),
    missing: Sequence[BuildVariant] = (),
) -> dict[str, Measure]:
    """Page generation alone, ``sglearn build``, each build variant this version has, and a
    plain ``mkdocs build`` of the same pages; the variants it lacks say so."""
    measures: dict[str, Measure] = {v.key: not_available(v) for v in missing}
    render_name = RENDER_NAME
    try:
        from sglearn.site import render

        has_render = hasattr(render, "render_site")
    except ImportError:
        has_render = False
    if not has_render:
        measures["render"] = Measure(
            render_name, note="not measured: no sglearn.site.render.render_site"
        )
    else:
        probe = [sys.executable, "-m", "sglearn.bench.probe", "render", "cases"]
        first = run_process(probe, root, env)
        if first.status != 0:
            measures["render"] = Measure(
                render_name, note="not measured: render probe failed: " + last_line(first)
            )
        else:
            runs = [
                with_inner(first),
                *repeat_runs(repeat - 1, lambda: with_inner(run_process(probe, root, env))),
            ]
            measures["render"] = median(runs, render_name, "render")

    build_name, mkdocs_name = BUILD_NAME, MKDOCS_NAME
    if not (root / "mkdocs.yml").is_file():
        reason = "not measured: the repository has no mkdocs.yml yet"
        return {
            **measures,
            "build": Measure(build_name, note=reason),
            "mkdocs": Measure(mkdocs_name, note=reason),
            **{v.key: Measure(v.name, note=reason) for v in variants},
        }
    # The plain build's pages are written first, so that the two builds can take turns: on a
    # shared machine a change in load then falls on both, not on whichever ran second.
    plain = _prepare_plain(root, env, as_of) if _has_command("render") else None
    commands: dict[str, list[str]] = {}
    if _has_command("build"):
        site = root / "site-bench"
        commands["build"] = [*SGLEARN, "build", "--as-of", as_of, "--site-dir", str(site)]
    else:
        reason = "not measured: no `sglearn build` command yet"
        measures["build"] = Measure(build_name, note=reason)
        measures.update({v.key: Measure(v.name, note=reason) for v in variants})
    if plain is None:
        measures["mkdocs"] = Measure(
            mkdocs_name, note="not measured: no `sglearn render` command to write the pages"
        )
    elif isinstance(plain, str):
        measures["mkdocs"] = Measure(mkdocs_name, note=plain)
    else:
        commands["mkdocs"] = plain
    names = {"build": build_name, "mkdocs": mkdocs_name}
    for variant in variants if "build" in commands else ():
        commands[variant.key] = variant_command(variant, as_of, root / f"site-{variant.key}")
        names[variant.key] = variant.name
    timed: dict[str, list[Run]] = {key: [] for key in commands}
    for _ in range(repeat):
        for key, command in commands.items():
            timed[key].append(run_process(command, root, env))
    for key, done in timed.items():
        if done[0].status != 0:
            note = f"not measured: exit {done[0].status}: " + last_line(done[0])
            measures[key] = Measure(names[key], note=note)
        else:
            measures[key] = median(done, names[key])
    return measures


def _prepare_plain(root: Path, env: dict[str, str], as_of: str) -> list[str] | str:
    """Write the generated pages with ``sglearn render`` beside the hand-written ones, and a
    ``mkdocs-plain.yml`` for them; returns the plain ``mkdocs build`` command, or why not."""
    pages = root / "rendered"
    shutil.rmtree(pages, ignore_errors=True)
    render = [*SGLEARN, "render", "--as-of", as_of, "--out", str(pages), "--force"]
    rendered = run_process(render, root, env)
    if rendered.status != 0:
        return "not measured: sglearn render failed: " + last_line(rendered)
    if (root / "docs").is_dir():
        shutil.copytree(root / "docs", pages, dirs_exist_ok=True)
    _end_with_abbreviations(root, pages)
    config = root / "mkdocs-plain.yml"
    config.write_text(_plain_config(root / "mkdocs.yml", pages.name), encoding="utf-8")
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config.name]


def _end_with_abbreviations(root: Path, pages: Path) -> None:
    """Every page ends with the glossary's abbreviations, as the plugin hands each page to
    MkDocs: the plain build then expands them too, as ``sglearn build`` does."""
    from sglearn.read.project import Project
    from sglearn.review.glossary import GlossaryError, load_glossary
    from sglearn.site.glossary_page import abbreviations

    try:
        lines = abbreviations(load_glossary(Project(root)))
    except GlossaryError:
        return  # then `sglearn build` fails too, and says why
    for page in sorted(pages.rglob("*.md")):
        if page.relative_to(pages).parts[0] == "snippets":  # included in a page, not one
            continue
        with open(page, "a", encoding="utf-8", newline="") as handle:
            handle.write(lines)


def _plain_config(original: Path, docs_dir: str) -> str:
    """The site's own mkdocs.yml (same theme, extensions, other plugins, CSS) without the
    sglearn plugin, and with the navigation the plugin would build written out as ``nav``.

    Without that ``nav``, MkDocs lists every case page in the navigation Material repeats on
    every page: a cost that grows with the square of the cases and that the site avoids, so
    the comparison would flatter ``sglearn build``. The pages left out of the nav are reported
    at INFO, as the plugin's not-in-nav pages are, so ``strict`` stays as the site has it.
    """
    config = read_mkdocs_yml(original)
    plugins = config.get("plugins", [])
    config["plugins"] = [
        p for p in plugins if p != "sglearn" and not (isinstance(p, dict) and "sglearn" in p)
    ]
    own_docs = original.parent / config.get("docs_dir", "docs")
    config["nav"] = site_nav(own_docs, config.get("nav"))
    config["docs_dir"] = docs_dir
    config["site_dir"] = "site-plain"
    validation = config.setdefault("validation", {})
    nav_checks = validation.setdefault("nav", {})
    nav_checks["omitted_files"] = "info"
    if "omitted_files" in validation:
        # The nested setting wins over the flat one anyway; keep only the one that applies.
        del validation["omitted_files"]
    text: str = yaml.dump(config, Dumper=_TagDumper, sort_keys=False)
    return text


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, with tags such as ``!relative`` kept to be written back."""
    config: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_TagLoader)
    return config


@dataclass(frozen=True)
class _Tagged:
    """A MkDocs tag such as ``!relative $docs_dir/x.md`` or ``!ENV NAME``, kept as written."""

    tag: str
    value: str | list[str]


class _TagLoader(yaml.SafeLoader):
    """Safe loading that keeps MkDocs' own tags for the plain configuration to write back."""


class _TagDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.SequenceNode):
        return _Tagged("!" + suffix, [str(v) for v in loader.construct_sequence(node)])
    return _Tagged("!" + suffix, str(loader.construct_scalar(node)))  # type: ignore[arg-type]


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    return dumper.represent_scalar(data.tag, data.value)


_TagLoader.add_multi_constructor("!", _construct_tagged)
_TagDumper.add_representer(_Tagged, _represent_tagged)


def case_page_sizes(site: Path) -> dict[str, float]:
    """Median size in KB of the case pages' HTML, and of what surrounds their ``<article>``
    (header, navigation, footer). The second must not grow with the number of cases: Material
    repeats the navigation on every page, so a nav listing every case would make the site's
    size, and its build time, grow with the square of the cases."""
    pages = sorted(site.glob("cases/*/index.html"))
    if not pages:
        return {}
    whole, shell = [], []
    for page in pages:
        text = page.read_bytes()
        whole.append(len(text))
        start, end = text.find(b"<article"), text.rfind(b"</article>")
        shell.append(len(text) - (end - start) if 0 <= start < end else len(text))
    return {
        "pages": float(len(pages)),
        "page_kb": statistics.median(whole) / 1024,
        "shell_kb": statistics.median(shell) / 1024,
    }
