"""Towns and villages the gazetteer lacks, where the text itself says they are places: "the central Malian town of
Nampala", "Mae Ka Nae village", then "in Nampala" further on. GeoNames' towns of 1,000 people miss many villages
and posts of the Sahel, Myanmar and eastern Congo, where much of the conflict happens; without this an attack there
was placed at its country. Such a town keeps the name the article writes and takes the coordinates of the smallest
known place around it (a place written right after it, a region of its sentence, the region the story was last in,
else its country) with the geo-precision of that place: ACLED's convention for a village it cannot find.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from etl.extract.doctext import doc_lowers, doc_text, doc_words

# the kind of place a text names before "of" or after the name: "the town of X", "X village"
TOWN_KINDS = frozenset({"town", "village", "city", "hamlet", "settlement", "township", "locality", "suburb"})
# "in X, in Cameroon's Far North region": a name after a preposition of place, then its known region or town
PLACED_IN = frozenset({"in", "near", "outside", "at"})
AFTER_NAME = frozenset({"town", "village", "township", "hamlet"})
# the words between a town and the known place written after it that say it lies there or near there
FILLER = frozenset({",", "in", "near", "(", "of", "outside", "the", "about", "some", "around", "roughly", "nearly",
                    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "north", "south",
                    "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
                    "south-east", "south-west", "-", "from", "town", "village", "township", "district", "area"})
MAX_TOKENS = 4
# "in northern Iraq", "in the country's north-east": the part of a country a town is written in
COMPASS_WORDS = frozenset({"the", "northern", "southern", "eastern", "western", "central", "north", "south", "east",
                           "west", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
                           "north-western", "south-eastern", "south-western", "far"})
NO_TOWN_ENTS = frozenset({"PERSON", "NORP", "DATE", "TIME", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})
# the word a text writes after a region's name: "Kaduna state", "Sagaing region"
REGION_WORD = re.compile(r"(?:state|province|region|district|county|governorate|prefecture|department)\b", re.I)
LOCATIVE = frozenset({"in", "near", "at", "outside", "around", "to", "from", "into", "toward", "towards"})


@dataclass(frozen=True, slots=True)
class Known:
    """What this module needs of a resolved place mention."""

    start: int
    end: int
    country: str | None
    feature_type: str
    demonym: bool
    weak: bool
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Unlisted:
    """An unlisted town: where it is written, its name, its country and the known place that stands for it."""

    start: int
    end: int
    name: str
    country: str
    around: int  # index, in the known places, of the place whose coordinates it takes; -1: its country


def _name_run(doc: Doc, i: int, stop: Callable[[str], bool]) -> int:
    """End (exclusive) of a run of capitalised proper names starting at token i, or i when there is none."""
    j = i
    while j < len(doc) and j - i < MAX_TOKENS:
        t = doc[j]
        if t.text[:1].isupper() and t.is_alpha and t.pos_ in ("PROPN", "NOUN", "ADJ") and not stop(t.text):
            j += 1
        elif t.text == "-" and not t.whitespace_ and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1  # "Hpa-an", "Ouro-Gnaou"
        else:
            break
    return j if j > i and doc[j - 1].text != "-" else i


def _name_run_before(doc: Doc, end: int, stop: Callable[[str], bool]) -> int:
    """Start of the run of capitalised proper names ending at token `end` (exclusive), `end` when there is none:
    the name before "village" in "Nam Hkam Wo village" or before the comma of "Gatawa, a farming village"."""
    start = end
    while start > 0 and end - start < MAX_TOKENS and (
            (doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha and doc[start - 1].pos_ == "PROPN"
             and not stop(doc[start - 1].text))
            or (doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and start > 1
                and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper())):
        start -= 1
    return start


def _written(doc: Doc, stop: Callable[[str], bool]) -> list[tuple[int, int, int | None]]:
    """(first token, end token, token of the kind word before "of" or None) of every name the text writes as a
    town: "the town of X" (not "Cape Town of"), "X village"."""
    out: list[tuple[int, int, int | None]] = []
    for i, text in enumerate(doc_words(doc)):
        if text not in TOWN_KINDS and text not in AFTER_NAME:
            continue  # (a Token object only for the words that can name a town's kind)
        t = doc[i]
        if t.text in TOWN_KINDS and i + 2 < len(doc) and doc[i + 1].lower_ == "of":
            end = _name_run(doc, i + 2, stop)
            if end > i + 2:
                out.append((i + 2, end, i))
        elif t.text in AFTER_NAME and i > 0 and not (i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN")):
            # (not "the town hall", nor "Bedouin village Al Araqeeb", whose name comes after)
            start = _name_run_before(doc, i, stop)
            if start < i and doc[start].text != "-" and not (
                    start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha):
                out.append((start, i, None))  # (not the tail of a longer capitalised name)
    return out


def _placed_in_known(doc: Doc, known: Sequence[Known], stop: Callable[[str], bool]) -> list[tuple[int, int]]:
    """(first token, end token) of every name written where an event happened and then placed in a known region or
    town: "in X, in Cameroon's Far North region", "near X, in Borno state". A person is not written so: "Smith, in
    Paris's view" has no preposition of place before the name, and the known place must be a region or a town."""
    starts = {k.start for k in known if k.country and not k.demonym and k.feature_type != "country"}
    regions = {k.start: k.end for k in known if k.country and not k.demonym and k.feature_type == "admin1"}
    countries = {k.start for k in known if k.feature_type == "country" and not k.demonym}
    text = doc_text(doc)
    out = []
    for i, lower in enumerate(doc_lowers(doc)):
        if lower not in PLACED_IN or i + 1 >= len(doc):
            continue
        t = doc[i]
        e = _name_run(doc, t.i + 1, stop)
        if e == t.i + 1 or e + 2 >= len(doc):
            continue
        if lower == "in" and doc[e].lower_ == "in" and all(
                x.pos_ == "PROPN" and x.ent_type_ not in NO_TOWN_ENTS and not stop(x.lower_) for x in doc[t.i + 1:e]):
            # "from a school in Kuriga in Kaduna state": no comma, so the region must be written as one and the
            # name be no person's and no word of an institution ("in Parliament in Kaduna state" names no town);
            # only after "in" ("the town of Guder near Ambo in Oromia region": Ambo is a landmark, not the scene)
            j = e + 1
            if doc[j].idx in countries and j + 2 < len(doc) and doc[j + 1].text in ("'s", "’s"):
                j += 2  # "in Um Ruwaba in Sudan's North Kordofan state"
            if doc[j].idx in regions and REGION_WORD.match(text, regions[doc[j].idx] + 1):
                out.append((t.i + 1, e))
            continue
        if doc[e].text != "," or doc[e + 1].lower_ not in ("in", "near"):
            continue
        j = e + 2
        if doc[j].lower_ == "the":
            j += 1
        if j < len(doc) and doc[j].idx in countries:  # "Cameroon's Far North region"
            j += 1
            while j < len(doc) and doc[j].idx not in starts and doc[j].text not in ("'s", "’s") and j - e < 8:
                j += 1
            j += 1 if j < len(doc) and doc[j].text in ("'s", "’s") else 0
        if j < len(doc) and doc[j].idx in starts:
            out.append((t.i + 1, e))
    return out


DESCRIBED_KINDS = TOWN_KINDS | {"community"}


def _described_as_town(doc: Doc, stop: Callable[[str], bool]) -> list[tuple[int, int]]:
    """(first token, end token) of every name an apposition calls a town: "stormed Gatawa, a farming village about
    20 km from ...", "the attack on Mbau, a village ...", "in Sabon Gida, a settlement in Mariga" ("Musa Abdullahi, a
    farmer" is no town)."""
    out = []
    for e, text in enumerate(doc_words(doc)):
        if text != "," or e == 0 or e + 2 >= len(doc) or doc[e + 1].lower_ not in ("a", "an"):
            continue
        k = e + 2
        while k < len(doc) and k - e < 5 and doc[k].text.islower() and doc[k].text not in DESCRIBED_KINDS:
            k += 1
        if k >= len(doc) or doc[k].text not in DESCRIBED_KINDS or (
                k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN" and doc[k + 1].text.islower()):
            continue  # (not "Yakubu Sambo, a community leader": the kind word must head the apposition)
        start = _name_run_before(doc, e, stop)
        if start < e and doc[start].text != "-":
            out.append((start, e))
    return out


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def unlisted_towns(doc: Doc, known: Sequence[Known], is_place_word: Callable[[str], bool],
                   stop: Callable[[str], bool]) -> list[Unlisted]:
    """The towns the text names that no known mention covers, each with its country and the known place whose
    coordinates it takes. `is_place_word(text)`: the gazetteer knows the words as a place (then it is no unlisted
    town, whatever the parse made of it); `stop(word)`: a capitalised word that is no part of a town's name."""
    text = doc_text(doc)

    def unknown(s: int, e: int) -> bool:  # no known mention covers the name and the gazetteer does not know it
        c0, c1 = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        return not any(_overlaps(c0, c1, k.start, k.end) for k in known) and not is_place_word(text[c0:c1])

    spans = [(s, e, kind) for s, e, kind in _written(doc, stop) if unknown(s, e)]
    for s, e in _placed_in_known(doc, known, stop) + _described_as_town(doc, stop):
        if unknown(s, e) and not any(_overlaps(s, e, s2, e2) for s2, e2, _ in spans):
            spans.append((s, e, None))
    names = {text[doc[s].idx:doc[e - 1].idx + len(doc[e - 1])] for s, e, _ in spans}
    # one sense per article: a name written once as a town is that town after "in", "near", "at" elsewhere
    for i, lower in enumerate(doc_lowers(doc)):
        if lower in LOCATIVE and i + 1 < len(doc):
            t = doc[i]
            e = _name_run(doc, t.i + 1, stop)
            if e > t.i + 1 and text[doc[t.i + 1].idx:doc[e - 1].idx + len(doc[e - 1])] in names and not any(
                    s <= t.i + 1 < e2 for s, e2, _ in spans):
                spans.append((t.i + 1, e, None))
    real = [k for k in known if k.country and not k.weak]
    focus = _focus(known)
    found = []
    for s, e, kind in sorted(spans, key=lambda x: x[:2]):
        c0, c1 = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        country, after, written = _country(doc, s, e, kind, known, real, focus)
        found.append((c0, c1, text[c0:c1], country, after, written))
    # one town per name in an article: where its mentions disagree, the country a mention is written in ("Koya in
    # Iraq's Kurdistan region"), else the article's country, else the first one's
    countries: dict[str, list[str]] = {}
    placed: dict[str, list[str]] = {}
    for _, _, name, country, _, written in found:
        if country is not None:
            countries.setdefault(name, []).append(country)
            if written:
                placed.setdefault(name, []).append(country)
    out: list[Unlisted] = []
    for c0, c1, name, country, after, _ in found:
        options = placed.get(name) or countries.get(name)
        if not options:
            continue
        own = focus if focus in options else options[0]
        if own != country:
            country, after = own, None
        out.append(Unlisted(c0, c1, name.title() if name.isupper() else name, country,
                            _around(doc, c0, c1, country, after, known)))
    return out


def _focus(known: Sequence[Known]) -> str | None:
    """The country the article names most (its places and demonyms), when one leads."""
    counts = Counter(k.country for k in known if k.country and not k.weak)
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def _country(doc: Doc, s: int, e: int, kind: int | None, known: Sequence[Known], real: Sequence[Known],
             focus: str | None) -> tuple[str | None, int | None, bool]:
    """The town's country, the known place written right after it ("X, Y", "X in Y"), and whether the text
    writes the town's country: a country or demonym in its own phrase ("the central Malian town of"), else that
    place's, else a country it is written in ("X in Iraq's Kurdistan region", "X, Mali"), else the article's
    country unless its sentence names one other country outright, else the one country its sentence's places are
    in."""
    if kind is not None:
        lo = doc[kind].left_edge.idx if doc[kind].left_edge.i < kind else doc[kind].idx
        phrase = [k for k in known if k.country and lo <= k.start and k.end <= doc[kind].idx]
        own = {k.country for k in phrase}
        if len(own) == 1:  # written as the country's only where a country or a people names it
            return own.pop(), _after(doc, e, known), any(k.feature_type == "country" or k.demonym for k in phrase)
    after = _after(doc, e, known)
    if after is not None and known[after].country:
        return known[after].country, after, False  # (the place after it may itself be a namesake's reading)
    if (written := _written_in(doc, e, known)) is not None:
        return written, None, True
    sent = doc[s].sent
    inside = [k for k in real if sent.start_char <= k.start < sent.end_char and not k.demonym]
    places = {k.country for k in inside if k.feature_type != "country"}
    countries = {k.country for k in inside if k.feature_type == "country"}
    if focus is not None:
        # the article's country, unless its sentence names one other country outright; a town of another country
        # there is as often a namesake ("Mese" of a Myanmar story is a village in Lombardy too); a demonym names
        # a side more often than a place ("Turkish forces shelled X")
        if focus in places | countries or len(countries) != 1:
            return focus, None, False
        return countries.pop(), None, False
    here = places | countries
    return (here.pop() if len(here) == 1 else None), None, False


def _written_in(doc: Doc, e: int, known: Sequence[Known]) -> str | None:
    """The country a town is written in, right after its name: "X, Mali", "X in Iraq", "X in northern Iraq",
    "X in Iraq's Kurdistan region" (not "X, north of Iraq": that is beside it, not in it)."""
    j = e
    if j < len(doc) and doc[j].text == ",":
        j += 1
    if j < len(doc) and doc[j].lower_ == "in":
        j += 1
    elif j == e:
        return None
    while j < len(doc) and doc[j].lower_ in COMPASS_WORDS:
        j += 1
    if j >= len(doc):
        return None
    return next((k.country for k in known if k.start == doc[j].idx and k.feature_type == "country"
                 and not k.demonym and k.country), None)


def _after(doc: Doc, e: int, known: Sequence[Known]) -> int | None:
    """The known place written right after the name: "X, Y", "X in Y", "X near Y", "X (Y", "X village, about 15
    kilometres north of Y"."""
    j = e
    while j < len(doc) and j - e < 12 and (doc[j].lower_ in FILLER or doc[j].like_num) and not doc[j].is_sent_end:
        j += 1
    if j == e or j >= len(doc):
        return None
    return next((i for i, k in enumerate(known) if k.start == doc[j].idx and not k.demonym and not k.weak
                 and k.feature_type != "country"), None)


def _around(doc: Doc, c0: int, c1: int, country: str, after: int | None, known: Sequence[Known]) -> int:
    """The known place whose coordinates the town takes: the one written right after it, else the nearest place of
    its country in its sentence ("the village of X in the countryside of Al Bab"), else the region the article's
    places of its country lie in most, where the article names it, else the last region of its country named before
    it, else the first named after it (a lead's town, the next paragraph's region), else none."""
    if after is not None and known[after].country == country:
        return after
    usable = [i for i, k in enumerate(known) if k.country == country and not k.demonym and not k.weak
              and k.feature_type not in ("country", "unlisted")]
    sent = doc.char_span(c0, c1, alignment_mode="expand")
    if sent is not None:
        s0, s1 = sent.sent.start_char, sent.sent.end_char
        inside = [i for i in usable if s0 <= known[i].start < s1]
        if inside:  # the nearest, after it first: "X near Y", "X in Y"
            return min(inside, key=lambda i: (abs(known[i].start - c1) if known[i].start >= c1
                                              else abs(c0 - known[i].end) + 1))
    # the region of its country the article's places lie in most (a story's towns and regions; the last region
    # named before it may be where the victims came from: "passengers from Punjab" in a Balochistan story)
    counts = Counter(known[i].admin1 for i in usable if known[i].admin1)
    top = counts.most_common(2)
    if top and (len(top) == 1 or top[0][1] > top[1][1]):
        named = [i for i in usable if known[i].feature_type == "admin1" and known[i].admin1 == top[0][0]]
        if named:
            return min(named, key=lambda i: abs(known[i].start - c0))
    regions = [i for i in usable if known[i].feature_type in ("admin1", "admin2")]
    before = [i for i in regions if known[i].end <= c0]
    after_it = [i for i in regions if known[i].start >= c1]
    return before[-1] if before else (after_it[0] if after_it else -1)
