"""Every export format reads back with the usual tools, with the documented columns and types."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pyarrow.parquet as pq

from etl.publish.formats import (
    ACLED_COLUMNS,
    COLUMNS,
    GDELT_COLUMNS,
    to_acled_csv,
    to_csv,
    to_gdelt_tsv,
    to_geojson,
    to_parquet,
)
from schemas.models import Event


def test_parquet_round_trip(events: list[Event]) -> None:
    df = pq.read_table(io.BytesIO(to_parquet(events))).to_pandas()
    assert list(df.columns) == COLUMNS
    assert df["fatalities"].tolist() == [3, 1, 2]
    assert df["sources"].iloc[0][0]["url"] == "https://example.org/3"


def test_csv_round_trip(events: list[Event]) -> None:
    df = pd.read_csv(io.BytesIO(to_csv(events)), dtype={"cameo_code": str, "cameo_root": str})
    assert list(df.columns) == COLUMNS
    assert df["cameo_code"].tolist() == ["1823"] * 3
    assert json.loads(df["sources"].iloc[1])[0]["sentence"].startswith("Gunmen killed 1")


def test_acled_csv_uses_acled_names_and_conventions(events: list[Event]) -> None:
    rows = list(csv.DictReader(io.StringIO(to_acled_csv(events).decode())))
    assert list(rows[0]) == ACLED_COLUMNS
    r = rows[0]
    assert r["disorder_type"] == "Political violence" and r["interaction"] == "37"
    assert r["civilian_targeting"] == "Civilian targeting"
    assert r["country"] == "Burkina Faso" and r["iso"] == "854" and r["year"] == "2026"


def test_gdelt_tsv_has_the_61_columns(events: list[Event]) -> None:
    df = pd.read_csv(io.BytesIO(to_gdelt_tsv(events)), sep="\t", dtype=str, keep_default_na=False)
    assert list(df.columns) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    r = df.iloc[0]
    assert (r["SQLDATE"], r["EventCode"], r["EventBaseCode"], r["EventRootCode"]) == ("20261124", "1823", "182",
                                                                                     "18")
    assert r["Actor1Code"] == "BFAUAF" and r["Actor2Type1Code"] == "CVL" and r["QuadClass"] == "4"
    assert r["SOURCEURL"] == "https://example.org/3"


def test_geojson_points(events: list[Event]) -> None:
    fc = json.loads(to_geojson(events))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    f = fc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [-1.63, 14.1]}
    assert f["properties"]["event_type"] == "Violence against civilians"
