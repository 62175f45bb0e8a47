"""Whether a change to the coder changed what it codes: every event of every article, every field, before and after.

A refactor of the coder (issue 19: coding.py split into stages) must not change one byte of its output. This runs
the production path (`etl.extract.code_articles`: windows, parse, `code_doc`, merge within the article) over the
VOA stories and the dev sets of `newsevents evaluate`, records both what `code_doc` returned for each parsed window
and the merged events of each article, and writes them as JSON lines; `--compare` diffs two such files.

    python bench/coder_equivalence.py --sets voa,petr2,plover,seed,gwn --out /tmp/coder_before.jsonl
    python bench/coder_equivalence.py --sets voa,petr2,plover,seed,gwn --out /tmp/coder_after.jsonl \
        --compare /tmp/coder_before.jsonl

The date is fixed (`--today`), so an undated sentence's date does not move between runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {"voa": SHARED / "corpus" / "voa" / "articles.jsonl",
        **{name: SHARED / "eval" / "dev" / f"{name}.articles.jsonl"
           for name in ("petr2", "plover", "seed", "gwn", "acled2022")},
        "written": ROOT / "etl" / "extract" / "data" / "written_articles.jsonl"}


def coded(path: Path, today: date, batch: int = 32) -> Iterator[dict[str, Any]]:
    """One record per article of `path`: its id, the raw events of each window and the merged events."""
    from etl.extract import articles_from_jsonl, code_articles, coding

    raw: list[list[dict[str, Any]]] = []
    original = coding.code_doc

    def recording(doc, article, **kw):  # type: ignore[no-untyped-def]
        events = original(doc, article, **kw)
        raw.append([e.model_dump(mode="json") for e in events])
        return events

    coding.code_doc = recording  # code_articles imports it by name at call time
    try:
        articles = list(articles_from_jsonl(path))
        for start in range(0, len(articles), batch):
            chunk = articles[start:start + batch]
            raw.clear()
            merged = code_articles(chunk, batch_size=batch, today=today)
            windows = iter(raw)
            from etl.extract.windows import windows as cut
            from etl.settings import get_settings

            cap = get_settings().max_coded_chars
            for article, events in zip(chunk, merged, strict=True):
                parts = [next(windows) for _ in cut(article.text, cap)]
                yield {"id": article.id, "raw": parts, "events": [e.model_dump(mode="json") for e in events]}
    finally:
        coding.code_doc = original


def run(sets: list[str], out: Path, today: date) -> dict[str, int]:
    counts: dict[str, int] = {}
    with out.open("w", encoding="utf-8") as f:
        for name in sets:
            t0 = time.perf_counter()
            n_art = n_ev = 0
            for rec in coded(SETS[name], today):
                rec["set"] = name
                f.write(json.dumps(rec, sort_keys=True, ensure_ascii=False) + "\n")
                n_art += 1
                n_ev += sum(len(p) for p in rec["raw"])
            counts[name] = n_ev
            print(f"{name}: {n_art} articles, {n_ev} raw events ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return counts


def compare(a: Path, b: Path) -> int:
    """Number of articles whose records differ (printed, with the first differing field)."""
    def load(p: Path) -> dict[tuple[str, str], str]:
        out = {}
        for line in p.open(encoding="utf-8"):
            rec = json.loads(line)
            out[(rec["set"], rec["id"])] = json.dumps(rec, sort_keys=True)
        return out

    left, right = load(a), load(b)
    diffs = 0
    for key in sorted(set(left) | set(right)):
        if left.get(key) != right.get(key):
            diffs += 1
            if diffs <= 20:
                print(f"DIFF {key}: {(left.get(key) or '')[:300]} != {(right.get(key) or '')[:300]}")
    events = sum(sum(len(p) for p in json.loads(v)["raw"]) for v in left.values())
    print(f"compared {len(left)} / {len(right)} articles ({events} raw events in the first): {diffs} differ")
    return diffs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="voa,petr2,plover,seed,gwn")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--compare", type=Path, help="a file written by an earlier run to diff against")
    ap.add_argument("--today", type=date.fromisoformat, default=date(2026, 12, 4))
    args = ap.parse_args()
    run([s.strip() for s in args.sets.split(",") if s.strip()], args.out, args.today)
    if args.compare is not None:
        sys.exit(1 if compare(args.compare, args.out) else 0)


if __name__ == "__main__":
    main()
