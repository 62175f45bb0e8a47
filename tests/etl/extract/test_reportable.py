"""The reportable stage: features of article candidates, the stored model, training on judged events."""

from __future__ import annotations

import json
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pytest
from spacy.language import Language

from etl.extract.coding import code_doc
from etl.extract.reportable import (
    FEATURE_VERSION,
    MODEL_PATH,
    WORD_VALUE,
    ReportableModel,
    _aspect,
    in_quotation,
    load_reportable,
)
from etl.extract.reportable_train import (
    MIN_WORD_EXAMPLES,
    Example,
    choose_threshold,
    feature_names,
    label,
    reliability,
    run,
)
from schemas.models import Article, Event

ARTICLE = (
    "Gunmen attacked a police station in the northern town of Kaura on Monday, killing three officers, police said. "
    "The attack was the third in the district this month. Residents said the gunmen arrived on motorcycles. "
    "The interior minister visited the town on Wednesday and met local leaders. "
    "\"We will not rest until they are caught,\" the governor said on Tuesday. Analysts say the violence could "
    "spread to neighbouring states if the army does not act. The governor has repeatedly called for more troops. "
    + "Officials gave no further details about the attack on the station. " * 20
)


def _article(text: str = ARTICLE) -> Article:
    return Article(id="a1", text=text, published_at=datetime(2024, 5, 14), url="https://example.org/a",
                   source="Example Wire")


def _tok(doc, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == word)


def test_how_the_trigger_is_told(nlp: Language) -> None:
    assert _aspect(_tok(nlp("Troops will attack the town."), "attack")) == "modal"
    assert _aspect(_tok(nlp("Troops attacked the town."), "attacked")) == "past"
    assert _aspect(_tok(nlp("Troops have attacked the town."), "attacked")) == "perfect"
    doc = nlp('"We will strike back," the general said.')
    assert in_quotation(doc[:], _tok(doc, "strike")) and not in_quotation(doc[:], _tok(doc, "said"))


def test_the_model_is_a_probability_and_refuses_other_feature_versions() -> None:
    model = ReportableModel({"bias": -1.0, "quoted": -2.0, "p_event": 3.0}, 0.3, "rep-test")
    again = ReportableModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again == model
    low, high = model.probability({"bias": 1, "quoted": 1}), model.probability({"bias": 1, "p_event": 1.0})
    assert 0.0 <= low < model.probability({"bias": 1}) < high <= 1.0
    assert model.probability({"bias": 1, "p_event": 1e6}) <= 1.0  # no overflow
    with pytest.raises(ValueError, match="feature version"):
        ReportableModel.from_json({**model.to_json(), "feature_version": FEATURE_VERSION + "x"})


def test_the_calibration_map_is_monotone_into_the_unit_interval_and_over_its_knots() -> None:
    """A candidate's confidence is the share right its probability stands for: a monotone map into [0, 1], read
    between the knots on a straight line, flat beyond them; no map leaves the probability as it is."""
    from etl.extract.reportable_train import calibration_map

    probs = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
    values = [0.0, 0.0, 0.5, 0.0, 0.5, 0.5, 1.0, 0.5, 1.0, 0.5, 0.5]  # over-confident at the top
    model = ReportableModel({"bias": 0.0}, 0.3, "rep-test", calibration_map(probs, values))
    assert ReportableModel.from_json(json.loads(json.dumps(model.to_json()))) == model
    grid = [i / 100 for i in range(101)]
    mapped = [model.calibrated(p) for p in grid]
    assert all(0.0 <= q <= 1.0 for q in mapped) and all(a <= b for a, b in pairwise(mapped))
    assert model.calibrated(0.95) < 0.95 and model.calibrated(0.0) == model.calibration[0][1]
    assert ReportableModel({"bias": 0.0}, 0.3, "rep-test").calibrated(0.42) == 0.42


def test_the_shipped_model_and_its_card() -> None:
    model = load_reportable()
    assert model is not None and 0.0 < model.threshold < 1.0
    card = json.loads(MODEL_PATH.with_name("reportable.card.json").read_text())
    assert card["version"] == model.version and card["training_data"]["judged_candidates"] > 100
    probs = [model.probability({"bias": 1.0, "p_event": p}) for p in (0.0, 0.5, 1.0)]
    assert all(0.0 <= p <= 1.0 for p in probs)
    mapped = [model.calibrated(i / 100) for i in range(101)]
    assert all(0.0 <= q <= 1.0 for q in mapped) and all(a <= b for a, b in pairwise(mapped))


def test_article_candidates_carry_features_and_the_stage_sets_confidence(nlp: Language) -> None:
    captured: list[tuple[Event, dict[str, float]]] = []
    plain = code_doc(nlp(ARTICLE), _article(), reportable=False, capture=captured)
    assert captured and all(f["bias"] == 1.0 for _, f in captured)
    staged = code_doc(nlp(ARTICLE), _article())
    model = load_reportable()
    assert model is not None
    assert len(staged) <= len(plain)
    assert all(model.threshold - 1e-4 <= e.confidence <= 1.0 for e in staged)


def test_a_short_report_is_not_judged_as_an_article_sentence(nlp: Language) -> None:
    text = "Gunmen attacked a police station in Kaura on Monday, killing three officers."
    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(text), _article(text), capture=captured)
    assert captured == []


def test_verdicts_label_candidates_by_sentence_and_root(nlp: Language) -> None:
    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(ARTICLE), _article(), reportable=False, capture=captured)
    ev = captured[0][0]
    start = ev.sources[0].start
    verdicts = [{"article_id": "a1", "starts": [start], "cameo_root": ev.cameo_root, "verdict": "partial"},
                {"article_id": "a1", "starts": [start], "cameo_root": "99", "verdict": "correct"}]
    examples = label(captured, verdicts)
    assert examples and all(e.value == 0.5 for e in examples)
    # a duplicate says the happening was told before (the fold's business), not whether it is news: left out, and
    # another verdict of the same sentence and root labels the candidate
    duplicate = {"article_id": "a1", "starts": [start], "cameo_root": ev.cameo_root, "verdict": "wrong",
                 "kind": "duplicate"}
    assert not label(captured, [duplicate])
    assert all(e.value == 0.5 for e in label(captured, [duplicate, verdicts[0]]))


def test_a_judge_who_listed_the_missed_events_labels_every_candidate_of_the_article(nlp: Language) -> None:
    from etl.extract.reportable_train import _missed_values

    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(ARTICLE), _article(), reportable=False, capture=captured)
    visit = next(ev for ev, _ in captured if ev.cameo_code == "042")  # the minister's visit, which no coder showed
    attack = next(ev for ev, _ in captured if ev.sources[0].start == 0)
    shown = {"article_id": "a1", "starts": [0], "cameo_root": attack.cameo_root, "verdict": "correct", "kind": "ok"}
    partial = {"article_id": "zz", "starts": [0], "cameo_root": "19", "verdict": "partial", "kind": "wrong_place"}
    missed = [{"article_id": "a1", "quote": "The interior minister visited the town", "kind": "verbal"}]
    # without the list, a candidate no judge saw says nothing; with it, each is labelled, but for the other readings
    # of a missed act: one act, one label (its surest reading's)
    assert len(label(captured, [shown, partial])) < len(captured)
    readings = [i for i, (ev, _) in enumerate(captured)
                if ev.sources[0].start == visit.sources[0].start and ev.event_class == visit.event_class]
    examples = label(captured, [shown, partial], missed)
    assert len(examples) == len(captured) - (len(readings) - 1)
    values = _missed_values(captured, missed, 0.75)  # the real happenings' mean verdict (one right, one partial)
    surest = max(readings, key=lambda i: captured[i][0].confidence)
    assert values[surest] == pytest.approx(0.75)
    assert not any(i in values for i in readings if i != surest)
    assert all(e.value == 1.0 for e, (ev, _) in zip(label(captured, [shown]), captured, strict=False)
               if ev.cameo_root == attack.cameo_root and ev.sources[0].start == 0)
    # a second reading of the same act (a meeting read beside the visit) is left out, whichever comes first
    meeting = visit.model_copy(update={"cameo_code": "043", "confidence": round(visit.confidence / 2, 4)})
    two = [(meeting, {}), (visit, {})]
    assert _missed_values(two, missed, 0.75) == {1: 0.75}
    # a candidate of a sentence the judge named nothing in is wrong
    others = [v for i, v in values.items() if captured[i][0].sources[0].start not in (0, visit.sources[0].start)]
    assert others and all(v == 0.0 for v in others)
    # a missed event of another class labels nothing
    other_class = _missed_values(captured, [{**missed[0], "kind": "demonstration"}], 0.75)
    assert other_class and all(v == 0.0 for v in other_class.values())


def test_threshold_and_reliability_on_a_known_case() -> None:
    probs = [0.9, 0.8, 0.7, 0.2, 0.1, 0.1] * 20
    values = [1.0, 1.0, 1.0, 0.0, 0.0, 0.0] * 20
    t = choose_threshold(probs, values)
    assert 0.2 < t <= 0.7  # right and wrong apart: the threshold parts them
    # thresholds from 0.125 to 0.4 keep the same candidates (the best F1); 0.425 drops a right one and a wrong one,
    # an F1 the bootstrap tells apart: the highest of the thresholds it cannot tell apart keeps the surer events
    probs2 = [0.9, 0.6, 0.6, 0.42, 0.4, 0.1] * 20
    values2 = [1.0, 1.0, 0.0, 1.0, 0.0, 0.0] * 20
    assert choose_threshold(probs2, values2) == 0.4
    table, ece = reliability(probs, values)
    assert sum(row["n"] for row in table) == len(probs) and 0.0 <= ece <= 1.0


def _written_training_set(nlp: Language, tmp_path: Path) -> tuple[Path, Path, int]:
    """Four written articles and verdicts for their candidates (every other one right): (articles, verdicts, n)."""
    articles = tmp_path / "articles.jsonl"
    texts = {f"w{i}": ARTICLE.replace("Kaura", town) for i, town in enumerate(("Kaura", "Zango", "Birnin", "Dutse"))}
    articles.write_text("".join(json.dumps({"id": k, "text": v, "published_at": "2024-05-14T08:00:00Z",
                                            "url": f"https://example.org/{k}", "source": "Example Wire"}) + "\n"
                                for k, v in texts.items()))
    rows = []
    for k, v in texts.items():
        captured: list[tuple[Event, dict[str, float]]] = []
        code_doc(nlp(v), _article(v).model_copy(update={"id": k}), reportable=False, capture=captured)
        rows += [{"article_id": k, "starts": [ev.sources[0].start], "cameo_root": ev.cameo_root,
                  "verdict": "correct" if n % 2 == 0 else "wrong"} for n, (ev, _) in enumerate(captured)]
    verdicts = tmp_path / "verdicts.jsonl"
    verdicts.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return articles, verdicts, len(rows)


def test_training_end_to_end_on_a_written_article(nlp: Language, tmp_path: Path) -> None:
    articles, verdicts, n = _written_training_set(nlp, tmp_path)
    out = tmp_path / "reportable.json"
    card = run(articles, verdicts, out)
    model = ReportableModel.from_json(json.loads(out.read_text()))
    assert card["version"] == model.version and out.with_name("reportable.card.json").exists()
    assert model.calibration and card["confidence"]["knots"] == len(model.calibration)  # type: ignore[index]
    assert card["training_data"]["judged_candidates"] == n  # type: ignore[index]


def test_a_fit_on_other_candidates_gets_another_version(nlp: Language, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import etl.extract.reportable_train as training

    articles, verdicts, _ = _written_training_set(nlp, tmp_path)
    first = run(articles, verdicts, tmp_path / "a.json")["version"]
    assert run(articles, verdicts, tmp_path / "b.json")["version"] == first  # the same fit, the same version
    real = training.candidates
    monkeypatch.setattr(training, "candidates", lambda arts: [(ev, {**f, "quoted": 1.0}) for ev, f in real(arts)])
    assert run(articles, verdicts, tmp_path / "c.json")["version"] != first  # same verdicts, other candidates


def test_written_articles_are_scored_with_the_real_ones_and_reported_apart(nlp: Language, tmp_path: Path) -> None:
    articles, verdicts, n = _written_training_set(nlp, tmp_path)
    lines = articles.read_text().splitlines()
    real, written = tmp_path / "real.jsonl", tmp_path / "written.jsonl"
    real.write_text("\n".join(lines[:2]) + "\n")
    written.write_text("\n".join(lines[2:]) + "\n")
    card = run(real, verdicts, tmp_path / "r.json", extra_articles=[written])
    data, cv = card["training_data"], card["cross_validated"]
    assert data["judged_candidates"] + data["judged_written_candidates"] == n  # type: ignore[index]
    assert data["judged_written_candidates"] > 0 and "written_articles" in cv  # type: ignore[index,operator]


def test_the_word_that_told_it_and_the_articles_focus_are_features(nlp: Language) -> None:
    text = ARTICLE.replace("Officials gave", "A court in Paris, France, said it had no news. Officials gave", 1)
    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(text), _article(text), reportable=False, capture=captured)
    assert any(k.startswith("lemma=") for _, f in captured for k in f)
    focus = [ev.location.country for ev, _ in captured if ev.location is not None]
    assert all(("place_off_focus" in f) == (ev.location is not None and ev.location.country != max(
        set(focus), key=focus.count)) for ev, f in captured)


def test_a_sentences_common_words_and_where_a_kind_is_told_are_features(nlp: Language) -> None:
    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(ARTICLE), _article(), reportable=False, capture=captured)
    lead = next(f for ev, f in captured if ev.sources[0].start == 0)
    assert lead.get("w=attacked") == WORD_VALUE and lead.get("w=station") == WORD_VALUE
    assert not any(k in lead for k in ("w=gunmen", "w=Gunmen", "w=kaura", "w=Kaura"))  # names and a capital: no
    assert any(k.startswith("pos&class=le0&") for k in lead)
    assert any(k.startswith("a1_inter&class=") for k in lead)


def test_an_undated_articles_events_are_not_told_apart_by_a_date_none_of_them_can_have(nlp: Language) -> None:
    """With no publication date, no event is dated by the story's day: that says nothing of whether it happened, so
    the article is marked undated instead of every event counting as one of unknown time."""
    undated = _article().model_copy(update={"published_at": None})
    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(ARTICLE), undated, reportable=False, capture=captured)
    lead = next(f for ev, f in captured if ev.sources[0].start == 0)
    assert lead.get("article_undated") == 1.0 and not any(k.startswith("time_prec=") for k in lead)
    dated: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(ARTICLE), _article(), reportable=False, capture=dated)
    lead = next(f for ev, f in dated if ev.sources[0].start == 0)
    assert "article_undated" not in lead and any(k.startswith("time_prec=") for k in lead)


def test_a_word_few_candidates_have_is_no_feature() -> None:
    common = [Example(f"a{i}", {"bias": 1.0, "w=attacked": WORD_VALUE}, 1.0) for i in range(MIN_WORD_EXAMPLES)]
    rare = Example("r", {"bias": 1.0, "w=kaura": WORD_VALUE, "lemma=attack": 1.0}, 0.0)
    assert feature_names([*common, rare]) == ["bias", "lemma=attack", "w=attacked"]


def test_articles_keep_a_late_date_their_writer_gave_when_asked(tmp_path: Path) -> None:
    """A feed drops a publication date after the clock; training reads written articles with the dates the judges
    read them with, however late."""
    from datetime import UTC

    from etl.extract import articles_from_jsonl

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "w1", "text": "Police arrested ten protesters in the capital on Monday.",
                                "published_at": "2999-05-04T10:00:00Z"}) + "\n", encoding="utf-8")
    assert next(iter(articles_from_jsonl(path))).published_at is None
    late = next(iter(articles_from_jsonl(path, now=datetime(9000, 1, 1, tzinfo=UTC)))).published_at
    assert late is not None and late.year == 2999


def test_a_missed_strategic_development_labels_a_material_act_acled_types_no_sub_type_of(nlp: Language) -> None:
    """Judges list an arrest, a deployment or a truce as a strategic development; the coder files one ACLED gives no
    sub-type as CAMEO's "other" class, which is the same happening all the same."""
    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(ARTICLE), _article(), reportable=False, capture=captured)
    visit = next(ev for ev, _ in captured if ev.cameo_code == "042")
    other = visit.model_copy(update={"cameo_code": "173", "cameo_root": "17", "event_class": "other"})
    pairs = [(other, {"bias": 1.0})]
    missed = {"article_id": "a1", "quote": "The interior minister visited the town"}
    assert [e.value for e in label(pairs, [], [{**missed, "kind": "strategic_development"}])] == [0.5]
    assert [e.value for e in label(pairs, [], [{**missed, "kind": "demonstration"}])] == [0.0]


def test_another_reading_of_an_act_a_judge_saw_in_its_sentence_is_no_label(nlp: Language) -> None:
    """"Rockets landed ..., wounding three" read as an assault and as a shelling: the judge saw one of them; the
    other is the same happening told with another code (the fold's business), neither news nor not: left out."""
    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(ARTICLE), _article(), reportable=False, capture=captured)
    attack = next(ev for ev, _ in captured if ev.sources[0].start == 0 and ev.cameo_root in ("18", "19"))
    shelling = attack.model_copy(update={"cameo_code": "194", "cameo_root": "19" if attack.cameo_root == "18"
                                         else "18"})
    pairs = [(attack, {"bias": 1.0}), (shelling, {"bias": 1.0})]
    shown = {"article_id": "a1", "starts": [0], "cameo_root": attack.cameo_root, "verdict": "correct", "kind": "ok"}
    missed = [{"article_id": "a1", "quote": "The interior minister visited the town", "kind": "verbal"}]
    assert [e.value for e in label(pairs, [shown], missed)] == [1.0]
    # with no judged act in its sentence, an unseen act of an article labelled whole is still wrong
    elsewhere = {**shown, "starts": [5000]}
    assert [e.value for e in label(pairs, [elsewhere], missed)] == [0.0, 0.0]
