"""Polite HTTP fetching for article pages and feeds.

One `Fetcher` per run: a shared httpx client with a clear user agent, a timeout, a few
retries with backoff on timeouts, connection errors, 429 and 5xx (honouring a short
Retry-After), a minimum delay between two requests to the same host, and the site's
robots.txt obeyed (read once per host; a site without one allows everything). A page that
cannot be fetched is skipped with its reason; it never stops the run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from flashpoint import __version__
from flashpoint.ingest.skips import skip

USER_AGENT = f"flashpoint/{__version__} (news event coder; +https://pypi.org/project/flashpoint/)"
_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class FetchSettings:
    """How politely to fetch: seconds to wait, times to retry, pause per host."""

    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    delay: float = 1.0
    max_bytes: int = 20_000_000
    user_agent: str = USER_AGENT
    obey_robots: bool = True


def is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


class Fetcher:
    """Fetches URLs one at a time; use as a context manager or call `close()`."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._client = httpx.Client(
            timeout=self.settings.timeout,
            follow_redirects=True,
            headers={"User-Agent": self.settings.user_agent, "Accept": "*/*"},
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.settings.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets this user agent fetch `url`."""
        if not self.settings.obey_robots:
            return True
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser: RobotFileParser | None = None
            try:
                resp = self._client.get(root + "/robots.txt")
                if resp.status_code == 200:
                    parser = RobotFileParser()
                    parser.parse(resp.text.splitlines())
            except httpx.HTTPError:
                parser = None  # no answer about robots.txt: fetch as allowed
            self._robots[root] = parser
        parser = self._robots[root]
        return parser is None or parser.can_fetch(self.settings.user_agent, url)

    def get(self, url: str) -> httpx.Response | None:
        """The response for `url`, or None (skipped with the reason) after retries."""
        resp, reason = self.fetch(url)
        if resp is None:
            skip(url, reason)
        return resp

    def fetch(self, url: str) -> tuple[httpx.Response | None, str]:
        """The response, or None and why not (nothing logged: the caller decides)."""
        if not self.allowed(url):
            return None, "disallowed by the site's robots.txt"
        host = urlsplit(url).netloc
        reason = "not fetched"
        for attempt in range(self.settings.retries + 1):
            if attempt:
                time.sleep(self.settings.backoff * 2 ** (attempt - 1))
            self._wait_turn(host)
            try:
                resp = self._client.get(url)
            except httpx.TimeoutException:
                reason = f"timed out after {self.settings.timeout:g}s"
                continue
            except httpx.HTTPError as exc:
                reason = f"fetch failed ({type(exc).__name__}: {exc})"
                continue
            if resp.status_code in _RETRY_STATUS:
                reason = f"HTTP {resp.status_code}"
                retry_after = resp.headers.get("Retry-After", "")
                if retry_after.isdigit() and attempt < self.settings.retries:
                    time.sleep(min(float(retry_after), 30.0))
                continue
            if resp.status_code >= 400:
                return None, f"HTTP {resp.status_code}"
            if len(resp.content) > self.settings.max_bytes:
                return None, f"too large ({len(resp.content)} bytes)"
            return resp, ""
        return None, reason
