"""The web application: REST API under /api, the dashboard at /, docs at /docs.

`create_app` builds one FastAPI app over one dataset. Third-party browser code comes
from installed packages only (Leaflet from `xstatic-leaflet`, Swagger UI from
`swagger-ui-bundle-v2`), mounted under /vendor, so the page works with no internet.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import xstatic.pkg.leaflet as leaflet_pkg
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from flashpoint.api import Dataset
from flashpoint.ingest.job import Extractor
from flashpoint.web.cache import TtlCache
from flashpoint.web.middleware import BodyLimit, SecurityHeaders
from flashpoint.web.routes import alerts, documents, events, meta, pages
from flashpoint.web.settings import WebSettings

DESCRIPTION = """\
Events coded from news reports of political violence, in ACLED's columns, each field
with the words it came from. Reads are public unless the server was started with
`--private-reads`; writes need the server's token (`Authorization: Bearer TOKEN`) and
are disabled when it has none.
"""


def create_app(
    settings: WebSettings | None = None,
    *,
    dataset: Dataset | None = None,
    extractor: Extractor | None = None,
) -> FastAPI:
    """An app over `settings.db` (or an open `dataset`); `extractor` replaces the pipeline
    for POST /api/documents (None: the built-in one)."""
    import flashpoint

    settings = settings or WebSettings()
    ds = dataset or flashpoint.open(settings.db)
    app = FastAPI(
        title="flashpoint",
        version=getattr(flashpoint, "__version__", "0"),
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    state: Any = app.state
    state.settings = settings
    state.dataset = ds
    state.extractor = extractor
    state.cache = TtlCache(ttl=30.0, size=2048)
    if dataset is None:
        app.router.add_event_handler("shutdown", ds.close)

    for module in (events, documents, alerts, meta, pages):
        app.include_router(module.router)
    static = resources.files("flashpoint.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet_pkg.BASE_DIR), name="leaflet")
    app.mount("/vendor/swagger-ui", StaticFiles(directory=str(swagger_ui_path)), name="swagger")

    app.add_middleware(GZipMiddleware, minimum_size=2000, compresslevel=5)
    app.add_middleware(SecurityHeaders, tiles_origin=settings.tiles_origin)
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    return app


def app_from_env() -> FastAPI:
    """The app factory each `flashpoint serve --workers N` process calls."""
    return create_app(WebSettings.from_env())
