"""`newsevents export` reads events from PostgreSQL through the event store and writes each format to a file."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from etl import settings as settings_mod
from etl.cli import app
from etl.export import ACLED_COLUMNS, COLUMNS, render, write_export
from schemas.models import Actor, Event, EventClass, Location, SourceRef


def _event(i: int, day: date, iso3: str, lat: float, lon: float) -> Event:
    return Event(
        event_id=f"ex{i:04d}", event_date=day, event_type="Battles", sub_event_type="Armed clash",
        cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover_event="FIGHT", confidence=0.6,
        coder_version="test", fatalities=i,
        actor1=Actor(name=f"Military Forces of {iso3}", country=iso3, cameo=f"{iso3}MIL", inter=1),
        actor2=Actor(name="Rebels", country=iso3, cameo=f"{iso3}REB", inter=2),
        location=Location(name=f"Town {i}", country=iso3, latitude=lat, longitude=lon, geo_precision=1,
                          feature_type="city"),
        sources=[SourceRef(article_id=f"art{i}", url=f"https://news.example/{i}", source="Reuters",
                           published_at=datetime(2026, 11, 25, tzinfo=UTC), sentence=f"Clashes killed {i}.",
                           start=0, end=17)])


@pytest.fixture
def loaded(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Event]]:
    """Four events on three days in two countries, loaded through the real store."""
    from etl.db import get_engine
    from etl.load.store import PostgresEventStore

    monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", db_url)
    settings_mod.get_settings.cache_clear()
    events = [_event(1, date(2026, 11, 23), "SDN", 15.5, 32.5), _event(2, date(2026, 11, 24), "SDN", 13.2, 30.2),
              _event(3, date(2026, 11, 24), "UKR", 48.5, 37.9), _event(4, date(2026, 11, 26), "UKR", 50.4, 30.5)]
    store = PostgresEventStore(get_engine())
    store.begin_run(date(2026, 11, 26), "r1")
    store.load_events(events, "r1", date(2026, 11, 26))
    yield events
    settings_mod.get_settings.cache_clear()


def _run(*args: str) -> None:
    result = CliRunner().invoke(app, ["export", *args])
    assert result.exit_code == 0, result.output


def test_export_parquet_and_csv_from_the_store(loaded: list[Event], tmp_path: Path) -> None:
    out = tmp_path / "w.parquet"
    _run("--from", "2026-11-23", "--to", "2026-11-24", "--format", "parquet", "--output", str(out))
    table = pq.read_table(out)
    assert table.column_names == COLUMNS
    assert table.column("event_id").to_pylist() == ["ex0001", "ex0002", "ex0003"]

    gz = tmp_path / "sdn.csv.gz"
    _run("--from", "2026-11-23", "--to", "2026-11-26", "--format", "csv", "--country", "sdn", "--output", str(gz))
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(gz.read_bytes()).decode())))
    assert [r["event_id"] for r in rows] == ["ex0001", "ex0002"] and rows[0]["location_country"] == "SDN"


def test_export_acled_gdelt_geojson(loaded: list[Event], tmp_path: Path) -> None:
    acled, gdelt, geo = tmp_path / "a.csv", tmp_path / "g.tsv", tmp_path / "p.geojson"
    _run("--from", "2026-11-24", "--to", "2026-11-24", "--format", "acled-csv", "--output", str(acled))
    _run("--from", "2026-11-24", "--to", "2026-11-24", "--format", "gdelt-tsv", "--output", str(gdelt))
    _run("--from", "2026-11-20", "--to", "2026-11-30", "--format", "geojson", "--output", str(geo))
    rows = list(csv.DictReader(acled.open()))
    assert list(rows[0]) == ACLED_COLUMNS and [r["iso3"] for r in rows] == ["SDN", "UKR"]
    assert rows[1]["interaction"] == "12" and rows[1]["region"] == "Europe" and rows[1]["iso"] == "804"
    lines = gdelt.read_text().splitlines()
    assert len(lines) == 3 and len(lines[1].split("\t")) == 61
    assert json.loads(geo.read_text())["features"][3]["geometry"]["coordinates"] == [30.5, 50.4]


def test_export_refuses_unknown_format_and_reversed_dates(tmp_path: Path) -> None:
    bad = CliRunner().invoke(app, ["export", "--from", "2026-11-24", "--to", "2026-11-24", "--format", "xls"])
    assert bad.exit_code != 0 and "unknown format" in bad.output
    rev = CliRunner().invoke(app, ["export", "--from", "2026-11-25", "--to", "2026-11-24"])
    assert rev.exit_code != 0


def test_write_export_is_atomic_and_gzips_by_name(tmp_path: Path) -> None:
    ev = [_event(7, date(2026, 11, 24), "SDN", 15.5, 32.5)]
    size = write_export(ev, "gdelt-tsv", tmp_path / "x" / "e.tsv.gz")
    data = (tmp_path / "x" / "e.tsv.gz").read_bytes()
    assert size == len(data) and gzip.decompress(data).startswith(b"GLOBALEVENTID\t")
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["e.tsv.gz"]  # no temp file left behind


def _statement(i: int, day: date) -> Event:
    """A CAMEO-only event: stored as 'Strategic developments/Other' for compatibility, class verbal_conflict."""
    return _event(i, day, "SDN", 15.5, 32.5).model_copy(update={
        "event_type": "Strategic developments", "sub_event_type": "Other", "event_class": EventClass.VERBAL_CONFLICT,
        "cameo_code": "112", "cameo_root": "11", "quad_class": 3, "goldstein": -2.0, "fatalities": 0})


def test_acled_csv_shows_acleds_scope_and_the_other_formats_every_class() -> None:
    events = [_event(1, date(2026, 11, 24), "SDN", 15.5, 32.5), _statement(2, date(2026, 11, 24))]
    acled = list(csv.DictReader(io.StringIO(render(events, "acled-csv").decode())))
    assert [r["event_id_cnty"] for r in acled] == ["SDN-ex0001"]
    gdelt = render(events, "gdelt-tsv").decode().splitlines()[1:]
    assert [line.split("\t")[0] for line in gdelt] == ["ex0001", "ex0002"]
    flat = list(csv.DictReader(io.StringIO(render(events, "csv").decode())))
    assert [(r["event_id"], r["event_class"]) for r in flat] == [("ex0001", "political_violence"),
                                                                 ("ex0002", "verbal_conflict")]
    table = pq.read_table(io.BytesIO(render(events, "parquet")))
    assert table.column("event_class").to_pylist() == ["political_violence", "verbal_conflict"]
    features = json.loads(render(events, "geojson"))["features"]
    assert [f["properties"]["event_class"] for f in features] == ["political_violence", "verbal_conflict"]
