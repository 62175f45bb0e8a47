"""The load benchmark's harness on a real server: every round loads everything once and the rerun nothing."""

from __future__ import annotations

import pytest

from etl.load.bench import measure_load

pytestmark = pytest.mark.integration


def test_measure_load_runs_paired_rounds_and_reports_their_medians(pg_server_url: str) -> None:
    out = measure_load(300, pg_server_url, rounds=3)
    assert out["rounds"] == 3
    assert out["first_load"] == {"inserted": 300, "updated": 0, "unchanged": 0}
    assert out["rerun"] == {"inserted": 0, "updated": 0, "unchanged": 300}
    per = out["per_round"]
    for key in ("copy_events_per_s", "load_events_per_s", "rerun_events_per_s", "load_vs_copy"):
        assert len(per[key]) == 3 and out[key] == sorted(per[key])[1]
