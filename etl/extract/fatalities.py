"""How many died: numbers in words or digits next to a death word; the injured, arrested and missing do not count.

Lower bounds count as their number ("at least 12" → 12, "more than twenty" → 20); ranges give their lower end
("10 to 12" → 10), as ACLED codes conservative figures; "dozens" counts 12 and "scores" 20 (the smallest plural).
"""

from __future__ import annotations

import re

from spacy.tokens import Span

UNITS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
         "dozens": 12, "a dozen": 12, "a hundred": 100,
         "scores": 20, "hundreds": 100, "thousands": 1000, "several": 3, "a few": 3}
_NUM = r"(\d[\d,]*|a dozen|a hundred|dozens|scores|hundreds|a few|several|(?:twenty|thirty|forty|fifty|sixty|seventy|" \
       r"eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|" \
       r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an)"
_DEATH = r"(?:killed|dead|died|deaths|fatalities|killing|bodies|lives|were killed|was killed|have been killed|" \
         r"people dead|slain|executed|beheaded|massacred|murdered|lynched|shot dead|burned to death)"
_PRE = r"(?:at least |more than |over |nearly |almost |about |around |some |up to |as many as |between |an estimated )?"
# "killed 5 people", "killing three soldiers", "5 people were killed", "death toll rose to 12"
AFTER_VERB = re.compile(rf"\b(?:killed|killing|kill|kills|murdered|shot dead|executed|beheaded|massacred|lynched)\s+"
                        rf"{_PRE}{_NUM}(?:\s*(?:-|to|or|and)\s*\d+)?\b", re.I)
BEFORE = re.compile(rf"\b{_PRE}{_NUM}(?:\s*(?:-|to|or|and)\s*\d+)?\s+(?:[a-z-]+\s+){{0,3}}?(?:were |was |have been |"
                    rf"had been |are )?{_DEATH}", re.I)
TOLL = re.compile(rf"death toll\s+(?:\w+\s+){{0,3}}?(?:to|at|of|reached|stood at)\s+{_PRE}{_NUM}", re.I)
NONE = re.compile(r"\bno (?:one|casualties|fatalities|deaths|injuries)\b|\bno[- ]one was (?:killed|hurt)", re.I)
NOT_DEATH = re.compile(r"\b(injured|wounded|hurt|arrested|detained|missing|abducted|kidnapped)\b", re.I)


def _value(s: str) -> int | None:
    s = s.lower().strip()
    if s[0].isdigit():
        return int(s.replace(",", ""))
    if s in UNITS:
        return UNITS[s]
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS:
        return UNITS[parts[0]] + UNITS[parts[1]]
    return None


def count_fatalities(span: Span | str) -> int:
    """Deaths reported in a sentence or clause (0 when none)."""
    text = span if isinstance(span, str) else span.text
    if NONE.search(text):
        return 0
    best = 0
    for rx in (TOLL, AFTER_VERB, BEFORE):
        for m in rx.finditer(text):
            number = next((g for g in m.groups() if g), None)
            if number is None:
                continue
            # "killed 3 and injured 5": the number must not belong to an injury phrase
            tail = text[m.end():m.end() + 12]
            if rx is AFTER_VERB and NOT_DEATH.match(tail.strip()):
                continue
            v = _value(number)
            if v is not None and v < 100000:
                best = max(best, v)
        if best:
            return best
    if re.search(r"\b(?:killed|killing|murdered|shot dead|lynched|beheaded)\s+(?:a|an|the|one)\b", text, re.I):
        return 1
    return 0
