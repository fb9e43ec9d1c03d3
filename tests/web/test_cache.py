"""The small result cache: reuse within its lifetime, one computation per key at a time."""

from __future__ import annotations

import threading
import time

from flashpoint.web.cache import TtlCache


def test_values_are_reused_until_they_expire_or_are_cleared():
    calls = []
    cache = TtlCache(ttl=0.2)

    def compute():
        calls.append(1)
        return len(calls)

    assert cache.get_or_compute("k", compute) == 1
    assert cache.get_or_compute("k", compute) == 1
    time.sleep(0.25)
    assert cache.get_or_compute("k", compute) == 2
    cache.clear()
    assert cache.get_or_compute("k", compute) == 3


def test_oldest_entries_leave_first():
    cache = TtlCache(size=2)
    for key in "abc":
        cache.get_or_compute(key, lambda key=key: key)
    assert cache.get_or_compute("a", lambda: "again") == "again"
    assert cache.get_or_compute("c", lambda: "again") == "c"


def test_concurrent_askers_of_one_key_share_one_computation():
    cache = TtlCache()
    calls = []
    gate = threading.Event()

    def slow():
        calls.append(1)
        gate.wait(2)
        return "done"

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_compute("k", slow)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    while not calls:
        time.sleep(0.01)
    gate.set()
    for t in threads:
        t.join()
    assert results == ["done"] * 8 and len(calls) == 1
