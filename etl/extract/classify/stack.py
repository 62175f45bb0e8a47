"""The stacked decision of the sub-type: one small model that weighs three voters by how well each did on origins it
never saw.

The feature model (model.py) transfers to other regions and to news text; the rule coder is sure where its cues are
(a region whose convention the other exports do not share, as the Philippines' drug raids coded as attacks); a
TF-IDF model of the notes' raw words knows one region's vocabulary better than either. Which to believe is
learned, not set: each training origin is left out in turn, the three are fitted on the others and their votes
on the left-out notes recorded, and a multinomial logistic regression over those out-of-origin votes learns how far
each is to be trusted away from home. It decides among the ACLED sub-types only: whether a unit tells an event at
all (NONE, NOT_EVENT) stays the feature model's calibrated decision, so an article's detection is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern, which the text model was fitted with
EPS = 1e-4  # floor of a probability before its log (a voter's certain "no" must not be minus infinity)


@dataclass
class TextModel:
    """TF-IDF word unigrams and bigrams (sublinear counts, l2 norm) and a linear model over them, as scikit-learn's
    TfidfVectorizer and LogisticRegression fitted them, applied without either (no pickle, no import at run time)."""

    vocab: list[str]
    idf: np.ndarray
    coef: np.ndarray  # (classes, terms)
    intercept: np.ndarray
    labels: list[str]

    def __post_init__(self) -> None:
        self._index = {t: i for i, t in enumerate(self.vocab)}
        self._coef_t = np.ascontiguousarray(self.coef.T.astype(np.float32))

    def proba(self, text: str) -> np.ndarray:
        toks = TOKEN.findall(text.lower())
        counts: dict[int, int] = {}
        for gram in (*toks, *(f"{a} {b}" for a, b in pairwise(toks))):
            j = self._index.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        z = self.intercept.astype(np.float64)
        if counts:
            idx = np.fromiter(counts, dtype=np.int64)
            val = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[idx]
            val /= np.linalg.norm(val)
            z = z + val @ self._coef_t[idx]
        z = np.exp(z - z.max())
        return z / z.sum()


@dataclass
class Stack:
    """Weights over the voters' log probabilities (and the rules' one-hot vote), one row per ACLED sub-type."""

    labels: list[str]  # the sub-types it decides among
    inputs: list[str]  # which voters, in order: "model", "rules", "text"
    coef: np.ndarray  # (len(labels), one block of len(space) per voter, the rules' one slot longer)
    intercept: np.ndarray
    space: list[str]  # the label space every voter's vote is written over (the feature model's labels)

    def inputs_of(self, p_model: np.ndarray, rule_label: str, p_text: np.ndarray | None) -> np.ndarray:
        """One unit's input row: the voters' votes over `space`."""
        parts = []
        for name in self.inputs:
            if name == "model":
                parts.append(np.log(p_model + EPS))
            elif name == "rules":  # its sub-type, or the last slot: no type of the space
                onehot = np.zeros(len(self.space) + 1)
                onehot[self.space.index(rule_label) if rule_label in self.space else len(self.space)] = 1
                parts.append(onehot)
            else:
                parts.append(np.log((p_text if p_text is not None else np.zeros(len(self.space))) + EPS))
        return np.concatenate(parts)

    def sub_proba(self, row: np.ndarray) -> np.ndarray:
        """Probabilities of the sub-types (over `labels`) given one input row."""
        z = self.coef @ row + self.intercept
        z = np.exp(z - z.max())
        return z / z.sum()


def rule_label(features: list[str] | tuple[str, ...]) -> str:
    """The rule coder's own sub-type as the features record it ("NONE" when it typed nothing)."""
    sub = next((f[6:] for f in features if f.startswith("m_sub=")), "untyped")
    return "NONE" if sub == "untyped" else sub


def text_vote(text_model: TextModel, text: str, space: list[str]) -> np.ndarray:
    """The text model's probabilities written over `space` (0 for a label it does not know)."""
    p = text_model.proba(text)
    out = np.zeros(len(space))
    for j, lab in enumerate(text_model.labels):
        if lab in space:
            out[space.index(lab)] = p[j]
    return out
