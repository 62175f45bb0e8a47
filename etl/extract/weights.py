"""A logistic regression stored as named weights: the shape of the coder's small learned stages (reportable,
retellings), which ship as JSON files that a reader can diff, with the threshold they act at and a version."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar, Self


@dataclass(frozen=True)
class NamedWeights:
    """Weights by feature name; absent features weigh nothing. Subclasses name their stage, the feature version
    their code computes and the command that refits them."""

    weights: dict[str, float]
    threshold: float
    version: str
    calibration: tuple[tuple[float, float], ...] = ()  # (probability, share right) knots of a monotone map
    STAGE: ClassVar[str] = "linear"
    FEATURES: ClassVar[str] = "1"
    REFIT: ClassVar[str] = ""

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def calibrated(self, p: float) -> float:
        """The share of candidates of probability `p` that held-out articles found right: the model's probability
        through its calibration map (knots joined by straight lines, flat beyond the ends); `p` itself without
        one. The logistic fit is close on average but over-confident at the top, where the feed's users look."""
        knots = self.calibration
        if not knots:
            return p
        if p <= knots[0][0]:
            return knots[0][1]
        for (x0, y0), (x1, y1) in pairwise(knots):
            if p <= x1:
                return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)
        return knots[-1][1]

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"version": self.version, "feature_version": self.FEATURES,
                                  "threshold": self.threshold}
        if self.calibration:
            out["calibration"] = [list(k) for k in self.calibration]
        out["weights"] = dict(sorted(self.weights.items()))
        return out

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Self:
        """The model of a JSON file, refused when its features are not the ones this code computes."""
        if data.get("feature_version") != cls.FEATURES:
            raise ValueError(f"{cls.STAGE} model of feature version {data.get('feature_version')}, "
                             f"code expects {cls.FEATURES}: retrain with `{cls.REFIT}`")
        weights = data["weights"]
        assert isinstance(weights, dict)
        knots = data.get("calibration") or []
        assert isinstance(knots, list)
        return cls({str(k): float(v) for k, v in weights.items()}, float(str(data["threshold"])),
                   str(data["version"]), tuple((float(x), float(y)) for x, y in knots))
