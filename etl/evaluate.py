"""The benchmark behind `newsevents evaluate`: extract every dev set, score it with the eval kit's own scorer.

It is a measurement, not a test: it reads the evaluation directory (settings `eval_dir`), writes predictions under
`eval-out/` (ignored by git) and compares each figure with the target of issues 3 and 4. With `limit`, each set is
cut to its first N articles and the gold file is cut to the same ids, so the figures stay comparable.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# set name → (scorer task, kind of run)
SETS: dict[str, tuple[str, str]] = {
    "acled2022": ("acled", "extract"),
    "petr2": ("cameo", "extract"),
    "plover": ("plover", "extract"),
    "seed": ("seed", "extract"),
    "gwn": ("geo", "geocode"),
}

# (set, figure) → target; figures named as score.py --json prints them.
TARGETS: dict[tuple[str, str], float] = {
    ("acled2022", "event_type"): 0.88,
    ("acled2022", "sub_event_type_weighted_f1"): 0.84,
    ("acled2022", "date"): 0.97,
    ("acled2022", "country"): 0.97,
    ("acled2022", "fatalities"): 0.90,
    ("acled2022", "admin1"): 0.85,
    ("acled2022", "within_50km"): 0.80,
    ("acled2022", "actor1_inter"): 0.85,
    ("acled2022", "actor2_inter"): 0.80,
    ("petr2", "root_accuracy"): 0.80,
    ("petr2", "triple_f1"): 0.60,
    ("plover", "plover_event_accuracy"): 0.70,
    ("plover", "source_accuracy"): 0.80,
    ("seed", "pass_rate"): 1.0,
    ("gwn", "acc161"): 0.94,
    ("gwn", "precision"): 0.85,
}


@dataclass(frozen=True)
class Figure:
    set: str
    name: str
    value: float | None
    target: float | None

    @property
    def met(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        yield from (line for line in f if line.strip())


def subsample(articles: Path, gold: Path, out_dir: Path, limit: int | None) -> tuple[Path, Path]:
    """The first `limit` articles and the gold records of the same ids (the files themselves without a limit)."""
    if not limit:
        return articles, gold
    out_dir.mkdir(parents=True, exist_ok=True)
    ids: set[str] = set()
    a_out, g_out = out_dir / articles.name, out_dir / gold.name
    with a_out.open("w", encoding="utf-8") as f:
        for i, line in enumerate(_lines(articles)):
            if i >= limit:
                break
            ids.add(str(json.loads(line)["id"]))
            f.write(line)
    with g_out.open("w", encoding="utf-8") as f:
        for line in _lines(gold):
            row = json.loads(line)
            if str(row.get("id", row.get("article_id"))) in ids:
                f.write(line)
    return a_out, g_out


def score(task: str, gold: Path, pred: Path, scorer: Path) -> dict[str, float]:
    """Figures printed by the eval kit's scorer (its last line with --json)."""
    done = subprocess.run([sys.executable, str(scorer), task, "--gold", str(gold), "--pred", str(pred), "--json"],
                          capture_output=True, text=True, check=True)
    last = [line for line in done.stdout.splitlines() if line.strip()][-1]
    return {k: v for k, v in json.loads(last).items() if isinstance(v, int | float) and not isinstance(v, bool)}


def figures(set_name: str, scores: dict[str, float]) -> list[Figure]:
    """Every targeted figure of a set (missing ones shown as None), then the others."""
    targeted = [(n, t) for (s, n), t in TARGETS.items() if s == set_name]
    out = [Figure(set_name, n, scores.get(n), t) for n, t in targeted]
    names = {n for n, _ in targeted}
    out += [Figure(set_name, n, v, None) for n, v in sorted(scores.items()) if n not in names]
    return out


def run(eval_dir: Path, out_dir: Path, sets: list[str], limit: int | None,
        extract: Callable[[Path, Path], None], geocode: Callable[[Path, Path], None] | None) -> list[Figure]:
    """Predict and score each chosen set; a set whose files or runner are missing is skipped with no figures."""
    scorer = eval_dir / "score.py"
    results: list[Figure] = []
    for name in sets:
        task, kind = SETS[name]
        articles, gold = eval_dir / "dev" / f"{name}.articles.jsonl", eval_dir / "dev" / f"{name}.gold.jsonl"
        if not articles.exists() or not gold.exists() or (kind == "geocode" and geocode is None):
            continue
        articles, gold = subsample(articles, gold, out_dir / "subsets", limit)
        pred = out_dir / f"{name}.pred.jsonl"
        (extract if kind == "extract" else geocode)(articles, pred)  # type: ignore[misc]
        results += figures(name, score(task, gold, pred, scorer))
    return results
