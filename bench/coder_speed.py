"""Whole-process time of a bare spaCy parse against `newsevents extract` on the same full news articles, model
loading included (issue 19's speed ratio). The articles are the public-domain VOA stories of ../shared/corpus/voa,
repeated to N with fresh ids.

    python bench/coder_speed.py --n 200 [--corpus ../shared/corpus/voa/articles.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import json, sys, spacy
from etl.extract.nlp import load_nlp
nlp = load_nlp()
texts = [json.loads(l)["text"] for l in open(sys.argv[1]) if l.strip()]
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus/voa/articles.jsonl"))
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i in range(args.n):
                row = dict(rows[i % len(rows)], id=f"{rows[i % len(rows)]['id']}-{i}")
                f.write(json.dumps(row) + "\n")
        bin_dir = Path(sys.executable).parent
        bare, extract = [], []
        for _ in range(args.rounds):
            bare.append(timed([sys.executable, "-c", BARE, str(src)]))
            extract.append(timed([str(bin_dir / "newsevents"), "extract", "--input", str(src), "--output",
                                  str(Path(tmp) / "events.jsonl")]))
    out = {"articles": args.n, "words": sum(len(rows[i % len(rows)]["text"].split()) for i in range(args.n)),
           "bare_parse_s": round(min(bare), 2), "extract_s": round(min(extract), 2),
           "parse_vs_extract": round(min(bare) / min(extract), 3)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
