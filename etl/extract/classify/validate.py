"""Figures for choosing and reporting a classifier: per-class precision, recall and F1, macro and weighted F1, and a
reliability table with its expected calibration error. Pure functions over (gold, predicted) pairs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def f1_report(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Per gold label: precision, recall, F1 and support; macro and support-weighted F1; accuracy."""
    support = Counter(gold)
    predicted = Counter(pred)
    hits = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    rows = {}
    for lab in sorted(support):
        prec = hits[lab] / predicted[lab] if predicted[lab] else 0.0
        rec = hits[lab] / support[lab]
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "n": support[lab]}
    n = len(gold) or 1
    return {"n": len(gold), "accuracy": round(sum(hits.values()) / n, 4),
            "macro_f1": round(sum(r["f1"] for r in rows.values()) / (len(rows) or 1), 4),
            "weighted_f1": round(sum(r["f1"] * r["n"] for r in rows.values()) / n, 4), "per_class": rows}


def reliability(confidence: Sequence[float], correct: Sequence[bool], bins: int = 10) -> dict:
    """Ten equal-width confidence bins: count, mean confidence, accuracy; and the expected calibration error."""
    table = []
    ece = 0.0
    n = len(confidence) or 1
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidence) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not idx:
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": 0})
            continue
        conf = sum(confidence[i] for i in idx) / len(idx)
        acc = sum(correct[i] for i in idx) / len(idx)
        ece += len(idx) / n * abs(conf - acc)
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(idx), "confidence": round(conf, 4),
                      "accuracy": round(acc, 4)})
    high = [ok for c, ok in zip(confidence, correct, strict=True) if c >= 0.8]
    return {"bins": table, "ece": round(ece, 4),
            "precision_at_0.8": round(sum(high) / len(high), 4) if high else None, "n_at_0.8": len(high)}
