"""Timeline images and the offline HTML page."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from flashpoint.alerts import detect_surges, plot_trends
from flashpoint.alerts.plot import html_page, render_png

from .helpers import frame_from_counts

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _frame():
    counts = np.array([[3] * 12 + [15], [0] * 12 + [5], [4] * 13])
    return frame_from_counts(counts, names=["Surge", "Fresh", "Steady"])


def test_png_and_html_are_written(tmp_path: Path) -> None:
    png, page = tmp_path / "t.png", tmp_path / "t.html"
    alerts = plot_trends(_frame(), png=png, html_path=page, title="Test <timeline>")
    assert sorted(a.kind for a in alerts) == ["new", "surge"]
    assert png.read_bytes().startswith(PNG_MAGIC)
    text = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in text
    assert "Test &lt;timeline&gt;" in text  # escaped, not injected
    assert "Surge, North, Testland" in text and "Fresh, North, Testland" in text
    assert "http" not in text.replace("http-equiv", "")  # nothing fetched from the network


def test_render_handles_no_events_and_many_units() -> None:
    assert render_png([]).startswith(PNG_MAGIC)
    many = frame_from_counts(np.full((20, 12), 2))
    image = render_png(many, top=4, window="week", baseline=4)
    assert image.startswith(PNG_MAGIC)


def test_html_lists_alert_events() -> None:
    alerts = detect_surges(_frame())
    page = html_page(b"\x89PNG fake", alerts)
    for alert in alerts:
        assert ", ".join(alert.event_ids) in page
