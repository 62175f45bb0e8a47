"""The trained event classifier at run time: a linear model over feature strings, stored as plain arrays.

A model folder holds `weights.npz` (vocabulary, coefficients, intercepts, labels, temperature) and `card.json` (what
it was trained on, how, and how well it did). Nothing is unpickled and nothing is fetched: numpy reads the arrays.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

NONE = "NONE"  # an act or happening of no ACLED kind (it may still be a CAMEO event)
NOT_EVENT = "NOT_EVENT"  # no act told as having happened: opinion, background, a plan, a denial, a question
SHIPPED = Path(__file__).parent / "model"


@dataclass
class EventClassifier:
    labels: list[str]
    vocab: list[str]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)
    temperature: float = 1.0
    card: dict = field(default_factory=dict)
    sentence_shift: np.ndarray | None = None  # log prior ratio for sentences of full articles (see train.py)

    def __post_init__(self) -> None:
        self._index = {f: i for i, f in enumerate(self.vocab)}
        self._coef_t = np.ascontiguousarray(self.coef.T)  # (features, classes): a row per feature to sum

    @property
    def version(self) -> str:
        return str(self.card.get("version", "untrained"))

    def logits(self, features: Sequence[str]) -> np.ndarray:
        idx = sorted({self._index[f] for f in features if f in self._index})
        return self.intercept + (self._coef_t[idx].sum(axis=0) if idx else 0.0)

    def logits_many(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        return np.stack([self.logits(r) for r in rows]) if rows else np.zeros((0, len(self.labels)))

    def proba(self, features: Sequence[str], sentence: bool = False) -> np.ndarray:
        """Calibrated probabilities; `sentence`: for one sentence of a full article, whose labels are distributed
        otherwise than the notes' (most sentences of an article tell of no new event)."""
        z = self.logits(features) / self.temperature
        if sentence and self.sentence_shift is not None:
            z = z + self.sentence_shift
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict(self, features: Sequence[str], sentence: bool = False) -> tuple[str, float, dict[str, float]]:
        """The most probable label, its probability and every label's probability."""
        p = self.proba(features, sentence)
        best = int(p.argmax())
        return self.labels[best], float(p[best]), dict(zip(self.labels, p.tolist(), strict=True))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / "weights.npz", vocab=np.array(self.vocab), coef=self.coef.astype(np.float16),
                            intercept=self.intercept.astype(np.float32), labels=np.array(self.labels),
                            temperature=np.array([self.temperature], dtype=np.float32),
                            sentence_shift=(self.sentence_shift if self.sentence_shift is not None
                                            else np.zeros(len(self.labels))).astype(np.float32))
        (folder / "card.json").write_text(json.dumps(self.card, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> EventClassifier:
        with np.load(folder / "weights.npz", allow_pickle=False) as z:
            card_path = folder / "card.json"
            card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.exists() else {}
            return cls(labels=[str(x) for x in z["labels"]], vocab=[str(x) for x in z["vocab"]],
                       coef=z["coef"].astype(np.float32), intercept=z["intercept"].astype(np.float32),
                       temperature=float(z["temperature"][0]), card=card,
                       sentence_shift=z["sentence_shift"].astype(np.float32) if "sentence_shift" in z else None)


@lru_cache(maxsize=2)
def load_classifier(folder: str | None = None) -> EventClassifier | None:
    """The classifier in `folder` (default: the settings' choice, else the shipped one); None when there is none."""
    if folder is None:
        from etl.settings import get_settings

        chosen = get_settings().classifier_dir
        path = Path(chosen) if chosen else SHIPPED
    else:
        path = Path(folder)
    if not (path / "weights.npz").exists():
        return None
    return EventClassifier.load(path)
