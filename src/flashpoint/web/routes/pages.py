"""The dashboard page and an API docs page, both served from installed files only."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Response
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)

STATIC = resources.files("flashpoint.web") / "static"


@router.get("/")
def dashboard() -> FileResponse:
    return FileResponse(str(STATIC / "index.html"), media_type="text/html")


@router.get("/docs")
def docs() -> FileResponse:
    """Swagger UI from the installed swagger-ui bundle (FastAPI's default uses a CDN)."""
    return FileResponse(str(STATIC / "docs.html"), media_type="text/html")


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon: an empty answer keeps browsers from logging a 404 on every page."""
    return Response(status_code=204)
