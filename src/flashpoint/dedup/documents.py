"""Near-duplicate documents: MinHash signatures over word shingles, banded for LSH.

Syndicated articles and lightly edited copies share most of their word 3-grams, so
their Jaccard similarity is high while two reports of the same incident by different
outlets share little. The LSH band keys are stored in the database (one row per band),
so finding candidates is an indexed lookup that survives restarts and crashes; the
candidates are then confirmed by the estimated Jaccard similarity of full signatures.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from flashpoint.resources import read_toml

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class DocumentRules:
    """Thresholds for calling two documents copies (see data/dedup.toml)."""

    threshold: float = 0.7
    num_perm: int = 128
    min_shingles: int = 8

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> DocumentRules:
        conf = read_toml("dedup.toml").get("documents", {})
        return cls(
            threshold=float(conf.get("threshold", cls.threshold)),
            num_perm=int(conf.get("num_perm", cls.num_perm)),
            min_shingles=int(conf.get("min_shingles", cls.min_shingles)),
        )

    @property
    def bands(self) -> tuple[int, int]:
        """(bands, rows per band) that datasketch finds optimal for the threshold."""
        return _lsh_params(self.threshold, self.num_perm)


@lru_cache(maxsize=8)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def shingles(text: str, size: int = 3) -> set[bytes]:
    """Word n-grams of the case-folded text (punctuation ignored; any script)."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@dataclass(frozen=True, slots=True)
class MinHashSignature:
    """A MinHash signature that serialises to bytes for the database."""

    hashvalues: np.ndarray

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, raw: bytes) -> MinHashSignature:
        return cls(np.frombuffer(raw, dtype="<u8").astype(np.uint64))

    def jaccard(self, other: MinHashSignature) -> float:
        """Estimated Jaccard similarity (0 when the signatures differ in size)."""
        if len(self.hashvalues) != len(other.hashvalues):
            return 0.0
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)

    def band_keys(self, rules: DocumentRules) -> list[tuple[int, str]]:
        """One key per LSH band: documents sharing any key are candidate copies."""
        bands, rows = rules.bands
        out = []
        for band in range(bands):
            chunk = self.hashvalues[band * rows : (band + 1) * rows]
            out.append((band, hashlib.sha1(chunk.astype("<u8").tobytes()).hexdigest()[:32]))
        return out


def signature(text: str, rules: DocumentRules | None = None) -> MinHashSignature | None:
    """The text's MinHash signature, or None when it is too short to judge copies."""
    rules = rules or DocumentRules.load()
    grams = shingles(text)
    if len(grams) < rules.min_shingles:
        return None
    mh = MinHash(num_perm=rules.num_perm)
    mh.update_batch(list(grams))
    return MinHashSignature(np.asarray(mh.hashvalues, dtype=np.uint64))
