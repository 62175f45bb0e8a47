"""Every export format reads back with the usual tools, with the documented columns, types and conventions."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import UTC, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.export import (
    ACLED_COLUMNS,
    COLUMNS,
    EVENT_SCHEMA,
    GDELT_COLUMNS,
    gzip_bytes,
    render,
    to_acled_csv,
    to_csv,
    to_gdelt_tsv,
    to_geojson,
    to_parquet,
)
from etl.publish.reference import countries, disorder_type
from schemas.models import Actor, Event, Location


def test_parquet_round_trip_keeps_types_and_structure(events: list[Event]) -> None:
    table = pq.read_table(io.BytesIO(to_parquet(events)))
    assert table.schema.equals(EVENT_SCHEMA, check_metadata=False)
    assert table.column_names == COLUMNS
    assert table.column("event_id").to_pylist() == ["ev00001", "ev00002", "ev00003"]  # sorted by event_id
    assert table.column("event_date").type == pa.date32()
    first = table.slice(0, 1).to_pylist()[0]
    assert first["fatalities"] == 1 and first["fatalities_reported"] == [1]
    assert first["sources"][0]["url"] == "https://example.org/1"
    assert first["sources"][0]["sentence"] == "Gunmen killed 1 villagers, officials said."
    assert first["source_urls"] == ["https://example.org/1"]


def test_parquet_bytes_are_identical_for_identical_events(events: list[Event]) -> None:
    assert to_parquet(events) == to_parquet(list(reversed(events)))
    assert to_parquet(events) != to_parquet(events[:2])


def test_csv_round_trip(events: list[Event]) -> None:
    df = pd.read_csv(io.BytesIO(to_csv(events)), dtype={"cameo_code": str, "cameo_root": str})
    assert list(df.columns) == COLUMNS
    assert df["cameo_code"].tolist() == ["1823"] * 3 and df["cameo_root"].tolist() == ["18"] * 3
    assert df["fatalities"].tolist() == [1, 2, 3]
    assert df["hedged"].tolist() == [False] * 3
    assert json.loads(df["sources"].iloc[1])[0]["sentence"].startswith("Gunmen killed 2")
    assert df["source_urls"].iloc[2] == "https://example.org/3"


def test_gzip_is_deterministic_without_name_or_time() -> None:
    data = gzip_bytes(b"a,b\n1,2\n")
    assert data == gzip_bytes(b"a,b\n1,2\n")
    assert data[4:8] == b"\x00\x00\x00\x00"  # MTIME field of the gzip header
    assert gzip.decompress(data) == b"a,b\n1,2\n"
    assert render([], "csv", compress=True)[:2] == b"\x1f\x8b"


def test_acled_csv_uses_acled_names_and_conventions(events: list[Event]) -> None:
    rows = list(csv.DictReader(io.StringIO(to_acled_csv(events).decode())))
    assert list(rows[0]) == ACLED_COLUMNS
    r = rows[0]
    assert r["event_id_cnty"] == "BFA-ev00001" and r["event_date"] == "24-11-2026" and r["year"] == "2026"
    assert r["disorder_type"] == "Political violence" and r["interaction"] == "37"
    assert r["civilian_targeting"] == "Civilian targeting"
    assert r["country"] == "Burkina Faso" and r["iso"] == "854" and r["region"] == "Western Africa"
    assert (r["location"], r["admin1"], r["latitude"], r["geo_precision"]) == ("Djibo", "Sahel", "14.1", "2")
    assert r["source"] == "AFP" and r["notes"].startswith("Gunmen killed 1")
    assert r["timestamp"] == str(int(datetime(2026, 11, 25, 9, tzinfo=UTC).timestamp()))  # updated_at


def test_acled_csv_leaves_out_withdrawn_and_handles_missing_parts(event_factory) -> None:  # type: ignore[no-untyped-def]
    lone = event_factory(5, actor2=None, location=None, hedged=True, event_type="Protests",
                      sub_event_type="Peaceful protest",
                      actor1=Actor(name="Protesters (Kenya)", country="KEN", inter=6))
    gone = event_factory(6, withdrawn=True)
    rows = list(csv.DictReader(io.StringIO(to_acled_csv([lone, gone]).decode())))
    assert len(rows) == 1
    r = rows[0]
    assert r["interaction"] == "60" and r["disorder_type"] == "Demonstrations" and r["civilian_targeting"] == ""
    assert r["event_id_cnty"] == "XXX-ev00005" and r["iso"] == "" and r["tags"] == "hedged"


def test_gdelt_tsv_has_the_61_columns_in_order(events: list[Event]) -> None:
    df = pd.read_csv(io.BytesIO(to_gdelt_tsv(events)), sep="\t", dtype=str, keep_default_na=False)
    assert list(df.columns) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert GDELT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    r = df.iloc[0]
    assert (r["SQLDATE"], r["MonthYear"], r["EventCode"], r["EventBaseCode"], r["EventRootCode"]) == (
        "20261124", "202611", "1823", "182", "18")
    assert r["Actor1Code"] == "BFAUAF" and r["Actor1Type1Code"] == "UAF" and r["Actor2Type1Code"] == "CVL"
    assert r["Actor1CountryCode"] == "BFA" and r["Actor1Name"] == "UNIDENTIFIED ARMED GROUP (BURKINA FASO)"
    assert r["QuadClass"] == "4" and r["GoldsteinScale"] == "-9.0" and r["NumMentions"] == "1"
    assert r["ActionGeo_CountryCode"] == "UV"  # FIPS 10-4 for Burkina Faso, as GDELT uses
    assert r["ActionGeo_Type"] == "4" and r["ActionGeo_FullName"] == "Djibo, Sahel, Burkina Faso"
    assert r["ActionGeo_Lat"] == "14.1" and r["ActionGeo_Long"] == "-1.63"
    assert r["DATEADDED"] == "20261125083000" and r["SOURCEURL"] == "https://example.org/1"


def test_geojson_points(events: list[Event], event_factory) -> None:  # type: ignore[no-untyped-def]
    no_place = event_factory(9, location=Location(name="Sahel", country="BFA", geo_precision=3))
    fc = json.loads(to_geojson([*events, no_place]))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3  # no coordinates, no point
    f = fc["features"][0]
    assert f["id"] == "ev00001"
    assert f["geometry"] == {"type": "Point", "coordinates": [-1.63, 14.1]}
    assert f["properties"]["event_type"] == "Violence against civilians"
    assert f["properties"]["event_date"] == "2026-11-24" and "sources" not in f["properties"]


def test_reference_tables_load() -> None:
    table = countries()
    assert len(table) > 240
    ukr = table["UKR"]
    assert (ukr.iso_numeric, ukr.fips, ukr.region) == (804, "UP", "Europe")
    assert table["SDN"].region == "Eastern Africa" and table["SYR"].region == "Middle East"
    assert disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Strategic developments", "Something new") == "Strategic developments"
