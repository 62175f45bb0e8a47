"""Time and peak memory of coding one very long article (issue 17: a 1,000,000-character text must finish in under
60 s and 1.5 GB; it took over 900 s and 3 GB before long texts were coded in windows up to a bound).

    python -m bench.long_article [CHARS]     # default 1,000,000; prints one JSON line

The text is real news (the VOA stories of tests/data/voa, public domain) repeated to the length asked, run in a fresh
process so the peak memory is its own.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def long_text(chars: int) -> str:
    """VOA stories, one after another, to `chars` characters."""
    stories = [json.loads(line)["text"] for line in
               (REPO / "tests" / "data" / "voa" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    parts: list[str] = []
    total = i = 0
    while total < chars:
        parts.append(stories[i % len(stories)])
        total += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:chars]


def main(chars: int = 1_000_000) -> dict[str, object]:
    from etl.extract import code_articles
    from schemas.models import Article

    code_articles([Article(id="warm", text="Rebels attacked a town on Monday, killing two soldiers.")])
    article = Article(id="long", text=long_text(chars), published_at=datetime(2025, 3, 14, tzinfo=UTC))
    t = time.perf_counter()
    (events,) = code_articles([article])
    seconds = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"chars": chars, "seconds": round(seconds, 1), "peak_rss_mb": round(peak_mb), "events": len(events),
            "target": {"seconds": 60, "peak_rss_mb": 1536},
            "met": seconds < 60 and peak_mb < 1536}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)))
