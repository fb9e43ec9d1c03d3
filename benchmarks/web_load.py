"""Load check for `flashpoint serve`: concurrent dashboard-like clients on loopback.

    python benchmarks/web_load.py                       # 100k events, 50 clients, 30 s
    python benchmarks/web_load.py --events 20000 --clients 10 --seconds 10

Builds (once, then reuses) a store of synthetic events: a few real documents with
evidence through `Store.add_document`, the rest inserted in bulk through the store's
session (per-event dedup matching would take far longer than the check itself). Then
starts `flashpoint serve` on a free 127.0.0.1 port and runs N clients for S seconds,
each sending the requests a dashboard sends (pages of events with filters and sorting,
one event, timeline totals, map points, facets, alerts), and prints requests/s and
latency percentiles overall and per endpoint. The clients share the machine with the
server, so the figures are a floor for a machine where they do not.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

from flashpoint.models import Document, Event, Evidence
from flashpoint.store import Store
from flashpoint.store.schema import EventRow

COUNTRIES = {
    "Iraq": (33.3, 44.4, 368),
    "Syria": (35.0, 38.5, 760),
    "Nigeria": (9.1, 8.7, 566),
    "Mali": (17.6, -3.9, 466),
    "Somalia": (5.2, 46.2, 706),
    "Yemen": (15.6, 48.5, 887),
    "Afghanistan": (33.9, 67.7, 4),
    "Sudan": (12.9, 30.2, 729),
    "Ukraine": (48.4, 31.2, 804),
    "Myanmar": (21.9, 95.9, 104),
    "Colombia": (4.6, -74.1, 170),
    "Mexico": (23.6, -102.5, 484),
    "Pakistan": (30.4, 69.3, 586),
    "Ethiopia": (9.1, 40.5, 231),
    "Burkina Faso": (12.2, -1.6, 854),
    "DR Congo": (-4.0, 21.8, 180),
    "Libya": (26.3, 17.2, 434),
    "Philippines": (12.9, 121.8, 608),
    "Cameroon": (7.4, 12.4, 120),
    "Mozambique": (-18.7, 35.5, 508),
}
TYPES = {
    "Battles": ["Armed clash", "Government regains territory"],
    "Explosions/Remote violence": ["Remote explosive/landmine/IED", "Air/drone strike"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Looting/property destruction"],
}
ACTORS = [
    "Islamic State",
    "Military Forces",
    "Police Forces",
    "Protesters",
    "Rioters",
    "Unidentified Armed Group",
    "Civilians",
    "Al Shabaab",
    "JNIM",
    "Wagner Group",
]
FIRST_DAY = date(2019, 1, 1)
DAYS = 6 * 365


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _synthetic(rng: random.Random, i: int) -> dict:
    country = rng.choice(list(COUNTRIES))
    lat0, lon0, iso = COUNTRIES[country]
    event_type = rng.choice(list(TYPES))
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    a1 = rng.randrange(12)
    fatalities = int(rng.expovariate(0.4)) if event_type not in ("Protests",) else 0
    now = datetime.now(UTC)
    return {
        "id": f"SYN{i:08d}",
        "event_date": day,
        "year": day.year,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": event_type,
        "sub_event_type": rng.choice(TYPES[event_type]),
        "actor1": f"{rng.choice(ACTORS)} ({country})",
        "actor2": rng.choice(["", f"Civilians ({country})", f"Military Forces of {country}"]),
        "country": country,
        "iso": iso,
        "region": "",
        "admin1": f"Province {a1}",
        "admin2": f"District {a1}-{rng.randrange(8)}",
        "location": f"Town {rng.randrange(500)}",
        "latitude": lat0 + rng.uniform(-3, 3),
        "longitude": lon0 + rng.uniform(-3, 3),
        "geo_precision": 1,
        "source": rng.choice(["Wire A", "Wire B", "Local Daily"]),
        "notes": f"Synthetic event {i} of type {event_type} in {country}.",
        "fatalities": fatalities,
        "injuries": rng.randrange(4),
        "confidence": rng.random(),
        "evidence": None,
        "created_at": now,
        "updated_at": now,
    }


def build_store(path: Path, n_events: int) -> None:
    """Real documents with evidence for a few events, then bulk synthetic events."""
    started = time.perf_counter()
    store = Store(path)
    rng = random.Random(7)
    real = 0
    for k in range(20):
        text = (
            f"On Monday gunmen attacked a checkpoint in Town {k}, killing {k + 1} "
            f"soldiers, officials said. Report number {k}."
        )
        doc = Document(text=text, published=FIRST_DAY + timedelta(days=30 * k), source="Wire A")
        i = text.index("killing")
        ev = Event(
            event_type="Battles",
            sub_event_type="Armed clash",
            event_date=(FIRST_DAY + timedelta(days=30 * k - 1)).isoformat(),
            country="Iraq",
            admin1="Province 1",
            admin2="District 1-1",
            location=f"Town {k}",
            latitude=33.0 + k * 0.2,
            longitude=44.0,
            fatalities=k + 1,
            actor1="Unidentified Armed Group (Iraq)",
        )
        ev.evidence = {"fatalities": Evidence(doc.id, i, i + 7, "killing")}
        real += len(store.add_document(doc, [ev]).new_events)
    batch: list[dict] = []
    with store.session() as s:
        for i in range(n_events - real):
            batch.append(_synthetic(rng, i))
            if len(batch) == 5000:
                s.execute(insert(EventRow), batch)
                batch.clear()
        if batch:
            s.execute(insert(EventRow), batch)
        s.commit()
    total = store.count_events()
    store.close()
    print(f"built {total} events in {time.perf_counter() - started:.1f} s -> {path}")


def _requests(rng: random.Random, ids: list[str]) -> tuple[str, str, dict]:
    """(endpoint name, path, params) in the proportions one dashboard view sends them."""
    country = rng.choice(list(COUNTRIES))
    r = rng.random()
    if r < 0.35:
        params = {"limit": 50, "offset": rng.choice([0, 0, 50, 500, 5000])}
        if rng.random() < 0.7:
            params["country"] = country
        if rng.random() < 0.3:
            params["event_type"] = rng.choice(list(TYPES))
        if rng.random() < 0.3:
            params["sort"] = rng.choice(["-fatalities", "-event_date", "admin1"])
        if rng.random() < 0.1:
            params["actor"] = rng.choice(ACTORS)[:6]
        return "events", "/api/events", params
    if r < 0.55:
        return "event", f"/api/events/{rng.choice(ids)}", {}
    if r < 0.70:
        return (
            "aggregates",
            "/api/aggregates",
            {"country": country, "interval": "week", "by": "event_type"},
        )
    if r < 0.82:
        return "geojson", "/api/events.geojson", {"country": country, "limit": 1000}
    if r < 0.90:
        return "facets", "/api/facets", {"country": country}
    if r < 0.95:
        return "alerts", "/api/alerts", {"country": country, "level": "admin1"}
    return "page", "/", {}


async def _client(base: str, stop: float, seed: int, ids: list[str], out: list) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        while time.perf_counter() < stop:
            name, path, params = _requests(rng, ids)
            t0 = time.perf_counter()
            try:
                response = await http.get(path, params=params)
                status = response.status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            out.append((name, time.perf_counter() - t0, status))


async def run_load(base: str, clients: int, seconds: float, ids: list[str]) -> list:
    out: list = []
    stop = time.perf_counter() + seconds
    await asyncio.gather(*(_client(base, stop, k, ids, out) for k in range(clients)))
    return out


def _pct(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else (values[0] if values else float("nan"))
    )


def report(results: list, seconds: float, clients: int, n_events: int, workers: int) -> None:
    lat = [r[1] * 1000 for r in results]
    errors = [r for r in results if r[2] != 200]
    print(
        f"\n{clients} clients, {seconds:.0f} s, {n_events} events on loopback, "
        f"{workers} server process(es), {os.cpu_count()} CPUs"
    )
    print(
        f"requests: {len(results)}  errors: {len(errors)}  requests/s: {len(results) / seconds:.1f}"
    )
    print(
        f"latency ms: p50 {_pct(lat, 50):.1f}  p95 {_pct(lat, 95):.1f}  "
        f"p99 {_pct(lat, 99):.1f}  max {max(lat):.1f}"
    )
    by_name: dict[str, list[float]] = defaultdict(list)
    for name, t, _ in results:
        by_name[name].append(t * 1000)
    print(f"{'endpoint':<12}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}")
    for name, values in sorted(by_name.items()):
        print(f"{name:<12}{len(values):>8}{_pct(values, 50):>10.1f}{_pct(values, 95):>10.1f}")
    if errors:
        kinds = defaultdict(int)
        for name, _, status in errors:
            kinds[(name, status)] += 1
        print("errors:", dict(kinds))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--db", type=Path, default=None, help="Store to build or reuse.")
    ap.add_argument("--workers", type=int, default=1, help="Server processes.")
    args = ap.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"flashpoint-load-{args.events}.db"
    if not db.exists():
        build_store(db, args.events)
    store = Store(db)
    ids = [r[0] for r in store.event_table(None, ["id"])]
    store.close()
    rng = random.Random(1)
    sample_ids = rng.sample(ids, min(5000, len(ids)))

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_TOKEN"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flashpoint",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/config", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise SystemExit("server did not start")
        httpx.get(f"{base}/api/facets", timeout=60)  # warm caches and the connection pool
        results = asyncio.run(run_load(base, args.clients, args.seconds, sample_ids))
        report(results, args.seconds, args.clients, len(ids), args.workers)
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
