"""Validation for shift (issue 19): the classifier against the rules alone and a TF-IDF + logistic regression
baseline, on the dev notes of another period (../shared/eval/dev/acled2022) and leaving out each large origin of the
training file in turn (one export: a country or region and period). Uses the parse cache `newsevents train` fills.

    python bench/classifier_shift.py [all|dev|loo]

Prints one line per set and system: event-type accuracy and weighted F1, sub-type weighted and macro F1.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from etl.extract.classify import train as T
from etl.extract.classify.validate import f1_report
from etl.extract.lexicon import acled_types
from etl.settings import get_settings


def rule_sub(features: list[str]) -> str:
    """The rule coder's own sub-type, as the features record it."""
    sub = next((f[6:] for f in features if f.startswith("m_sub=")), "untyped")
    return "NONE" if sub == "untyped" else sub


def report(name: str, gold: list[str], pred: list[str]) -> None:
    types = acled_types()
    r = f1_report(gold, pred)
    t = f1_report([types.get(g, g) for g in gold], [types.get(p, p) for p in pred])
    print(f"{name:55s} n={r['n']:6d} type_acc={t['accuracy']:.4f} type_wF1={t['weighted_f1']:.4f} "
          f"sub_wF1={r['weighted_f1']:.4f} sub_mF1={r['macro_f1']:.4f}", flush=True)


def tfidf(train_texts: list[str], train_labels: list[str], test_texts: list[str]) -> list[str]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=300_000)
    lr = LogisticRegression(C=10, max_iter=100).fit(vec.fit_transform(train_texts), train_labels)
    return list(lr.predict(vec.transform(test_texts)))


def main(which: str = "all") -> None:
    settings = get_settings()
    cache = settings.cache_dir or settings.home / "cache"
    path = settings.train_file
    notes = T.read_acled(path)
    rows = T.cached_features(notes, cache, T.features_key(T.file_hash(path)), workers=2)
    dev_articles = settings.eval_dir / "dev" / "acled2022.articles.jsonl"
    dev = T.read_gold_notes(dev_articles, settings.eval_dir / "dev" / "acled2022.gold.jsonl")
    dev_rows = T.cached_features(dev, cache, T.features_key(T.file_hash(dev_articles)), workers=2)
    written, _ = T.split_written(T.read_written(), seed=T.TrainConfig().seed)
    written_rows = T.featurize(written, workers=1)
    labels, origins = [e.label for e in notes], [e.origin for e in notes]
    cfg = T.TrainConfig()
    if which in ("all", "dev"):
        gold = [e.label for e in dev]
        report("dev2022 rules", gold, [rule_sub(f) for f in dev_rows])
        clf = T.fit(rows + written_rows, labels + [e.label for e in written], cfg)
        report("dev2022 model", gold, [clf.predict(f)[0] for f in dev_rows])
        report("dev2022 tfidf", gold, tfidf([e.text for e in notes], labels, [e.text for e in dev]))
    if which in ("all", "loo"):
        for origin in [o for o, n in Counter(origins).most_common() if n >= 1000]:
            start = time.monotonic()
            train = [i for i, o in enumerate(origins) if o != origin]
            test = [i for i, o in enumerate(origins) if o == origin]
            clf = T.fit([rows[i] for i in train] + written_rows, [labels[i] for i in train]
                        + [e.label for e in written], cfg)
            gold = [labels[i] for i in test]
            report(f"LOO {origin} rules", gold, [rule_sub(rows[i]) for i in test])
            report(f"LOO {origin} model", gold, [clf.predict(rows[i])[0] for i in test])
            report(f"LOO {origin} tfidf", gold, tfidf([notes[i].text for i in train], [labels[i] for i in train],
                                                      [notes[i].text for i in test]))
            print(f"  fold seconds {time.monotonic() - start:.0f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "all")
