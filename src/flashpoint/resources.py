"""Knowledge files shipped in `flashpoint/data/`, loaded once and cached.

Patterns, lexicons and alias tables are data, not code: an analyst extends them by
editing a CSV or TOML file (or pointing `FLASHPOINT_DATA` at a folder of overrides).
"""

from __future__ import annotations

import csv
import os
import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def data_path(name: str) -> Path:
    """Path of a knowledge file; a same-named file in $FLASHPOINT_DATA wins."""
    override = os.environ.get("FLASHPOINT_DATA")
    if override:
        candidate = Path(override) / name
        if candidate.exists():
            return candidate
    return Path(str(resources.files("flashpoint") / "data" / name))


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV knowledge file; lines starting with '#' are comments."""
    with data_path(name).open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.lstrip().startswith("#"))
        return [
            {k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(lines)
        ]


def read_toml(name: str) -> dict[str, Any]:
    with data_path(name).open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """Regexes of whole lines that are page furniture, not reporting."""
    path = data_path("boilerplate.txt")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(re.compile(line, re.IGNORECASE))
    return tuple(out)
