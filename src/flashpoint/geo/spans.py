"""Sets of non-overlapping character spans with logarithmic overlap tests.

A 5 MB text holds hundreds of thousands of candidate toponyms; checking each against
every span already taken would be quadratic.
"""

from __future__ import annotations

from bisect import bisect_right


class SpanSet:
    """Non-overlapping (start, end) spans, kept sorted by start."""

    def __init__(self, spans=()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if not self.overlaps(start, end):
                self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span of the set."""
        i = bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return True
        return i < len(self._starts) and self._starts[i] < end

    def strictly_inside(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a larger span of the set."""
        i = bisect_right(self._starts, start)
        if i == 0:
            return False
        s, e = self._starts[i - 1], self._ends[i - 1]
        return s <= start and end <= e and (s, e) != (start, end)

    def add(self, start: int, end: int) -> None:
        """Add a span (the caller has checked that it does not overlap)."""
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def __len__(self) -> int:
        return len(self._starts)


__all__ = ["SpanSet"]
