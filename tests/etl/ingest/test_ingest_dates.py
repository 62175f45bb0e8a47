from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from etl.ingest.dates import parse_published

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(hours=24)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-03-04", datetime(2024, 3, 4, tzinfo=UTC)),
    ("2024-03-04T08:30:00+01:00", datetime(2024, 3, 4, 7, 30, tzinfo=UTC)),
    ("2024-03-04T07:30:00Z", datetime(2024, 3, 4, 7, 30, tzinfo=UTC)),
    ("Mon, 04 Mar 2024 07:30:00 GMT", datetime(2024, 3, 4, 7, 30, tzinfo=UTC)),
    ("March 4, 2024 7:30 AM", datetime(2024, 3, 4, 7, 30, tzinfo=UTC)),
    ("04 Mar 2024", datetime(2024, 3, 4, tzinfo=UTC)),
    (1709537400, datetime(2024, 3, 4, 7, 30, tzinfo=UTC)),
    ("1709537400000", datetime(2024, 3, 4, 7, 30, tzinfo=UTC)),
    (date(2024, 3, 4), datetime(2024, 3, 4, tzinfo=UTC)),
])
def test_many_formats_become_utc(raw: object, expected: datetime) -> None:
    parsed = parse_published(raw, NOW, DAY)
    assert parsed.value == expected and parsed.warning is None and not parsed.future


@pytest.mark.parametrize("raw", ["yesterday-ish", "32/13/2024", "0001-01-01", "1850-05-01", 0, "1970-01-01T00:00:00Z",
                                 float("nan"), True, ["2024"]])
def test_unparseable_or_far_past_is_unknown_with_a_warning(raw: object) -> None:
    parsed = parse_published(raw, NOW, DAY)
    assert parsed.value is None and parsed.warning and not parsed.future


def test_missing_date_is_unknown_without_warning() -> None:
    for raw in (None, "", "   "):
        assert parse_published(raw, NOW, DAY).warning is None


def test_future_beyond_tolerance_is_flagged() -> None:
    assert not parse_published("2024-03-11T06:00:00Z", NOW, DAY).future  # within a day: time zones
    assert parse_published("2024-03-12", NOW, DAY).future
    assert parse_published("2099-01-01", NOW, DAY).future
