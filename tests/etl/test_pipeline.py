"""The daily pipeline end to end on the sample articles, against a real PostgreSQL, twice."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from etl import settings as settings_mod

REPO = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 25)

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def configured(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = {"NEWSEVENTS_DATABASE_URL": db_url, "NEWSEVENTS_HOME": str(tmp_path / "home"),
           "NEWSEVENTS_CACHE_DIR": str(REPO / ".newsevents" / "cache"),  # one gazetteer index for the whole run
           "NEWSEVENTS_SNAPSHOT_URI": str(tmp_path / "snapshots")}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    settings_mod.get_settings.cache_clear()
    yield env
    settings_mod.get_settings.cache_clear()


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as c:
        out = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
               for t in ("core.articles", "core.events", "core.event_sources", "core.rejected_articles",
                         "public.events")}
    engine.dispose()
    return out


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.name != "manifest.json"}


def test_run_day_twice_is_idempotent(configured: dict[str, str]) -> None:
    from etl.pipeline import run_day

    first = run_day(DAY, [str(REPO / "samples" / "articles")])
    assert first.read == first.coded + first.duplicates + first.rejected
    assert first.rejected >= 3  # the Spanish article, the empty text, the line that is not JSON
    assert first.rejected_by_reason.get("language") == 1
    assert first.duplicates >= 2  # the syndicated AFP copy and the re-post under a tracking URL
    assert first.events_merged > 0
    counts = _counts(configured["NEWSEVENTS_DATABASE_URL"])
    assert counts["core.events"] >= first.coded  # every coded article has at least one event
    assert counts["core.rejected_articles"] == first.rejected

    snap = Path(configured["NEWSEVENTS_SNAPSHOT_URI"]) / "events" / f"dt={DAY.isoformat()}"
    manifest = json.loads((snap / "manifest.json").read_text())
    assert manifest["row_count"] == counts["public.events"]
    before = _digests(snap)

    second = run_day(DAY, [str(REPO / "samples" / "articles")])
    assert second.to_dict() | {"run_id": None, "loaded": None, "checks": None} == \
        first.to_dict() | {"run_id": None, "loaded": None, "checks": None}
    assert _counts(configured["NEWSEVENTS_DATABASE_URL"]) == counts
    assert _digests(snap) == before

    # re-coding the day with the same coder finds the same events: no new event, no source lost
    from etl.pipeline import recode_day

    result = recode_day(DAY)
    assert result["articles"] == first.coded
    after = _counts(configured["NEWSEVENTS_DATABASE_URL"])
    assert after["public.events"] == counts["public.events"]
    assert after["core.event_sources"] >= counts["core.event_sources"]


def readme_queries() -> dict[str, str]:
    import re

    text = (REPO / "README.md").read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"```sql\n-- query: (\w+)\n(.*?)```", text, re.S)}


def test_readme_sample_queries_run_on_the_demo_data(configured: dict[str, str]) -> None:
    from etl.pipeline import run_day

    run_day(DAY, [str(REPO / "samples" / "articles")])
    queries = readme_queries()
    assert {"country_week", "top_dyads", "fatalities_by_month", "provenance"} <= set(queries)
    engine = create_engine(configured["NEWSEVENTS_DATABASE_URL"])
    with engine.connect() as c:
        c.execute(text("SET ROLE analyst"))  # what analysts can do, they can run
        rows = {name: c.execute(text(sql)).mappings().all() for name, sql in queries.items()}
    engine.dispose()
    assert rows["country_week"] and all(r["fatalities"] >= 0 for r in rows["country_week"])
    assert rows["fatalities_by_month"] and rows["top_dyads"]
    assert rows["provenance"], "the syndicated AFP copy should make a multi-source event"


def test_two_runs_of_one_day_at_once_make_one_set_of_events(configured: dict[str, str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from etl.pipeline import run_day

    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda _: run_day(DAY, [str(REPO / "samples" / "articles")]), range(2)))
    counts = _counts(configured["NEWSEVENTS_DATABASE_URL"])
    assert reports[0].events_merged == reports[1].events_merged == counts["public.events"]


def test_a_failed_shard_reruns_alone_with_the_same_result(configured: dict[str, str]) -> None:
    """What clearing one mapped extract task in Airflow does: the shard is coded again, to the same bytes."""
    from etl.pipeline import RunContext, dedup_step, extract_step, ingest_step, load_step

    ctx = RunContext.create(DAY, "scheduled__2026-11-25")
    shards = ingest_step(ctx, [str(REPO / "samples" / "articles")], shards=2)
    assert len(shards) == 2
    outputs = [Path(extract_step(ctx, s)) for s in shards]
    before = outputs[1].read_bytes()
    outputs[1].unlink()  # the task failed: its output is missing
    assert Path(extract_step(ctx, shards[1])) == outputs[1]
    assert outputs[1].read_bytes() == before
    first = load_step(ctx, dedup_step(ctx, [str(p) for p in outputs]))
    again = load_step(ctx, dedup_step(ctx, [str(p) for p in outputs]))
    assert first["inserted"] > 0 and again["inserted"] == again["updated"] == 0


def test_an_undated_article_is_stamped_with_the_partition_date(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """`extract` leaves an article without publication date or date in its text undated; `run` stamps the
    partition date and keeps the UNKNOWN precision, so the store and daily files have a day to file it under."""
    from etl.pipeline import RunContext, extract_step, ingest_step
    from schemas.models import Event, TimePrecision

    monkeypatch.setenv("NEWSEVENTS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(REPO / ".newsevents" / "cache"))
    settings_mod.get_settings.cache_clear()
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "undated-1", "source": "Example Wire", "published_at": None,
                               "text": "Riot police fired tear gas at hundreds of traders who blocked the main "
                                       "market road on Tuesday to protest against new levies."}) + "\n")
    try:
        ctx = RunContext.create(DAY, "test__undated")
        (shard,) = ingest_step(ctx, [str(src)], shards=1)
        rows = [Event.model_validate_json(line) for line in Path(extract_step(ctx, shard)).read_text().splitlines()]
    finally:
        settings_mod.get_settings.cache_clear()
    assert rows and all(e.event_date == DAY and e.time_precision == TimePrecision.UNKNOWN for e in rows)
