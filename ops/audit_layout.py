"""Lay out full articles with the events the coder extracted, one file per article, for a judged audit
(../shared/eval/audit.md): the article's text, then one line per event with index, date, ACLED type / sub-type,
CAMEO code, sides, place, fatalities, confidence and the source sentence.

    newsevents extract --input A.jsonl --output E.jsonl
    python ops/audit_layout.py --articles A.jsonl --events E.jsonl --out audit/ [--sample 12 --seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path


def side(actor: dict | None) -> str:
    if not actor:
        return "-"
    return f"{actor.get('name')} ({actor.get('country') or '?'}, inter {actor.get('inter') or '-'})"


def place(loc: dict | None) -> str:
    if not loc:
        return "-"
    return ", ".join(str(x) for x in (loc.get("name"), loc.get("admin1"), loc.get("country")) if x)


def when(event: dict) -> str | None:
    """The event's date as precisely as it is known: "2019 (year)", "2023-02 (month)", "week of 2026-03-02"."""
    day, precision = event.get("event_date"), event.get("time_precision")
    if not day:
        return day
    return {2: f"week of {day}", 3: f"{day[:7]} (month)", 4: f"{day[:4]} (year)"}.get(precision, day)


def layout(article: dict, events: list[dict]) -> str:
    lines = [f"# {article.get('title') or article['id']}", f"published: {article.get('published_at')}",
             f"url: {article.get('url')}", "", article["text"].strip(), "", "## Events", ""]
    for i, e in enumerate(events):
        sentence = " | ".join(s.get("sentence", "") for s in e.get("sources", [])[:3])
        lines.append(f"[{i}] date={when(e)} type={e['event_type']} / {e['sub_event_type']} "
                     f"cameo={e['cameo_code']} actor1={side(e.get('actor1'))} actor2={side(e.get('actor2'))} "
                     f"place={place(e.get('location'))} fatalities={e.get('fatalities')} "
                     f"confidence={e.get('confidence')}\n    sentence: {sentence}")
    if not events:
        lines.append("(no events)")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--events", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--sample", type=int, default=0, help="lay out a random sample of N articles (0: all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--exclude", type=Path, help="a file of article ids (one a line) never to sample")
    args = ap.parse_args()
    articles = [json.loads(line) for line in args.articles.open(encoding="utf-8") if line.strip()]
    skip = set(args.exclude.read_text().split()) if args.exclude else set()
    articles = [a for a in articles if str(a["id"]) not in skip]
    if args.sample:
        articles = random.Random(args.seed).sample(articles, min(args.sample, len(articles)))
    events: dict[str, list[dict]] = defaultdict(list)
    for line in args.events.open(encoding="utf-8"):
        if line.strip():
            e = json.loads(line)
            events[str(e["article_id"])].append(e)
    args.out.mkdir(parents=True, exist_ok=True)
    for a in articles:
        name = "".join(c if c.isalnum() else "_" for c in str(a["id"]))[:60] + ".txt"
        (args.out / name).write_text(layout(a, events.get(str(a["id"]), [])), encoding="utf-8")
    print(f"{len(articles)} articles laid out in {args.out}")


if __name__ == "__main__":
    main()
