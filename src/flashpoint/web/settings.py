"""What one running server is configured with (the `flashpoint serve` flags)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

ENV_VAR = "FLASHPOINT_WEB_SETTINGS"


@dataclass(slots=True)
class WebSettings:
    """Server configuration.

    Writes are possible only when `token` is set (and then need it); reads need it too
    when `public_reads` is False. `tiles` is an optional XYZ tile URL template: without
    it the dashboard draws offline country outlines and needs no network at all.
    """

    db: str | Path = "flashpoint.db"
    token: str | None = None
    public_reads: bool = True
    tiles: str | None = None
    tiles_attribution: str = ""
    max_page: int = 500
    max_geojson: int = 20_000
    max_body: int = 5_000_000

    def __post_init__(self) -> None:
        if self.tiles:
            parts = urlsplit(self.tiles)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"--tiles must be an http(s) URL template, not {self.tiles!r}")
            if "{z}" not in self.tiles or "{x}" not in self.tiles or "{y}" not in self.tiles:
                raise ValueError("--tiles must contain {z}, {x} and {y}")
        if self.max_page < 1 or self.max_body < 1:
            raise ValueError("limits must be positive")

    def to_env(self) -> None:
        """Hand these settings to worker processes (see `from_env`)."""
        data = asdict(self)
        data["db"] = str(self.db)
        os.environ[ENV_VAR] = json.dumps(data)

    @classmethod
    def from_env(cls) -> WebSettings:
        """The settings `to_env` stored: each worker process builds its own app from them."""
        raw = os.environ.get(ENV_VAR)
        if not raw:
            raise RuntimeError(f"{ENV_VAR} is not set; start the server with `flashpoint serve`")
        return cls(**json.loads(raw))

    @property
    def reads_public(self) -> bool:
        """Reads are open when no token exists or when the operator chose public reads."""
        return self.token is None or self.public_reads

    @property
    def tiles_origin(self) -> str | None:
        """scheme://host of the tile server, which the page's security policy must allow."""
        if not self.tiles:
            return None
        parts = urlsplit(self.tiles)
        host = parts.netloc.replace("{s}", "*")
        return f"{parts.scheme}://{host}"
