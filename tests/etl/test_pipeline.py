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


def test_run_day_on_a_few_distinct_articles(configured: dict[str, str], tmp_path: Path) -> None:
    """Three distinct real stories (VOA, no duplicate among them): every one is coded, none is a duplicate."""
    from etl.pipeline import run_day

    src = tmp_path / "voa.jsonl"
    lines = (REPO / "tests" / "data" / "voa" / "articles.jsonl").read_text(encoding="utf-8").splitlines(True)
    src.write_text("".join(lines[:3]), encoding="utf-8")
    report = run_day(DAY, [str(src)])
    assert (report.read, report.duplicates, report.rejected, report.coded) == (3, 0, 0, 3)


def test_run_reports_each_rejected_line_and_fails_only_when_strict(configured: dict[str, str], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from etl.cli import app

    src = tmp_path / "day.jsonl"
    good = (REPO / "tests" / "data" / "voa" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    src.write_text(good + "\n{not json\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", "--date", DAY.isoformat(), "--input", str(src)])
    assert res.exit_code == 0, res.output
    assert f"rejected {src}:2 (bad_json)" in res.output
    strict = CliRunner().invoke(app, ["run", "--date", DAY.isoformat(), "--input", str(src), "--strict"])
    assert strict.exit_code == 3, strict.output


def _runs(url: str) -> list[dict]:
    engine = create_engine(url)
    with engine.connect() as c:
        rows = [dict(r) for r in c.execute(text("SELECT run_id, status, error FROM core.runs")).mappings()]
    engine.dispose()
    return rows


def test_a_failed_quality_check_stops_the_day_before_loading_and_marks_the_run_failed(
        configured: dict[str, str], tmp_path: Path) -> None:
    """Recent days read thousands of articles; a day of one article is a collapse: nothing is loaded or published,
    the run is 'failed' with its error, and the CLI says so in one line with exit status 1."""
    from typer.testing import CliRunner

    from etl.cli import app
    from etl.load.migrate import upgrade

    url = configured["NEWSEVENTS_DATABASE_URL"]
    upgrade(url)
    engine = create_engine(url)
    with engine.begin() as c:
        for i in range(1, 6):
            counts = {"read": 5000, "coded": 4000, "duplicates": 900, "rejected": 100, "events_merged": 6000}
            c.execute(text("INSERT INTO core.runs (run_id, partition_date, status, finished_at, counts) VALUES "
                           "(:r, :d, 'success', now(), CAST(:c AS jsonb))"),
                      {"r": f"past-{i}", "d": date.fromordinal(DAY.toordinal() - i), "c": json.dumps(counts)})
    engine.dispose()
    src = tmp_path / "day.jsonl"
    src.write_text((REPO / "tests" / "data" / "voa" / "articles.jsonl").read_text(encoding="utf-8")
                   .splitlines(True)[0], encoding="utf-8")
    res = CliRunner().invoke(app, ["run", "--date", DAY.isoformat(), "--input", str(src), "--run-id", "small-day"])
    assert res.exit_code == 1
    last = res.output.strip().splitlines()[-1]
    assert last.startswith("error: newsevents run failed: QualityError: read=1 collapsed") and "Traceback" \
        not in res.output
    counts = _counts(url)
    assert counts["core.events"] == 0 and counts["core.articles"] == 0  # the check ran before the load
    assert not (Path(configured["NEWSEVENTS_SNAPSHOT_URI"]) / "events" / f"dt={DAY.isoformat()}").exists()
    (run,) = [r for r in _runs(url) if r["run_id"] == "small-day"]
    assert run["status"] == "failed" and run["error"].startswith("QualityError: read=1 collapsed")


def test_a_run_that_fails_early_is_marked_failed(configured: dict[str, str], tmp_path: Path) -> None:
    from etl.pipeline import run_day

    with pytest.raises(FileNotFoundError):
        run_day(DAY, [str(tmp_path / "missing.jsonl")], run_id="no-input")
    (run,) = _runs(configured["NEWSEVENTS_DATABASE_URL"])
    assert (run["run_id"], run["status"]) == ("no-input", "failed")
    assert run["error"].startswith("FileNotFoundError: input not found")


def test_a_late_article_republishes_the_day_as_a_new_version(configured: dict[str, str], tmp_path: Path) -> None:
    """Rerunning a published day with one more article updates PostgreSQL and publishes version 2 of the day's
    snapshot (version 1 kept): database and snapshot agree after every run that succeeds."""
    from etl.pipeline import run_day
    from etl.publish import LocalSnapshotStore, verify_snapshot

    lines = (REPO / "tests" / "data" / "voa" / "articles.jsonl").read_text(encoding="utf-8").splitlines(True)
    src = tmp_path / "day.jsonl"
    src.write_text("".join(lines[29:31]), encoding="utf-8")  # two stories with events
    run_day(DAY, [str(src)])
    snap = Path(configured["NEWSEVENTS_SNAPSHOT_URI"]) / "events" / f"dt={DAY.isoformat()}"
    first = json.loads((snap / "manifest.json").read_text())
    assert first["row_count"] == _counts(configured["NEWSEVENTS_DATABASE_URL"])["public.events"] > 0
    src.write_text("".join(lines[29:31] + lines[32:33]), encoding="utf-8")  # a late third story, with events
    report = run_day(DAY, [str(src)])
    second = json.loads((snap / "manifest.json").read_text())
    assert report.coded == 3 and second["version"] == 2 and second["supersedes"]["version"] == 1
    assert second["row_count"] == _counts(configured["NEWSEVENTS_DATABASE_URL"])["public.events"] > \
        first["row_count"]
    assert (snap / "manifests" / "v=1.json").exists() and verify_snapshot(LocalSnapshotStore(snap.parents[1]), DAY) \
        == []


def _stored(url: str) -> tuple[dict[str, object], int]:
    from etl.load.store import PostgresEventStore

    engine = create_engine(url)
    events = PostgresEventStore(engine).candidates(date(2026, 1, 1), date(2027, 1, 1))
    with engine.connect() as c:
        revisions = c.execute(text("SELECT count(*) FROM core.event_revisions")).scalar_one()
    engine.dispose()
    fields = {e.event_id: e.model_dump(include={"event_date", "event_type", "sub_event_type", "actor1", "actor2",
                                                "location", "fatalities", "fatalities_reported", "num_sources",
                                                "sources", "withdrawn"}) for e in events}
    return fields, revisions


@pytest.mark.parametrize("loaded_share", [0.3, 0.5, 0.7])
def test_a_rerun_after_a_load_killed_halfway_equals_a_clean_run(pg_server_url: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 loaded_share: float) -> None:
    """kill -9 during the load leaves some of the day's merged events stored; the rerun must give the clean run's
    events (same ids, fields and sources, no revision), whichever were stored (issue 17, finding 7)."""
    from bench.dedup_corpus import event_reports
    from etl.load.migrate import upgrade
    from etl.load.store import PostgresEventStore
    from etl.pipeline import RunContext, _write_jsonl_atomic, dedup_step, load_step, read_events
    from tests.conftest import _create_database, _drop_database

    reports = [ev for ev, _story in event_reports(300, seed=4)]  # reports of 300 events, with look-alikes

    def day_in(url: str, home: str, run_id: str) -> RunContext:
        monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", url)
        monkeypatch.setenv("NEWSEVENTS_HOME", str(tmp_path / home))
        settings_mod.get_settings.cache_clear()
        upgrade(url)
        ctx = RunContext.create(date(2026, 9, 20), run_id)
        _write_jsonl_atomic(ctx.path("articles.jsonl"), (json.dumps(
            {"article": {"id": a, "text": "-"}, "dup_kind": "new", "duplicate_of": None})
            for a in sorted({ev.article_id for ev in reports})))
        _write_jsonl_atomic(ctx.path("rejections.jsonl"), [])
        _write_jsonl_atomic(ctx.path("events-000.jsonl"), (ev.model_dump_json() for ev in reports))
        return ctx

    urls = [_create_database(pg_server_url), _create_database(pg_server_url)]
    try:
        clean = day_in(urls[0], "clean", "clean")
        load_step(clean, dedup_step(clean, [str(clean.path("events-000.jsonl"))]))
        killed = day_in(urls[1], "killed", "killed")
        merged = list(read_events(Path(dedup_step(killed, [str(killed.path("events-000.jsonl"))]))))
        store = PostgresEventStore(create_engine(urls[1]))
        store.begin_run(killed.partition_date, "killed")
        store.load_events(merged[: int(len(merged) * loaded_share)], "killed", killed.partition_date)
        store.engine.dispose()
        rerun = day_in(urls[1], "killed", "rerun")
        load_step(rerun, dedup_step(rerun, [str(rerun.path("events-000.jsonl"))]))
        assert _stored(urls[1]) == _stored(urls[0])
    finally:
        settings_mod.get_settings.cache_clear()
        for url in urls:
            _drop_database(pg_server_url, url)


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
