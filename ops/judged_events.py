"""Turn a judged audit into training rows for the reportable stage (etl/extract/reportable_train.py).

An audit (ops/audit_layout.py, then a judge per ../shared/eval/audit.md) names events by layout file and index;
the rows name them by what survives a re-run of the coder: the article id, the sentence offsets of every source,
the CAMEO root, with the verdict and the judge's kind of error.

    python ops/judged_events.py --events E.jsonl --verdicts V1.jsonl V2.jsonl >> etl/extract/data/judged_events.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path


def file_name(article_id: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in article_id)[:60] + ".txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=Path, required=True, help="the extract output the audit laid out")
    ap.add_argument("--verdicts", type=Path, nargs="+", required=True)
    ap.add_argument("--audit", default="", help="a name for the audit round, kept on every row")
    args = ap.parse_args()
    by_file: dict[str, list[dict]] = defaultdict(list)
    for line in args.events.open(encoding="utf-8"):
        if line.strip():
            e = json.loads(line)
            by_file[file_name(str(e["article_id"]))].append(e)
    n = 0
    for path in args.verdicts:
        for line in path.open(encoding="utf-8"):
            if not line.strip():
                continue
            v = json.loads(line)
            if "index" not in v:
                continue
            events = by_file.get(v["file"])
            if events is None or not 0 <= int(v["index"]) < len(events):
                print(f"{path}: no event {v['file']} [{v.get('index')}]", file=sys.stderr)
                continue
            e = events[int(v["index"])]
            starts = sorted({s["start"] for s in e["sources"] if s.get("start") is not None})
            print(json.dumps({"article_id": e["article_id"], "starts": starts, "cameo_root": e["cameo_root"],
                              "cameo_code": e["cameo_code"], "sub_event_type": e["sub_event_type"],
                              "verdict": v["verdict"], "kind": v.get("kind"), "audit": args.audit}))
            n += 1
    print(f"{n} judged events", file=sys.stderr)


if __name__ == "__main__":
    main()
