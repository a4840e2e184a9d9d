"""The tree is the architecture: layers import only downwards, and no module imports in a circle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("read", "review", "check", "site", "publish", "bench", "commands")


def test_import_linter_layers_contract_is_kept() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; "
            "sys.exit(lint_imports_command())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_package_shows_its_pipeline() -> None:
    """A newcomer sees the layers in ``ls sglearn/``: no loose modules beside them."""
    loose = sorted(
        p.name
        for p in (ROOT / "sglearn").glob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )
    assert loose == []
    for layer in LAYERS:
        assert (ROOT / "sglearn" / layer / "__init__.py").is_file(), layer


def test_no_module_imports_in_a_circle() -> None:
    graph = grimp.build_graph("sglearn")
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]

    def visit(module: str) -> None:
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    assert circles == []


def test_modules_keep_to_about_three_hundred_lines() -> None:
    """One job per module: one that grows past this is doing two and wants splitting."""
    too_long = {
        p.relative_to(ROOT).as_posix(): n
        for p in (ROOT / "sglearn").rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 330
    }
    assert too_long == {}
