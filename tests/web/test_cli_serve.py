"""`flashpoint serve` refuses bad settings before starting, and hands settings to workers."""

from __future__ import annotations

from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.web import WebSettings
from flashpoint.web.app import app_from_env


def test_missing_database_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no database" in result.output


def test_bad_tile_url_is_refused(seeded):
    result = CliRunner().invoke(
        app, ["serve", "--db", str(seeded.path), "--tiles", "ftp://tiles/{z}/{x}/{y}"]
    )
    assert result.exit_code == 2
    assert "--tiles" in result.output


def test_worker_processes_rebuild_the_same_settings(seeded, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_WEB_SETTINGS", "")  # restored after the test
    settings = WebSettings(db=seeded.path, token="t", public_reads=False, max_page=20)
    settings.to_env()
    again = WebSettings.from_env()
    assert again.token == "t" and not again.public_reads and again.max_page == 20
    assert again.db == str(seeded.path)
    worker_app = app_from_env()
    assert worker_app.state.settings.max_page == 20
    worker_app.state.dataset.close()
