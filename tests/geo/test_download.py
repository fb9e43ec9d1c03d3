"""Downloading GeoNames dumps: real HTTP against a local server on 127.0.0.1."""

import functools
import http.server
import threading

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.geo.geonames_dump import download, import_file
from flashpoint.geo.store import Gazetteer, GazetteerError

from .conftest import write_country_zip


@pytest.fixture
def dump_server(tmp_path):
    """A GeoNames-like download folder served over HTTP on 127.0.0.1."""
    root = tmp_path / "dump"
    root.mkdir()
    write_country_zip(root, "IQ")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_download_then_import(dump_server, tmp_path):
    seen = []
    paths = download(["iq"], tmp_path / "got", dump_server, progress=lambda *a: seen.append(a))
    assert [p.name for p in paths] == ["IQ.zip"]
    assert seen and seen[-1][1] == paths[0].stat().st_size
    gaz = Gazetteer(tmp_path / "g.sqlite")
    assert import_file(gaz.conn, paths[0]) == ("places", 6)
    assert gaz.lookup("Arab Koy")[0].country_code == "IQ"
    gaz.close()


def test_missing_file_is_a_clear_error(dump_server, tmp_path):
    with pytest.raises(GazetteerError, match="HTTP 404"):
        download(["SY"], tmp_path / "got", dump_server)
    assert not list((tmp_path / "got").glob("*"))  # no partial file left behind


def test_unreachable_server_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="download failed"):
        download(["IQ"], tmp_path, "http://127.0.0.1:9/", timeout=2)


def test_cli_download_imports_into_the_gazetteer(dump_server, tmp_path, monkeypatch):
    target = tmp_path / "cli.sqlite"
    Gazetteer(target).close()  # an existing (empty) index: no default build needed
    monkeypatch.setattr("flashpoint.geo.gazetteer._needs_build", lambda path: False)
    runner = CliRunner()
    result = runner.invoke(
        app, ["gazetteer", "download", "IQ", "--base-url", dump_server, "--gazetteer", str(target)]
    )
    assert result.exit_code == 0, result.output
    gaz = Gazetteer(target)
    assert gaz.lookup("Daquq")[0].geonameid == 90220
    gaz.close()
    result = runner.invoke(app, ["gazetteer", "info", "--gazetteer", str(target), "--json"])
    assert result.exit_code == 0
    assert '"IQ": 6' in result.output


def test_cli_import_of_corrupt_file_fails_cleanly(tmp_path, monkeypatch):
    target = tmp_path / "cli.sqlite"
    Gazetteer(target).close()
    monkeypatch.setattr("flashpoint.geo.gazetteer._needs_build", lambda path: False)
    bad = tmp_path / "IQ.zip"
    bad.write_bytes(b"garbage")
    result = CliRunner().invoke(app, ["gazetteer", "import", str(bad), "--gazetteer", str(target)])
    assert result.exit_code == 1
    assert "gazetteer unchanged" in result.output
    assert "Traceback" not in result.output


def test_alias_env_var_adds_places(tmp_path, monkeypatch):
    from flashpoint.geo.gazetteer import apply_alias_files

    aliases = tmp_path / "extra.csv"
    aliases.write_text(
        "name,latitude,longitude,country_code,admin1,admin2,feature_code\n"
        "Zzyx Camp,13.5,25.3,SD,,,CMPRF\n",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.csv"
    broken.write_text("name,latitude,longitude,country_code\nNowhere,north,east,SD\n")
    monkeypatch.setenv("FLASHPOINT_PLACE_ALIASES", f"{aliases}:{broken}")
    gaz = Gazetteer(tmp_path / "g.sqlite")
    apply_alias_files(gaz)  # the broken file is skipped with a warning
    (place,) = gaz.lookup("Zzyx Camp")
    assert (place.feature_code, place.country, place.geonameid < 0) == ("CMPRF", "Sudan", True)
    apply_alias_files(gaz)  # applying again changes nothing
    assert len(gaz.lookup("Zzyx Camp")) == 1
    gaz.close()
