"""Dedup: near-duplicate documents (MinHash/LSH) and one event per incident across reports.

- `flashpoint.dedup.documents`: signatures and LSH band keys that find syndicated and
  lightly edited copies, so a copy is linked to its original instead of counted twice.
- `flashpoint.dedup.events`: when two reports tell one incident, and how their fields
  and fatality counts combine (low / best / high; ACLED's `fatalities` is the low).

Both are pure functions over plain data; `flashpoint.store` applies them to the corpus.
"""

from flashpoint.dedup.documents import DocumentRules, MinHashSignature, signature
from flashpoint.dedup.events import EventRules, cluster, merge_reports, same_incident

__all__ = [
    "DocumentRules",
    "EventRules",
    "MinHashSignature",
    "cluster",
    "merge_reports",
    "same_incident",
    "signature",
]
