"""How many died: numbers in words or digits next to a death word; the injured, arrested and missing do not count.

Choices, made to match how ACLED codes fatalities (conservative figures, all sides together):
- lower bounds count as their number ("at least 12" → 12, "more than twenty" → 20);
- ranges give their lower end ("10 to 12", "10-12", "between 10 and 12" → 10);
- "a dozen" is 12, "dozens" 12 and "scores" 20, "several" 3, "hundreds" 100 (the smallest plural reading);
- coordinated counts add up ("three soldiers and fourteen civilians were killed" → 17), and so do separate death
  clauses or sentences; a death toll ("the death toll rose to 35") replaces the sum when it is larger;
- a single victim without a number ("a man was shot dead", "killing him") is 1; "no casualties" is 0;
- an explicit count ("1 fatality", "There was one fatality", "fatalities coded as 7", ACLED's own notation) wins
  over everything else; editors' notes in square brackets are ignored.
Years, "times", ages and distances are not counts.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from etl.extract.lexicon import FOLDED_TO_ASCII

UNITS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
         "a dozen": 12, "a hundred": 100, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
         "several": 3, "a few": 3, "a couple of": 2, "both": 2}
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_NUM = (rf"(\d{{1,3}}(?:,\d{{3}})+|\d+|both|a dozen|a hundred|a couple of|a few|dozens|scores|hundreds|thousands|"
        rf"several|{_TENS}(?:[- ]{_ONES})?|{_ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
        rf"eighteen|nineteen)")
_PRE = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|between|an estimated|" \
       r"approximately|roughly)\s+)?"
_RANGE = r"(?:\s*(?:-|–|to|or|and)\s*\d+)?"
_DEATH = r"(?:killed|dead|died|deaths|fatalities|fatality|killing|bodies|lives|slain|executed|beheaded|massacred|" \
         r"murdered|lynched|shot dead|burned to death|perished|succumbed)\b"
_NOT_COUNT = re.compile(r"\s*(?:times|years?|year-old|km|kilometres|kilometers|miles|percent|per cent|%|hours|days|"
                        r"weeks|months|am|pm|a\.m|p\.m|metres|meters)\b", re.I)
_VICTIM = r"(?:(?!(?:and|or)\s)[\w'\"()-]+\s+){0,6}?"  # no "and": the last count of a list is the one found
AFTER_VERB = re.compile(rf"\b(?:killed|killing|kill|kills|murdered|shot dead|executed|beheaded|massacred|lynched|"
                        rf"left)\s+{_PRE}{_NUM}{_RANGE}\b(?!\s+(?:injured|wounded|hurt))", re.I)
BEFORE = re.compile(rf"\b{_PRE}{_NUM}{_RANGE}\s+{_VICTIM}(?:were |was |have been |had been |are |reportedly |"
                    rf"also )*{_DEATH}", re.I)
LIST_ITEM = re.compile(rf"\b{_PRE}{_NUM}\s+(?:[\w'\"()-]+\s+){{0,3}}?[\w'\"()-]+\s*(?:,\s*(?:and\s+)?|\band\s+)$",
                       re.I)
TOLL = re.compile(rf"death toll\s+(?:\w+\s+){{0,3}}?(?:to|at|of|reached|stood at|is|was)\s+{_PRE}{_NUM}", re.I)
CODED = re.compile(rf"\bfatalit(?:y|ies)[^.]{{0,40}}?coded as {_NUM}\b", re.I)
EXPLICIT = re.compile(rf"(?:^|[.;]\s+)(?:there (?:was|were) )?{_NUM} "
                      rf"(?:fatalit(?:y|ies)\b|(?:killed|dead)\s*(?:[.\[]|$))", re.I)
NONE = re.compile(r"\bno (?:one|casualties|fatalities|deaths|lives)\b(?! (?:were|was) (?:injured|hurt|wounded))|"
                  r"\bno[- ]one was (?:killed|hurt)|\bwithout (?:casualties|fatalities)\b", re.I)
NOT_DEATH = re.compile(r"\b(injured|injuring|wounded|wounding|hurt|arrested|detained|missing|abducted|kidnapped|"
                       r"rescued|displaced)\b", re.I)
SINGLE = re.compile(r"\b(?:(?:a|an|one)\s+(?:[\w'-]+\s+){0,5}?(?:was\s+|has been\s+|had been\s+)?(?:reportedly\s+)?"
                    r"(?:(?:shot|stabbed|beaten|tortured|hacked|burned)\s+and\s+)?(?:killed|shot dead|murdered|"
                    r"lynched|beheaded|died|executed|slain)\b"
                    r"|\b(?:killed|killing|murdered|shot dead|lynched|beheaded|executing)\s+(?:a|an|one|him|her)\b"
                    r"|\b(?:killed|killing|shot dead|murdered)\s+the\s+(?:[\w-]+\s+){0,2}?[\w-]*[^s\W]\b(?!\s+and\b)"
                    r"|\bthe\s+(?:[\w-]+\s+){1,4}?was\s+(?:reportedly\s+)?(?:shot\s+and\s+)?"
                    r"(?:killed|shot dead|murdered)\b"
                    r"|\bthe killing of (?:a|an|the|one)\b)", re.I)
_ONE = r"(?:a|an|one|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?[\w-]*[^s\W]"  # one person: "a man", "his elderly father"
TWO = re.compile(rf"\b(?:{_ONE}\s+and\s+{_ONE}\s+(?:were|have been|had been)\s+(?:reportedly\s+)?"
                 rf"(?:shot\s+and\s+)?(?:killed|shot dead|murdered|slain|executed)"
                 rf"|(?:killed|killing|murdered|shot dead)\s+{_ONE}\s+and\s+{_ONE}\b(?!\s+(?:and|,)))", re.I)
_DATE_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:19|20)\d\d\b", re.I)
_NOTE = re.compile(r"\[[^\]]*\]")  # editors' notes in square brackets ("[3 fatalities split among 2 events]")
# numbers that are no count of people: ages ("two men aged 25 and 30", "the boy, 14, was killed") and years ("in
# January 2023 two men were killed", whose year would hide the count after it)
_AGES = re.compile(r",\s*(?:aged\s+)?\d{1,3},(?=\s+(?:was|were|had|has|who|died|and)\b)"
                   r"|\bage[ds]?\s+(?:of\s+)?\d{1,3}(?:\s*(?:,|and|to|-|–)\s*\d{1,3})*\b", re.I)
_YEARS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
                    r"in|since|of|until|by|from)\s+(?:19|20)\d\d\b", re.I)  # the word before the year is kept
CLAIMED = re.compile(r"\b(?:claim|boast)(?:ed|s|ing)?\s+(?:to\s+have|that|it\s+had|they\s+had)\b(?:\s+\w+){0,4}\s*$",
                     re.I)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")


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


def _is_count(text: str, m: re.Match[str], group: int = 1) -> int | None:
    """The number of a match, unless it is a year, an age, a distance or a frequency."""
    raw = m.group(group)
    v = _value(raw)
    if v is None or v >= 100000:
        return None
    if raw.isdigit() and len(raw) == 4 and 1900 <= v <= 2100:
        return None
    if _NOT_COUNT.match(text, m.end(group)):
        return None
    return v


def _listed(text: str, start: int) -> int:
    """The counts coordinated before a death clause: "12 soldiers and 4 VDP were killed" adds the 12."""
    total, head = 0, text[:start]
    for _ in range(4):
        m = LIST_ITEM.search(head[-80:])
        if not m:
            break
        piece = m.group(0)
        if NOT_DEATH.search(piece) or _DATE_WORD.search(piece):
            break
        v = _value(m.group(1))
        if v is None:
            break
        total += v
        head = head[: len(head) - len(piece)]
    return total


def _sentence(text: str) -> tuple[int, int]:
    """(sum of death counts, largest death toll) in one sentence."""
    if NONE.search(text):
        return 0, 0
    toll = max((v for m in TOLL.finditer(text) if (v := _is_count(text, m)) is not None), default=0)
    spans: list[tuple[int, int, int]] = []
    for m in BEFORE.finditer(text):
        between = m.group(0)[len(m.group(1)):]
        if NOT_DEATH.search(between.rsplit(" ", 1)[0]):
            continue
        v = _is_count(text, m)
        if v is not None:
            spans.append((m.start(), m.end(), v + _listed(text, m.start())))
    for m in AFTER_VERB.finditer(text):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e, _ in spans):
            continue
        v = _is_count(text, m)
        if v is not None and not NOT_DEATH.match(text, m.end()):
            spans.append((m.start(), m.end(), v))
    # a count a party claims beside a count of the same deaths is another account, not more deaths ("killing five
    # soldiers, while the group claimed to have killed nine"): ACLED takes the lower figure
    claimed: list[int] = []
    counted: list[int] = []
    for start, _, v in spans:
        (claimed if CLAIMED.search(text[max(0, start - 40):start]) else counted).append(v)
    total = sum(counted) if counted else sum(claimed)
    if not total and not toll and TWO.search(text):
        total = 2  # "a man and a woman were killed", "killing a teacher and a herder"
    if not total and not toll and SINGLE.search(text):
        total = 1
    return total, toll


# a word every pattern that finds a death needs one of (lower-cased stems: "kill" of killed, killing, kills)
DEATH_STEMS = ("kill", "dead", "died", "death", "fatalit", "bodies", "lives", "slain", "execut", "behead", "massacr",
               "murder", "lynch", "perish", "succumb", "left")


def may_tell_deaths(text: str) -> bool:
    """Whether `text` holds a word any death pattern needs. Most sentences hold none, and one search of the
    lower-cased text for the stems replaces the dozen patterns' (the notes, ages and years taken out before they
    run join no letters, so they make no stem). A text with a letter case folding matches to an ASCII one goes to
    the patterns."""
    if FOLDED_TO_ASCII.search(text) is not None:
        return True
    low = text.lower()
    return any(stem in low for stem in DEATH_STEMS)


def count_fatalities(span: Span | str) -> int:
    """Deaths reported in a clause, a sentence or a short report (0 when none)."""
    text = span if isinstance(span, str) else span.text
    if not may_tell_deaths(text):
        return 0
    text = _NOTE.sub(" ", text)
    text = _YEARS.sub(r"\1", _AGES.sub(" ", text))
    for rx in (CODED, EXPLICIT):
        explicit = [v for m in rx.finditer(text) if (v := _value(m.group(1))) is not None]
        if explicit:
            return explicit[-1]
    total = toll = 0
    for sent in _SENT.split(text):
        s, t = _sentence(sent)
        total += s
        toll = max(toll, t)
    return max(total, toll)
