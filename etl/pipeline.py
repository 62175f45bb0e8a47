"""The daily pipeline as steps: ingest → extract (per shard) → dedup → load → publish → check.

Each step reads and writes files under the run's work folder (`<home>/runs/dt=YYYY-MM-DD/`) and returns their
paths, so that Airflow passes small XComs and any step can be retried alone. `run_day` chains the steps for the CLI.
Every step is idempotent: it rewrites its own outputs atomically and the load merges on stable ids.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from etl.settings import Settings, get_settings
from schemas.models import Article, Event, Rejection, RejectReason

log = logging.getLogger(__name__)

Progress = Callable[[str, int], None]
"""Called as progress(stage, n_done) by long steps; the CLI turns it into a progress bar."""


@dataclass(frozen=True)
class RunContext:
    """Which day a run is for, its id, and where its intermediate files live (one folder per run id, so two
    runs of a day never share files, while a retried task of the same run finds its own)."""

    partition_date: date
    run_id: str
    workdir: Path

    @classmethod
    def create(cls, partition_date: date, run_id: str | None = None, settings: Settings | None = None) -> RunContext:
        settings = settings or get_settings()
        run_id = run_id or f"cli__{partition_date.isoformat()}__{uuid.uuid4().hex[:8]}"
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in run_id)
        workdir = Path(settings.home).resolve() / "runs" / f"dt={partition_date.isoformat()}" / safe
        workdir.mkdir(parents=True, exist_ok=True)
        return cls(partition_date=partition_date, run_id=run_id, workdir=workdir)

    def to_dict(self) -> dict[str, str]:
        return {"partition_date": self.partition_date.isoformat(), "run_id": self.run_id,
                "workdir": str(self.workdir)}

    @classmethod
    def from_dict(cls, d: dict[str, str]) -> RunContext:
        return cls(partition_date=date.fromisoformat(d["partition_date"]), run_id=d["run_id"],
                   workdir=Path(d["workdir"]))

    def path(self, name: str) -> Path:
        return self.workdir / name


@dataclass
class RunReport:
    """What one run did; the counts add up: read = coded + duplicate + rejected."""

    partition_date: str
    run_id: str
    read: int = 0
    rejected: int = 0
    duplicates: int = 0
    coded: int = 0
    events_extracted: int = 0
    events_merged: int = 0
    loaded: dict[str, int] = field(default_factory=dict)
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    articles_by_source: dict[str, int] = field(default_factory=dict)
    events_by_country: dict[str, int] = field(default_factory=dict)
    snapshot: str | None = None
    checks: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------------------------------------------------------
# small file helpers: JSON lines written atomically so a retried step never reads half a file


def _write_jsonl_atomic(path: Path, rows: Iterable[str]) -> int:
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    n = 0
    with tmp.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(row)
            f.write("\n")
            n += 1
    os.replace(tmp, path)
    return n


def _read_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield line


def read_articles(path: Path) -> Iterator[Article]:
    for line in _read_lines(path):
        yield Article.model_validate_json(line)


def read_events(path: Path) -> Iterator[Event]:
    for line in _read_lines(path):
        yield Event.model_validate_json(line)


def _write_json_atomic(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True, default=str), encoding="utf-8")
    os.replace(tmp, path)


def _shard_of(article_id: str, shards: int) -> int:
    """Stable shard assignment, independent of input order and process."""
    return int(hashlib.sha1(article_id.encode()).hexdigest()[:8], 16) % shards


# ---------------------------------------------------------------------------------------------------------------
# steps


def ingest_step(ctx: RunContext, inputs: list[str], shards: int = 1, progress: Progress | None = None) -> list[str]:
    """Read every input, refuse bad articles with a reason, find duplicate articles, split the rest into shards.

    Two passes over a spool file: the first streams the inputs and feeds the deduplicator; the second writes the
    verdicts, which are settled only once every article was seen (so they do not depend on input order).
    Writes `articles.jsonl` (every accepted article with its verdict, for the store), `rejections.jsonl`,
    `articles-NNN.jsonl` shards (new articles only) and `ingest.json` (counts).
    """
    from etl.dedup.articles import ArticleDeduper
    from etl.ingest import read_inputs

    settings = get_settings()
    deduper = ArticleDeduper(threshold=settings.near_duplicate_threshold)
    counts = {"read": 0, "rejected": 0, "duplicates": 0, "new": 0}
    by_reason: dict[str, int] = {}
    seen_text: dict[str, str] = {}
    spool, rej_tmp = ctx.path("accepted.spool"), ctx.path("rejections.jsonl.tmp")
    with spool.open("w", encoding="utf-8") as spool_f, rej_tmp.open("w", encoding="utf-8") as rej_f:

        def reject(r: Rejection) -> None:
            counts["rejected"] += 1
            by_reason[r.reason.value] = by_reason.get(r.reason.value, 0) + 1
            rej_f.write(r.model_dump_json() + "\n")

        for item in read_inputs(inputs, settings, run_key=ctx.partition_date.isoformat()):
            counts["read"] += 1
            if progress:
                progress("ingest", counts["read"])
            if isinstance(item, Rejection):
                reject(item)
                continue
            digest = hashlib.sha1(item.text.encode()).hexdigest()
            previous = seen_text.get(item.id)
            if previous is not None:
                if previous != digest:
                    reject(Rejection(article_id=item.id, origin=item.origin, reason=RejectReason.ID_CONFLICT,
                                     message=f"id {item.id!r} was already read with a different text",
                                     excerpt=item.text[:200]))
                else:  # the very same article twice: a duplicate of itself, recorded once
                    counts["duplicates"] += 1
                continue
            seen_text[item.id] = digest
            deduper.check(item)
            spool_f.write(item.model_dump_json() + "\n")

    verdicts = deduper.resolve()
    shard_tmp = [ctx.path(f"articles-{i:03d}.jsonl.tmp") for i in range(shards)]
    shard_files = [p.open("w", encoding="utf-8") for p in shard_tmp]
    all_tmp = ctx.path("articles.jsonl.tmp")
    try:
        with all_tmp.open("w", encoding="utf-8") as all_f:
            for line in _read_lines(spool):
                article = Article.model_validate_json(line)
                verdict = verdicts[article.id]
                all_f.write(json.dumps({"article": article.model_dump(mode="json"), "dup_kind": verdict.kind,
                                        "duplicate_of": verdict.duplicate_of}) + "\n")
                if verdict.kind == "new":
                    counts["new"] += 1
                    shard_files[_shard_of(article.id, shards)].write(line if line.endswith("\n") else line + "\n")
                else:
                    counts["duplicates"] += 1
    finally:
        for f in shard_files:
            f.close()
    paths = []
    for tmp in shard_tmp:
        final = tmp.with_suffix("")
        os.replace(tmp, final)
        paths.append(str(final))
    os.replace(all_tmp, ctx.path("articles.jsonl"))
    os.replace(rej_tmp, ctx.path("rejections.jsonl"))
    spool.unlink()
    _write_json_atomic(ctx.path("ingest.json"), {**counts, "rejected_by_reason": by_reason, "shards": paths,
                                                 "inputs": inputs})
    log.info("ingest: %s", counts)
    return paths


def extract_step(ctx: RunContext, shard_path: str, progress: Progress | None = None) -> str:
    """Code the events of one shard of new articles; writes `events-NNN.jsonl` beside it."""
    from etl.extract import extract_articles
    from etl.extract.dates import partition_dated

    settings = get_settings()
    shard = Path(shard_path)
    out = shard.with_name(shard.name.replace("articles-", "events-"))
    done = 0
    truncated: list[str] = []

    def rows() -> Iterator[str]:
        nonlocal done
        for article, events in extract_articles(read_articles(shard), workers=settings.workers,
                                                batch_size=settings.batch_size, today=ctx.partition_date):
            done += 1
            if len(article.text) > settings.max_coded_chars:
                truncated.append(f"article {article.id} has {len(article.text)} characters: only the first "
                                 f"{settings.max_coded_chars} were coded")
            if progress:
                progress("extract", done)
            for ev in events:  # an unknown date is the day the article was read, kept as UNKNOWN precision
                yield partition_dated(ev, ctx.partition_date).model_dump_json()

    n = _write_jsonl_atomic(out, rows())
    # the warnings of long articles coded only in part, for the run's checks (etl/extract/windows.py)
    _write_json_atomic(out.with_suffix(".warnings.json"), truncated)
    log.info("extract %s: %d articles, %d events", shard.name, done, n)
    return str(out)


def dedup_step(ctx: RunContext, event_paths: list[str], *, replace_day: bool = True) -> str:
    """Merge the day's events with each other and with stored events of nearby days; writes `merged.jsonl`.

    Duplicate articles add their report to the events of the article they copy. Confidence is scored after
    merging, when corroboration is known.

    With `replace_day`, the reports of this run's articles are merged afresh, never into what an earlier run of
    the day stored from those same articles: stored events lose this run's articles' sources first (an event left
    with none is merged again from the reports, under the same id, or withdrawn if no report gives it any more).
    So a rerun after a run killed halfway through its load gives exactly the events of a clean run, whichever
    events the killed run had stored. (`recode` passes False: it adds new codings to what is stored.)
    """
    from etl.dedup.articles import attach_duplicate_sources
    from etl.dedup.confidence import OutletReliability, score
    from etl.dedup.events import merge_events

    settings = get_settings()
    events: list[Event] = []
    for p in sorted(event_paths):
        events.extend(read_events(Path(p)))

    # a duplicate article is not coded again, but it is one more report of its original's events
    by_id = {e.event_id: e for e in events}
    ids_of_article: dict[str, list[str]] = {}
    for ev in events:
        if ev.article_id:
            ids_of_article.setdefault(ev.article_id, []).append(ev.event_id)
    copies: dict[str, list[Article]] = {}
    for line in _read_lines(ctx.path("articles.jsonl")):
        row = json.loads(line)
        original = row.get("duplicate_of")
        if row["dup_kind"] == "new" or original not in ids_of_article:
            continue
        copies.setdefault(original, []).append(Article.model_validate(row["article"]))
    for original, dups in copies.items():  # all copies of a story at once
        for updated in attach_duplicate_sources([by_id[i] for i in ids_of_article[original]], dups):
            by_id[updated.event_id] = updated
    events = list(by_id.values())

    existing: list[Event] = []
    day_only: list[str] = []
    if events:
        lo = min(e.event_date for e in events) - timedelta(days=3)
        hi = max(e.event_date for e in events) + timedelta(days=3)
        existing = _store().candidates(lo, hi)
        if replace_day:
            run_articles = {json.loads(line)["article"]["id"] for line in _read_lines(ctx.path("articles.jsonl"))}
            existing, day_only = _without_articles(existing, run_articles)
    result = merge_events(events, existing)
    reliability = OutletReliability.load(settings.source_reliability_file)
    merged = [ev.model_copy(update={"confidence": score(ev, reliability)}) for ev in result.events]
    out = ctx.path("merged.jsonl")
    _write_jsonl_atomic(out, (e.model_dump_json() for e in sorted(merged, key=lambda e: e.event_id)))
    kept = {e.event_id for e in merged}
    withdrawn = set(getattr(result, "withdrawn", []) or []) | {i for i in day_only if i not in kept}
    _write_json_atomic(ctx.path("dedup.json"), {"events_in": len(events), "events_out": len(merged),
                                                "withdrawn": sorted(withdrawn)})
    return str(out)


def _without_articles(stored: list[Event], article_ids: set[str]) -> tuple[list[Event], list[str]]:
    """Stored events as they would be without the sources of `article_ids` (consensus recomputed from what is
    left), and the ids of those left with no source at all (events of these articles only)."""
    from etl.dedup.events import withdraw_sources

    touched = [e for e in stored if any(s.article_id in article_ids for s in e.sources)]
    if not touched:
        return stored, []
    untouched = [e for e in stored if not any(s.article_id in article_ids for s in e.sources)]
    stripped = withdraw_sources(touched, article_ids)
    return untouched + [e for e in stripped.events if not e.withdrawn], list(stripped.withdrawn)


def _store() -> Any:
    from etl.db import get_engine
    from etl.load.store import PostgresEventStore

    return PostgresEventStore(get_engine())


def load_step(ctx: RunContext, merged_path: str, *, lock: bool = True) -> dict[str, Any]:
    """Write the run's articles, rejections and merged events to PostgreSQL (idempotent merge).

    Loads of the same day are serialised by a PostgreSQL advisory lock (`lock=False` when the caller holds it).
    """
    store = _store()
    if not lock:
        return _load(ctx, merged_path, store)
    with store.day_lock(ctx.partition_date):
        return _load(ctx, merged_path, store)


def _load(ctx: RunContext, merged_path: str, store: Any) -> dict[str, Any]:
    from etl.dedup.articles import DupVerdict

    store.begin_run(ctx.partition_date, ctx.run_id)
    articles, verdicts = [], []
    for line in _read_lines(ctx.path("articles.jsonl")):
        row = json.loads(line)
        articles.append(Article.model_validate(row["article"]))
        verdicts.append(DupVerdict(kind=row["dup_kind"], duplicate_of=row["duplicate_of"], similarity=None))
    store.save_articles(articles, verdicts, partition_date=ctx.partition_date, run_id=ctx.run_id)
    rejections = [Rejection.model_validate_json(line) for line in _read_lines(ctx.path("rejections.jsonl"))]
    store.save_rejections(rejections, ctx.run_id, ctx.partition_date)
    events = list(read_events(Path(merged_path)))
    stats = store.load_events(events, ctx.run_id, ctx.partition_date)
    withdrawn = json.loads(ctx.path("dedup.json").read_text()).get("withdrawn", [])
    if withdrawn:
        store.withdraw(withdrawn, ctx.run_id, ctx.partition_date)
    loaded = _as_dict(stats)
    _write_json_atomic(ctx.path("load.json"), loaded)
    return loaded


def _as_dict(stats: Any) -> dict[str, Any]:
    if isinstance(stats, dict):
        return stats
    if hasattr(stats, "model_dump"):
        return stats.model_dump()
    if hasattr(stats, "__dataclass_fields__"):
        return asdict(stats)
    return dict(vars(stats))


def publish_step(ctx: RunContext) -> str:
    """Publish every event created or revised by this day's run as the day's snapshot; returns the manifest URI."""
    from etl.extract import coder_version
    from etl.publish import publish_snapshot, snapshot_store

    settings = get_settings()
    events = _store().events_for_partition(ctx.partition_date)
    store = snapshot_store(settings.snapshot_uri)
    manifest = publish_snapshot(events, ctx.partition_date, ctx.run_id, store, coder_version=coder_version())
    uri = _manifest_uri(settings.snapshot_uri, ctx.partition_date)
    _write_json_atomic(ctx.path("publish.json"), {"manifest": uri, "rows": _manifest_rows(manifest)})
    return uri


def _manifest_uri(root: str, day: date) -> str:
    key = f"events/dt={day.isoformat()}/manifest.json"
    return f"{root.rstrip('/')}/{key}" if root.startswith("s3://") else str(Path(root).resolve() / key)


def _manifest_rows(manifest: Any) -> int | None:
    if isinstance(manifest, dict):
        return manifest.get("row_count")
    return getattr(manifest, "row_count", None)


def check_step(ctx: RunContext) -> dict[str, Any]:
    """Data-quality checks of the merged day, before it is loaded and published: the counts add up, and today's
    volumes are not a collapse (nor the rejection rate a jump) against recent days.

    A broken invariant or a collapse raises `QualityError` (the task fails, nothing is loaded or published); an
    unusual volume is a warning in the report.
    """
    from etl.quality import check_run

    report = collect_report(ctx)
    result = check_run(report, _store().run_history(before=ctx.partition_date, days=14))
    for path in sorted(ctx.workdir.glob("events-*.warnings.json")):
        result["warnings"].extend(json.loads(path.read_text(encoding="utf-8")))
    _write_json_atomic(ctx.path("checks.json"), result)
    return result


def finish_step(ctx: RunContext) -> dict[str, Any]:
    """Record the run as a success in core.runs, with its report: the last step, after publishing."""
    report = collect_report(ctx)
    _store().finish_run(ctx.run_id, "success", report.to_dict())
    return report.to_dict()


def describe_error(exc: BaseException) -> str:
    """One line for core.runs and the CLI: the exception's kind and the first line of its message."""
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def mark_failed(ctx: RunContext, exc: BaseException) -> None:
    """Mark the run failed with its error in core.runs. Never raises: when the database is what failed, the
    original error must still be the one the caller sees."""
    try:
        _store().fail_run(ctx.partition_date, ctx.run_id, describe_error(exc))
    except Exception as cleanup:  # any failure here is secondary to `exc`
        log.warning("could not mark run %s failed in core.runs: %s", ctx.run_id,
                    (str(cleanup).splitlines() or [""])[0])


def collect_report(ctx: RunContext) -> RunReport:
    """Gather the counts each step wrote into one report."""

    def read(name: str) -> dict[str, Any]:
        p = ctx.path(name)
        return json.loads(p.read_text()) if p.exists() else {}

    ingest, dedup, loaded, publish = read("ingest.json"), read("dedup.json"), read("load.json"), read("publish.json")
    report = RunReport(partition_date=ctx.partition_date.isoformat(), run_id=ctx.run_id)
    report.read = ingest.get("read", 0)
    report.rejected = ingest.get("rejected", 0)
    report.duplicates = ingest.get("duplicates", 0)
    report.coded = ingest.get("new", 0)
    report.rejected_by_reason = ingest.get("rejected_by_reason", {})
    report.events_extracted = dedup.get("events_in", 0)
    report.events_merged = dedup.get("events_out", 0)
    report.loaded = loaded
    report.snapshot = publish.get("manifest")
    report.checks = read("checks.json")
    if ctx.path("articles.jsonl").exists():
        for line in _read_lines(ctx.path("articles.jsonl")):
            src = json.loads(line)["article"].get("source") or "(unknown)"
            report.articles_by_source[src] = report.articles_by_source.get(src, 0) + 1
    if ctx.path("merged.jsonl").exists():
        for ev in read_events(ctx.path("merged.jsonl")):
            c = (ev.location.country if ev.location else None) or "(unknown)"
            report.events_by_country[c] = report.events_by_country.get(c, 0) + 1
    return report


def run_day(partition_date: date, inputs: list[str], *, run_id: str | None = None,
            progress: Progress | None = None) -> RunReport:
    """The whole daily pipeline in one process, as `newsevents run` does it."""
    from etl.db import get_engine
    from etl.load.migrate import upgrade

    settings = get_settings()
    upgrade(get_engine().url.render_as_string(hide_password=False))
    ctx = RunContext.create(partition_date, run_id, settings)
    store = _store()
    for gone in store.mark_abandoned():  # earlier runs killed outright (kill -9) are 'failed', not 'running'
        log.warning("run %s had ended without finishing; marked failed", gone)
    with store.run_alive(ctx.run_id):
        store.begin_run(partition_date, ctx.run_id, watched=True)
        try:
            _clean_shards(ctx)
            shards = ingest_step(ctx, inputs, shards=1, progress=progress)
            event_paths = [extract_step(ctx, s, progress=progress) for s in shards]
            # merging reads the stored events and loading writes them: two runs of one day take turns from here on
            with store.day_lock(partition_date):
                merged = dedup_step(ctx, event_paths)
                check_step(ctx)  # guards the load and the snapshot: a failed check stops the day here
                load_step(ctx, merged, lock=False)
                publish_step(ctx)
            finish_step(ctx)
        except BaseException as exc:  # Ctrl-C too: the run is not left 'running'
            mark_failed(ctx, exc)
            raise
    return collect_report(ctx)


def _clean_shards(ctx: RunContext) -> None:
    """Forget shard files of an earlier attempt of the same day (their number may differ)."""
    for p in [*ctx.workdir.glob("articles-*.jsonl"), *ctx.workdir.glob("events-*.jsonl"),
              *ctx.workdir.glob("events-*.warnings.json")]:
        p.unlink()


def reset_workdir(ctx: RunContext) -> None:
    shutil.rmtree(ctx.workdir, ignore_errors=True)
    ctx.workdir.mkdir(parents=True, exist_ok=True)


def recode_day(day: date, *, run_id: str | None = None) -> dict[str, Any]:
    """Re-code one past day's stored articles with the current coder and merge the result into the stored events.

    New codings of an already stored event keep its id and every source it had (the merge unions sources), so no
    provenance is lost; changed fields become revisions (core.event_revisions, `updated_at`). Published snapshots
    are immutable and are not rewritten: the revisions are visible in SQL and in `newsevents export`.
    """
    from etl.extract import coder_version

    store = _store()
    articles = store.articles_for_partition(day)
    run_id = run_id or f"recode__{day.isoformat()}__{coder_version()}__{uuid.uuid4().hex[:6]}"
    ctx = RunContext(partition_date=day, run_id=run_id,
                     workdir=Path(get_settings().home).resolve() / "runs" / f"recode-dt={day.isoformat()}")
    reset_workdir(ctx)
    shard = ctx.path("articles-000.jsonl")
    _write_jsonl_atomic(shard, (a.model_dump_json() for a in articles))
    _write_jsonl_atomic(ctx.path("articles.jsonl"),
                        (json.dumps({"article": a.model_dump(mode="json"), "dup_kind": "new", "duplicate_of": None})
                         for a in articles))
    try:
        events_path = extract_step(ctx, str(shard))
        with store.day_lock(day):
            merged = dedup_step(ctx, [events_path], replace_day=False)
            store.begin_run(day, run_id)
            events = list(read_events(Path(merged)))
            stats = _as_dict(store.load_events(events, run_id, day))
    except BaseException as exc:
        mark_failed(ctx, exc)
        raise
    result = {"day": day.isoformat(), "articles": len(articles), "events": len(events), **stats}
    store.finish_run(run_id, "success", result)
    return result
