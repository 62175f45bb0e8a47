"""Loaders of the coder's data files: CAMEO code tables and the action lexicon (etl/extract/data/)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    root: str
    quad_class: int
    goldstein: float
    plover: str


@dataclass(frozen=True)
class Trigger:
    lemmas: tuple[str, ...]
    pos: str
    cameo: str
    acled_sub: str | None


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    return {r["code"]: CameoCode(r["code"], r["label"], r["root"], int(r["quad_class"]), float(r["goldstein"]),
                                 r["plover"]) for r in _rows("cameo_codes.tsv")}


def cameo(code: str) -> CameoCode:
    """The entry of a code, falling back to its 3- and 2-digit parents."""
    table = cameo_codes()
    for k in (code, code[:3], code[:2]):
        if k in table:
            return table[k]
    raise KeyError(code)


@lru_cache(maxsize=2)
def triggers(table: str = "actions.tsv") -> tuple[Trigger, ...]:
    """The action lexicon; `actions_fallback.tsv` holds the words read only where no other trigger is found."""
    out = []
    for r in _rows(table):
        sub = r["acled_sub_event_type"].strip()
        # "sit-in" is three tokens to the parser ("sit", "-", "in"): a hyphenated trigger is matched as such
        lemmas = tuple(r["trigger"].lower().replace("-", " - ").split())
        out.append(Trigger(lemmas, r["pos"], r["cameo"], None if sub == "-" else sub))
    return tuple(out)


@lru_cache(maxsize=1)
def acled_types() -> dict[str, str]:
    """ACLED sub-event type → event type (the 25 sub-types)."""
    return {r["sub_event_type"]: r["event_type"] for r in _rows("acled_types.tsv")}


@lru_cache(maxsize=1)
def report_labels() -> dict[str, str]:
    """Lower-cased lead labels of brief reports ("Property destruction:") → ACLED sub-event type."""
    return {r["label"]: r["sub_event_type"] for r in _rows("report_labels.tsv")}
