"""Training the event classifier: ACLED notes (and the project's own written sentences) in, a model folder out.

The steps are pure but for the parse: rows → features (spaCy parse plus the rule coder, in worker processes,
cached on disk by the training file's hash) → a sparse design matrix → a multinomial logistic regression with
class weights that damp the dominance of peaceful protests → a temperature fitted on the validation set so that
the probabilities are calibrated. Everything is seeded; the same file gives the same model.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import multiprocessing as mp
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from etl.extract.classify.features import FEATURE_VERSION, span_features, unlist
from etl.extract.classify.model import NONE, NOT_EVENT, EventClassifier

WRITTEN = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: str
    origin: str
    masks: tuple[str, ...] = ()


@dataclass
class TrainConfig:
    min_count: int = 2
    c: float = 0.5
    weight_power: float = 0.5  # class weight = (n_max / n_class) ** power, capped
    weight_cap: float = 30.0
    max_iter: int = 300
    seed: int = 13


def _mask_words(row: dict) -> tuple[str, ...]:
    """The row's own place and actor names, word by word: masked in training even where the parser missed them."""
    words: set[str] = set()
    loc = row.get("location") or {}
    for key in ("name", "admin1", "country_name"):
        words.update(w for w in str(loc.get(key) or "").replace("-", " ").split() if len(w) > 2)
    for side in ("actor1", "actor2"):
        name = (row.get(side) or {}).get("name") or ""
        words.update(w for w in name.replace("(", " ").replace(")", " ").split() if len(w) > 3 and w[0].isupper())
    return tuple(sorted(words))


def read_acled(path: Path) -> list[Example]:
    """The ACLED training notes (JSONL, gzip or plain) as examples; rows without a text or a sub-type are skipped."""
    opener = gzip.open if path.suffix == ".gz" else open
    out = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            text, sub = row.get("text"), row.get("sub_event_type")
            if not text or not sub:
                continue
            out.append(Example(str(row.get("id")), unlist(text), sub, str(row.get("origin") or "unknown"),
                               _mask_words(row)))
    return out


def written_kinds(folder: Path = WRITTEN) -> dict[str, str]:
    """Kind of written non-ACLED sentence → the label it trains (NONE or NOT_EVENT)."""
    with (folder / "written_kinds.tsv").open(encoding="utf-8") as f:
        return {r["kind"]: r["label"] for r in csv.DictReader((x for x in f if not x.startswith("#")), delimiter="\t")}


def read_written(folder: Path = WRITTEN) -> list[Example]:
    """The project's own news-style sentences: events of every sub-type, and non-ACLED text of many kinds labelled
    by `written_kinds`."""
    kinds = written_kinds(folder)
    out = []
    for path in sorted(folder.glob("written_*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                row = json.loads(line)
                kind = row.get("kind", "event")
                label = kinds.get(kind, row["label"]) if row["label"] == NONE else row["label"]
                out.append(Example(f"{path.stem}:{i}", row["text"], label, f"written:{kind}"))
    return out


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- featurizing (parse + rule coder) -------------------------------------------------------------------------

def _featurize_chunk(chunk: list[Example]) -> list[list[str]]:
    from etl.extract.coding import code_doc
    from etl.extract.nlp import load_nlp
    from schemas.models import Article

    nlp = load_nlp()
    out = []
    for ex, doc in zip(chunk, nlp.pipe([ex.text for ex in chunk], batch_size=64), strict=True):
        try:
            events = code_doc(doc, Article(id=ex.id or "x", text=ex.text), use_classifier=False)
        except Exception:  # one unparseable note must not stop training; it keeps its text features
            events = []
        out.append(span_features(doc, events, ex.masks))
    return out


def featurize(examples: Sequence[Example], *, workers: int = 2,
              progress: Callable[[int], None] | None = None) -> list[list[str]]:
    """Features of every example, in order, parsed in `workers` processes."""
    chunks = [list(examples[i:i + 64]) for i in range(0, len(examples), 64)]
    out: list[list[str]] = []
    if workers <= 1:
        for ch in chunks:
            out.extend(_featurize_chunk(ch))
            if progress:
                progress(len(ch))
        return out
    from etl.extract import _warm

    _warm()
    with mp.get_context("fork").Pool(workers) as pool:
        for ch, feats in zip(chunks, pool.imap(_featurize_chunk, chunks), strict=True):
            out.extend(feats)
            if progress:
                progress(len(ch))
    return out


def cached_features(examples: Sequence[Example], cache: Path, key: str, **kw) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """`featurize`, memoised in a gzip file named by `key` (the data's hash and the feature and coder versions)."""
    path = cache / f"classifier-features-{key}.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        if len(rows) == len(examples):
            return rows
    feats = featurize(examples, **kw)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as f:
        for row in feats:
            f.write(json.dumps(row) + "\n")
    tmp.replace(path)
    return feats


def features_key(data_hash: str) -> str:
    from etl.extract.coding import RULES_VERSION

    return hashlib.sha256(f"{data_hash}|{FEATURE_VERSION}|{RULES_VERSION}".encode()).hexdigest()[:16]


# --- fitting ----------------------------------------------------------------------------------------------------

def vocabulary(rows: Iterable[list[str]], min_count: int) -> list[str]:
    counts = Counter(f for row in rows for f in set(row))
    return sorted(f for f, n in counts.items() if n >= min_count)


def design(rows: Sequence[list[str]], index: dict[str, int]):  # type: ignore[no-untyped-def]
    """A binary CSR matrix of `rows` over the vocabulary `index` (unknown features dropped)."""
    from scipy.sparse import csr_matrix

    indptr, cols = [0], []
    for row in rows:
        cols.extend(sorted({index[f] for f in row if f in index}))
        indptr.append(len(cols))
    data = np.ones(len(cols), dtype=np.float32)
    return csr_matrix((data, np.array(cols, dtype=np.int32), np.array(indptr, dtype=np.int64)),
                      shape=(len(rows), len(index)))


def class_weights(labels: Sequence[str], power: float, cap: float) -> dict[str, float]:
    counts = Counter(labels)
    top = max(counts.values())
    return {lab: min(cap, (top / n) ** power) for lab, n in counts.items()}


def fit(rows: Sequence[list[str]], labels: Sequence[str], cfg: TrainConfig) -> EventClassifier:
    """A multinomial logistic regression over the features of `rows`."""
    from sklearn.linear_model import LogisticRegression

    vocab = vocabulary(rows, cfg.min_count)
    index = {f: i for i, f in enumerate(vocab)}
    x = design(rows, index)
    weights = class_weights(labels, cfg.weight_power, cfg.weight_cap)
    model = LogisticRegression(C=cfg.c, max_iter=cfg.max_iter, class_weight=weights, random_state=cfg.seed)
    model.fit(x, np.array(labels))
    return EventClassifier(labels=list(model.classes_), vocab=vocab, coef=model.coef_.astype(np.float32),
                           intercept=model.intercept_.astype(np.float32), temperature=1.0)


def fit_temperature(clf: EventClassifier, rows: Sequence[list[str]], labels: Sequence[str]) -> float:
    """The temperature that minimises the validation log-loss (calibration keeps the ranking, fixes the scale)."""
    logits = clf.logits_many(rows)
    y = np.array([clf.labels.index(lab) if lab in clf.labels else -1 for lab in labels])
    keep = y >= 0
    logits, y = logits[keep], y[keep]
    best, best_loss = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.3), np.log(5.0), 60)):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -logp[np.arange(len(y)), y].mean()
        if loss < best_loss:
            best, best_loss = float(t), float(loss)
    return best


def _sentence_rows(articles: Path, workers: int) -> list[list[str]]:
    """Features of every sentence that holds a rule event in the long articles of `articles` (JSONL): unlabelled
    news text, the target the sentence prior is estimated on."""
    from etl.extract.classify.stage import units
    from etl.extract.coding import code_doc
    from etl.extract.nlp import load_nlp
    from etl.extract.refine import is_short_report
    from schemas.models import Article

    nlp = load_nlp()
    rows = [json.loads(line) for line in articles.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if not is_short_report(r.get("text") or "")]
    out = []
    for r, doc in zip(rows, nlp.pipe([r["text"] for r in rows], batch_size=16), strict=True):
        events = code_doc(doc, Article(id=str(r["id"]), text=r["text"]), use_classifier=False)
        out.extend(span_features(unit, [events[i] for i in idx]) for unit, idx in units(doc, events, whole=False))
    return out


def prior_shift(clf: EventClassifier, source_rows: Sequence[list[str]], target_rows: Sequence[list[str]],
                iterations: int = 1) -> tuple[np.ndarray, dict[str, float]]:
    """Label-shift correction for three groups of labels: an ACLED event of any sub-type, NONE and NOT_EVENT. Their
    priors on the unlabelled target rows are estimated from the model's posteriors there, starting from its own
    priors on its source; within the events the source's mix of sub-types is kept (a thousand unlabelled sentences
    cannot say how often each of 25 sub-types occurs). One step is the probabilistic classify-and-count estimate
    (the mean posterior); iterating to the EM fixed point (Saerens, Latinne & Decaestecker 2002) drove the event
    prior to the floor on the dev news articles, as EM does when the posteriors are not calibrated on the target, so
    the shipped model takes one step: a conservative shift towards the target. Returns the log prior ratio to add to
    each label's logit, and the estimated group priors."""
    groups = np.array([0 if lab not in (NONE, NOT_EVENT) else 1 if lab == NONE else 2 for lab in clf.labels])

    def grouped(rows: Sequence[list[str]]) -> np.ndarray:
        p = np.stack([clf.proba(r) for r in rows])
        return np.stack([p[:, groups == g].sum(axis=1) for g in range(3)], axis=1)

    source = grouped(source_rows).mean(axis=0)
    p = grouped(target_rows)
    prior = source.copy()
    for _ in range(iterations):
        w = p * (prior / source)
        w /= w.sum(axis=1, keepdims=True)
        new = np.clip(w.mean(axis=0), 1e-3, None)
        new /= new.sum()
        if np.abs(new - prior).max() < 1e-6:
            prior = new
            break
        prior = new
    shift = np.log(prior / source)[groups].astype(np.float32)
    return shift, {name: round(float(v), 4) for name, v in zip(("event", NONE, NOT_EVENT), prior, strict=True)}


def split_written(examples: Sequence[Example], share: float = 0.25, seed: int = 13
                  ) -> tuple[list[Example], list[Example]]:
    """The written sentences split into training and validation, stratified by label and kind."""
    rng = random.Random(seed)
    groups: dict[str, list[Example]] = {}
    for ex in examples:
        groups.setdefault(f"{ex.label}|{ex.origin}", []).append(ex)
    train, val = [], []
    for key in sorted(groups):
        g = sorted(groups[key], key=lambda e: e.id)
        rng.shuffle(g)
        k = max(1, round(len(g) * share)) if len(g) > 2 else 0
        val.extend(g[:k])
        train.extend(g[k:])
    return train, val


def read_gold_notes(articles: Path, gold: Path) -> list[Example]:
    """A scorer-format ACLED set (articles + gold) as examples: the validation set, never trained on."""
    labels = {}
    with gold.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                labels[str(g["id"])] = g["events"][0]["sub_event_type"]
    out = []
    with articles.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                a = json.loads(line)
                if str(a["id"]) in labels:
                    out.append(Example(str(a["id"]), a["text"], labels[str(a["id"])], "validation"))
    return out


def evaluate_on(clf: EventClassifier, rows: Sequence[list[str]], gold: Sequence[str]) -> dict:
    """Sub-type and event-type figures, and the reliability of the top probability."""
    from etl.extract.classify.validate import f1_report, reliability
    from etl.extract.lexicon import acled_types

    types = acled_types()
    preds = [clf.predict(r) for r in rows]
    labels = [p[0] for p in preds]
    sub = f1_report(gold, labels)
    typ = f1_report([types.get(g, g) for g in gold], [types.get(p, p) for p in labels])
    rel = reliability([p[1] for p in preds], [g == p for g, p in zip(gold, labels, strict=True)])
    return {"sub_event_type": sub, "event_type": {k: typ[k] for k in ("accuracy", "macro_f1", "weighted_f1")},
            "reliability": rel}


def run_training(train_file: Path, out: Path, *, validation: tuple[Path, Path] | None, cache: Path,
                 cfg: TrainConfig | None = None, workers: int = 2, written: Path | None = WRITTEN,
                 news: Path | None = None,
                 progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Train on `train_file` (plus the written sentences), calibrate and measure on `validation`, save to `out`.
    Returns the model card."""
    cfg = cfg or TrainConfig()
    started = time.monotonic()
    data_hash = file_hash(train_file)
    acled = read_acled(train_file)
    written_train, written_val = split_written(read_written(written), seed=cfg.seed) if written else ([], [])

    def step(name: str, total: int) -> Callable[[int], None]:
        done = [0]

        def tick(k: int) -> None:
            done[0] += k
            if progress:
                progress(name, done[0], total)
        return tick

    rows = cached_features(acled, cache, features_key(data_hash), workers=workers,
                           progress=step("featurize training notes", len(acled)))
    w_rows = featurize(written_train + written_val, workers=1) if written_train or written_val else []
    w_train_rows, w_val_rows = w_rows[:len(written_train)], w_rows[len(written_train):]
    examples = acled + written_train
    x_rows = rows + w_train_rows
    labels = [e.label for e in examples]
    if progress:
        progress("fit", 0, 1)
    clf = fit(x_rows, labels, cfg)
    if progress:
        progress("fit", 1, 1)
    figures: dict = {}
    if validation is not None:
        val = read_gold_notes(*validation)
        v_rows = cached_features(val, cache, features_key(file_hash(validation[0])), workers=workers,
                                 progress=step("featurize validation notes", len(val)))
        cal_rows = v_rows + w_val_rows
        cal_gold = [e.label for e in val] + [e.label for e in written_val]
        clf.temperature = fit_temperature(clf, cal_rows, cal_gold)
        figures["validation_acled"] = evaluate_on(clf, v_rows, [e.label for e in val])
        figures["validation_acled"]["source"] = str(validation[0].name)
    if written_val:
        figures["validation_written"] = evaluate_on(clf, w_val_rows, [e.label for e in written_val])
        none_gold = [e.label in (NONE, NOT_EVENT) for e in written_val]
        none_pred = [clf.predict(r)[0] in (NONE, NOT_EVENT) for r in w_val_rows]
        figures["validation_written"]["non_events_rejected"] = round(
            sum(p for g, p in zip(none_gold, none_pred, strict=True) if g) / (sum(none_gold) or 1), 4)
    if news is not None:
        if progress:
            progress("estimate the sentence prior on news articles", 0, 1)
        rng = random.Random(cfg.seed)
        source = rng.sample(x_rows, min(5000, len(x_rows)))
        target = _sentence_rows(news, workers)
        clf.sentence_shift, target_prior = prior_shift(clf, source, target)
        figures["sentence_prior"] = {"source": news.name, "sentences": len(target), "priors": target_prior}
        if progress:
            progress("estimate the sentence prior on news articles", 1, 1)
    shift = clf.sentence_shift if clf.sentence_shift is not None else np.zeros(len(clf.labels), dtype=np.float32)
    weights = hashlib.sha256(clf.coef.astype(np.float16).tobytes() + clf.intercept.tobytes() + shift.tobytes()
                             + np.float32(clf.temperature).tobytes()).hexdigest()
    clf.card = {
        "version": f"cls-{weights[:10]}",
        "trained_at": now_iso(),
        "model": "multinomial logistic regression over masked lemma n-grams, verb-argument pairs, the rule "
                 "coder's findings and codebook cues",
        "training_data": {"file": train_file.name, "sha256": data_hash, "rows": len(acled),
                          "written_sentences": len(written_train),
                          "source": "ACLED event notes (Armed Conflict Location & Event Data Project, acleddata.com), "
                                    "used under ACLED's terms of use with attribution; plus news-style sentences "
                                    "written by the project",
                          "classes": dict(sorted(Counter(labels).items()))},
        "config": asdict(cfg),
        "feature_version": FEATURE_VERSION,
        "vocabulary": len(clf.vocab),
        "temperature": round(clf.temperature, 4),
        "figures": figures,
        "training_seconds": round(time.monotonic() - started, 1),
    }
    clf.save(out)
    clf.card["model_bytes"] = sum(p.stat().st_size for p in out.iterdir())
    (out / "card.json").write_text(json.dumps(clf.card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return clf.card


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
