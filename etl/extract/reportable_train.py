"""Training the reportable stage from judged events of full articles.

Input: articles (the extractor's JSONL) and verdicts, one JSON line per judged event: `article_id`, the sentence
offsets of its sources (`starts`), its `cameo_root`, and the judge's `verdict` (correct, partial, wrong). The coder
runs on the articles with the stage off and hands back every candidate with its features; a candidate takes the
verdict of the judged event whose sources hold its sentence (same CAMEO root). The judges saw only what a coder
of the time kept, so the candidates it dropped would be unknown; where the judge also listed the reportable events
no shown event found (`missed`, one JSON line each: `article_id`, a `quote` of its words, its `kind`), every
candidate of the article is labelled: one whose sentence holds a missed event's quote, of that event's class, is a
real happening coded as real happenings judged were coded (its surest reading takes their mean verdict, and the
other readings of its class in that sentence are left out: one act, one label), and any other candidate no judge saw
is wrong, since the judge read
the whole article and named no event it could be, unless a judge saw an act of force or protest in its sentence
and it is another reading of one (the same happening under another code: the fold's business, not a label).
Elsewhere candidates no judge saw are left out.
The model is a logistic regression (correct 1, wrong 0, partial half of each); its regularisation and the
threshold are chosen by cross-validation over whole articles (no article's events in both sides of a split), so
the figures in the card are those of articles the model did not see.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from etl.extract.classify.stage import ACLED_SCOPE_ROOTS
from etl.extract.reportable import FEATURE_VERSION, WORD, ReportableModel
from schemas.models import Article, Event

VERDICT_VALUE = {"correct": 1.0, "partial": 0.5, "wrong": 0.0}
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 8
SEED = 13
MIN_WORD_EXAMPLES = 10
TRAINING_VERSION = "10"  # what the training fits (kept in the version hash)
QUOTE_CHARS = 50  # a missed event's quote is matched by its first words: judges quote loosely towards the end
NOT_HAPPENINGS = frozenset({"duplicate", "non_event", "crime"})  # verdict kinds of no real happening as coded
MISSED_CLASSES = {"political_violence": ("political_violence",), "demonstration": ("demonstration",),
                  # the material acts ACLED types no sub-type of (an arrest of no political weight, a deployment,
                  # a truce, sanctions: class "other") are what judges list as strategic developments
                  "strategic_development": ("strategic_development", "other"),
                  "verbal": ("verbal_cooperation", "verbal_conflict")}


@dataclass(frozen=True)
class Example:
    article_id: str
    features: dict[str, float]
    value: float  # 1 right, 0 wrong, 0.5 partly right


def read_verdicts(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def candidates(articles: Sequence[Article], batch_size: int = 16) -> list[tuple[Event, dict[str, float]]]:
    """Every candidate of the articles' full-article sentences with its features (the stage off)."""
    from etl.extract.coding import code_doc
    from etl.extract.nlp import load_nlp

    nlp = load_nlp()
    out: list[tuple[Event, dict[str, float]]] = []
    for doc, art in zip(nlp.pipe((a.text for a in articles), batch_size=batch_size), articles, strict=True):
        code_doc(doc, art, reportable=False, capture=out)
    return out


def _norm(text: str) -> str:
    """Text as a quote is matched: quotation marks and apostrophes of one kind, spaces collapsed, lower case."""
    for a, b in (("“", '"'), ("”", '"'), ("’", "'"), ("‘", "'")):
        text = text.replace(a, b)
    return " ".join(text.split()).lower()


def real_happening_value(verdicts: Sequence[dict[str, object]]) -> float:
    """The mean verdict of judged events that tell a real happening of the article (not a non-event, a retelling
    or ordinary crime): how right a candidate of a happening the judges found is, sides and place as coded."""
    values = [VERDICT_VALUE[str(v["verdict"])] for v in verdicts
              if str(v.get("verdict")) in VERDICT_VALUE and v.get("kind") not in NOT_HAPPENINGS]
    return sum(values) / len(values) if values else 0.5


def _missed_values(cands: Sequence[tuple[Event, dict[str, float]]], missed: Sequence[dict[str, object]],
                   value: float) -> dict[int, float]:
    """The label of each candidate (by position) of an article whose judge listed what was missed: `value` for the
    surest candidate of a missed event's class in the sentence that holds its quote (the other readings of that act
    absent: no label), 0 for the others."""
    told: dict[str, list[tuple[str, str]]] = {}
    for m in missed:
        quote = _norm(str(m.get("quote") or ""))[:QUOTE_CHARS]
        if quote:
            told.setdefault(str(m["article_id"]), []).append((quote, str(m.get("kind"))))
    groups: dict[tuple[str, int, str], list[int]] = {}
    hits: Counter[tuple[str, int, str]] = Counter()
    out: dict[int, float] = {}
    for i, (ev, _) in enumerate(cands):
        if ev.article_id not in told or not ev.sources:
            continue
        out[i] = 0.0
        key = (ev.article_id, ev.sources[0].start or 0, str(ev.event_class))
        groups.setdefault(key, []).append(i)
        sentence = _norm(ev.sources[0].sentence or "")
        if key not in hits:
            hits[key] = sum(1 for quote, kind in told[ev.article_id]
                            if quote in sentence and str(ev.event_class) in MISSED_CLASSES.get(kind, ()))
    for key, members in groups.items():
        if not hits[key]:
            continue
        # a missed act is one happening however many readings of it the sentence gives (an attack, a killing and a
        # bombing of one blast): its surest readings, as many as the judge listed, take the label, and the others
        # are left out, the fold's business, as a judged act's other readings are
        surest = sorted(members, key=lambda i: (-cands[i][0].confidence, i))[:hits[key]]
        for i in members:
            if i in surest:
                out[i] = value
            else:
                del out[i]
    return out


def label(cands: Iterable[tuple[Event, dict[str, float]]], verdicts: Sequence[dict[str, object]],
          missed: Sequence[dict[str, object]] = ()) -> list[Example]:
    """Candidates with the verdict of the judged event that holds their sentence and CAMEO root; in an article whose
    missed events were listed, the others labelled by them (see the module's docstring). A verdict of
    "duplicate" is left out: it says that the happening was told before, which the fold of one happening's tellings
    decides (etl.extract.happenings), not whether it is news; as a label it taught the stage that the acts news
    retells most (a lead's attack, told again in the body and coded twice in its own sentence) are seldom right."""
    index: dict[tuple[str, int, str], float] = {}
    duplicates: set[tuple[str, int, str]] = set()
    acts_shown: set[tuple[str, int]] = set()  # sentences where a judge saw an act of force or protest
    for v in verdicts:
        value = VERDICT_VALUE.get(str(v.get("verdict")))
        for start in v["starts"]:  # type: ignore[attr-defined]
            key = (str(v["article_id"]), int(start), str(v["cameo_root"]))
            if key[2] in ACLED_SCOPE_ROOTS:  # an act of force or protest, under any of its roots
                acts_shown.add(key[:2])
            if v.get("kind") == "duplicate":
                duplicates.add(key)
            elif value is not None:
                index.setdefault(key, value)
    cands = list(cands)
    unseen = _missed_values(cands, missed, real_happening_value(verdicts)) if missed else {}
    out = []
    for i, (ev, feats) in enumerate(cands):
        start = ev.sources[0].start if ev.sources and ev.sources[0].start is not None else -1
        key = (ev.article_id, start, ev.cameo_root)
        value = index.get(key)
        # another reading of an act a judge saw in the same sentence ("rockets landed ..., wounding three": an
        # assault and a shelling) is that happening told with another code, which the fold of one happening's
        # readings decides, not whether it is news: left out, as a duplicate is
        other_reading = ev.cameo_root in ACLED_SCOPE_ROOTS and key[:2] in acts_shown
        if value is None and key not in duplicates and not other_reading:
            value = unseen.get(i)
        if value is not None:
            out.append(Example(ev.article_id, feats, value))
    return out


def feature_names(examples: Sequence[Example]) -> list[str]:
    """Every feature the examples have, but a sentence's word only when MIN_WORD_EXAMPLES candidates have it: a
    rarer word says more about one story than about how stories are told."""
    counts = Counter(k for e in examples for k in e.features)
    return sorted(k for k, n in counts.items() if not k.startswith(WORD) or n >= MIN_WORD_EXAMPLES)


def _design(examples: Sequence[Example], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows doubled for partial verdicts: a right row and a wrong row, each of weight one half."""
    col = {n: j for j, n in enumerate(names)}
    rows, ys, ws = [], [], []
    for ex in examples:
        x = np.zeros(len(names))
        for k, v in ex.features.items():
            if k in col:
                x[col[k]] = v
        for y, w in ((1, ex.value), (0, 1.0 - ex.value)):
            if w > 0:
                rows.append(x)
                ys.append(y)
                ws.append(w)
    return np.array(rows), np.array(ys), np.array(ws)


def fit_logistic(examples: Sequence[Example], names: list[str], c: float) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    x, y, w = _design(examples, names)
    lr = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)  # "bias" is a feature of every row
    lr.fit(x, y, sample_weight=w)
    return {n: float(b) for n, b in zip(names, lr.coef_[0], strict=True) if abs(b) > 1e-9}


def _folds(examples: Sequence[Example], k: int) -> list[set[str]]:
    arts = sorted({e.article_id for e in examples})
    random.Random(SEED).shuffle(arts)
    return [set(arts[i::k]) for i in range(k)]


def cross_validated(examples: Sequence[Example], names: list[str], c: float, k: int = FOLDS) -> list[float]:
    """Each example's probability from a model trained without its article."""
    probs = [0.0] * len(examples)
    for held in _folds(examples, k):
        train = [e for e in examples if e.article_id not in held]
        model = ReportableModel(fit_logistic(train, names, c), 0.0, "cv")
        for i, e in enumerate(examples):
            if e.article_id in held:
                probs[i] = model.probability(e.features)
    return probs


def roc_auc(probs: Sequence[float], values: Sequence[float]) -> float | None:
    """Area under the ROC curve of right (at least half right) against wrong candidates; None for one class."""
    ys = [v >= 0.5 for v in values]
    if all(ys) or not any(ys):
        return None
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(ys, probs)), 3)


KNOT_DIGITS = 4


def calibration_map(probs: Sequence[float], values: Sequence[float]) -> tuple[tuple[float, float], ...]:
    """A monotone map from the model's probability to the share right (isotonic regression, partial verdicts as
    half), as knots: the logistic fit's probabilities are close on average but over-confident at the top."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit(np.asarray(probs, dtype=float), np.asarray(values, dtype=float))
    knots: list[tuple[float, float]] = []
    for x, y in zip(iso.X_thresholds_, iso.y_thresholds_, strict=True):
        knot = (round(float(x), KNOT_DIGITS), round(float(y), KNOT_DIGITS))
        if not knots or knot[0] > knots[-1][0]:
            knots.append(knot)
    return tuple(knots)


def cross_calibrated(examples: Sequence[Example], probs: Sequence[float], values: Sequence[float],
                     k: int = FOLDS) -> list[float]:
    """Each example's calibrated confidence from a map fitted without its article's fold: the calibration's own
    figures, held out as the model's are."""
    out = [0.0] * len(examples)
    for held in _folds(examples, k):
        fit = [i for i, e in enumerate(examples) if e.article_id not in held]
        knots = calibration_map([probs[i] for i in fit], [values[i] for i in fit])
        mapped = ReportableModel({}, 0.0, "cv", knots)
        for i, e in enumerate(examples):
            if e.article_id in held:
                out[i] = mapped.calibrated(probs[i])
    return out


def log_loss(probs: Sequence[float], values: Sequence[float]) -> float:
    eps = 1e-6
    return float(-np.mean([v * np.log(max(p, eps)) + (1 - v) * np.log(max(1 - p, eps))
                           for p, v in zip(probs, values, strict=True)]))


def reliability(probs: Sequence[float], values: Sequence[float],
                bins: int = 10) -> tuple[list[dict[str, object]], float]:
    """10-bin reliability table and expected calibration error."""
    table, ece, n = [], 0.0, len(probs)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if not idx:
            continue
        conf = float(np.mean([probs[i] for i in idx]))
        acc = float(np.mean([values[i] for i in idx]))
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(idx), "mean_confidence": round(conf, 3),
                      "share_right": round(acc, 3)})
        ece += len(idx) / n * abs(conf - acc)
    return table, round(ece, 4)


def _curve(probs: np.ndarray, values: np.ndarray, thresholds: Sequence[float]
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision (partly right counts half; 1 when nothing is kept), recall of the right ones and the number kept,
    at each threshold."""
    kept = probs[None, :] >= np.asarray(thresholds, dtype=float)[:, None]
    right = (kept * values[None, :]).sum(axis=1)
    n_kept = kept.sum(axis=1)
    total = values.sum()
    prec = np.where(n_kept > 0, right / np.maximum(n_kept, 1), 1.0)
    rec = right / total if total else np.zeros(len(n_kept))
    return prec, rec, n_kept


def precision_recall(probs: Sequence[float], values: Sequence[float], t: float) -> tuple[float, float, int]:
    """Precision (partly right counts half) of the candidates kept at threshold `t`, recall of the right ones."""
    prec, rec, n_kept = _curve(np.asarray(probs, dtype=float), np.asarray(values, dtype=float), [t])
    return float(prec[0]), float(rec[0]), int(n_kept[0])


def choose_threshold(probs: Sequence[float], values: Sequence[float], rounds: int = 500, seed: int = 7,
                     groups: Sequence[str] | None = None) -> float:
    """The highest threshold whose F1 of right candidates on held-out articles is within one bootstrap standard
    error of the best one's (precision and recall weigh alike in the F1). Among thresholds the data cannot tell apart
    the one that keeps fewer, surer events wins: the feed's users take what it gives, and on fresh articles judged
    after the fit the candidates just above a lower threshold were right far less often than the cross-validation
    said (rounds 65-66: 0.10 of 15 between 0.30 and 0.35; docs/classifier.md, twenty-eighth session). Until then
    the lowest was taken, so as to lose fewer events. With `groups` (each
    candidate's article) the bootstrap draws whole articles, as the cross-validation holds them out: the candidates
    of one article are judged by one judge and coded by one reading, so they do not vary independently."""
    grid = [round(float(x), 3) for x in np.arange(0.05, 0.95, 0.025)]  # rounded as it is stored
    p_arr, v_arr = np.asarray(probs, dtype=float), np.asarray(values, dtype=float)

    def f1s(p: np.ndarray, v: np.ndarray) -> np.ndarray:
        prec, rec, _ = _curve(p, v, grid)
        return np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0.0)

    f = f1s(p_arr, v_arr)
    best = int(np.argmax(f))
    rng = np.random.default_rng(seed)
    gaps: list[np.ndarray] = []
    members: list[np.ndarray] = []
    if groups is not None:
        by: dict[str, list[int]] = {}
        for k, gname in enumerate(groups):
            by.setdefault(gname, []).append(k)
        members = [np.asarray(v) for v in by.values()]
    for _ in range(rounds):
        if members:
            i = np.concatenate([members[j] for j in rng.integers(0, len(members), len(members))])
        else:
            i = rng.integers(0, len(v_arr), len(v_arr))
        g = f1s(p_arr[i], v_arr[i])
        gaps.append(g[best] - g)
    spread = np.std(np.asarray(gaps), axis=0)
    close = [k for k in range(len(grid)) if f[best] - f[k] <= spread[k]]
    return grid[max(close)]


def run(articles_path: Path, verdicts_path: Path, out: Path, extra_articles: Sequence[Path] = (),
        negative_articles: Sequence[Path] = (), missed_path: Path | None = None,
        progress: Callable[[str], None] = lambda _: None) -> dict[str, object]:
    """Train, cross-validate, write the model and its card; returns the card. Articles of `articles_path` (real
    news) and `extra_articles` (articles written for the project's judged rounds) are cross-validated article by
    article together: the real ones alone are too few to choose a threshold on, and the figures of each are
    reported apart. `negative_articles` hold no event an analyst records (ordinary news written for the project:
    sport, business, crime, weather): every candidate of theirs is wrong; they are cross-validated with the others,
    because a feed reads such news every day, and their figures are reported apart. `missed_path`: the events
    the judges listed as missed (see `label`)."""
    from etl.extract import articles_from_jsonl

    verdicts = read_verdicts(verdicts_path)
    missed = read_verdicts(missed_path) if missed_path is not None else []
    wanted = {str(v["article_id"]) for v in verdicts}
    # the dates the articles' writers gave them, however late, are the ones the judges read them with
    judged_day = datetime(9000, 1, 1, tzinfo=UTC)
    real = [a for a in articles_from_jsonl(articles_path, now=judged_day) if a.id in wanted]
    written = [a for p in extra_articles for a in articles_from_jsonl(p, now=judged_day) if a.id in wanted]
    negatives = [a for p in negative_articles for a in articles_from_jsonl(p, now=judged_day)]
    progress(f"coding {len(real)} judged articles, {len(written)} written ones and {len(negatives)} of ordinary news")
    judged = label(candidates(real), verdicts, missed)
    written_ex = label(candidates(written), verdicts, missed) if written else []
    ordinary = [Example(ev.article_id, feats, 0.0) for ev, feats in candidates(negatives)] if negatives else []
    if not judged:
        raise ValueError("no candidate matches a verdict: are these the judged articles?")
    examples = [*judged, *written_ex, *ordinary]
    names = feature_names(examples)
    values = [e.value for e in examples]
    progress(f"{len(judged)} judged candidates, {len(written_ex)} written, {len(ordinary)} of ordinary news, "
             f"{len(names)} features; cross-validating")
    # every feature, or none but the bias (the judged share right): whichever predicts held-out articles better
    sets = {"all": names, "bias only": ["bias"]}
    scores = {(s, c): log_loss(cross_validated(examples, sets[s], c), values)
              for s in sets for c in C_GRID}
    aucs = {s: roc_auc(cross_validated(examples, sets[s], min(C_GRID, key=lambda c: scores[(s, c)])),
                    values) for s in sets}
    chosen, c = min(scores, key=lambda k: scores[k])
    names = sets[chosen]
    probs = cross_validated(examples, names, c)
    weights = fit_logistic(list(examples), names, c)
    threshold = choose_threshold(probs, values, groups=[e.article_id for e in examples])
    from etl.extract.coding import coder_version

    # the candidates and their features depend on the coder (rules and classifier) as much as on the verdicts, and
    # a rule that changes one candidate's sides changes the fit without changing any version: the examples fitted
    # are hashed too, so that two different fits never share a version
    hasher = hashlib.sha256(verdicts_path.read_bytes()
                            + f"{FEATURE_VERSION}|{TRAINING_VERSION}|{coder_version()}".encode())
    for path in (*negative_articles, *([missed_path] if missed_path is not None else [])):
        hasher.update(path.read_bytes())
    for ex in examples:
        hasher.update(json.dumps([ex.article_id, ex.value, sorted(ex.features.items())]).encode())
    hasher.update(f"threshold={threshold}".encode())  # how it was chosen is code; what was chosen is the model
    knots = calibration_map(probs, values)
    hasher.update(json.dumps(knots).encode())  # (a map is part of the model: confidences differ without it)
    digest = hasher.hexdigest()[:10]
    model = ReportableModel(weights, threshold, f"rep-{digest}", knots)
    table, ece = reliability(probs, values)
    confidences = cross_calibrated(examples, probs, values)
    cal_table, cal_ece = reliability(confidences, values)
    at_08 = [v for q, v in zip(confidences, values, strict=True) if q >= 0.8]
    prec, rec, kept = precision_recall(probs, values, threshold)
    n_real = len(judged)
    real_prec, real_rec, real_kept = precision_recall(probs[:n_real], values[:n_real], threshold)
    n_written = len(written_ex)
    written_prec, written_rec, written_kept = precision_recall(probs[n_real:n_real + n_written],
                                                               values[n_real:n_real + n_written], threshold)
    ordinary_kept = sum(1 for p in probs[n_real + n_written:] if p >= threshold)
    base = sum(values) / len(values)
    card: dict[str, object] = {
        "version": model.version, "feature_version": FEATURE_VERSION,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data": {"articles": str(articles_path.name), "n_articles": len(real),
                          "written_articles": [p.name for p in extra_articles], "n_written_articles": len(written),
                          "ordinary_news_articles": [p.name for p in negative_articles],
                          "n_ordinary_news_articles": len(negatives),
                          "verdicts": str(verdicts_path.name), "sha256_10": digest,
                          "missed_events": missed_path.name if missed_path is not None else None,
                          "n_missed_events": len(missed),
                          "articles_labelled_whole": len({str(m["article_id"]) for m in missed}),
                          "real_happening_value": round(real_happening_value(verdicts), 3),
                          "judged_candidates": len(judged), "judged_written_candidates": len(written_ex),
                          "ordinary_news_candidates": len(ordinary),
                          "share_right": round(base, 3), "share_right_judged": round(sum(values[:n_real]) / n_real, 3)},
        "configuration": {"model": "logistic regression, partial verdicts as half right and half wrong",
                          "features": chosen, "C": c,
                          "held_out_log_loss": {f"{k[0]}, C={k[1]}": round(v, 4) for k, v in scores.items()},
                          "held_out_auc": aucs, "folds": FOLDS, "seed": SEED,
                          "threshold_rule": "highest threshold within one bootstrap standard error (articles drawn "
                                            "whole) of the best F1 of right candidates",
                          "scored_on": "every judged article (real and written) and the ordinary news, each fold's "
                                       "articles held out"},
        "cross_validated": {"threshold": threshold, "kept": kept, "precision": round(prec, 3),
                            "recall_of_right": round(rec, 3), "precision_without_stage": round(base, 3),
                            "log_loss": round(scores[(chosen, c)], 4), "ece": ece, "reliability": table,
                            "precision_at_0.8": round(precision_recall(probs, values, 0.8)[0], 3),
                            "kept_at_0.8": precision_recall(probs, values, 0.8)[2],
                            "judged_articles": {"kept": real_kept, "precision": round(real_prec, 3),
                                                "recall_of_right": round(real_rec, 3)},
                            "written_articles": {"kept": written_kept, "precision": round(written_prec, 3),
                                                 "recall_of_right": round(written_rec, 3)},
                            "ordinary_news": {"candidates": len(ordinary), "kept": ordinary_kept}},
        "confidence": {"calibration": "isotonic map of the cross-validated probabilities (knots in the model file); "
                                      "figures of a map fitted without each fold's articles",
                       "knots": len(model.calibration), "ece": cal_ece, "reliability": cal_table,
                       "precision_at_0.8": round(float(np.mean(at_08)), 3) if at_08 else None,
                       "n_at_0.8": len(at_08)},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    out.with_name(out.stem + ".card.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    return card
