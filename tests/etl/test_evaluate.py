"""The benchmark's plumbing on a tiny kit written here: subsampling keeps gold and articles aligned, targets compare."""

from __future__ import annotations

import json
from pathlib import Path

from etl.evaluate import Figure, figures, run, subsample

SCORER = """
import json, sys
pred = [json.loads(l) for l in open(sys.argv[sys.argv.index('--pred') + 1]) if l.strip()]
print('table')
print(json.dumps({"pass_rate": 1.0 if pred else 0.0, "n": len(pred)}))
"""


def _kit(root: Path) -> Path:
    (root / "dev").mkdir(parents=True)
    (root / "score.py").write_text(SCORER, encoding="utf-8")
    (root / "dev" / "seed.articles.jsonl").write_text(
        "".join(json.dumps({"id": f"s{i}", "text": "x"}) + "\n" for i in range(3)), encoding="utf-8")
    (root / "dev" / "seed.gold.jsonl").write_text(
        "".join(json.dumps({"id": f"s{i}", "expect": []}) + "\n" for i in range(3)), encoding="utf-8")
    return root


def test_subsample_cuts_gold_to_the_same_ids(tmp_path: Path) -> None:
    kit = _kit(tmp_path / "kit")
    a, g = subsample(kit / "dev" / "seed.articles.jsonl", kit / "dev" / "seed.gold.jsonl", tmp_path / "sub", 2)
    ids = [json.loads(line)["id"] for line in g.read_text().splitlines()]
    assert ids == ["s0", "s1"] and len(a.read_text().splitlines()) == 2


def test_run_scores_with_the_kit_and_compares_targets(tmp_path: Path) -> None:
    kit = _kit(tmp_path / "kit")

    def fake_extract(articles: Path, pred: Path) -> None:
        pred.write_text("".join(json.dumps({"article_id": json.loads(line)["id"]}) + "\n"
                                for line in articles.read_text().splitlines()))

    out = run(kit, tmp_path / "out", ["seed", "gwn"], 2, fake_extract, None)
    by_name = {f.name: f for f in out}
    assert by_name["pass_rate"].value == 1.0 and by_name["pass_rate"].met is True
    assert by_name["n"].value == 2 and by_name["n"].target is None
    assert all(f.set == "seed" for f in out)  # gwn skipped: no files, no geocoder


def test_missing_figure_is_shown_not_met() -> None:
    f = figures("petr2", {"root_accuracy": 0.5})
    assert Figure("petr2", "root_accuracy", 0.5, 0.80) in f
    assert next(x for x in f if x.name == "triple_f1").met is None
