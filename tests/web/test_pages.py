"""The dashboard, docs and assets are served from installed files, never from a CDN."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

STATIC = resources.files("flashpoint.web") / "static"


def test_dashboard_page_has_a_strict_security_policy(client):
    response = client.get("/")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_configured_tile_server_is_allowed_for_images_only(seeded, make_client):
    client = make_client(seeded.path, tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    policy = client.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org" in policy
    assert "script-src 'self';" in policy
    assert client.get("/api/config").json()["tiles"].startswith("https://tiles.example.org")


@pytest.mark.parametrize("tiles", ["javascript:alert(1)//{z}{x}{y}", "https://x.org/tile.png"])
def test_bad_tile_urls_are_refused(seeded, tiles):
    from flashpoint.web import WebSettings

    with pytest.raises(ValueError):
        WebSettings(db=seeded.path, tiles=tiles)


def _local_refs(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


@pytest.mark.parametrize("page", ["/", "/docs"])
def test_pages_load_only_local_assets_and_every_asset_exists(client, page):
    html = client.get(page).text
    refs = _local_refs(html)
    assert refs
    for ref in refs:
        assert ref.startswith("/"), ref
        assert client.get(ref).status_code == 200, ref


def test_scripts_import_only_local_modules():
    for name in ("app.js", "map.js", "timeline.js", "api.js", "dom.js", "docs.js"):
        # The SVG namespace is a name, not an address that is fetched.
        source = (STATIC / name).read_text().replace("http://www.w3.org/2000/svg", "")
        assert "http://" not in source and "https://" not in source, name
        for spec in re.findall(r'from "([^"]+)"', source):
            assert spec.startswith("./"), (name, spec)


def test_page_code_never_parses_strings_as_html():
    for name in ("app.js", "map.js", "timeline.js", "dom.js"):
        source = (STATIC / name).read_text()
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source, name
        assert "document.write" not in source, name


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/events.geojson",
        "/api/events.csv",
        "/api/aggregates",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/dedup",
        "/api/alerts",
    } <= paths
    assert "post" in schema["paths"]["/api/documents"]


def test_country_outlines_come_from_the_installed_natural_earth_file(client):
    response = client.get("/api/boundaries/countries.geojson")
    assert response.status_code == 200
    shapes = json.loads(response.content)
    names = {f["properties"]["name"] for f in shapes["features"]}
    assert {"Iraq", "Syria", "Nigeria"} <= names
    iraq = next(f for f in shapes["features"] if f["properties"]["iso_a3"] == "IRQ")
    assert iraq["geometry"]["type"] in ("Polygon", "MultiPolygon")
