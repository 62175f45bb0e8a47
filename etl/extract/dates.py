"""When: the event's date from the text, relative to publication, never after it.

Forms: "23 February 2022", "February 23, 2022", "January 11" (the latest such day not after publication), weekdays
("on Saturday": the latest Saturday not after publication), "yesterday", "today", "last night", "last week"
(precision 2: the Monday of that week), "last month" / "in March" / "last July" (precision 3: the first day of the
month, clipped to publication; "in July and August 2018" takes the year written after the last), "two weeks ago" /
"a year earlier" (back from publication: a day, the Monday of the week, the first of the month) and "in 2019" /
"last year" (precision 4: the first of January of a year before publication's). A background event gets the date the
text gives it, not the article's; one told with nothing but an earlier year is history and is not coded as a new
event (`is_history`). A sentence may tell two happenings with their dates ("In March, a drone killed eight people,
and on June 17 a strike killed five traders"): each act is dated by its own clause, else the nearest clause above it
that gives a date, else the sentence (`act_date`); in an article, an act told "at the time" or "that year" happened
at a time the text set before and is background, not a new event (`told_at_that_time`).

The reference for relative words is the date the story was filed: its dateline's date ("KYIV, Nov 25 (Reuters) -",
see etl.extract.dateline) when that lies in the week before publication, else the publication date; so weekdays
resolve to the week before publication ("on Tuesday" in a Wednesday story is the day before), unless the sentence
opens with an earlier month or year ("In March 2025, ... on a Friday"); "Friday prayers" names no day. Nothing
found: the filing date at precision 1, which is how wire reports are written. An article with neither a publication
date nor a dated dateline has no reference: only absolute dates ("23 February 2022"; a day and month take the latest
year not after the run's date) resolve, and otherwise the date is unknown (None, TimePrecision.UNKNOWN) rather than
invented from the run's date; `newsevents run` stamps such events with the partition date (`partition_dated`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from etl.extract.doctext import (
    Parse,
    doc_children,
    doc_ents,
    doc_parse,
    once,
    once_for,
    span_ents,
    span_text,
    subtree_indices,
)
from etl.extract.lexicon import FOLDED_TO_ASCII
from etl.ids import redated
from schemas.models import Event, TimePrecision

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS |= {m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"])}
_M = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|" \
     r"jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_RANGE = r"(?:\s*(?:-|and|to)\s*\d{1,2}(?:st|nd|rd|th)?)?"  # "3-4 May", "3 and 4 May": the first day
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?{_RANGE}\s+(?:of\s+)?{_M}\s*,?\s+(\d{{4}})\b",
                            re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})\b", re.I)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?{_RANGE}\s+(?:of\s+)?{_M}\b",
                       re.I)
MONTH_DAY = re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})", re.I)
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
RELATIVE = re.compile(r"\b(yesterday|today|tonight|last night|this morning|overnight|last week|last month|"
                      r"earlier this week|earlier this month)\b", re.I)
_M_MORE = r"(?:\s*(?:-|–|and|or|to|through)\s*(?:early\s+|late\s+|mid-?)?(?:january|february|march|april|may|june|" \
    r"july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?)?"
# "in March", "in July and August 2018" (the first month, in the year written after the last)
MONTH_ONLY = re.compile(rf"\bin\s+(?:early\s+|late\s+|mid-?)?{_M}{_M_MORE}(?:\s+(\d{{4}})|\s+(?:of\s+)?(last year))?\b",
                        re.I)
LAST_MONTH_NAMED = re.compile(rf"\blast\s+{_M}(?!\s+\d)", re.I)  # "last July": the last July before this month
WEEKDAY_NAMES_THING = re.compile(r"\s+(?:prayers?|sermons?|services?|market)\b", re.I)  # "Friday prayers"
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "several": 3}
AGO = re.compile(r"\b(a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                 r"(day|week|month|year)s?\s+(?:ago|earlier|before)\b", re.I)
YEAR = re.compile(r"\b(?:(?:in|since|during|back in|early|late|mid)\s+|mid-)((?:19|20)\d\d)\b(?![-–/]\d)", re.I)
MONTH_YEAR = re.compile(rf"\b{_M}\s+(?:of\s+)?((?:19|20)\d\d)\b(?![-–/]\d)", re.I)  # "as recently as September 2022"
SPAN_START = re.compile(r"\b(?:since|from|until|till|by)\s+$", re.I)  # "held monthly since March 2019": no act's date
LAST_YEAR = re.compile(r"\blast year\b", re.I)
MONTH_BEFORE = re.compile(rf"\b{_M}\s+(?:of\s+)?$", re.I)
# what every pattern above needs one of (a digit, a month's first letters, or the words of weekdays and relative
# times): a text with none of them writes no date
MAYBE_DATE = re.compile(r"\d|day|night|morning|week|month|year|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I)
_MAYBE_WORDS = ("day", "night", "morning", "week", "month", "year", "jan", "feb", "mar", "apr", "may", "jun", "jul",
                "aug", "sep", "oct", "nov", "dec")  # MAYBE_DATE's words
_DIGIT = re.compile(r"\d")
_DIGIT_OR_FOLDED = re.compile(r"[\d\u0130\u0131\u017f\u212a]")  # a digit, or a letter of lexicon.FOLDED_TO_ASCII
NEXT_WEEKDAY = re.compile(r"\b(?:next|coming|this coming)\s+$", re.I)  # "next Tuesday": a plan, no date of the act


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def latest_not_after(month: int, day: int, ref: date) -> date | None:
    """The latest given day of a month not after `ref` (a date written without its year)."""
    for y in (ref.year, ref.year - 1):
        d = _safe(y, month, day)
        if d and d <= ref:
            return d
    return None


def _back(ref: date, n: int, unit: str) -> tuple[date, TimePrecision]:
    """"n units ago" from `ref`: the day, the Monday of the week, the first of the month."""
    if unit == "day":
        return ref - timedelta(days=n), TimePrecision.DAY
    if unit == "week":
        d = ref - timedelta(days=7 * n)
        return d - timedelta(days=d.weekday()), TimePrecision.WEEK
    months = n * (12 if unit == "year" else 1)
    y, m = divmod(ref.year * 12 + ref.month - 1 - months, 12)
    return date(y, m + 1, 1), TimePrecision.MONTH


@lru_cache(maxsize=4096)  # pure; each act of a sentence reads the same clauses again
def find_date(text: str, ref: date | None, year_ref: date | None = None) -> tuple[date, TimePrecision] | None:
    """The first date expression in `text`, resolved against the reference (filing or publication) date; with no
    reference, only dates that stand on their own (a day and month take the latest year not after `year_ref`)."""
    if not may_write_date(text):
        return None  # (most clauses of a sentence name no time: one search instead of every pattern's)
    found: list[tuple[int, date, TimePrecision]] = []
    # the patterns of a day, a month's day or a year need a digit; a clause with none is not searched for them
    digits = _DIGIT.search(text) is not None
    for m in DAY_MONTH_YEAR.finditer(text) if digits else ():
        d = _safe(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d, TimePrecision.DAY))
    for m in MONTH_DAY_YEAR.finditer(text) if digits else ():
        d = _safe(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        if d:
            found.append((m.start(), d, TimePrecision.DAY))
    for m in ISO.finditer(text) if digits else ():
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d, TimePrecision.DAY))
    day_ref = ref or year_ref
    if not found and day_ref is not None and digits:
        # "Last year, protests escalated on June 25": the day of the year before the story's
        day_year_ref = date(day_ref.year - 1, 12, 31) if ref is not None and LAST_YEAR.search(text) else day_ref
        for rx, mi, di in ((DAY_MONTH, 2, 1), (MONTH_DAY, 1, 2)):
            for m in rx.finditer(text):
                if not m.group(mi)[0].isupper():  # "5 may die", "to march 3 km": not dates
                    continue
                d = latest_not_after(MONTHS[m.group(mi).lower()], int(m.group(di)), day_year_ref)
                if d:
                    found.append((m.start(), d, TimePrecision.DAY))
    if not found and ref is not None:
        for m in RELATIVE.finditer(text):
            w = m.group(1).lower()
            if w in ("yesterday", "last night"):
                found.append((m.start(), ref - timedelta(days=1), TimePrecision.DAY))
            elif w in ("today", "tonight", "this morning", "overnight"):
                found.append((m.start(), ref, TimePrecision.DAY))
            elif w in ("last week", "earlier this week"):
                start = ref - timedelta(days=ref.weekday() + (7 if w == "last week" else 0))
                found.append((m.start(), min(start, ref), TimePrecision.WEEK))
            else:
                first = (ref.replace(day=1) - timedelta(days=1)).replace(day=1) if w == "last month" \
                    else ref.replace(day=1)
                found.append((m.start(), first, TimePrecision.MONTH))
        for m in AGO.finditer(text):
            if not m.group(0).lower().endswith("ago") and (MONTH_YEAR.search(text) or YEAR.search(text)):
                continue  # "Two years earlier, police shot 34 miners ... in August 2012": "earlier" counts back
                # from a time the text told before, not from the story's day; the year it writes is the act's
            word = m.group(1).lower()
            n = int(word) if word.isdigit() else _COUNT[word]
            found.append((m.start(), *_back(ref, n, m.group(2).lower())))
        for m in LAST_YEAR.finditer(text):
            if MONTH_BEFORE.search(text, max(0, m.start() - 14), m.start()):
                continue  # "in October of last year": a month, read below
            found.append((m.start(), date(ref.year - 1, 1, 1), TimePrecision.YEAR))
        earlier: bool | None = None  # read only when the sentence names a weekday
        for m in WEEKDAY.finditer(text):
            if NEXT_WEEKDAY.search(text, max(0, m.start() - 20), m.start()) or WEEKDAY_NAMES_THING.match(text, m.end()):
                continue  # "next Tuesday": a plan; "during Friday prayers": the prayers' name, no date
            if earlier is None:
                earlier = _earlier_period(text, ref)
            if earlier:
                continue  # "In March 2025, gunmen attacked worshippers on a Friday": a day of that month, not this week
            back = (ref.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
            found.append((m.start(), ref - timedelta(days=back), TimePrecision.DAY))
    if not found and day_ref is not None:
        for m in LAST_MONTH_NAMED.finditer(text):
            if not m.group(1)[0].isupper():
                continue
            month = MONTHS[m.group(1).lower()]
            d = _safe(day_ref.year if month < day_ref.month else day_ref.year - 1, month, 1)
            if d:
                found.append((m.start(), d, TimePrecision.MONTH))
        for m in MONTH_ONLY.finditer(text):
            if not m.group(1)[0].isupper():
                continue
            month = MONTHS[m.group(1).lower()]
            year = int(m.group(2)) if m.group(2) else (day_ref.year if month <= day_ref.month else day_ref.year - 1)
            if m.group(3):  # "in October of last year", "in July last year"
                year = day_ref.year - 1
            d = _safe(year, month, 1)
            if d and d <= day_ref:
                found.append((m.start(), d, TimePrecision.MONTH))
    if not found and digits:
        for m in MONTH_YEAR.finditer(text):  # a month and year stand on their own ("as recently as May 2022")
            if m.group(1)[0].isupper() and not SPAN_START.search(text, max(0, m.start() - 8), m.start()):
                d = _safe(int(m.group(2)), MONTHS[m.group(1).lower()], 1)
                if d and (day_ref is None or d <= day_ref):
                    found.append((m.start(), d, TimePrecision.MONTH))
    if not found and digits:
        for m in YEAR.finditer(text):  # "in 2019": a year before the story's, background told with its year
            y = int(m.group(1))
            if ref is None or y < ref.year:
                found.append((m.start(), date(y, 1, 1), TimePrecision.YEAR))
    if not found:
        return None
    found.sort(key=lambda x: x[0])
    _, d, p = found[0]
    return (min(d, ref), p) if ref is not None else (d, p)


def may_write_date(text: str) -> bool:
    """Whether MAYBE_DATE finds anything in `text`, at a fifth of the cost of trying its eighteen alternatives at
    every character: a digit answers at once; a text with none and none of the four letters that case folding
    matches to an ASCII one ("İ", "ı", "ſ", "K") is searched lower-cased for the words (lower-casing makes no ASCII
    letter of any other character); a text with such a letter goes to the regex itself."""
    m = _DIGIT_OR_FOLDED.search(text)
    if m is not None:
        return True if _DIGIT.match(m.group()) else MAYBE_DATE.search(text) is not None
    low = text.lower()
    return any(w in low for w in _MAYBE_WORDS)


def _earlier_period(text: str, ref: date) -> bool:
    """Whether the sentence opens with a month of a year, or a year, before the reference date's month ("In March
    2025, gunmen killed 44 worshippers during Friday prayers"): a time set before the clause holds for all of it, so
    a weekday it also names is a day of that time, not of the week before publication. (Later in the sentence a year
    may date a clause of its own: "rebels, who seized the town in 2023, attacked it on Friday".)"""
    for m in MONTH_YEAR.finditer(text):
        d = _safe(int(m.group(2)), MONTHS[m.group(1).lower()], 1)
        if m.group(1)[0].isupper() and d is not None and d < ref.replace(day=1) and _opening(text, m.start()):
            return True
    return any(int(m.group(1)) < ref.year and _opening(text, m.start()) and not m.group(0).lower().startswith("since")
               for m in YEAR.finditer(text))


OPENING_WORDS = frozenset({"", "in", "back in", "during", "in early", "in late", "in mid", "in mid-", "early", "late",
                           "mid-"})


def _opening(text: str, start: int) -> bool:
    """Whether only an opening preposition stands before `start` in the sentence."""
    return text[:start].strip().lower() in OPENING_WORDS


NOUN_PHRASE_OPENERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "of"})
TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "day", "dawn", "weekend", "week", "hours",
                        "hour", "time", "date", "period", "overnight", "midnight", "noon", "today", "deadline"})


def without_other_dates(span: Span, text: str) -> str:
    """`text` (the span's, same length) with the dates that name another happening blanked: a date that qualifies a
    noun other than an act or a time ("the Aug. 13 election", "the anniversary of the Nov. 1, 2024 collapse")
    dates that thing, not what the sentence tells. An act's own date stays ("Monday's attack", "the 5 March
    raid"), as does a date on a verb ("on 5 March, gunmen attacked")."""
    from etl.extract.lexicon import words

    acts = words("act_nouns")
    for ent in span_ents(span):
        if ent.label_ != "DATE":
            continue
        if _of_future_clause(ent):  # "the union said it would rally again on Friday": a plan's day, not the news's
            text = _blanked(text, ent, span)
            continue
        before = span.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before not in NOUN_PHRASE_OPENERS:
            continue  # "On 13 April 2022, municipal workers protested": a time of the clause, however it was parsed
        head = ent.root.head
        if ent.root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of":  # "the anniversary of 1 November"
            head = head.head
        if (head.pos_ not in ("NOUN", "PROPN") or head.i in range(ent.start, ent.end)
                or head.lemma_.lower() in acts or head.lower_ in TIME_NOUNS):
            continue
        text = _blanked(text, ent, span)
    return text


def _blanked(text: str, ent: Span, span: Span) -> str:
    """`text` (the span's) with the entity's characters turned to spaces (offsets stay)."""
    lo, hi = ent.start_char - span.start_char, ent.end_char - span.start_char
    return text[:lo] + " " * (hi - lo) + text[hi:]


FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
# "was expected to arrive on Wednesday", "agreed to reopen the crossing on June 15": what is to be done, on its day
FUTURE_FRAMES = frozenset({"expect", "schedule", "plan", "due", "set", "go", "agree", "decide", "pledge", "promise",
                           "vow", "intend", "aim", "threaten", "prepare",
                           # readiness for an act yet to come ("was ready to meet operators on Friday")
                           "ready", "willing", "prepared", "poised", "likely", "eager", "keen"})


def _of_future_clause(ent: Span) -> bool:
    """Whether a date belongs to a clause told in the future ("will/would hold a rally on Friday", "is expected to
    arrive on Wednesday"): the day of what is yet to happen, not of the act the sentence reports."""
    verb = ent.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FUTURE_FRAMES


def reference_date(published: date | None, filed: date | None) -> date | None:
    """What relative words count from: the dateline's date when it lies in the week before publication (a story
    filed late on the 25th and published on the 26th), else the publication date, else the dateline's date."""
    if published is None:
        return filed
    if filed is not None and 0 <= (published - filed).days <= 7:
        return filed
    return published


def resolve_date(doc: Doc | None, sent: Span | None, published: date | None,
                 fallback: date | None) -> tuple[date | None, TimePrecision]:
    """The event date of a sentence: its own date expression, else the article's first, else the filing date;
    (None, UNKNOWN) when the article has no publication date and no date of its own. Datelines are context (the
    reference date), never a date expression of the sentence. `fallback` (the run's date) only gives the year of a
    day and month written without one when nothing else does."""
    from etl.extract.dateline import doc_datelines, filed_date, without_datelines

    datelines = doc_datelines(doc, published or fallback) if doc is not None else []
    ref = reference_date(published, filed_date(datelines))
    year_ref = ref or fallback
    if sent is not None:
        text = without_other_dates(sent, without_datelines(doc, sent)) if doc is not None else sent.text
        hit = find_date(text, ref, year_ref)
        if hit:
            return hit
    if doc is not None:
        # the article's first date, the same for every sentence of the Doc: found once per reference date
        leads = doc.user_data.setdefault("newsevents_lead_dates", {})
        if (ref, year_ref) not in leads:
            leads[(ref, year_ref)] = _first_date(doc, ref, year_ref)
        hit = leads[(ref, year_ref)]
        if hit:
            return hit
    if ref is None:
        return None, TimePrecision.UNKNOWN
    return ref, TimePrecision.DAY


LEAD_CHARS = 600  # where the article's first date is looked for: its opening characters


def _first_date(doc: Doc, ref: date | None, year_ref: date | None) -> tuple[date, TimePrecision] | None:
    """The article's first date: the lead's own day when its first sentence gives one (the lead's "on Monday" must
    not lose to the next paragraph's "fares go cashless from May 1", though within one text a day and month
    outrank a weekday), else the first date of the article's opening characters, the most precise kind first (a
    lead's "in 2019" of background gives way to the "November 2024" of the news, "last month" to "on Feb. 27")."""
    from etl.extract.dateline import without_datelines

    first = next(iter(doc.sents), None)
    if first is not None:  # (it opens the Doc: its own first 300 tokens and LEAD_CHARS characters)
        lead = doc[0:min(first.end, 300)]
        hit = find_date(without_other_dates(lead, without_datelines(doc, lead))[:LEAD_CHARS], ref, year_ref)
        if hit is not None and hit[1] == TimePrecision.DAY:
            return hit
    opening = doc[:300]  # (doc.text joins the whole article on every call)
    return find_date(without_other_dates(opening, without_datelines(doc, opening))[:LEAD_CHARS], ref, year_ref)


# a time the text set before ("at the time", "in November of that year"): an earlier happening told as background
# a time the text set before: "at the time", "that year", and a year counted from it ("the following year", "two
# years later": "later" counts from the story's own past, never from its filing)
THAT_TIME = re.compile(r"\b(?:at the time|at that time|back then|(?:of )?that year|"
                       r"the (?:following|next|previous|same) year|the year (?:before|after)|"
                       r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|many|some) years? later)\b",
                       re.I)
THAT_TIME_WORDS = ("time", "then", "year")  # one of which every match of THAT_TIME holds
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _clause_head(tok: Token) -> Token:
    """The head of the clause a word belongs to: the nearest verb above it (or itself) that heads a clause of its
    own (the sentence's root, a complement, an adverbial or relative clause, or a coordinated verb with its own
    subject: "…, and on June 2 an ambush left 11 soldiers dead"); found for every token of a Doc at once."""
    return tok.doc[_clause_heads(tok.doc)[tok.i]]


def _clause_heads(doc: Doc) -> list[int]:
    """The clause head of every token of a Doc (see _clause_head), worked out once per Doc."""
    return once(doc, "newsevents_date_clause_heads", lambda: _find_clause_heads(doc_parse(doc)))


def _find_clause_heads(p: Parse) -> list[int]:
    n = len(p.heads)
    subject = [False] * n
    for j in range(n):
        if p.heads[j] != j and p.dep[j] in SUBJECTS:
            subject[p.heads[j]] = True
    heads_clause = [p.pos[i] in ("VERB", "AUX") and (p.dep[i] in CLAUSE_DEPS or (p.dep[i] == "conj" and subject[i]))
                    for i in range(n)]
    out = [0] * n
    for i in range(n):
        t, steps = i, 0
        while steps < 60 and not heads_clause[t] and p.heads[t] != t:
            t, steps = p.heads[t], steps + 1
        out[i] = t
    return out


NESTED_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj"})


def _sentence_layout(sent: Span) -> list[tuple[int, int, int]]:
    """(index, first character within the sentence, length) of every token of a sentence, read once per Doc."""
    def read() -> list[tuple[int, int, int]]:
        p, lo = doc_parse(sent.doc), sent.start_char
        return [(i, p.starts[i] - lo, p.ends[i] - p.starts[i]) for i in range(sent.start, sent.end)]

    return once_for(sent.doc, "newsevents_sentence_layouts", (sent.start, sent.end), read)


def _clause_parts(head: Token) -> tuple[frozenset[int], tuple[frozenset[int], ...]]:
    """The words under a clause head and those of each clause coordinated with or embedded under it, read once per
    Doc (every act of a sentence asks for the clauses above it, twice)."""
    return once_for(head.doc, "newsevents_clause_parts", head.i, lambda: _read_clause_parts(head.doc, head.i))


def _read_clause_parts(doc: Doc, head: int) -> tuple[frozenset[int], tuple[frozenset[int], ...]]:
    """_clause_parts from the parse's lists, with no Token made per word. The clauses apart from the head's own:
    those coordinated anywhere under it, each with a subject of its own ("…killed when a drone hit a vehicle, and
    on June 17 a strike killed five traders": the second clause hangs on the first's "when"), and those embedded
    under it that tell another happening with its own time ("relatives of a man who was found dead on 13 January
    protested", "to protest against a bill adopted on May 24")."""
    p, kids = doc_parse(doc), doc_children(doc)
    under = subtree_indices(doc, head)
    verbs = [c for c in sorted(under) if c != head and p.pos[c] in ("VERB", "AUX")]
    coordinated = [c for c in verbs if p.dep[c] in ("conj", "parataxis") and any(p.dep[g] in SUBJECTS for g in kids[c])]
    nested = [c for c in verbs if p.dep[c] in NESTED_DEPS]
    return frozenset(under), tuple(frozenset(subtree_indices(doc, c)) for c in coordinated + nested)


def clause_texts(sent: Span, text: str, tok: Token) -> Iterator[str]:
    """The sentence's `text` (same length as the span's) narrowed to the clause of `tok`, then to each clause
    above it: a clause's own words, without the clauses coordinated with it that do not hold `tok`. A clause that
    qualifies a date ("since January, when gunmen killed nine passengers") is read with that date."""
    head = _clause_head(tok)
    seen = 0
    layout = _sentence_layout(sent)
    while seen < 12:
        subtree, clauses = _clause_parts(head)
        inside = set(subtree)
        for others in clauses:
            if tok.i not in others:
                inside -= others
        clause = _kept_words(text, layout, inside)
        when = head.head
        if head.dep_ in ("relcl", "advcl") and when.ent_type_ == "DATE" and when.i not in inside:
            # the date the clause qualifies, with the year the sentence gives it ("Last year, protests escalated on
            # June 25, when demonstrators stormed parliament")
            year = " last year" if LAST_YEAR.search(text) else ""
            clause = f"in {span_of_entity(when).text}{year} {clause}"
        yield clause
        if head.head.i == head.i or head.i == sent.root.i:
            return
        head, seen = _clause_head(head.head), seen + 1


def _kept_words(text: str, layout: list[tuple[int, int, int]], inside: set[int]) -> str:
    """`text` with the characters of every token not `inside` turned to spaces (offsets stay): the kept words
    joined with runs of spaces, not a list of characters assigned word by word."""
    size, pos = len(text), 0
    pieces: list[str] = []
    for i, lo, n in layout:
        if i in inside and lo < size:
            pieces.append(" " * (lo - pos))
            pos = min(lo + n, size)
            pieces.append(text[lo:pos])
    pieces.append(" " * (size - pos))
    return "".join(pieces)


def span_of_entity(tok: Token) -> Span:
    """The entity a token is part of."""
    return next((e for e in doc_ents(tok.doc) if e.start <= tok.i < e.end), tok.doc[tok.i:tok.i + 1])


def act_date(doc: Doc, sent: Span, tok: Token, published: date | None,
             fallback: date | None) -> tuple[date | None, TimePrecision] | None:
    """The date of the act `tok` tells from its own clause, or the nearest clause above it that gives one; None
    when no clause up to the sentence's own gives a date (the sentence's, `resolve_date`, stands). A sentence that
    tells two happenings ("In March, a drone killed eight people near Aguelhok, and on June 17 a strike killed
    five traders") dates each by its own clause."""
    from etl.extract.dateline import doc_datelines, filed_date, without_datelines

    ref = reference_date(published, filed_date(doc_datelines(doc, published or fallback)))
    text = without_other_dates(sent, without_datelines(doc, sent))
    for clause in clause_texts(sent, text, tok):
        hit = find_date(clause, ref, ref or fallback)
        if hit is not None:
            return hit
    return None


def told_at_that_time(sent: Span, tok: Token) -> bool:
    """Whether the act's clause is set at a time the text gave before ("Petro suspended the talks at the time",
    "In November of that year, a protester died", "The following year, the new government pledged ..."):
    background, not a new event. A clause of no time of its own
    is set when the clause above it is ("In November of that year, a protester died after police fired tear
    gas")."""
    clauses = list(clause_texts(sent, span_text(sent), tok))
    set_at = next((k for k, clause in enumerate(clauses)
                   if _may_tell_that_time(clause) and THAT_TIME.search(clause) is not None), None)
    if set_at is None:
        return False  # (most acts: no clause needs its date read)
    # unless a clause below it has a date of its own: "after police fired tear gas on Monday"
    return not any(find_date(clause, _ANY_DAY, _ANY_DAY) is not None for clause in clauses[:set_at])


def _may_tell_that_time(text: str) -> bool:
    """Whether `text` holds a word THAT_TIME needs (lower-cased; a letter case folding matches to an ASCII one
    leaves it to the pattern)."""
    if FOLDED_TO_ASCII.search(text) is not None:
        return True
    low = text.lower()
    return any(w in low for w in THAT_TIME_WORDS)


_ANY_DAY = date(2000, 6, 15)  # a reference day, only to tell whether a clause writes a date at all


def is_history(when: date | None, precision: TimePrecision, published: date | None) -> bool:
    """Whether a sentence dated by nothing but a year before the story's ("rebels seized the mine in 2019") tells
    history rather than news: its acts are not coded as new events (with a publication date to tell)."""
    return (precision == TimePrecision.YEAR and when is not None and published is not None
            and when.year < published.year)


def partition_dated(event: Event, day: date) -> Event:
    """An event whose date is unknown, stamped with the partition date of the run that read it (`run` only: the
    store and the daily files need a day); its precision stays UNKNOWN, so analysts can tell it from a real date.
    Its id, filed under no month at coding, is filed under the day's (`etl.ids`)."""
    if event.event_date is not None:
        return event
    return event.model_copy(update={"event_date": day, "time_precision": TimePrecision.UNKNOWN,
                                    "event_id": redated(event.event_id, day)})


def _days_covered(t: tuple[date | None, TimePrecision]) -> tuple[date, date] | None:
    """The days a dated time covers (first, last)."""
    day, precision = t
    if day is None:
        return None
    if precision == TimePrecision.WEEK:
        return day, day + timedelta(days=6)
    if precision == TimePrecision.MONTH:
        return day, (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if precision == TimePrecision.YEAR:
        return day, day.replace(month=12, day=31)
    return day, day


def times_apart(a: tuple[date | None, TimePrecision], b: tuple[date | None, TimePrecision], sequenced: bool) -> bool:
    """Whether two acts of a sentence are told at different times: more than a day apart ("in March ..., and in
    May ..."), or a day apart where the text sets one after the other ("killing six, a day after rebels ambushed").
    A day's difference alone is the dates' noise ("killed on Monday, police said on Tuesday")."""
    sa, sb = _days_covered(a), _days_covered(b)
    if sa is None or sb is None:
        return False
    gap = max((sb[0] - sa[1]).days, (sa[0] - sb[1]).days)
    return gap > 1 or (gap > 0 and sequenced)


LATER = re.compile(r"\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+)?"
                   r"(?P<unit>day|week|month)s?\s+later\b|\bthe\s+(?:next|following)\s+(?P<next>day|week|month)\b",
                   re.I)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_UNIT_PRECISION = {"day": TimePrecision.DAY, "week": TimePrecision.WEEK, "month": TimePrecision.MONTH}


def told_later(sent: Span, tok: Token) -> tuple[int | None, str] | None:
    """(how many, of what unit) when the act's clause is set at a time after one told before ("Two months later,
    200 people were killed", "the following day, troops retook the town"; "days later": how many unknown)."""
    for clause in clause_texts(sent, span_text(sent), tok):
        if "later" not in clause.lower() and "next" not in clause.lower() and "following" not in clause.lower():
            continue
        m = LATER.search(clause)
        if m is not None:
            if m.group("next"):
                return 1, m.group("next").lower()
            n = m.group("n")
            return (_COUNTS.get(n.lower()) if n and not n.isdigit() else int(n) if n else None), m.group("unit").lower()
    return None


def written_date(doc: Doc, sent: Span, published: date | None, fallback: date | None
                 ) -> tuple[date, TimePrecision] | None:
    """The date a sentence writes itself (not the article's nor the filing date); None when it writes none."""
    from etl.extract.dateline import doc_datelines, filed_date, without_datelines

    text = without_other_dates(sent, without_datelines(doc, sent))
    if not may_write_date(text):
        return None
    ref = reference_date(published, filed_date(doc_datelines(doc, published or fallback)))
    return find_date(text, ref, ref or fallback)


def later_date(anchor: tuple[date, TimePrecision], n: int | None, unit: str) -> tuple[date, TimePrecision]:
    """The date `n` units after an anchor date, as precise as both allow (a month after "October 2024" is
    "November 2024", a month; a few days after 3 March is the week of 3 March)."""
    when, precision = anchor
    if n is None:  # "days later", "weeks later": after the anchor, by an amount the text does not give
        n, precision = (3, max(precision, TimePrecision.WEEK)) if unit == "day" else (
            (2, max(precision, TimePrecision.MONTH)) if unit == "week" else (2, max(precision, TimePrecision.YEAR)))
    else:
        precision = max(precision, _UNIT_PRECISION[unit])
    if unit == "month":
        months = when.year * 12 + when.month - 1 + n
        shifted = when.replace(year=months // 12, month=months % 12 + 1, day=1 if precision >= TimePrecision.MONTH
                               else min(when.day, 28))
    else:
        shifted = when + timedelta(days=n * (7 if unit == "week" else 1))
    if precision == TimePrecision.MONTH:
        shifted = shifted.replace(day=1)
    elif precision == TimePrecision.YEAR:
        shifted = shifted.replace(month=1, day=1)
    return shifted, precision
