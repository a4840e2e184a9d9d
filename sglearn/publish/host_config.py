"""Reading mkdocs.yml without a host, and writing the copy a pre-rendered build points at.

Safe YAML only: a tag such as ``!ENV`` or ``!!python/name:`` is kept as it was written (as a
:class:`Tagged` value) and written back unchanged, never resolved here; the host that reads
the copy resolves it, exactly as it would have resolved the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sglearn.publish.hosts import SiteBuildError


@dataclass(frozen=True)
class Tagged:
    """A YAML value with an explicit tag, kept as written."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps unknown tags as :class:`Tagged` values instead of failing."""


def _tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes :class:`Tagged` values back with their tag."""


def _represent_tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent_tagged)


def load_host_config(config_file: Path) -> dict[str, Any]:
    """The configuration as a mapping; a plain SiteBuildError when it cannot be read."""
    try:
        text = config_file.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except OSError as error:
        raise SiteBuildError(f"cannot read {config_file}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise SiteBuildError(f"{config_file} is not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteBuildError(f"{config_file} does not hold a mapping of settings")
    if "INHERIT" in data:
        raise SiteBuildError(
            f"{config_file} uses INHERIT, which sglearn's pre-rendered build cannot follow "
            "yet; copy the inherited settings into it, or build with --publisher mkdocs"
        )
    return data


def dump_host_config(config: dict[str, Any], target: Path) -> None:
    text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    target.write_text(text, encoding="utf-8")


def configured_site_dir(config_file: Path) -> Path:
    """The ``site_dir`` the configuration names (``site`` by default), as an absolute path."""
    site_dir = load_host_config(config_file).get("site_dir") or "site"
    if not isinstance(site_dir, str):
        raise SiteBuildError(f"site_dir in {config_file} is not a folder name")
    return (config_file.parent / site_dir).resolve()


def plugin_options(config: dict[str, Any], name: str) -> dict[str, Any]:
    """The options a plugin is given under ``plugins:`` (empty when it is listed bare)."""
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else _entries(plugins)
    for key, options in entries:
        if key == name:
            return dict(options) if isinstance(options, dict) else {}
    return {}


def without_plugin(config: dict[str, Any], name: str) -> list[Any] | dict[str, Any]:
    """The ``plugins`` setting with ``name`` left out, in the form it was written."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return {key: value for key, value in plugins.items() if key != name}
    return [entry for entry in plugins if dict(_entries([entry])).keys() != {name}]


def _entries(plugins: list[Any]) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for entry in plugins:
        if isinstance(entry, str):
            found.append((entry, None))
        elif isinstance(entry, dict):
            found.extend(entry.items())
    return found
