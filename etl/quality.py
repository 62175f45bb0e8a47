"""Data-quality checks of a daily run: invariants that must hold, and volumes compared with recent days.

A broken invariant (counts that do not add up) raises `QualityError`, failing the Airflow task. Each volume is judged
in the direction that is bad news: articles read, coded and events merged fail when they collapse (below
`collapse_ratio` of the recent median) and warn on a spike (above `spike_ratio`: a big news day is real); rejections
are judged as a *rate* of what was read, and only a rise is bad (a source turned to garbage): a clean day with no
rejections is good news. Per outlet and per country, collapses and spikes only warn. All need at least `min_history`
earlier days to judge.

The pipeline runs these checks after merging and before loading and publishing, so a failed check stops the day
before anything reaches the database or the snapshot.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any


class QualityError(RuntimeError):
    """The day's data breaks an invariant or collapsed against recent days."""


METRICS = ("read", "coded", "events_merged")
"""Volumes whose collapse is bad news (a broken feed, a broken coder)."""

REJECT_RATE_RISE = 0.2
"""A rejection rate this far over its recent median (absolute, e.g. 5% -> 25%) warns, and so does more than
`spike_ratio` times the median rate."""


def check_run(report: Any, history: Sequence[dict[str, Any]], *, collapse_ratio: float = 0.2,
              spike_ratio: float = 5.0, min_history: int = 3) -> dict[str, Any]:
    """Judge one run's report (a RunReport or its dict) against earlier days' reports (dicts, newest first)."""
    r = report if isinstance(report, dict) else report.to_dict()
    checks: dict[str, str] = {}
    failures: list[str] = []

    total = r["coded"] + r["duplicates"] + r["rejected"]
    if r["read"] != total:
        failures.append(f"read={r['read']} but coded+duplicates+rejected={total}")
        checks["counts_add_up"] = "fail"
    else:
        checks["counts_add_up"] = "ok"

    for metric in METRICS:
        past = [h[metric] for h in history if isinstance(h.get(metric), int | float)]
        if len(past) < min_history:
            checks[f"volume_{metric}"] = f"skipped (history of {len(past)} days)"
            continue
        median = statistics.median(past)
        today = r.get(metric, 0)
        if median > 0 and today < collapse_ratio * median:
            failures.append(f"{metric}={today} collapsed against a recent median of {median:g}")
            checks[f"volume_{metric}"] = "fail"
        elif median > 0 and today > spike_ratio * median:
            checks[f"volume_{metric}"] = f"warn: spike {today} vs median {median:g}"
        else:
            checks[f"volume_{metric}"] = "ok"

    warnings: list[str] = []
    rate_check = _rejection_rate(r, history, spike_ratio, min_history)
    checks["rejection_rate"] = rate_check
    if rate_check.startswith("warn"):
        warnings.append(f"rejection rate: {rate_check.removeprefix('warn: ')}")
    for group in ("articles_by_source", "events_by_country"):
        warnings.extend(_group_changes(group, r.get(group) or {}, history, collapse_ratio, spike_ratio, min_history))
    checks["by_source_and_country"] = f"warn: {len(warnings)} unusual" if warnings else "ok"

    result = {"checks": checks, "failures": failures, "warnings": warnings, "history_days": len(history)}
    if failures:
        raise QualityError("; ".join(failures))
    return result


def _rate(h: dict[str, Any]) -> float | None:
    read, rejected = h.get("read"), h.get("rejected")
    if not isinstance(read, int | float) or not isinstance(rejected, int | float) or read <= 0:
        return None
    return rejected / read


def _rejection_rate(r: dict[str, Any], history: Sequence[dict[str, Any]], spike_ratio: float,
                    min_history: int) -> str:
    """'ok', 'skipped (...)' or 'warn: ...': only a rejection rate well above the recent median is unusual; fewer
    rejections than usual, none at all included, is a cleaner day."""
    past = [x for x in (_rate(h) for h in history) if x is not None]
    today = _rate(r)
    if len(past) < min_history or today is None:
        return f"skipped (history of {len(past)} days)"
    median = statistics.median(past)
    if today > median + REJECT_RATE_RISE or (median > 0 and today > spike_ratio * median and today > 0.05):
        return f"warn: {today:.1%} of articles rejected vs a recent median of {median:.1%}"
    return "ok"


def _group_changes(group: str, today: dict[str, int], history: Sequence[dict[str, Any]], collapse_ratio: float,
                   spike_ratio: float, min_history: int, min_median: float = 5.0) -> list[str]:
    """Warnings for sources or countries whose volume collapsed or spiked against their own recent median.

    A single outlet going quiet is worth a look, not a failed run: these only warn.
    """
    past = [h.get(group) or {} for h in history if isinstance(h.get(group), dict)]
    if len(past) < min_history:
        return []
    out = []
    for key in sorted({k for p in past for k in p} | set(today)):
        median = statistics.median(p.get(key, 0) for p in past)
        now = today.get(key, 0)
        if median >= min_median and now < collapse_ratio * median:
            out.append(f"{group}[{key}]={now} collapsed against a recent median of {median:g}")
        elif median >= min_median and now > spike_ratio * median:
            out.append(f"{group}[{key}]={now} spiked against a recent median of {median:g}")
    return out
