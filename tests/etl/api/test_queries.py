"""The pure parts of the query layer, and finding the newest snapshot in a local folder and on S3."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from etl.api import queries
from etl.publish import LocalSnapshotStore, S3SnapshotStore, SnapshotStore, publish_snapshot
from tests.etl.api.conftest import EVENTS


def test_split_list_and_bbox() -> None:
    assert queries.split_list(" SDN, ,ukr ") == ["SDN", "ukr"]
    assert queries.split_list(None) == []
    assert queries.parse_bbox("-10, 5.5, 20,30") == (-10.0, 5.5, 20.0, 30.0)
    assert queries.parse_bbox("") is None
    for bad in ("1,2,3", "a,b,c,d", "20,0,10,5", "0,-91,1,1", "-181,0,0,1"):
        with pytest.raises(ValueError):
            queries.parse_bbox(bad)


def test_cursor_round_trip_and_refusal() -> None:
    c = queries.encode_cursor(date(2026, 11, 20), "ev/ü,1")
    assert queries.decode_cursor(c) == (date(2026, 11, 20), "ev/ü,1")
    for bad in ("", "!!!", "bm90IGpzb24", queries.encode_cursor(date(2026, 1, 1), "x")[:-3]):
        with pytest.raises(queries.BadCursor):
            queries.decode_cursor(bad)


def test_filters_bind_every_value() -> None:
    hostile = "x'; DROP TABLE core.events; --"
    w = queries.event_where(queries.EventFilter(
        date_from=date(2026, 1, 1), countries=["sdn"], event_types=[hostile], actor="50%_off", bbox=(0, 0, 1, 1),
        min_confidence=0.5))
    assert hostile not in w.sql and "DROP" not in w.sql
    assert w.params["countries"] == ["SDN"] and w.params["event_types"] == [hostile]
    assert w.params["actor_like"] == "%50\\%\\_off%" and w.params["actor_code"] is None
    assert queries.event_where(queries.EventFilter()).sql == "true"
    assert queries.event_where(queries.EventFilter(actor="rus")).params["actor_code"] == "RUS"


def test_age_hours() -> None:
    now = datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert queries.age_hours("2026-11-27T06:00:00+00:00", now) == 6.0
    assert queries.age_hours(datetime(2026, 11, 26, 12), now) == 24.0  # naive means UTC
    assert queries.age_hours(None, now) is None


def _publish_two_days(store: SnapshotStore) -> None:
    publish_snapshot(EVENTS[:2], date(2026, 11, 20), "run-a", store, coder_version="test")
    publish_snapshot(EVENTS, date(2026, 11, 21), "run-b", store, coder_version="test")
    store.put("events/dt=2026-11-22/events.csv", b"half-written", "text/csv")  # no manifest yet


def test_latest_snapshot_local(tmp_path: Path) -> None:
    store = LocalSnapshotStore(tmp_path)
    assert queries.latest_snapshot(store) is None
    _publish_two_days(store)
    got = queries.latest_snapshot(store)
    assert got is not None and got["partition_date"] == "2026-11-21" and got["row_count"] == len(EVENTS)


def test_latest_snapshot_s3(s3_bucket: str) -> None:
    store = S3SnapshotStore(s3_bucket, "feed")
    _publish_two_days(store)
    got = queries.latest_snapshot(store)
    assert got is not None and (got["partition_date"], got["run_id"]) == ("2026-11-21", "run-b")
    store.put("events/dt=2026-11-23/manifest.json", b"{not json", "application/json")  # a corrupt manifest
    assert queries.latest_snapshot(store)["partition_date"] == "2026-11-21"  # type: ignore[index]
    assert json.loads(store.get("events/dt=2026-11-21/manifest.json") or b"{}")["run_id"] == "run-b"
