"""How much to trust a merged event: extraction certainty × hedging/negation × corroboration by independent outlets.

    confidence = c · h · n · (0.5 + 0.5 · (1 − Π_g (1 − r_g)))

- c: the coder's extraction `certainty` (mean over the merged reports);
- h = 0.7 when every report hedges ("reportedly", "claimed"), else 1; n = 0.3 when every report negates it, else 1;
- g runs over *independent* groups of sources: sources are in one group when they come from the same outlet or carry
  (nearly) the same sentence — syndicated copies of one wire story, exact or near duplicates, therefore count once;
- r_g: the reliability of the group's most reliable outlet, from `etl/dedup/data/outlets.tsv` (wires ≈ 0.9, state
  media lower) overridden by `NEWSEVENTS_SOURCE_RELIABILITY_FILE`; unknown outlets get the neutral 0.5.

The corroboration term is a noisy-OR: one neutral source gives 0.75, two independent neutral sources 0.875, one wire
0.95. So more independent sources never lower the score, hedging lowers it, and copies leave it unchanged.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from etl.dedup.articles import normalise_text, outlet_of
from schemas.models import Event, SourceRef

NEUTRAL = 0.5
HEDGE_FACTOR = 0.7
NEGATION_FACTOR = 0.3
SAME_SENTENCE_JACCARD = 0.7


@dataclass
class OutletReliability:
    """Reliability prior per outlet name and per web domain."""

    by_name: dict[str, float] = field(default_factory=dict)
    by_domain: dict[str, float] = field(default_factory=dict)
    default: float = NEUTRAL

    @classmethod
    def load(cls, override: Path | str | None = None) -> OutletReliability:
        """The packaged table, then the rows of `override` (same TSV columns) on top."""
        table = cls()
        table._read(resources.files("etl.dedup").joinpath("data/outlets.tsv").read_text(encoding="utf-8"))
        if override:
            table._read(Path(override).read_text(encoding="utf-8"))
        return table

    def _read(self, text: str) -> None:
        rows = (line for line in text.splitlines() if line.strip() and not line.startswith("#"))
        for row in csv.reader(rows, delimiter="\t"):
            if len(row) < 3:
                raise ValueError(f"outlet reliability row needs outlet, domain, reliability: {row!r}")
            name, domain, value = row[0].strip(), row[1].strip(), float(row[2])
            if not 0 <= value <= 1:
                raise ValueError(f"reliability of {name!r} must be in [0, 1], got {value}")
            if name:
                self.by_name[name.casefold()] = value
            if domain:
                self.by_domain[domain.casefold().removeprefix("www.")] = value

    def of(self, source: SourceRef) -> float:
        """Reliability of the outlet behind one source: by name, then by URL domain (or a parent domain)."""
        if source.source and source.source.strip().casefold() in self.by_name:
            return self.by_name[source.source.strip().casefold()]
        if source.url:
            host = urlsplit(source.url).netloc.lower().removeprefix("www.")
            parts = host.split(".")
            for i in range(len(parts) - 1):
                d = ".".join(parts[i:])
                if d in self.by_domain:
                    return self.by_domain[d]
        return self.default


def independent_groups(sources: list[SourceRef]) -> list[list[SourceRef]]:
    """Sources grouped so that each group is one independent report (same outlet or near-same sentence)."""
    n = len(sources)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [set(normalise_text(s.sentence).split()) for s in sources]
    outlets = [outlet_of(s) for s in sources]
    first_of_outlet: dict[str, int] = {}
    for i in range(n):
        j = first_of_outlet.setdefault(outlets[i], i)
        parent[find(i)] = find(j)
    for i in range(n):
        for j in range(i):
            if find(i) != find(j) and words[i] and words[j]:
                jac = len(words[i] & words[j]) / len(words[i] | words[j])
                if jac >= SAME_SENTENCE_JACCARD:
                    parent[find(i)] = find(j)
    groups: dict[int, list[SourceRef]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(sources[i])
    return list(groups.values())


def corroboration(sources: list[SourceRef], reliability: OutletReliability) -> float:
    """Noisy-OR of the independent groups' reliabilities (0 without sources)."""
    miss = 1.0
    for group in independent_groups(sources):
        miss *= 1.0 - max(reliability.of(s) for s in group)
    return 1.0 - miss if sources else 0.0


def score(event: Event, reliability: OutletReliability | None = None) -> float:
    """The event's confidence in [0, 1] (formula in the module docstring)."""
    reliability = reliability or OutletReliability.load()
    c = event.certainty
    if event.hedged:
        c *= HEDGE_FACTOR
    if event.negated:
        c *= NEGATION_FACTOR
    support = corroboration(event.sources, reliability) if event.sources else reliability.default
    return round(min(1.0, max(0.0, c * (0.5 + 0.5 * support))), 4)
