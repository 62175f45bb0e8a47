"""The dedup benchmark's scorer and generator: pair counting is right, the corpus is deterministic and labelled."""

from __future__ import annotations

from bench.dedup_bench import article_scores, brief_scores, choose_threshold, event_scores, pair_scores
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
    arts = article_scores(150, thresholds=(0.6,))
    chosen = choose_threshold(arts["sweep"])
    assert chosen["precision"] >= 0.98 and chosen["recall"] >= 0.9
    ev = event_scores(200)
    assert ev["precision"] >= 0.9 and ev["recall"] >= 0.85


def test_look_alike_briefs_are_not_chained() -> None:
    """A few hundred templated briefs (the 3,000-brief figures are in bench/dedup_results.json): each is its own story
    unless syndicated, so no cluster grows past an original and its copy."""
    scores = brief_scores(300, threshold=0.6)
    assert scores["largest_cluster"] <= 2
    assert scores["precision"] >= 0.99 and scores["recall"] >= 0.7


def test_choose_threshold_keeps_the_floor_and_the_briefs_precision() -> None:
    sweep = [{"threshold": t, "precision": 1.0, "recall": r, "f1": r} for t, r in ((0.5, 0.99), (0.6, 0.96),
                                                                                  (0.65, 0.93))]
    assert choose_threshold(sweep)["threshold"] == 0.6  # 0.5 recalls more but is below the real-text floor
    assert choose_threshold(sweep, briefs={0.6: 0.95, 0.65: 1.0})["threshold"] == 0.65
