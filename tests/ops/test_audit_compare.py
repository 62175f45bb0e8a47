"""ops/audit_compare.py: two coders laid out together, each scored on the verdicts of its own events."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "ops" / "audit_compare.py"


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("audit_compare", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _event(eid: str, start: int, confidence: float) -> dict:
    return {"event_id": eid, "article_id": "a-1", "confidence": confidence, "event_date": None,
            "event_type": "Battles", "sub_event_type": "Armed clash", "cameo_code": "190", "actor1": None,
            "actor2": None, "location": None, "fatalities": 0,
            "sources": [{"start": start, "sentence": f"Sentence {start}."}]}


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_each_coder_is_scored_on_its_own_events(tmp_path: Path) -> None:
    mod = _module()
    articles = _jsonl(tmp_path / "a.jsonl", [{"id": "a-1", "title": "T", "text": "Sentence 0. Sentence 20."}])
    before = _jsonl(tmp_path / "b.jsonl", [_event("x", 0, 0.9), _event("y", 20, 0.2)])
    after = _jsonl(tmp_path / "c.jsonl", [_event("x", 0, 0.9)])
    out = tmp_path / "audit"
    mod.union(articles, before, after, out)
    assert len((out / "union.jsonl").read_text().splitlines()) == 2  # "x" laid out once
    assert (out / "a_1.txt").exists()
    _jsonl(out / "verdicts_1.jsonl", [{"file": "a_1.txt", "index": 0, "verdict": "partial", "kind": "wrong_place"},
                                      {"file": "a_1.txt", "index": 1, "verdict": "wrong", "kind": "non_event"},
                                      {"file": "a_1.txt", "missed": [], "n_reportable_events_in_article": 2}])
    report = mod.score(out)
    assert report["before"]["precision"] == 0.25 and report["after"]["precision"] == 0.5
    assert report["after"]["right_or_partial"] == 1 and report["after"]["reportable"] == 2
    assert report["before"]["precision_by_confidence"]["0.8-1.0"] == {"n": 1, "precision": 0.5}


def test_one_id_coded_differently_is_judged_for_each_coder(tmp_path: Path) -> None:
    mod = _module()
    articles = _jsonl(tmp_path / "a.jsonl", [{"id": "a-1", "title": "T", "text": "Sentence 0."}])
    before = _jsonl(tmp_path / "b.jsonl", [_event("x", 0, 0.4) | {"actor2": {"name": "VOA"}}])
    after = _jsonl(tmp_path / "c.jsonl", [_event("x", 0, 0.4)])
    out = tmp_path / "audit"
    mod.union(articles, before, after, out)
    assert len((out / "union.jsonl").read_text().splitlines()) == 2  # the same id, two readings
    _jsonl(out / "verdicts_1.jsonl", [{"file": "a_1.txt", "index": 0, "verdict": "correct"},
                                      {"file": "a_1.txt", "index": 1, "verdict": "wrong"}])
    report = mod.score(out)
    assert sorted([report["before"]["precision"], report["after"]["precision"]]) == [0.0, 1.0]


def test_each_coder_is_banded_by_its_own_confidence(tmp_path: Path) -> None:
    mod = _module()
    articles = _jsonl(tmp_path / "a.jsonl", [{"id": "a-1", "title": "T", "text": "Sentence 0."}])
    before = _jsonl(tmp_path / "b.jsonl", [_event("x", 0, 0.95)])
    after = _jsonl(tmp_path / "c.jsonl", [_event("x", 0, 0.2)])
    out = tmp_path / "audit"
    mod.union(articles, before, after, out)
    _jsonl(out / "verdicts_1.jsonl", [{"file": "a_1.txt", "index": 0, "verdict": "wrong"}])
    report = mod.score(out)
    assert list(report["before"]["precision_by_confidence"]) == ["0.8-1.0"]
    assert list(report["after"]["precision_by_confidence"]) == ["0.0-0.3"]


def test_versions_of_one_happening_count_once_for_each_coder_whichever_is_listed_first(tmp_path: Path) -> None:
    """Both coders tell one statement twice (two codes), at different places: the judge flags the second of each
    pair as a duplicate of whatever came first, and each coder is held to one event for the happening."""
    mod = _module()
    articles = _jsonl(tmp_path / "a.jsonl", [{"id": "a-1", "title": "T", "text": "Sentence 0."}])
    before = _jsonl(tmp_path / "b.jsonl", [_event("x", 0, 0.5) | {"location": {"name": "Peru"}},
                                           _event("y", 0, 0.5) | {"location": {"name": "Peru"}}])
    after = _jsonl(tmp_path / "c.jsonl", [_event("x", 0, 0.5) | {"location": {"name": "Lima"}},
                                          _event("y", 0, 0.5) | {"location": {"name": "Lima"}}])
    out = tmp_path / "audit"
    mod.union(articles, before, after, out)
    events = [json.loads(line) for line in (out / "union.jsonl").read_text().splitlines()]
    assert len(events) == 4
    first = events[0]["location"]["name"]
    verdicts = [{"file": "a_1.txt", "index": 0, "verdict": "correct", "kind": "ok"}]
    verdicts += [{"file": "a_1.txt", "index": i, "verdict": "wrong", "kind": "duplicate", "duplicate_of": 0,
                  "alone": "correct", "alone_kind": "ok"} for i in (1, 2, 3)]
    _jsonl(out / "verdicts_1.jsonl", verdicts)
    report = mod.score(out)
    assert first in ("Lima", "Peru")
    assert report["before"]["precision"] == report["after"]["precision"] == 0.5  # one right, one duplicate each
