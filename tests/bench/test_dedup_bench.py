"""The dedup benchmark's scorer and generator: pair counting is right, the corpus is deterministic and labelled."""

from __future__ import annotations

from bench.dedup_bench import article_scores, choose_threshold, event_scores, pair_scores
from bench.dedup_corpus import articles, event_reports, load_cities


def test_pair_scores_counts_pairs() -> None:
    truth = {"a": "1", "b": "1", "c": "1", "d": "2"}
    assert pair_scores(truth, {"a": "x", "b": "x", "c": "x", "d": "y"})["f1"] == 1.0
    s = pair_scores(truth, {"a": "x", "b": "x", "c": "y", "d": "y"})  # 1 of 3 true pairs, 1 of 2 predicted wrong
    assert (s["true_pairs"], s["predicted_pairs"], s["precision"], s["recall"]) == (3, 2, 0.5, 0.3333)


def test_corpus_is_deterministic_and_labelled() -> None:
    assert len(load_cities()) >= 30
    one = [(x.article.id, x.article.text, x.story) for x in articles(20, seed=3)]
    assert one == [(x.article.id, x.article.text, x.story) for x in articles(20, seed=3)]
    stories = {s for _, _, s in one}
    assert any(s.endswith("b") for s in stories)  # look-alike siblings are there
    assert len(one) > len(stories)  # and syndicated copies
    reports = event_reports(10, seed=3)
    assert all(ev.article_id and ev.sources for ev, _ in reports)


def test_small_benchmark_meets_targets() -> None:
    arts = article_scores(150, thresholds=(0.62,))
    chosen = choose_threshold(arts["sweep"])
    assert chosen["precision"] >= 0.98 and chosen["recall"] >= 0.9
    ev = event_scores(200)
    assert ev["precision"] >= 0.9 and ev["recall"] >= 0.85
