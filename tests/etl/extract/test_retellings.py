"""The learned retellings stage, on events and articles written for these tests."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from etl.extract.retellings import (
    FEATURE_VERSION,
    MODEL_PATH,
    RetellingModel,
    features,
    fold_retellings,
    load_retellings,
    overlap,
    partner,
)
from etl.extract.retellings_train import examples, label_of, run, verdict_index
from schemas.models import Actor, Article, Event, Location, SourceRef

RAIDERS = Actor(name="Unidentified Armed Group (Sudan)", country="SDN", cameo="SDNUAF", inter=3, text="gunmen")
CIVILIANS = Actor(name="Civilians (Sudan)", country="SDN", cameo="SDNCVL", inter=7, text=None)
ARMY = Actor(name="Military Forces of Sudan", country="SDN", cameo="SDNMIL", inter=1, text="the army")
TOWN = Location(name="Um Ruwaba", admin1="North Kordofan", country="SDN", latitude=12.9, longitude=31.2,
                geo_precision=1, feature_type="city", text="Um Ruwaba")
LEAD = "Gunmen raided villages around the town of Um Ruwaba on Wednesday, killing at least 38 civilians."


def _ev(i: int, start: int, sentence: str, *, sub: str = "Attack", code: str = "180", cls: str = "political_violence",
        actor1: Actor | None = RAIDERS, actor2: Actor | None = CIVILIANS, toll: int = 0, main: bool = False,
        day: date | None = date(2026, 2, 4)) -> Event:
    return Event(event_id=f"e{i}", article_id="a", main=main, event_date=day, event_type="Violence against civilians",
                 sub_event_type=sub, event_class=cls, cameo_code=code, cameo_root=code[:2], quad_class=4,
                 goldstein=-9.0, plover_event="ATTACK", actor1=actor1, actor2=actor2, location=TOWN, fatalities=toll,
                 fatalities_reported=[toll], confidence=0.6, coder_version="t",
                 sources=[SourceRef(article_id="a", sentence=sentence, start=start, end=start + len(sentence))])


def test_a_retelling_and_a_separate_act_read_differently() -> None:
    lead = _ev(1, 0, LEAD, toll=38, main=True)
    retold = _ev(2, 200, "They set fire to homes and shot residents who ran.", sub="Attack", code="1823")
    apart = _ev(3, 400, "In a separate attack on Monday, gunmen killed two farmers near Kosti.", toll=2,
                day=date(2026, 2, 2))
    f_retold, f_apart = features(retold, [lead], 3000), features(apart, [lead, retold], 3000)
    assert f_retold["back_reference"] == 1.0 and f_retold["same_day"] == 1.0 and not f_retold["own_date"]
    assert f_apart["own_date"] == 1.0 and f_apart["days_apart"] == 1.0 and "same_day" not in f_apart
    assert partner(retold, [lead]) is lead and partner(lead, []) is None
    assert features(lead, [], 3000)["no_partner"] == 1.0
    assert overlap("Gunmen raided villages near Um Ruwaba", "the raid on villages near Um Ruwaba") > 0.5
    assert overlap("Gunmen raided villages", "The minister flew to Geneva") == 0.0


def test_a_likely_retelling_is_folded_with_its_sources_and_the_article_says_what_is_apart() -> None:
    always, never = RetellingModel({"bias": 10.0}, 0.5, "ret-test"), RetellingModel({"bias": -10.0}, 0.5, "ret-t")
    lead = _ev(1, 0, LEAD, toll=38, main=True)
    retold = _ev(2, 200, "They set fire to homes and shot residents who ran.", toll=40)
    apart = _ev(3, 400, "In a separate attack on Monday, gunmen killed two farmers near Kosti.", toll=2)
    folded = fold_retellings([apart, retold, lead], 3000, always)
    assert [e.event_id for e in folded] == ["e1", "e3"]  # the separate one stays, said so by the article
    assert len(folded[0].sources) == 2 and folded[0].main
    assert folded[0].fatalities in (38, 40)  # one toll of the article's figures, not their sum
    assert len(fold_retellings([lead, retold, apart], 3000, never)) == 3
    assert len(fold_retellings([lead, retold], 3000, None)) == 2  # no model shipped: nothing folded
    # the main event is never folded into another
    later_main = retold.model_copy(update={"main": True})
    assert len(fold_retellings([lead.model_copy(update={"main": False}), later_main], 3000, always)) == 2
    # two readings of one sentence are the rules' to fold: an expulsion and an accusation of one sentence stay two
    accused = _ev(4, 0, LEAD, code="112", cls="verbal_conflict")
    assert len(fold_retellings([lead, accused], 3000, always)) == 2


def test_the_model_is_a_probability_and_refuses_other_feature_versions() -> None:
    model = RetellingModel({"bias": -1.0, "same_day": 2.0}, 0.5, "ret-test")
    assert RetellingModel.from_json(json.loads(json.dumps(model.to_json()))) == model
    assert model.probability({"bias": 1.0}) < 0.5 < model.probability({"bias": 1.0, "same_day": 1.0})
    assert model.probability({"bias": 1.0, "same_day": 1e6}) <= 1.0
    with pytest.raises(ValueError, match="feature version"):
        RetellingModel.from_json({**model.to_json(), "feature_version": FEATURE_VERSION + "x"})


def test_the_shipped_model_and_its_card() -> None:
    model = load_retellings()
    assert model is not None and model.threshold == 0.5
    card = json.loads(MODEL_PATH.with_name("retellings.card.json").read_text())
    assert card["version"] == model.version and card["cross_validated"]["retellings"] > 100


def test_verdicts_label_retellings_and_leave_other_errors_out() -> None:
    assert label_of({"verdict": "wrong", "kind": "duplicate"}) == 1.0
    assert label_of({"verdict": "partial", "kind": "wrong_place"}) == 0.0
    assert label_of({"verdict": "wrong", "kind": "non_event"}) is None
    rows = [{"article_id": "a", "starts": [200], "cameo_code": "1823", "sub_event_type": "Attack",
             "verdict": "wrong", "kind": "duplicate"},
            {"article_id": "a", "starts": [0], "cameo_code": "180", "sub_event_type": "Attack", "verdict": "correct",
             "kind": "ok"},
            {"article_id": "a", "starts": [400], "cameo_code": "180", "sub_event_type": "Attack", "verdict": "wrong",
             "kind": "non_event"}]
    article = Article(id="a", text="x" * 3000, published_at=datetime(2026, 2, 5))
    evs = [_ev(1, 0, LEAD, toll=38, main=True), _ev(2, 200, "They set fire to homes.", code="1823"),
           _ev(3, 400, "Gunmen killed two farmers near Kosti.")]
    got = examples([(article, evs)], verdict_index(rows))
    assert [e.value for e in got] == [0.0, 1.0]


ARTICLE = ("GENEINA, Sudan, Feb 5 (Wire) - Gunmen raided three villages near Geneina on Wednesday, killing 12 "
           "civilians, local officials said. The attackers set fire to homes and looted livestock, residents said. "
           "Anyone who ran was shot, a witness said. In a separate attack on Tuesday, gunmen killed two farmers near "
           "Kosti. The army blamed the Rapid Support Forces, which denied it. ")


def test_training_end_to_end_on_written_articles(tmp_path: Path) -> None:
    from etl.extract import code_articles

    arts = [Article(id=f"w{i}", text=ARTICLE + "Officials gave no further details. " * 30,
                    published_at=datetime(2026, 2, 5)) for i in range(8)]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps({"id": a.id, "text": a.text, "published_at": "2026-02-05T10:00:00Z"}) + "\n"
                            for a in arts))
    rows = []
    for i, evs in enumerate(code_articles(arts[:1], retell=False) * len(arts)):
        for n, ev in enumerate(evs):
            rows.append({"article_id": f"w{i}", "starts": [ev.sources[0].start], "cameo_code": ev.cameo_code,
                         "sub_event_type": ev.sub_event_type, "verdict": "wrong" if n else "correct",
                         "kind": "duplicate" if n else "ok"})
    verdicts = tmp_path / "verdicts.jsonl"
    verdicts.write_text("".join(json.dumps(r) + "\n" for r in rows))
    card = run(path, verdicts, tmp_path / "retellings.json", workers=1)
    model = RetellingModel.from_json(json.loads((tmp_path / "retellings.json").read_text()))
    assert card["version"] == model.version and (tmp_path / "retellings.card.json").exists()
    assert card["cross_validated"]["events"] == len(rows) - len(arts)  # the separate attack says nothing  # type: ignore[index]
    assert run(path, verdicts, tmp_path / "again.json", workers=1)["version"] == model.version  # reproducible
