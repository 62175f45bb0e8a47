"""`newsevents train` end to end on a tiny training file written for this test (seconds, no parallel parse)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from etl.cli import app
from etl.extract.classify.model import EventClassifier
from etl.extract.classify.train import TrainConfig, class_weights, run_training

TINY = Path(__file__).parent / "data" / "tiny_train.jsonl"


def test_train_writes_a_model_that_loads_and_predicts_the_same_twice(tmp_path: Path) -> None:
    out = tmp_path / "model"
    card = run_training(TINY, out, validation=None, cache=tmp_path / "cache", workers=1, written=None,
                        cfg=TrainConfig(min_count=1, max_iter=200))
    saved = json.loads((out / "card.json").read_text())
    assert saved["version"] == card["version"] and saved["training_data"]["rows"] == 48
    assert saved["training_data"]["sha256"] and saved["training_data"]["classes"]["Armed clash"] == 12
    assert "ACLED" in saved["training_data"]["source"]
    clf = EventClassifier.load(out)
    texts = ["Soldiers clashed with rebels near the river, leaving four fighters dead.",
             "Hundreds of teachers marched through the city to demand higher pay."]
    from etl.extract.classify.features import span_features
    from etl.extract.nlp import load_nlp

    nlp = load_nlp()
    rows = [span_features(nlp(t), []) for t in texts]
    first = [clf.predict(r)[0] for r in rows]
    again = [EventClassifier.load(out).predict(r)[0] for r in rows]
    assert first == again
    assert first[0] == "Armed clash" and first[1] == "Peaceful protest"


def test_training_twice_gives_the_same_model(tmp_path: Path) -> None:
    cards = [run_training(TINY, tmp_path / f"m{k}", validation=None, cache=tmp_path / "cache", workers=1,
                          written=None, cfg=TrainConfig(min_count=1, max_iter=200)) for k in range(2)]
    assert cards[0]["version"] == cards[1]["version"]


def test_the_command_runs_and_reports(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from etl.settings import get_settings

    monkeypatch.setenv("NEWSEVENTS_HOME", str(tmp_path / "home"))
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["train", "--train-file", str(TINY), "--out", str(tmp_path / "m"),
                                      "--validation", "", "--news", "", "--workers", "1", "--no-written"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "weights.npz").exists() and (tmp_path / "m" / "card.json").exists()
    assert (tmp_path / "home" / "cache").is_dir()  # the parse cache went under the home, not the checkout
    get_settings.cache_clear()


def test_a_missing_training_file_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "--train-file", str(tmp_path / "none.jsonl.gz")])
    assert result.exit_code == 2 and "No training file" in result.output


def test_class_weights_damp_the_majority() -> None:
    w = class_weights(["a"] * 100 + ["b"] * 4, power=0.5, cap=30)
    assert w["a"] == 1.0 and np.isclose(w["b"], 5.0)
