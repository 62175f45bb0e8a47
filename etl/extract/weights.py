"""A logistic regression stored as named weights: the shape of the coder's small learned stages (reportable,
retellings), which ship as JSON files that a reader can diff, with the threshold they act at and a version."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, Self


@dataclass(frozen=True)
class NamedWeights:
    """Weights by feature name; absent features weigh nothing. Subclasses name their stage, the feature version
    their code computes and the command that refits them."""

    weights: dict[str, float]
    threshold: float
    version: str
    STAGE: ClassVar[str] = "linear"
    FEATURES: ClassVar[str] = "1"
    REFIT: ClassVar[str] = ""

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {"version": self.version, "feature_version": self.FEATURES, "threshold": self.threshold,
                "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Self:
        """The model of a JSON file, refused when its features are not the ones this code computes."""
        if data.get("feature_version") != cls.FEATURES:
            raise ValueError(f"{cls.STAGE} model of feature version {data.get('feature_version')}, "
                             f"code expects {cls.FEATURES}: retrain with `{cls.REFIT}`")
        weights = data["weights"]
        assert isinstance(weights, dict)
        return cls({str(k): float(v) for k, v in weights.items()}, float(str(data["threshold"])),
                   str(data["version"]))
