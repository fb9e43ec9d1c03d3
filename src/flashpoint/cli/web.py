"""`flashpoint serve`: the REST API and the offline dashboard over one event store."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

DbOpt = Annotated[
    str,
    typer.Option("--db", envvar="FLASHPOINT_DB", help="SQLite file path or postgresql:// URL."),
]


def serve(
    db: DbOpt = "flashpoint.db",
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="FLASHPOINT_TOKEN",
            help="Secret that enables writes and, with --private-reads, guards reads.",
            show_envvar=True,
        ),
    ] = None,
    public_reads: Annotated[
        bool,
        typer.Option(
            "--public-reads/--private-reads",
            help="Whether reading needs the token (only with --token).",
        ),
    ] = True,
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            help="Tile server URL template ({z}/{x}/{y}) for a base map; offline outlines "
            "by default.",
        ),
    ] = None,
    tiles_attribution: Annotated[
        str, typer.Option("--tiles-attribution", help="Attribution shown for --tiles.")
    ] = "",
    max_page: Annotated[
        int, typer.Option("--max-page", min=1, help="Largest page of events one request gets.")
    ] = 500,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1024, help="Largest request body in bytes.")
    ] = 5_000_000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes (one per core).")
    ] = 1,
    log_level: Annotated[str, typer.Option("--log-level", help="Server log level.")] = "warning",
) -> None:
    """Serve the dataset: REST API (/openapi.json, /docs) and the dashboard (/)."""
    import uvicorn

    from flashpoint.web import WebSettings, create_app

    err = Console(stderr=True)
    if "://" not in db and not os.path.exists(db):
        err.print(f"[red]no database at {db}[/red]; create one with `flashpoint ingest`")
        raise typer.Exit(2)
    try:
        settings = WebSettings(
            db=db,
            token=token or None,
            public_reads=public_reads,
            tiles=tiles,
            tiles_attribution=tiles_attribution,
            max_page=max_page,
            max_body=max_body,
        )
        app = create_app(settings) if workers == 1 else None
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    reads = "public" if settings.reads_public else "need the token"
    writes = "need the token" if token else "disabled (no --token)"
    err.print(f"flashpoint: http://{host}:{port}/  reads {reads}, writes {writes}")
    if app is not None:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    # Several processes: each builds its own app from the settings in its environment.
    settings.to_env()
    uvicorn.run(
        "flashpoint.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
