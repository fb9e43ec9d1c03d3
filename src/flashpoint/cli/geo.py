"""`flashpoint gazetteer import|download|info|rebuild` and `flashpoint geoparse`."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

log = logging.getLogger(__name__)
err = Console(stderr=True)

gazetteer_app = typer.Typer(
    help="The offline gazetteer: import GeoNames files, download them, show what is loaded.",
    no_args_is_help=True,
)


class GeoFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(1)


def _gazetteer_file(path: Path | None) -> Path:
    from flashpoint.geo.gazetteer import ensure_built, gazetteer_path

    target = path or gazetteer_path()
    ensure_built(target)
    return target


@gazetteer_app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="GeoNames dumps or place alias CSVs.")],
    gazetteer: Annotated[
        Path | None, typer.Option("--gazetteer", help="Gazetteer file (default: cache).")
    ] = None,
) -> None:
    """Add GeoNames dump files (IQ.zip, allCountries.zip, cities500.zip, alternateNamesV2.zip,
    admin1CodesASCII.txt, admin2Codes.txt) or a place alias CSV to the gazetteer."""
    from flashpoint.geo.gazetteer import reset_shared
    from flashpoint.geo.geonames_dump import import_file
    from flashpoint.geo.store import Gazetteer, GazetteerError

    target = _gazetteer_file(gazetteer)
    gaz = Gazetteer(target)
    failed = 0
    try:
        for path in files:
            try:
                kind, rows = import_file(gaz.conn, path)
            except GazetteerError as exc:
                err.print(f"[red]not imported:[/red] {exc} (gazetteer unchanged)", markup=True)
                failed += 1
                continue
            err.print(f"imported {path.name}: {rows:,} {kind.replace('_', ' ')} rows")
    finally:
        gaz.close()
        reset_shared()
    if failed:
        raise typer.Exit(1)


@gazetteer_app.command("download")
def download_cmd(
    codes: Annotated[
        list[str],
        typer.Argument(help="Country codes (IQ SY) or file names (cities500, alternateNamesV2)."),
    ],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Dump server (default: $FLASHPOINT_GEONAMES_URL or GeoNames' download server).",
        ),
    ] = None,
    keep: Annotated[
        Path | None, typer.Option("--keep", help="Keep the downloaded files in this folder.")
    ] = None,
    gazetteer: Annotated[
        Path | None, typer.Option("--gazetteer", help="Gazetteer file (default: cache).")
    ] = None,
) -> None:
    """Download GeoNames dump files and import them."""
    import tempfile

    from flashpoint.geo.geonames_dump import download
    from flashpoint.geo.store import GazetteerError

    def progress(name: str, done: int, total: int | None) -> None:
        if total:
            err.print(f"\r{name}: {done / total:5.0%}", end="")

    with tempfile.TemporaryDirectory() as tmp:
        dest = keep or Path(tmp)
        try:
            paths = download(codes, dest, base_url, progress=progress)
        except GazetteerError as exc:
            err.print()
            _fail(str(exc))
        err.print()
        import_cmd(paths, gazetteer)


@gazetteer_app.command("info")
def info_cmd(
    gazetteer: Annotated[
        Path | None, typer.Option("--gazetteer", help="Gazetteer file (default: cache).")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Countries to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """What is loaded: counts, places per country, sources."""
    from flashpoint.geo.store import Gazetteer

    gaz = Gazetteer(_gazetteer_file(gazetteer))
    info = gaz.info()
    gaz.close()
    if as_json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
        return
    console = Console()
    console.print(f"gazetteer: {info['path']}")
    console.print(
        f"places: {info['places']:,}  names: {info['names']:,}  admin1 units: "
        f"{info['admin1']:,}  admin2 units: {info['admin2']:,}"
    )
    table = Table("country", "places", header_style="bold")
    for cc, n in list(info["per_country"].items())[:top]:
        table.add_row(cc or "-", f"{n:,}")
    console.print(table)
    sources = Table("source", "kind", "loaded", "rows", header_style="bold")
    for s in info["sources"]:
        sources.add_row(s["name"], s["kind"], s["loaded_at"], f"{s['rows']:,}")
    console.print(sources)


@gazetteer_app.command("rebuild")
def rebuild_cmd(
    gazetteer: Annotated[
        Path | None, typer.Option("--gazetteer", help="Gazetteer file (default: cache).")
    ] = None,
) -> None:
    """Build the default gazetteer again from the packaged data (drops imports)."""
    from flashpoint.geo.gazetteer import ensure_built, gazetteer_path, reset_shared

    reset_shared()
    ensure_built(gazetteer or gazetteer_path(), force=True)


def mention_record(document_id: str, mention) -> dict:
    """One `geoparse --format jsonl` line."""
    p = mention.place
    return {
        "document_id": document_id,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "name": p.name if p else None,
        "geonameid": p.geonameid if p else None,
        "latitude": mention.latitude,
        "longitude": mention.longitude,
        "feature_code": p.feature_code if p else None,
        "country_code": p.country_code if p else None,
        "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None,
        "relation": mention.relation,
        "distance_km": mention.distance_km,
        "geo_precision": mention.geo_precision,
        "confidence": mention.confidence,
    }


def geoparse_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Text files, .jsonl corpora, or '-'.")],
    fmt: Annotated[GeoFormat, typer.Option("--format", "-f", help="Output format.")] = (
        GeoFormat.jsonl
    ),
    country: Annotated[
        str | None, typer.Option("--country", help="Expected country (name or ISO code).")
    ] = None,
    use_spacy: Annotated[
        bool, typer.Option("--spacy/--no-spacy", help="Also use spaCy's place entities.")
    ] = True,
    demonyms: Annotated[
        bool, typer.Option("--demonyms", help="Also list demonyms ('Iraqi') as mentions.")
    ] = False,
) -> None:
    """Every place named in the inputs, resolved, one JSON object per line."""
    from flashpoint.geo import geoparse, get_gazetteer
    from flashpoint.geo.store import GazetteerError
    from flashpoint.ingest.readers import read_inputs

    try:
        gaz = get_gazetteer()
    except (GazetteerError, OSError) as exc:
        _fail(f"gazetteer unavailable: {exc}")
    nlp = None
    if use_spacy:
        try:
            from flashpoint.nlp.annotate import load_model

            nlp = load_model()
        except (RuntimeError, ImportError) as exc:
            log.warning("spaCy unavailable (%s); gazetteer matching only", exc)
    table = Table(
        "document",
        "span",
        "text",
        "place",
        "country",
        "admin1",
        "lat",
        "lon",
        "conf",
        header_style="bold",
    )
    for doc in read_inputs(inputs):
        try:
            sdoc = nlp(doc.text) if nlp is not None else None
            mentions = geoparse(
                doc.text,
                doc=sdoc,
                country_hint=country or doc.country_hint,
                gazetteer=gaz,
                demonyms=demonyms,
            )
        except Exception as exc:  # one bad document must not stop a corpus
            log.warning("skipped document %s: %s", doc.id, exc)
            continue
        for m in mentions:
            rec = mention_record(doc.id, m)
            if fmt is GeoFormat.jsonl:
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                table.add_row(
                    doc.id[:10],
                    f"{m.start}-{m.end}",
                    m.text,
                    rec["name"] or "",
                    rec["country_code"] or "",
                    rec["admin1"] or "",
                    f"{m.latitude:.4f}" if m.latitude is not None else "",
                    f"{m.longitude:.4f}" if m.longitude is not None else "",
                    f"{m.confidence:.2f}",
                )
    if fmt is GeoFormat.table:
        Console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
    app.command("geoparse")(geoparse_cmd)
