"""Importing GeoNames dump files: places, admin codes, alternate names, broken files."""

import zipfile

import pytest

from flashpoint.geo.geonames_dump import file_kind, import_file
from flashpoint.geo.store import GazetteerError

from .conftest import PLACES, geonames_line


def _count(gaz, table="places"):
    return gaz.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_import_country_zip_and_look_up(small_gazetteer, country_zip, tmp_path):
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("IQ.13\tKirkūk\tKirkuk\t98410\n", encoding="utf-8")
    admin2 = tmp_path / "admin2Codes.txt"
    admin2.write_text("IQ.13.9166581\tDaquq District\tDaquq District\t9166581\n")
    assert import_file(small_gazetteer.conn, admin1) == ("admin1", 1)
    assert import_file(small_gazetteer.conn, admin2) == ("admin2", 1)
    kind, rows = import_file(small_gazetteer.conn, country_zip)
    assert (kind, rows) == ("places", len(PLACES))
    small_gazetteer.clear_cache()

    daquq = small_gazetteer.lookup("Tawuq")[0]
    assert daquq.geonameid == 90220
    assert (daquq.admin1, daquq.admin2, daquq.country) == ("Kirkuk", "Daquq District", "Iraq")
    assert small_gazetteer.lookup("Daqūq")[0].geonameid == 90220
    assert small_gazetteer.lookup("Arab Kuy")[0].geonameid == 7000001


def test_admin_units_move_to_their_capital(small_gazetteer, country_zip):
    import_file(small_gazetteer.conn, country_zip)
    small_gazetteer.clear_cache()
    province = small_gazetteer.admin1("Kirkuk Governorate", "IQ")
    assert province is not None and province.feature_code == "ADM1"
    # The PPLA (Kirkuk city) is where the province is coded; GeoNames' own point stays
    # available as the centroid.
    assert (province.latitude, province.longitude) == (35.46806, 44.39222)
    assert small_gazetteer.centroid(98410) == (35.3, 44.2)
    district = small_gazetteer.get(9166581)
    assert (district.latitude, district.longitude) == (35.13923, 44.44907)


def test_alternate_names_file(small_gazetteer, country_zip, tmp_path):
    import_file(small_gazetteer.conn, country_zip)
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "1\t90220\ten\tDakuk\t\t\t\t\t\t\n"
        "2\t90220\tar\tداقوق\t\t\t\t\t\t\n"
        "3\t90220\tlink\thttps://example.org/Daquq\t\t\t\t\t\t\n"
        "4\t123456789\ten\tNowhere\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    kind, rows = import_file(small_gazetteer.conn, alt)
    assert (kind, rows) == ("alternate_names", 1)
    small_gazetteer.clear_cache()
    assert small_gazetteer.lookup("Dakuk")[0].geonameid == 90220
    assert small_gazetteer.lookup("Nowhere") == []


def test_corrupt_zip_leaves_index_unchanged(small_gazetteer, country_zip, tmp_path):
    import_file(small_gazetteer.conn, country_zip)
    before = (_count(small_gazetteer), _count(small_gazetteer, "names"))
    bad = tmp_path / "SY.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(GazetteerError, match="zip"):
        import_file(small_gazetteer.conn, bad)
    assert (_count(small_gazetteer), _count(small_gazetteer, "names")) == before


def test_malformed_row_rolls_back_the_whole_file(small_gazetteer, tmp_path):
    lines = [geonames_line(r) for r in PLACES[:3]]
    lines.append("42\tBroken row with too few columns")
    path = tmp_path / "IQ.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"IQ\.txt:4"):
        import_file(small_gazetteer.conn, path)
    assert _count(small_gazetteer) == 0
    assert _count(small_gazetteer, "names") == 0


def test_bad_numbers_and_missing_files_are_clear_errors(small_gazetteer, tmp_path):
    row = list(geonames_line(PLACES[0]).split("\t"))
    row[4] = "north"
    path = tmp_path / "XX.txt"
    path.write_text("\t".join(row) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="bad number"):
        import_file(small_gazetteer.conn, path)
    with pytest.raises(GazetteerError, match="no such file"):
        import_file(small_gazetteer.conn, tmp_path / "missing.zip")
    with pytest.raises(GazetteerError, match="not a GeoNames"):
        file_kind(tmp_path / "notes.docx")


def test_truncated_zip_member(small_gazetteer, tmp_path):
    good = tmp_path / "IQ.zip"
    with zipfile.ZipFile(good, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("IQ.txt", "\n".join(geonames_line(r) for r in PLACES * 50))
    data = good.read_bytes()
    cut = tmp_path / "cut" / "IQ.zip"
    cut.parent.mkdir()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(GazetteerError):
        import_file(small_gazetteer.conn, cut)
    assert _count(small_gazetteer) == 0
