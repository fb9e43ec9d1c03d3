"""The `flashpoint` command line. Every command is a thin wrapper over a Python function.

Each sub-module registers its commands on the one Typer app; see `COMMAND_MODULES`.
"""

from __future__ import annotations

import importlib
import logging

import typer

app = typer.Typer(
    name="flashpoint",
    help="News reports of political violence in; ACLED-compatible, geolocated events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

# Modules under flashpoint.cli that each define `register(app)`.
COMMAND_MODULES: tuple[str, ...] = (
    "extract",
    "evaluate",
    "alerts",
    "corpus",
    "geo",
    "web",
)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only log errors."),
) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    import sys

    from rich.console import Console
    from rich.logging import RichHandler

    # Logs go to stderr so that `--format jsonl > out.jsonl` stays clean; a terminal
    # gets rich's layout, a file or pipe one plain line per message (nothing wrapped).
    handler: logging.Handler
    if sys.stderr.isatty():
        handler = RichHandler(
            console=Console(stderr=True), show_path=False, markup=False, rich_tracebacks=False
        )
        fmt = "%(message)s"
    else:
        handler = logging.StreamHandler(sys.stderr)
        fmt = "%(levelname)s %(name)s: %(message)s"
    logging.basicConfig(
        level=level,
        format=fmt,
        handlers=[handler],
        force=True,
    )


for _name in COMMAND_MODULES:
    importlib.import_module(f"flashpoint.cli.{_name}").register(app)


def main() -> None:
    app()
