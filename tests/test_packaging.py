"""What a user installs from a wheel must work without this checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
    )
    (built,) = out.glob("sglearn-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_ships_the_schemas_and_vocabularies(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for file in sorted((REPO / "schemas").rglob("*")):
        if file.is_file():
            assert f"sglearn/schemas/{file.relative_to(REPO / 'schemas').as_posix()}" in names


def test_wheel_ships_the_templates_and_type_marker(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "sglearn/py.typed" in names
    templates = REPO / "sglearn" / "templates"
    for file in sorted(templates.rglob("*")) if templates.is_dir() else []:
        if file.is_file():
            assert file.relative_to(REPO).as_posix() in names


def test_wheel_registers_the_command_and_the_mkdocs_plugin(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "sglearn = sglearn.commands.cli:main" in text
    assert (
        "[mkdocs.plugins]" in text
        and "sglearn = sglearn.publish.mkdocs_adapter.plugin:SglearnPlugin" in text
    )


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sglearn", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("sglearn ")


def test_package_finds_schemas_outside_a_checkout(tmp_path: Path) -> None:
    from sglearn.read.project import packaged_schemas

    assert (packaged_schemas() / "case.schema.json").is_file()


def test_wheel_ships_the_licence_and_the_metadata_a_user_expects(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    text = wheel.read(metadata).decode("utf-8")
    assert "License-Expression: MIT" in text
    assert "Classifier: Framework :: MkDocs" in text
    assert "Project-URL: Source," in text
    requires = [line for line in text.splitlines() if line.startswith("Requires-Dist:")]
    runtime = [line for line in requires if "extra ==" not in line]
    assert runtime and all("<" in line for line in runtime), "every runtime dependency is bounded"
