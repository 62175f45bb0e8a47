"""Datelines: where and when a story was filed, written before its first words ("OUAGADOUGOU, Nov 25 (AFP) -",
"KYIV, Ukraine (AP) —", "WASHINGTON —", "Kyiv, 25 November (Reuters) -").

A dateline is news style, not news: the town it names is where the reporter was, the date when the story was
filed, the agency who filed it. So the coder reads it as context only: its date is the reference for "on Tuesday"
(and the year of a dateline without one is the latest not after publication); its town is one more mention of the
article's country; it is never a side ("TBILISI demanded"), never an event's place of its own, and its digits are
never part of a toll ("Nov 25 (AFP) - Jihadists killed 12" is 12 dead). It is found at the start of the text or
of a paragraph: a town in capitals (or any capitalised town when a date or an agency follows), an optional region
or country, an optional date and year, an optional agency in parentheses, then a dash or a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from etl.extract.dates import MONTHS, latest_not_after
from etl.extract.doctext import doc_text, once, span_text

if TYPE_CHECKING:
    from etl.extract.geo.parser import Place

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH}))"
_CAPS_TOWN = r"[A-Z][A-Z'.\-]+(?:[ \-][A-Z][A-Z'.\-]*){0,3}"  # "KYIV", "NEW YORK", "PORT-AU-PRINCE", "ST. LOUIS"
_TOWN = r"[A-Z][\w'.\-]+(?: [A-Z][\w'.\-]+){0,3}"
# "Ukraine", "Calif.", "Democratic Republic of Congo", "Bosnia and Herzegovina"
_REGION = rf"(?!{_MONTH}\s+\d)[A-Z][\w.'\-]*(?: (?:(?:of|and)(?: the)? )?[A-Z][\w.'\-]*){{0,3}}"
_TAIL = (rf"(?:,\s*(?P<region>{_REGION}))?(?:,?\s+{_DATE}(?:,?\s+(?P<year>\d{{4}}))?)?"
         r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?\s*(?P<dash>(?:[-–—\ufffd]+|:)\s|[–—](?=[A-Z]))")  # ("WASHINGTON—The")
# (U+FFFD: the dash of a story whose encoding was lost on the way, "BEIRUT (AP) \ufffd A Kurdish…")
DATELINE_CAPS = re.compile(rf"(?P<town>{_CAPS_TOWN}){_TAIL}")
DATELINE_ANY = re.compile(rf"(?P<town>{_TOWN}){_TAIL}")
CREDIT_ONLY = re.compile(r"\((?P<agency>[^()\n]{1,40})\)\s*(?P<dash>[-–—\ufffd]+)\s")  # "(Reuters) - ..."
LINE_START = re.compile(r"(?:^|\n)[ \t\"“]*")
MAX_TOWN_WORDS = 4


@dataclass(frozen=True, slots=True)
class Dateline:
    """One dateline: character offsets into the article text (end-exclusive, the dash included), the town as
    written (None for a bare credit such as "(Reuters) -"), the region or country written after it, its date
    (resolved to a year) and the agency."""

    start: int
    end: int
    town: str | None
    region: str | None
    filed: date | None
    agency: str | None

    def covers(self, start: int, end: int) -> bool:
        """Whether the characters [start, end) lie inside the dateline."""
        return self.start <= start and end <= self.end


@lru_cache(maxsize=1)
def labels() -> frozenset[str]:
    """Heading words that are no town (data/dateline_labels.txt)."""
    path = Path(__file__).with_name("data") / "dateline_labels.txt"
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def _filed(m: re.Match[str], ref: date | None) -> date | None:
    month = (m.group("month") or m.group("month2") or "").lower().rstrip(".")
    day = m.group("day") or m.group("day2")
    mi = MONTHS.get(month) or MONTHS.get(month[:3])
    if mi is None or not day:
        return None
    if m.group("year"):
        try:
            return date(int(m.group("year")), mi, int(day))
        except ValueError:
            return None
    return latest_not_after(mi, int(day), ref) if ref else None


def _match_at(text: str, pos: int) -> re.Match[str] | None:
    m = DATELINE_CAPS.match(text, pos)
    if m is None:
        m = DATELINE_ANY.match(text, pos)
        # a town in ordinary case is a dateline only when a date or an agency tells so ("Kyiv, Nov 25 (Reuters) -")
        if m is not None and not (m.group("month") or m.group("month2") or m.group("agency")):
            m = None
    if m is None:
        m = CREDIT_ONLY.match(text, pos)
    return m


def find_datelines(text: str, ref: date | None = None) -> list[Dateline]:
    """The datelines at the start of the text and of its paragraphs; `ref` (the publication date, else the run's)
    gives the year of a date written without one."""
    out: list[Dateline] = []
    for lead in LINE_START.finditer(text):
        pos = lead.end()
        if out and out[-1].start >= pos:
            continue  # (a text that opens with a line break: one dateline, found once)
        m = _match_at(text, pos)
        if m is None:
            continue
        town = m.groupdict().get("town")
        if town is not None:
            if len(town.split()) > MAX_TOWN_WORDS or "\n" in m.group(0):
                continue
            if m.group("dash").strip() == ":" and not (m.group("agency") or m.group("month") or m.group("month2")):
                continue  # "WARNING: ...", "UPDATE: ...": a heading, not where a story was filed
            if town.lower() in labels():
                town = None
        region = m.groupdict().get("region")
        filed = _filed(m, ref) if "month" in m.groupdict() else None
        out.append(Dateline(start=m.start(), end=m.end(), town=town, region=region, filed=filed,
                            agency=m.group("agency")))
    return out


def doc_datelines(doc: Doc, ref: date | None = None) -> list[Dateline]:
    """The datelines of a parsed article, found once per Doc (kept in `doc.user_data`)."""
    key = "newsevents_datelines"
    if key not in doc.user_data:
        doc.user_data[key] = find_datelines(doc_text(doc), ref)
    return doc.user_data[key]


def dateline_credits(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of the datelines' credits, parentheses included ("(Steppe Line Agency)"), of the
    datelines `doc_datelines` found (the coder finds them first, with the publication date)."""
    text = doc_text(doc)
    return [(a, a + len(d.agency) + 2) for d in doc.user_data.get("newsevents_datelines", ()) if d.agency
            and (a := text.find(f"({d.agency})", d.start, d.end)) >= 0]


def credits_blanked(doc: Doc) -> str:
    """The article text with each dateline's credit blanked, offsets kept: "TASHKENT (Steppe Line Agency) -" is
    where and by whom a story was filed, so its parentheses are no region of the town before them. Built once per
    Doc once its datelines are found (the geoparser asks for every place it locates)."""
    if not doc.user_data.get("newsevents_datelines"):
        return doc_text(doc)

    def blanked() -> str:
        text = doc_text(doc)
        for lo, hi in dateline_credits(doc):
            text = text[:lo] + " " * (hi - lo) + text[hi:]
        return text

    return once(doc, "newsevents_credits_blanked", blanked)


def in_dateline(doc: Doc, start: int, end: int) -> bool:
    """Whether the characters [start, end) of the Doc lie in one of its datelines (found by `doc_datelines`)."""
    return any(d.covers(start, end) for d in doc.user_data.get("newsevents_datelines", ()))


def without_datelines(doc: Doc, span: Span) -> str:
    """The span's text with every dateline in it blanked (same length, so offsets stay valid): what a sentence
    says, not where and when it was filed."""
    text = span_text(span)
    for d in doc.user_data.get("newsevents_datelines", ()):
        lo, hi = max(d.start, span.start_char), min(d.end, span.end_char)
        if lo < hi:
            text = text[:lo - span.start_char] + " " * (hi - lo) + text[hi - span.start_char:]
    return text


def filed_date(datelines: list[Dateline]) -> date | None:
    """The date the story was filed, from its first dated dateline."""
    return next((d.filed for d in datelines if d.filed is not None), None)


def event_places(doc: Doc, places: list[Place] | None) -> list[Place] | None:
    """The places an event may be placed at: not a dateline's town, which only says where the reporter was,
    unless the article names no other place (then the filing town is the best the text offers)."""
    if places is None or not doc.user_data.get("newsevents_datelines"):
        return places
    credits = dateline_credits(doc)
    # an agency's name is who filed it, never a place: "(Sahel Wire)", "(Gulf News)", "(Anadolu)"
    places = [p for p in places if not any(lo <= p.start and p.end <= hi for lo, hi in credits)]
    rest = [p for p in places if not in_dateline(doc, p.start, p.end)]
    return rest if any(not p.demonym for p in rest) else places


def filed_from(tok: Token) -> bool:
    """Whether a token is part of a dateline ("NAIROBI" in "NAIROBI, Nov 25 - Police fired…", which the parser
    often takes for a subject): no side of any act."""
    return in_dateline(tok.doc, tok.idx, tok.idx + len(tok))


def past_dateline(tok: Token) -> Token | None:
    """The token as a side: itself outside a dateline; where the parser made the dateline's town the subject and
    the lead's own subject its apposition ("ARAUCA, Colombia (Agency) — Fighters of the ELN abducted…"), that
    subject, also where the dateline's country stands between them ("CANBERRA, Australia (Agency) - Australia on
    Wednesday imposed…": town, its conjunct country, then the subject); else None."""
    if not filed_from(tok):
        return tok
    links = [c for c in tok.children if c.dep_ in ("appos", "conj")]
    while links:
        c = links.pop(0)
        if not filed_from(c):
            return c if c.dep_ == "appos" else None
        links += [g for g in c.children if g.dep_ in ("appos", "conj")]
    return None
