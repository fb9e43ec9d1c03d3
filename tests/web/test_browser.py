"""The dashboard in real headless Chromium, served by `flashpoint serve` on 127.0.0.1.

Debian's chromium (/usr/bin/chromium, installed by .ci/system-deps.sh) is driven by
Playwright; no browser is downloaded. Screenshots land in the test's tmp folder.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .seed import PAYLOAD_IMG, PAYLOAD_SCRIPT

CHROMIUM = os.environ.get("FLASHPOINT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serve(db: Path, log: Path, *extra: str, token: str | None = None) -> Iterator[str]:
    """`flashpoint serve` in a subprocess on a free loopback port, until the block ends."""
    port = _free_port()
    cmd = [sys.executable, "-m", "flashpoint", "serve", "--db", str(db), "--host", "127.0.0.1"]
    cmd += ["--port", str(port), *extra]
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_TOKEN"}
    if token:
        env["FLASHPOINT_TOKEN"] = token  # not on the command line, where ps shows it
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/config", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"flashpoint serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(seeded, tmp_path_factory) -> Iterator[str]:
    with _serve(seeded.path, tmp_path_factory.mktemp("serve") / "serve.log") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright gives each launch a fresh, empty profile folder of its own.
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))  # type: ignore[attr-defined]
    yield pg
    context.close()


def _load(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)


def _points(page: Page) -> int:
    return page.locator("#map path.event-point").count()


def test_map_shows_the_seeded_events(page, server, tmp_path):
    _load(page, f"{server}/")
    expect(page.locator("#map path.event-point")).to_have_count(16)
    assert page.locator("#map").get_attribute("data-points") == "16"
    expect(page.locator("#summary")).to_have_text("16 events")
    # Country outlines drawn under the points (offline base map).
    expect(page.locator("#map path.leaflet-interactive, #map svg path").first).to_be_attached()
    expect(page.locator("#events tbody tr")).to_have_count(16)
    expect(page.locator("#alerts li.alert")).to_have_count(1)
    expect(page.locator("#alerts li.alert")).to_contain_text("Hawija")
    assert int(page.locator("#timeline").get_attribute("data-bars")) > 10
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert page.errors == []


def test_a_filter_narrows_map_and_table_and_lands_in_the_url(page, server):
    _load(page, f"{server}/")
    page.fill("input[name=admin1]", "Salah al-Din")
    page.click("#filters button[type=submit]")
    expect(page.locator("#events tbody tr")).to_have_count(1)
    expect(page.locator("#map path.event-point")).to_have_count(1)
    assert parse_qs(urlsplit(page.url).query)["admin1"] == ["Salah al-Din"]
    # The link is shareable: a new page at that URL shows the same view.
    shared = page.context.new_page()
    _load(shared, page.url)
    expect(shared.locator("#events tbody tr")).to_have_count(1)
    assert shared.locator("input[name=admin1]").input_value() == "Salah al-Din"
    shared.close()


def test_timeline_brush_sets_the_date_range(page, server):
    _load(page, f"{server}/")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    page.wait_for_function("new URLSearchParams(location.search).has('start')")
    query = parse_qs(urlsplit(page.url).query)
    assert query["start"][0] < query["end"][0]
    page.wait_for_selector("body[data-ready=true]")
    rows = page.locator("#events tbody tr td:first-child").all_inner_texts()
    assert rows and all(query["start"][0] <= d <= query["end"][0] for d in rows)
    assert len(rows) < 16


def test_event_view_highlights_the_evidence(page, server, tmp_path):
    _load(page, f"{server}/")
    page.click('#events tbody tr[data-id="IRQ-T2"]')
    dialog = page.locator("#event-view")
    expect(dialog).to_be_visible()
    mark = dialog.locator('tr[data-field="fatalities"] mark')
    expect(mark).to_have_text("two policemen were killed")
    expect(dialog.locator('tr[data-field="fatalities"] td').nth(0)).to_have_text("2")
    expect(dialog.locator('tr[data-field="location"] mark')).to_have_text("Arab Koy village")
    sentence = dialog.locator('tr[data-field="fatalities"] .sentence').inner_text()
    assert "On Feb. 11, IS fighters assaulted" in sentence
    assert parse_qs(urlsplit(page.url).query)["event"] == ["IRQ-T2"]
    page.screenshot(path=str(tmp_path / "event.png"))


def test_script_injection_in_an_article_renders_as_text(page, server, tmp_path):
    _load(page, f"{server}/?admin1=Salah+al-Din&event=IRQ-T3")
    dialog = page.locator("#event-view")
    expect(dialog).to_be_visible()
    actor = dialog.locator('tr[data-field="actor1"]')
    expect(actor.locator("mark")).to_have_text(f"Gunmen {PAYLOAD_SCRIPT}")
    dialog.get_by_role("button", name="full text").click()
    expect(page.locator("#document-text")).to_contain_text(PAYLOAD_IMG)
    page.screenshot(path=str(tmp_path / "injection.png"))
    # The payloads are on screen as characters, and none of them became markup or ran.
    body = page.locator("body").inner_text()
    assert PAYLOAD_SCRIPT in body and PAYLOAD_IMG in body
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[onerror], img[src=x]").count() == 0
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    assert page.errors == []
    expect(page.locator("#events tbody tr")).to_contain_text("<script>")


def test_served_page_works_with_only_loopback(page, server):
    """Every request the dashboard makes goes to the server itself."""
    hosts = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    _load(page, f"{server}/")
    page.click('#events tbody tr[data-id="IRQ-T1"]')
    expect(page.locator("#event-view mark").first).to_be_visible()
    assert hosts == {urlsplit(server).netloc}


def test_api_docs_page_renders_offline(page, server):
    hosts = set()
    page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    page.goto(f"{server}/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("/api/events.geojson")).to_be_visible()
    assert hosts == {urlsplit(server).netloc}
    assert page.errors == []


def test_private_reads_ask_for_the_token(seeded, browser, tmp_path):
    token = "s3cret-token"
    with _serve(seeded.path, tmp_path / "serve.log", "--private-reads", token=token) as base:
        page = browser.new_page()
        page.goto(f"{base}/")
        expect(page.locator("#token-box")).to_be_visible()
        expect(page.locator("#events tbody tr")).to_have_count(0)
        page.fill("#token-form input[name=token]", token)
        page.click("#token-form button[type=submit]")
        page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        expect(page.locator("#events tbody tr")).to_have_count(16)
        expect(page.locator("#token-box")).to_be_hidden()
        page.close()
