"""What the dashboard needs besides events: its settings, the base map, dataset size."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

import flashpoint
from flashpoint.web.auth import ReadAccess
from flashpoint.web.boundaries import countries_geojson
from flashpoint.web.deps import DatasetDep, SettingsDep

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/config", summary="What the dashboard needs to know about this server")
def config(settings: SettingsDep) -> dict[str, Any]:
    """Public on purpose: it tells the page whether to ask for a token."""
    return {
        "version": getattr(flashpoint, "__version__", None),
        "reads_need_token": not settings.reads_public,
        "writes_enabled": settings.token is not None,
        "tiles": settings.tiles,
        "tiles_attribution": settings.tiles_attribution,
        "max_page": settings.max_page,
        "max_geojson": settings.max_geojson,
    }


@router.get("/stats", summary="Row counts of the dataset", dependencies=[ReadAccess])
def stats(ds: DatasetDep) -> dict[str, int]:
    return ds.stats()


@router.get(
    "/boundaries/countries.geojson",
    summary="Country outlines for the offline base map (Natural Earth 1:10m, simplified)",
    response_class=Response,
    responses={200: {"content": {"application/geo+json": {}}}},
)
async def countries() -> Response:
    data = await run_in_threadpool(countries_geojson)
    return Response(
        data,
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )
