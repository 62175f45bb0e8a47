"""The rows the load COPYs: every value under its own column name (pure, no database)."""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime

from etl.load.store import EVENT_COLUMNS, SOURCE_COLUMNS, event_row, source_rows
from schemas.models import Actor, Event, Location, SourceRef


def test_event_and_source_rows_put_each_value_under_its_column() -> None:
    src = SourceRef(article_id="art-1", url="https://example.org/x", source="Wire", sentence="Clashes.", start=7,
                    end=15, published_at=datetime(2026, 11, 20, tzinfo=UTC), claim_source="police")
    ev = Event(event_id="e1", event_date=date(2026, 11, 19), event_type="Battles", sub_event_type="Armed clash",
               cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover_event="ASSAULT",
               actor1=Actor(name="A-one", country="SDN", cameo="SDNMIL", inter=1, text="the army"),
               actor2=Actor(name="B-two", country="TCD", cameo="TCDREB", inter=2, text="rebels"),
               location=Location(name="Town", admin1="Region", admin2="District", country="SDN", latitude=1.5,
                                 longitude=2.5, geo_precision=2, feature_type="city", text="the town"),
               fatalities=4, fatalities_reported=[3, 4], certainty=0.7, confidence=0.6, coder_version="t",
               sources=[src], num_sources=1, num_articles=1, first_seen=datetime(2026, 11, 20, tzinfo=UTC))
    row = dict(zip(EVENT_COLUMNS, event_row(ev), strict=True))
    assert (row["actor1_name"], row["actor1_country"], row["actor1_text"]) == ("A-one", "SDN", "the army")
    assert (row["actor2_name"], row["actor2_cameo"], row["actor2_inter"]) == ("B-two", "TCDREB", 2)
    assert (row["location_name"], row["location_admin1"], row["location_admin2"], row["location_country"]) == (
        "Town", "Region", "District", "SDN")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (1.5, 2.5, 2)
    assert (row["location_feature_type"], row["location_text"]) == ("city", "the town")
    assert (row["event_id"], row["fatalities"], row["quad_class"], row["time_precision"]) == ("e1", 4, 4, 1)
    # integer[] in PostgreSQL's binary form: 1 dimension, no NULLs, int4 elements; 2 of them from index 1
    assert struct.unpack("!iiIii" + "ii" * 2, row["fatalities_reported"]) == (1, 0, 23, 2, 1, 4, 3, 4, 4)
    [srow] = source_rows(ev)
    assert dict(zip(SOURCE_COLUMNS, srow, strict=True)) == {
        "event_id": "e1", "article_id": "art-1", "start_char": 7, "end_char": 15, "url": "https://example.org/x",
        "source": "Wire", "published_at": datetime(2026, 11, 20, tzinfo=UTC), "sentence": "Clashes.",
        "claim_source": "police"}


def test_an_event_without_actors_or_place_has_null_columns() -> None:
    ev = Event(event_id="e2", event_date=date(2026, 11, 19), event_type="Protests", sub_event_type="Peaceful protest",
               cameo_code="141", cameo_root="14", quad_class=3, goldstein=-6.5, plover_event="PROTEST",
               certainty=0.5, confidence=0.5, coder_version="t", sources=[], num_sources=0, num_articles=0)
    row = dict(zip(EVENT_COLUMNS, event_row(ev), strict=True))
    assert all(row[c] is None for c in EVENT_COLUMNS if c.startswith(("actor", "location_")))
    assert row["latitude"] is None and row["fatalities_reported"] == struct.pack("!iiI", 0, 0, 23)


def test_the_load_splits_into_whole_batches_and_a_short_last_one() -> None:
    """The last batch runs alone (it commits synchronously after the others), so it holds at most TAIL events;
    every event is in exactly one batch, in order."""
    from etl.load.store import TAIL, _split

    items = list(range(12_345))
    batches = _split(items, 5000)  # type: ignore[arg-type]
    assert [x for b in batches for x in b] == items
    assert len(batches[-1]) == TAIL < 5000 and all(len(b) <= 5000 for b in batches)
    assert _split(items[:4000], 5000) == [items[:4000]] and _split([], 5000) == []  # type: ignore[arg-type]
    assert [len(b) for b in _split(list(range(40)), 10)] == [10, 10, 10, 10]  # type: ignore[arg-type]
