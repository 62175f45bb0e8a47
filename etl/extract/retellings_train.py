"""Training the retellings stage (etl.extract.retellings) from judged events of full articles.

The coder runs on the judged articles with the stage off; each event of a full article takes the verdict of the
judged event of the same sentence, CAMEO code and sub-type. A verdict of "duplicate" is a retelling (1); a right or
partly right event is not (0); an event judged wrong for another reason says nothing either way and is left out.
The regularisation is chosen by cross-validation over whole articles (held-out log loss). The threshold is not
tuned: an event is folded when the model finds a retelling more likely than not (0.5), the decision a calibrated
probability gives when folding a distinct event costs as much as keeping a retelling.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from etl.extract.reportable_train import (
    C_GRID,
    FOLDS,
    SEED,
    Example,
    cross_validated,
    fit_logistic,
    log_loss,
    read_verdicts,
    reliability,
    roc_auc,
)
from etl.extract.retellings import FEATURE_VERSION, RetellingModel, article_features, order, told_as_separate
from schemas.models import Article, Event

THRESHOLD = 0.5
TRAINING_VERSION = "1"


def label_of(verdict: dict[str, object]) -> float | None:
    """1 for a retelling, 0 for an event of its own that was right or partly right, None otherwise."""
    if verdict.get("kind") == "duplicate":
        return 1.0
    return 0.0 if verdict.get("verdict") in ("correct", "partial") else None


def verdict_index(verdicts: Iterable[dict[str, object]]) -> dict[tuple[str, int, str, str], float | None]:
    """Each judged event's label by (article, sentence start, CAMEO code, sub-type); the first verdict of a key
    wins (the layout lists an event before the versions judged duplicates of it)."""
    index: dict[tuple[str, int, str, str], float | None] = {}
    for v in verdicts:
        for start in v["starts"]:  # type: ignore[attr-defined]
            index.setdefault((str(v["article_id"]), int(start), str(v["cameo_code"]), str(v["sub_event_type"])),
                             label_of(v))
    return index


def examples(coded: Iterable[tuple[Article, list[Event]]],
             index: dict[tuple[str, int, str, str], float | None]) -> list[Example]:
    """Every judged event of the articles with its features against the events before it."""
    out: list[Example] = []
    for article, events in coded:
        ordered = sorted(events, key=order)
        for ev, feats in zip(ordered, article_features(ordered, len(article.text)), strict=True):
            if not ev.sources or told_as_separate(ev):
                continue
            value = index.get((article.id, ev.sources[0].start or 0, ev.cameo_code, ev.sub_event_type))
            if value is not None:
                out.append(Example(article.id, feats, value))
    return out


def coded_articles(articles: Sequence[Article], workers: int = 2,
                   progress: Callable[[int], None] = lambda _: None) -> list[tuple[Article, list[Event]]]:
    """The articles coded as shipped but with the retellings stage off."""
    from etl.extract import extract_articles
    from etl.extract.refine import is_short_report

    out = []
    for article, events in extract_articles(articles, workers=workers, retell=False):
        if not is_short_report(article.text):
            out.append((article, events))
        progress(1)
    return out


def fit(examples_: Sequence[Example]) -> tuple[RetellingModel, dict[str, object]]:
    """The model and its cross-validated figures."""
    names = sorted({k for e in examples_ for k in e.features})
    values = [e.value for e in examples_]
    scores = {c: log_loss(cross_validated(examples_, names, c), values) for c in C_GRID}
    c = min(scores, key=lambda k: scores[k])
    probs = cross_validated(examples_, names, c)
    folded = np.asarray(probs) >= THRESHOLD
    retold = np.asarray(values) == 1.0
    table, ece = reliability(probs, values)
    hasher = hashlib.sha256(f"{FEATURE_VERSION}|{TRAINING_VERSION}|{c}|{THRESHOLD}".encode())
    for ex in examples_:
        hasher.update(json.dumps([ex.article_id, ex.value, sorted(ex.features.items())]).encode())
    model = RetellingModel(fit_logistic(examples_, names, c), THRESHOLD, f"ret-{hasher.hexdigest()[:10]}")
    figures: dict[str, object] = {
        "C": c, "held_out_log_loss": {str(k): round(v, 4) for k, v in scores.items()},
        "auc": roc_auc(probs, values), "ece": ece, "reliability": table,
        "threshold": THRESHOLD, "folded": int(folded.sum()), "folded_retellings": int((folded & retold).sum()),
        "retellings": int(retold.sum()), "events": len(values),
    }
    return model, figures


def run(articles_path: Path, verdicts_path: Path, out: Path, extra_articles: Sequence[Path] = (),
        workers: int = 2, progress: Callable[[str], None] = lambda _: None,
        advance: Callable[[int], None] = lambda _: None) -> dict[str, object]:
    """Code the judged articles, fit, cross-validate, write the model and its card; returns the card."""
    from etl.extract import articles_from_jsonl
    from etl.extract.coding import coder_version

    verdicts = read_verdicts(verdicts_path)
    wanted = {str(v["article_id"]) for v in verdicts}
    judged_day = datetime(9000, 1, 1, tzinfo=UTC)  # the dates the writers gave, however late (as the judges read)
    articles = [a for p in (articles_path, *extra_articles) for a in articles_from_jsonl(p, now=judged_day)
                if a.id in wanted]
    progress(f"coding {len(articles)} judged articles with the retellings stage off")
    exs = examples(coded_articles(articles, workers, advance), verdict_index(verdicts))
    if not exs:
        raise ValueError("no event matches a verdict: are these the judged articles?")
    progress(f"{len(exs)} judged events, {sum(e.value for e in exs):.0f} of them retellings; cross-validating")
    model, figures = fit(exs)
    card: dict[str, object] = {
        "version": model.version, "feature_version": FEATURE_VERSION, "training_version": TRAINING_VERSION,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"), "coder_version": coder_version(),
        "training_data": {"articles": [p.name for p in (articles_path, *extra_articles)],
                          "n_articles": len(articles), "verdicts": verdicts_path.name,
                          "verdicts_sha256_10": hashlib.sha256(verdicts_path.read_bytes()).hexdigest()[:10]},
        "configuration": {"model": "logistic regression; duplicate verdicts 1, right or partly right events 0",
                          "folds": FOLDS, "seed": SEED, "threshold_rule": "0.5: a retelling more likely than not"},
        "cross_validated": figures,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    out.with_name(out.stem + ".card.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    return card
