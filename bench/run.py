"""`make bench`: speed and scale figures of issue 6, in one run, written to bench/results.json and printed.

Volumes are the issue's (10k/50k articles for memory, 20k for a day end to end, 10k/100k for dedup) times --scale;
on a 2-core machine --scale 1 takes hours, so the Makefile default is smaller. Each figure records the volume it
was measured on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.articles import generate  # noqa: E402

TARGETS = {"extract_vs_parse": ">= 0.85", "parallel_speedup": ">= 1.7", "load_vs_copy": ">= 0.5",
           "load_events_per_s": ">= 50000", "dedup_scaling": "<= 12", "peak_rss_mb": "< 1500, flat"}


def _write_jsonl(path: Path, rows: Any) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
            n += 1
    return n


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def _bare_parse(chunk: list[str]) -> int:
    from etl.extract.nlp import load_nlp

    return sum(1 for _ in load_nlp().pipe(chunk, batch_size=len(chunk)))


def _spin(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i % 7
    return x


def _two_process_speedup(fn: Callable[[Any], Any], work: list[Any]) -> float:
    """Wall time of `fn` over `work` in this process ÷ in two forked processes, fed as extraction feeds its
    workers (one item at a time): what the machine's two cores give this kind of work."""
    import multiprocessing as mp

    t1, _ = _timed(lambda: [fn(w) for w in work])
    with mp.get_context("fork").Pool(2) as pool:
        t2, _ = _timed(lambda: pool.map(fn, work, chunksize=1))
    return round(t1 / t2, 3)


def bench_extract(n: int) -> dict[str, Any]:
    """Bare nlp.pipe vs newsevents extraction on the same texts; 1 vs 2 worker processes. Two calibrations
    beside the speedup say what the machine allows: the same bare parse, and a pure-Python loop, each in 1 vs
    2 forked processes (on a virtual machine two vCPUs may not give two cores' worth of work)."""
    from etl.extract import CHUNK, extract_articles
    from etl.extract.nlp import load_nlp
    from etl.settings import get_settings
    from schemas.models import Article

    rows = list(generate(n, seed=11))
    articles = [Article.model_validate(r) for r in rows]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    batch = get_settings().batch_size
    list(nlp.pipe(texts[:20], batch_size=batch))  # warm up: the model, then the coder's tables and gazetteer
    list(extract_articles(articles[:5], workers=1, batch_size=batch))
    t_parse, _ = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch)))
    t_ex1, _ = _timed(lambda: sum(len(ev) for _, ev in extract_articles(articles, workers=1, batch_size=batch)))
    t_ex2, _ = _timed(lambda: sum(len(ev) for _, ev in extract_articles(articles, workers=2, batch_size=batch)))
    parse_speedup = _two_process_speedup(_bare_parse, [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)])
    cpu_speedup = _two_process_speedup(_spin, [2_000_000] * 24)
    return {
        "articles": n, "words": words,
        "parse_words_per_s": round(words / t_parse), "extract_words_per_s": round(words / t_ex1),
        "extract_2_workers_words_per_s": round(words / t_ex2),
        "extract_vs_parse": round(t_parse / t_ex1, 3), "parallel_speedup": round(t_ex1 / t_ex2, 3),
        "bare_parse_2_process_speedup": parse_speedup, "python_loop_2_process_speedup": cpu_speedup,
    }


def bench_peak_rss(sizes: list[int], tmp: Path) -> dict[str, Any]:
    """Peak resident memory of `newsevents extract` (one worker) as the input grows: it must stay flat."""
    out: dict[str, Any] = {}
    for n in sizes:
        src = tmp / f"rss-{n}.jsonl"
        _write_jsonl(src, generate(n, seed=13, words=250))
        cmd = [sys.executable, "-m", "bench.rss", str(src), str(tmp / f"rss-{n}.events.jsonl")]
        res = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True)
        out[f"peak_rss_mb_{n}"] = json.loads(res.stdout.strip().splitlines()[-1])["peak_rss_mb"]
    return out


def bench_load(n: int) -> dict[str, Any]:
    from etl.load.bench import measure_load

    return measure_load(n)


def bench_dedup(n_small: int, n_large: int) -> dict[str, Any]:
    from bench.dedup_bench import dedup_scaling

    return dedup_scaling(n_small, n_large)


def bench_end_to_end(n: int, tmp: Path) -> dict[str, Any]:
    """One generated day through `newsevents run`, in its own home folder and embedded database."""
    src = tmp / "day"
    src.mkdir()
    _write_jsonl(src / "day.jsonl", generate(n, seed=17))
    env = dict(os.environ, NEWSEVENTS_HOME=str(tmp / "home"), NEWSEVENTS_SNAPSHOT_URI=str(tmp / "snapshots"),
               NEWSEVENTS_WORKERS="2")
    env.pop("NEWSEVENTS_DATABASE_URL", None)
    t, _ = _timed(lambda: subprocess.run([sys.executable, "-m", "etl.cli", "run", "--date", "2026-11-21",
                                          "--input", str(src)], cwd=REPO, env=env, check=True,
                                         capture_output=True))
    return {"articles": n, "wall_s": round(t, 1), "articles_per_s": round(n / t, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", nargs="*", default=None,
                    help="extract, rss, load, dedup, e2e (default: all)")
    a = ap.parse_args()
    s = a.scale
    only = set(a.only or ["extract", "rss", "load", "dedup", "e2e"])
    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                           "platform": platform.platform()}, "scale": s}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if "extract" in only:
            results["extract"] = bench_extract(max(50, int(2000 * s)))
        if "rss" in only:
            results["peak_rss"] = bench_peak_rss([max(100, int(10_000 * s)), max(500, int(50_000 * s))], tmp)
        if "load" in only:
            results["load"] = bench_load(max(10_000, int(200_000 * s)))
        if "dedup" in only:
            results["dedup"] = bench_dedup(max(1000, int(10_000 * s)), max(10_000, int(100_000 * s)))
        if "e2e" in only:
            results["end_to_end"] = bench_end_to_end(max(100, int(20_000 * s)), tmp)
    out = REPO / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    _print(results)
    print(f"wrote {out}")


def _print(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"newsevents bench (scale {results['scale']}, {results['machine']['cpus']} cpus)")
    t.add_column("group")
    t.add_column("figure")
    t.add_column("value", justify="right")
    t.add_column("target")
    for group, figures in results.items():
        if not isinstance(figures, dict) or group == "machine":
            continue
        for k, v in figures.items():
            if isinstance(v, dict) and all(isinstance(x, list) for x in v.values()):  # per-round values
                for sub, xs in v.items():
                    t.add_row(group, f"{k}.{sub}", " / ".join(map(str, xs)), "")
                continue
            t.add_row(group, k, str(v), TARGETS.get(k, ""))
    Console().print(t)


if __name__ == "__main__":
    main()
