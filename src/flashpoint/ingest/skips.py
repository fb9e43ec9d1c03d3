"""Skipped input, logged with a reason and counted for the end-of-run summary.

Readers call `skip(origin, reason)` instead of raising: one bad record costs one
record. Inside `collect_skips()` every skip is also recorded, so `flashpoint ingest`
can report "skipped 3: broken JSON (2), no text (1)" at the end of a run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

log = logging.getLogger("flashpoint.ingest")


@dataclass(frozen=True, slots=True)
class Skip:
    origin: str
    reason: str

    @property
    def kind(self) -> str:
        """The reason without its details ("broken JSON (Expecting value)" -> "broken JSON")."""
        return self.reason.split(" (", 1)[0].split(":", 1)[0].strip()


_collected: ContextVar[list[Skip] | None] = ContextVar("flashpoint_skips", default=None)


def skip(origin: str, reason: str, level: int = logging.WARNING) -> None:
    """Log that `origin` (a file, line, row or URL) was skipped, and why."""
    log.log(level, "skipped %s: %s", origin, reason)
    bucket = _collected.get()
    if bucket is not None:
        bucket.append(Skip(origin, reason))


@contextmanager
def collect_skips() -> Iterator[list[Skip]]:
    """Record every skip made inside the block into the yielded list."""
    bucket: list[Skip] = []
    token = _collected.set(bucket)
    try:
        yield bucket
    finally:
        _collected.reset(token)
