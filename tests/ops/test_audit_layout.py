"""ops/audit_layout.py: a judge reads each event's date as precisely as the coder knows it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "ops" / "audit_layout.py"


def test_a_date_known_to_the_year_or_month_is_shown_as_such() -> None:
    spec = importlib.util.spec_from_file_location("audit_layout", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.when({"event_date": "2019-01-01", "time_precision": 4}) == "2019 (year)"
    assert mod.when({"event_date": "2023-02-01", "time_precision": 3}) == "2023-02 (month)"
    assert mod.when({"event_date": "2026-03-05", "time_precision": 1}) == "2026-03-05"
    assert mod.when({"event_date": None, "time_precision": 5}) is None
