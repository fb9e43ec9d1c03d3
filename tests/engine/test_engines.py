"""Engines: the same events from this process, a local pool and a Dask LocalCluster.

The texts are written for the tests: short reports of incidents, a follow-up telling
one of them again, and news that the pre-filter sets aside.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from flashpoint.engine import BatchResult, LocalEngine, make_engine
from flashpoint.models import Document
from flashpoint.pipeline import PipelineConfig

pytestmark = pytest.mark.slow

TEXTS = [
    "Two policemen were killed on Thursday when Islamic State militants attacked a "
    "checkpoint south of Daquq in Kirkuk province, a security source said.",
    "A roadside bomb struck an army patrol near Tuz Khurmatu on Monday, wounding three soldiers.",
    "Hundreds of protesters blocked the main road in Nasiriyah on Sunday to demand jobs; "
    "riot police fired tear gas to disperse them.",
    "Rovers beat United 3-1 on Saturday with a late attack, and the battle for the title goes on.",
    "Security forces arrested four suspected Isis members in a raid on a house in west "
    "Mosul on Tuesday, police said.",
    "Gunmen kidnapped a shop owner in Baquba on Wednesday and demanded a ransom from his family.",
    "Shares rallied as the price war between the two airlines eased.",
    "Police said on Friday that the two policemen killed south of Daquq were from "
    "Kirkuk; Islamic State militants had attacked their checkpoint on Thursday.",
]


def corpus() -> list[Document]:
    return [
        Document(text=t, id=f"t{i}", published=date(2021, 2, 13), country_hint="Iraq")
        for i, t in enumerate(TEXTS)
    ]


def comparable(pairs) -> list[tuple[str, str]]:
    """(document id, its events as JSON without the coding time stamp)."""
    out = []
    for doc, events in pairs:
        rows = [{k: v for k, v in e.to_dict().items() if k != "timestamp"} for e in events]
        out.append((doc.id, json.dumps(rows, sort_keys=True, default=str)))
    return out


CONFIG = PipelineConfig(batch_size=2)


@pytest.fixture(scope="module")
def reference():
    with LocalEngine(CONFIG) as engine:
        out = comparable(engine.process(corpus(), batch_size=2))
        assert engine.stats["filtered"] == 2 and engine.stats["batches"] == 4
    assert sum(rows != "[]" for _, rows in out) >= 4  # the texts do hold events
    return out


def test_local_pool_equals_one_process(reference):
    with LocalEngine(CONFIG, workers=2) as engine:
        assert len(engine.warm()) == 2  # two processes, each with its model
        assert comparable(engine.process(corpus(), batch_size=2)) == reference
        assert engine.stats["documents"] == len(TEXTS)


def test_dask_local_cluster_equals_local_engine(reference):
    with make_engine("dask", workers=2, config=CONFIG) as engine:
        assert engine.workers == 2
        assert comparable(engine.process(corpus(), batch_size=2)) == reference
        assert engine.stats["filtered"] == 2


def test_ingest_through_dask_stores_what_the_local_engine_stores(tmp_path):
    import flashpoint

    stored = {}
    for kind in ("local", "dask"):
        with (
            make_engine(kind, workers=2 if kind == "dask" else 1, config=CONFIG) as engine,
            flashpoint.open(tmp_path / f"{kind}.db") as ds,
        ):
            summary = ds.ingest(corpus(), engine=engine, batch_size=2)
            assert summary.stored == len(TEXTS) and summary.filtered == 2
            again = ds.ingest(corpus(), engine=engine, batch_size=2)
            assert again.already == len(TEXTS) and again.stored == 0  # idempotent
            stored[kind] = sorted(
                json.dumps(
                    {k: v for k, v in e.to_dict().items() if k != "timestamp"},
                    sort_keys=True,
                    default=str,
                )
                for e in ds.events()
            )
    assert stored["local"] and stored["local"] == stored["dask"]


class _FlakyEngine(LocalEngine):
    """Fails the batches holding a given document, as a crashed worker would."""

    def __init__(self, bad: str):
        super().__init__(CONFIG)
        self.bad = bad

    def map_batches(self, batches):
        for result in super().map_batches(batches):
            if any(d.id == self.bad for d in result.documents):
                yield BatchResult(result.documents, None, RuntimeError("worker lost"))
            else:
                yield result


def test_a_failed_batch_is_extracted_again_here(reference):
    engine = _FlakyEngine(bad="t1")
    assert comparable(engine.process(corpus(), batch_size=2)) == reference


def test_unknown_engine_and_scheduler_without_dask_are_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")
    with pytest.raises(ValueError, match="dask"):
        make_engine("local", scheduler="tcp://127.0.0.1:8786")
