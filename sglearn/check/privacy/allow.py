"""The repository's reviewed allow file, ``privacy-allow.yaml`` at its root.

For text no ``privacy_reviewed`` list can sit beside (a vocabulary, ``mkdocs.yml``, a CSV
in ``docs/``, a built page), and for binary files under ``docs/``::

    values:
      - rule: privacy/phone
        value: 0300 123 4567
        reason: The service's public switchboard number.
        reviewed_by: Data protection officer
    binary_files:
      - path: docs/images/service-map.png
        reason: A map of the region with no addresses on it.
        reviewed_by: Data protection officer

An entry without a reason or a reviewer allows nothing. The output gate honours the same
values, and the values of every ``privacy_reviewed`` list in the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sglearn.check.privacy.scan import Allowed, allowed_values
from sglearn.read.loading import Document, load_file
from sglearn.read.problems import Problem

ALLOW_FILE = "privacy-allow.yaml"


@dataclass(frozen=True)
class AllowList:
    values: Allowed = frozenset()
    binary_files: frozenset[str] = frozenset()

    def binary_allowed(self, shown: str) -> bool:
        return shown in self.binary_files

    @classmethod
    def load(cls, root: Path) -> tuple[AllowList, list[Problem]]:
        file = root / ALLOW_FILE
        if not file.is_file():
            return cls(), []
        loaded = load_file(file, ALLOW_FILE)
        if not isinstance(loaded, Document):
            return cls(), loaded
        data = loaded.data
        values = allowed_values({"privacy_reviewed": data.get("values")})
        binaries: set[str] = set()
        entries = data.get("binary_files")
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            fields = [entry.get(k) for k in ("path", "reason", "reviewed_by")]
            if all(isinstance(f, str) and f.strip() for f in fields):
                binaries.add(str(fields[0]).strip())
        return cls(values, frozenset(binaries)), []
