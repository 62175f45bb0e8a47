"""When: the event's date from the text, relative to publication, never after it.

Forms: "23 February 2022", "February 23, 2022", "January 11" (the latest such day not after publication),
weekdays ("on Saturday": the latest Saturday not after publication), "yesterday", "today", "last night",
"last week" (precision 2: the Monday of that week) and "last month" / "in March" (precision 3: the first day of the
month, clipped to publication). Nothing found: the publication date (or the fallback) at precision 1 if the
article reads as fresh news, which is how wire reports are written.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from schemas.models import TimePrecision

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
MONTH_ONLY = re.compile(rf"\bin\s+(?:early\s+|late\s+|mid-?)?{_M}(?:\s+(\d{{4}}))?\b", re.I)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _latest_not_after(month: int, day: int, ref: date) -> date | None:
    for y in (ref.year, ref.year - 1):
        d = _safe(y, month, day)
        if d and d <= ref:
            return d
    return None


def find_date(text: str, ref: date) -> tuple[date, TimePrecision] | None:
    """The first date expression in `text`, resolved against the reference (publication) date."""
    found: list[tuple[int, date, TimePrecision]] = []
    for m in DAY_MONTH_YEAR.finditer(text):
        d = _safe(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d, TimePrecision.DAY))
    for m in MONTH_DAY_YEAR.finditer(text):
        d = _safe(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
        if d:
            found.append((m.start(), d, TimePrecision.DAY))
    for m in ISO.finditer(text):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d, TimePrecision.DAY))
    if not found:
        for rx, mi, di in ((DAY_MONTH, 2, 1), (MONTH_DAY, 1, 2)):
            for m in rx.finditer(text):
                if not m.group(mi)[0].isupper():  # "5 may die", "to march 3 km": not dates
                    continue
                d = _latest_not_after(MONTHS[m.group(mi).lower()], int(m.group(di)), ref)
                if d:
                    found.append((m.start(), d, TimePrecision.DAY))
    if not found:
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
        for m in WEEKDAY.finditer(text):
            back = (ref.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
            found.append((m.start(), ref - timedelta(days=back), TimePrecision.DAY))
    if not found:
        for m in MONTH_ONLY.finditer(text):
            if not m.group(1)[0].isupper():
                continue
            month = MONTHS[m.group(1).lower()]
            year = int(m.group(2)) if m.group(2) else (ref.year if month <= ref.month else ref.year - 1)
            d = _safe(year, month, 1)
            if d and d <= ref:
                found.append((m.start(), d, TimePrecision.MONTH))
    if not found:
        return None
    found.sort(key=lambda x: x[0])
    _, d, p = found[0]
    return (min(d, ref), p)


def resolve_date(doc: Doc | None, sent: Span | None, published: date | None,
                 fallback: date) -> tuple[date, TimePrecision]:
    """The event date of a sentence: its own date expression, else the article's first, else publication."""
    ref = published or fallback
    if sent is not None:
        hit = find_date(sent.text, ref)
        if hit:
            return hit
    if doc is not None:
        hit = find_date(doc[:300].text[:600], ref)  # (doc.text joins the whole article on every call)
        if hit:
            return hit
    return (ref, TimePrecision.DAY if published else TimePrecision.WEEK)
