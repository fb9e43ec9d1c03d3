"""A small time-limited cache for results that are costly and change only on writes.

Alerts scan every event in their look-back; many dashboard users asking the same
question within seconds should not each pay for that. Writes through the API clear it;
`ttl` bounds how stale an answer can be after writes made by another process
(`flashpoint ingest` on the same database).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class TtlCache:
    def __init__(self, ttl: float = 30.0, size: int = 64) -> None:
        self.ttl, self.size = ttl, size
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def _fresh(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and time.monotonic() - hit[0] < self.ttl:
                self._items.move_to_end(key)
                return True, hit[1]
        return False, None

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value, or `compute()` once: concurrent askers of one key wait for
        the first instead of all running the same query."""
        found, value = self._fresh(key)
        if found:
            return value
        with self._lock:
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            found, value = self._fresh(key)
            if not found:
                value = compute()
                with self._lock:
                    self._items[key] = (time.monotonic(), value)
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
        with self._lock:
            self._computing.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
