"""Loaders of the coder's data files (etl/extract/data/): CAMEO code tables, the action lexicon, the word lists of
the rule stages (data/words/*.txt) and their cue patterns (data/cues.toml)."""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
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


def rows(name: str) -> list[dict[str, str]]:
    """The rows of a tab-separated data file (data/NAME) with a header line, comments left out."""
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    return {r["code"]: CameoCode(r["code"], r["label"], r["root"], int(r["quad_class"]), float(r["goldstein"]),
                                 r["plover"]) for r in rows("cameo_codes.tsv")}


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
    for r in rows(table):
        sub = r["acled_sub_event_type"].strip()
        # "sit-in" is three tokens to the parser ("sit", "-", "in"): a hyphenated trigger is matched as such
        lemmas = tuple(r["trigger"].lower().replace("-", " - ").split())
        out.append(Trigger(lemmas, r["pos"], r["cameo"], None if sub == "-" else sub))
    return tuple(out)


@lru_cache(maxsize=1)
def acled_types() -> dict[str, str]:
    """ACLED sub-event type → event type (the 25 sub-types)."""
    return {r["sub_event_type"]: r["event_type"] for r in rows("acled_types.tsv")}


@lru_cache(maxsize=1)
def report_labels() -> dict[str, str]:
    """Lower-cased lead labels of brief reports ("Property destruction:") → ACLED sub-event type."""
    return {r["label"]: r["sub_event_type"] for r in rows("report_labels.tsv")}


@cache
def words(name: str) -> frozenset[str]:
    """A word list of data/words/<name>.txt: one word (a lemma, lower case) a line, `#` lines are comments."""
    lines = (DATA / "words" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@cache
def word_codes(name: str) -> dict[str, str]:
    """A two-column table of data/<name>.tsv (a word or type → a CAMEO code)."""
    table = rows(f"{name}.tsv")
    key, value = list(table[0])
    return {r[key]: r[value] for r in table}


@lru_cache(maxsize=1)
def _cue_table() -> dict[str, dict]:
    with (DATA / "cues.toml").open("rb") as f:
        return tomllib.load(f)


def cue_text(name: str) -> str:
    """The text of a cue pattern, its pieces joined and other entries it refers to inserted."""
    return "".join(p if isinstance(p, str) else cue_text(p["ref"]) for p in _cue_table()[name]["pattern"])


def cue_names() -> list[str]:
    """The compiled cues of data/cues.toml (not the fragments only used inside others)."""
    return [n for n, entry in _cue_table().items() if not entry.get("fragment", False)]


@cache
def cue(name: str) -> re.Pattern[str]:
    """A named cue pattern of data/cues.toml, compiled once (case-insensitive unless the entry says otherwise)."""
    entry = _cue_table()[name]
    return re.compile(cue_text(name), re.IGNORECASE if entry.get("ignore_case", True) else 0)


# the letters re.IGNORECASE matches to ASCII ones ("ı" to "i", "ſ" to "s", the Kelvin sign to "k"); no other
# character does, and lower-casing makes no ASCII character of any other
FOLDED_TO_ASCII = re.compile(r"[\u0130\u0131\u017f\u212a]")


@cache
def cue_words(name: str) -> tuple[str, ...] | None:
    """Strings one of which every match of a cue holds (lower-cased when the cue ignores case), read from the
    parsed pattern: a literal run of its top-level sequence, or one per alternative of a group every match passes
    through; None when there is none to name."""
    pattern = cue(name)
    return _required_literals(re._parser.parse(pattern.pattern, pattern.flags),  # type: ignore[attr-defined]
                              bool(pattern.flags & re.IGNORECASE))


def _required_literals(items: object, fold: bool) -> tuple[str, ...] | None:
    """Strings one of which every match of a parsed sequence holds (the longest shortest one found), or None."""
    from re._constants import (  # type: ignore[import-not-found]
        BRANCH,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        POSSESSIVE_REPEAT,
        SUBPATTERN,
    )

    best: tuple[str, ...] | None = None
    run: list[str] = []

    def consider(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    def end_run() -> None:
        if run:
            consider(("".join(run).lower() if fold else "".join(run),))
            run.clear()

    for op, av in items:  # type: ignore[attr-defined]
        if op is LITERAL and av < 128:
            run.append(chr(av))
            continue
        end_run()
        if op is SUBPATTERN and not av[1] and not av[2]:  # (a group that changes flags is passed over)
            consider(_required_literals(av[3], fold))
        elif op is BRANCH:
            alternatives = [_required_literals(a, fold) for a in av[1]]
            if all(alternatives):
                consider(tuple(w for a in alternatives if a for w in a))
        elif op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required_literals(av[2], fold))
    end_run()
    return best


@cache
def _cue_filter(name: str) -> tuple[tuple[str, ...] | None, bool]:
    """A cue's `cue_words` and whether it ignores case."""
    return cue_words(name), bool(cue(name).flags & re.IGNORECASE)


def cue_may_match(name: str, text: str, lowered: str | None = None) -> bool:
    """False when the cue cannot match `text`, which holds none of its `cue_words`: a few substring searches
    instead of the pattern's. `lowered`: text.lower() of a text with no letter of FOLDED_TO_ASCII, for a text
    searched for several cues (else worked out here; when the cue ignores case and the text has such a letter, the
    pattern decides)."""
    words, fold = _cue_filter(name)
    if words is None:
        return True
    if fold:
        if lowered is None:
            if FOLDED_TO_ASCII.search(text) is not None:
                return True
            lowered = text.lower()
        text = lowered
    return any(map(text.__contains__, words))


@cache
def other_senses() -> dict[str, frozenset[str]]:
    """Trigger noun → modifiers that give it a sense of no political act (data/other_senses.tsv)."""
    out: dict[str, set[str]] = {}
    for r in rows("other_senses.tsv"):
        out.setdefault(r["trigger"], set()).add(r["modifier"])
    return {k: frozenset(v) for k, v in out.items()}

