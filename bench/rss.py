"""Extract a JSONL file in this process and print its peak resident memory (for bench/run.py's peak_rss)."""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from etl.extract import extract_articles
from etl.pipeline import read_articles


def main(src: str, dst: str) -> None:
    n = 0
    with Path(dst).open("w", encoding="utf-8") as f:
        for _article, events in extract_articles(read_articles(Path(src)), workers=1):
            for ev in events:
                f.write(ev.model_dump_json() + "\n")
            n += 1
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"articles": n, "peak_rss_mb": round(peak_kb / 1024, 1)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
