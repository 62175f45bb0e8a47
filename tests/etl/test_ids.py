"""Event ids carry the month they are filed under (the partition key of core.events, migration 0012)."""

from __future__ import annotations

from datetime import date

from etl.ids import UNDATED, event_id, id_month, redated, unfiled


def test_an_id_is_its_month_then_a_stable_digest() -> None:
    eid = event_id(date(2026, 11, 30), "article-1", 120, 7, "190")
    assert eid.startswith("202611") and len(eid) == 22 and int(eid[6:], 16) >= 0
    assert eid == event_id(date(2026, 11, 1), "article-1", 120, 7, "190")  # the month, not the day
    assert eid[6:] != event_id(date(2026, 11, 1), "article-1", 121, 7, "190")[6:]
    assert id_month(eid) == date(2026, 11, 1)


def test_undated_ids_take_the_runs_month_and_others_keep_theirs() -> None:
    undated = event_id(None, "article-2", 0, 1, "010")
    assert undated.startswith(UNDATED) and id_month(undated) is None
    assert redated(undated, date(2027, 1, 9)) == "202701" + undated[6:]
    dated = event_id(date(2026, 3, 2), "a", 0, 1, "010")
    assert redated(dated, date(2027, 1, 9)) == dated


def test_ids_naming_no_month() -> None:
    assert id_month("202613aa") is None and id_month("2026") is None and id_month("ev00001") is None
    assert unfiled("ev00001") and not unfiled("2026113fa2") and not unfiled("Ev1")
