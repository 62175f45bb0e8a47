"""Parse helpers the stages share: a head's noun phrase and named entity, the subject a clause shares with the clauses
above it, the verb that carries a noun act, lemmas the lemmatiser got wrong.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Span, Token

from etl.extract import actors as actors_mod
from etl.extract.dateline import past_dateline
from etl.extract.doctext import Parse, doc_parse, doc_words, once, once_for
from etl.extract.lexicon import words

CLIMB = ("xcomp", "conj", "advcl", "acomp", "pcomp")  # clauses that share their governor's subject
LIGHT_VERBS = words("light_verbs")
SUPPORT_VERBS = LIGHT_VERBS | words("support_verbs")
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
SPEECH_VERBS = words("speech_verbs")
SPEAKING = SPEECH_VERBS | words("appeal_heads") | words("demand_heads")


GROUP_HEADS = frozenset({"group", "movement", "militia", "faction", "organisation", "organization", "outfit"})


def noun_phrase(tok: Token) -> Span:
    """The noun phrase headed by tok, without relative clauses and trailing prepositional tails."""
    doc = tok.doc
    left = min([tok.i, *(c.left_edge.i for c in tok.lefts if c.dep_ not in ("prep", "punct", "cc", "npadvmod")
                         and c.ent_type_ not in ("DATE", "TIME"))])  # not "On 29 April, [Oromia forces]"
    right = max(tok.i, entity_tokens(tok)[-1].i)
    for child in tok.rights:
        if child.dep_ in ("compound", "amod", "nummod", "appos", "flat", "conj", "cc") and (
                child.i == right + 1 or (child.dep_ == "appos" and tok.lower_ in GROUP_HEADS and child.pos_ == "PROPN"
                                         and child.left_edge.i == right + 1 and not child.left_edge.is_punct)):
            # (a group's name in apposition whose head has words before it: "the militant group al-Shabab")
            right = child.right_edge.i if child.dep_ != "conj" else child.i
        elif (child.dep_ == "appos" and child.i == right + 2 and doc[right + 1].text == ","
              and not any(c.dep_ == "cc" for c in (*child.children, *tok.children))):  # (not a list of parties)
            right = child.right_edge.i  # "Kenzo Oshima, the UN relief coordinator": the title tells who he is
        elif child.dep_ == "prep" and child.lower_ in ("of", "from"):  # "doctors from two US aid groups"
            right = child.right_edge.i
    while right > tok.i and (doc[right].dep_ == "cc" or doc[right].is_punct):
        right -= 1  # "Brazil and [the United States]": the conjunction is not part of the name
    return doc[left:right + 1]


def entity_tokens(tok: Token) -> list[Token]:
    """The tokens of the named entity tok is in (itself when none): the small model sometimes hangs a name's
    second word off the first ("Barack/ADP Obama/pobj")."""
    if tok.ent_iob_ not in ("B", "I") or tok.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP"):
        return [tok]
    return list(actors_mod.entity_span(tok))


def coordinated_with(tok: Token) -> Token:
    """The verb a coordinated verb shares its subject with: its parse head, unless the verb is a finite past and its
    head a verb of another form inside what a verb of saying reports ("leaders said the attack showed the failure
    of the government to restore peace and called for talks", "the group said the authorities had abandoned the
    residents and called for ..."): verbs coordinate with verbs of their own form, so it is the verb of saying's
    conjunct, and its subject is the speaker's. So is one whose head's subject is a thing that cannot speak ("the
    office said the abduction was a violation of the law and urged the group to free the captives"). Only for a
    verb of saying, asking or demanding: the tagger reads the participle of "had stormed the village and abducted
    20 people" as a past tense too."""
    head = tok.head
    if (tok.dep_ != "conj" or tok.tag_ != "VBD" or head.pos_ not in ("VERB", "AUX")
            or tok.lemma_.lower() not in SPEAKING):  # (a tagger's "had stormed and abducted" may read VBD too)
        return head
    other_form = head.tag_ in ("VB", "VBG") or (head.tag_ == "VBN" and any(c.dep_ == "aux" for c in head.children))
    if not (other_form or _no_speaker(head)):
        return head
    node = head
    for _ in range(6):
        if node.head.i == node.i:
            return head
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_VERBS and node.head.tag_ == "VBD":
            return node.head
        node = node.head
    return head


def _no_speaker(verb: Token) -> bool:
    """Whether a verb's subject is a common noun that names no one who could speak: no side (actors_groups.tsv), no
    entity ("the abduction", "the attack", "the agreement")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (subj is not None and subj.pos_ == "NOUN" and not subj.ent_type_
            and actors_mod.word_role(subj) is None and subj.lemma_.lower() not in words("pronouns"))


def clause_subject(tok: Token, *, control: bool = False) -> Token | None:
    """The subject a verb shares with the clauses above it: "X attacked Y and killed Z", "X is willing to send",
    "X launched an offensive". Only a control verb lends its passive subject ("X is scheduled to attend"); the
    passive subject of "was shot and killed" is the victim."""
    node = tok
    for _ in range(5):
        subj = next((u for c in node.children if c.dep_ == "nsubj" and (u := past_dateline(c)) is not None), None)
        if subj is None and control:
            subj = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return subj
        if node.dep_ not in CLIMB or node.head.i == node.i:
            return None
        control = node.dep_ == "xcomp"
        node = node.head
    return None


def governing_verb(tok: Token) -> Token | None:
    """For a noun trigger in object position, the verb that carries it out: "provide food aid", "launched
    missiles", "send 25,000 tons of aid" (through "of"). Verbs that comment on an act ("condemned the attack") do
    not make their subject its actor, hence the list."""
    node = tok
    if node.dep_ == "compound" and node.head.pos_ == "NOUN":  # "undertook a mediation mission"
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.dep_ in ("dobj", "obj"):
        node = node.head.head
    if node.dep_ in ("dobj", "obj") and lemma_in(node.head, SUPPORT_VERBS):
        return node.head
    return None


def undated(tok: Token) -> Token | None:
    """A noun that is not a date; for a date the parser made the head of a name ("met with President X Tuesday",
    the name as compounds of "Tuesday"), the name's last word; None for a plain date ("on 22 May")."""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return tok
    return next((c for c in reversed(list(tok.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and c.ent_type_ not in ("DATE", "TIME")), None)


def past_stems(tok: Token) -> tuple[str, ...]:
    """The stems a past tense may have when the lemmatiser got it wrong ("raped" → "rap", "staged" → "stag")."""
    low = tok.lower_
    return (low[:-1], low[:-2]) if low.endswith("ed") else ()


def lemma_in(tok: Token, words: set[str]) -> bool:
    """Whether a verb is one of `words`, also when the lemmatiser got a past tense wrong."""
    return tok.lemma_.lower() in words or any(stem in words for stem in past_stems(tok))


def first_verb_above(tok: Token) -> Token:
    """The verb a word hangs under, climbing past nouns and coordinated verbs to the first of them ("fired tear gas
    and [live] ammunition": "fired" says who and when); the root when no verb is above."""
    node = tok
    while (node.pos_ != "VERB" or node.dep_ == "conj") and node.head.i != node.i:
        node = node.head
    return node


def act_verb(tok: Token) -> Token | None:
    """The token an act takes its negation and modality from: a verb trigger itself, the verb that carries a noun
    act ("did not reach an agreement", "will provide aid"), None when no verb carries it."""
    return governing_verb(tok) if tok.pos_ == "NOUN" else tok


def clause_chain(tok: Token, links: Collection[str], limit: int) -> Iterator[Token]:
    """The act's verb (or the token itself when no verb carries it) and the verbs of the clauses above it, climbed
    through `links` ("they will end up fighting": fighting, end), at most `limit` of them. Relative clauses are
    not climbed unless `links` says so: they tell their own act."""
    node = act_verb(tok) or tok
    for _ in range(limit):
        yield node
        if node.dep_ not in links or node.head.i == node.i:
            return
        node = node.head


def _clause_head(tok: Token) -> Token:
    """The nearest verb above `tok` (or itself) with a subject of its own, or the sentence's root (see
    _clause_heads)."""
    return tok.doc[_clause_heads(tok.doc)[tok.i]]


WH_TAGS = frozenset({"WDT", "WP", "WP$"})


def _clause_heads(doc: Doc) -> list[int]:
    """The clause head of every token of a Doc, found in one pass over its parse (the tolls and the state's forces
    ask it of every word of a sentence, once per act): the nearest verb above the word (or the word) with a subject
    of its own and no relative pronoun before it, else the sentence's root. A relative clause tells of its noun
    ("fighting in which 40 were killed"), and who says it tells no happening of its own ("killing 19, sources
    said"): neither is a clause apart."""
    return once(doc, "newsevents_clause_heads", lambda: _find_clause_heads(doc_parse(doc)))


def _find_clause_heads(p: Parse) -> list[int]:
    n = len(p.heads)
    subject = [False] * n
    relative = [False] * n  # a relative pronoun in the subtree of one of the word's left children
    for j in range(n):
        if p.heads[j] != j and p.dep[j] in ("nsubj", "nsubjpass"):
            subject[p.heads[j]] = True
        if p.tag[j] in WH_TAGS:
            node = j
            while p.heads[node] != node:
                parent = p.heads[node]
                if node < parent:
                    relative[parent] = True
                node = parent
    speech = SPEECH_VERBS
    heads_clause = [p.pos[i] in ("VERB", "AUX") and p.dep[i] not in ("relcl", "acl") and subject[i]
                    and not relative[i] and p.lemma[i] not in speech for i in range(n)]
    out = [0] * n
    for i in range(n):
        node = i
        while p.heads[node] != node and not heads_clause[node]:
            node = p.heads[node]
        out[i] = node
    return out


SEQUENCE_MARKS = frozenset({"after", "before", "since", "until", "till", "following"})


def act_clause(tok: Token) -> Token | None:
    """The clause an act's trigger tells: the clause it heads or is the subject or object of ("gunmen [killed]
    five", "a [strike] killed five"); None for a trigger deeper in a phrase ("the anniversary of the uprising")."""
    head = _clause_head(tok)
    if tok.i == head.i or (tok.head.i == head.i and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr")):
        return head
    return None


def _sequence_marked(head: Token) -> bool:
    """Whether a clause is introduced as set before or after another ("a day [after] rebels ambushed a convoy")."""
    return any(m.dep_ == "mark" and m.lower_ in SEQUENCE_MARKS for m in head.children)


def sequenced(a: Token, b: Token) -> bool:
    """Whether of two clauses (by their heads) one is set before or after the other, on which it hangs ("shelled
    villages, a day [after] rebels ambushed a convoy")."""
    return ((_sequence_marked(a) and a.head.i != a.i and _clause_head(a.head).i == b.i)
            or (_sequence_marked(b) and b.head.i != b.i and _clause_head(b.head).i == a.i))


def _words_and_clauses(sent: Span) -> list[tuple[str, int]]:
    """(text, index of its clause's head) of every word of a sentence, read once per Doc."""
    def read() -> list[tuple[str, int]]:
        texts, heads = doc_words(sent.doc), _clause_heads(sent.doc)
        return [(texts[i], heads[i]) for i in range(sent.start, sent.end)]

    return once_for(sent.doc, "newsevents_words_and_clauses", (sent.start, sent.end), read)


def text_without_clauses(sent: Span, heads: Collection[int], text: str | None = None) -> str:
    """The sentence's text less the words of the clauses headed by `heads` (token indices), spaced as written: a
    toll is read from it, and "a 14-year-old boy" spaced word by word ("a 14 - year - old boy") counts 14 dead.
    `text`: the sentence's text to take the words from, of the same length (its datelines blanked)."""
    doc, base = sent.doc, sent.start_char
    text = text if text is not None else sent.text
    out = []
    for i, (_, head) in enumerate(_words_and_clauses(sent), start=sent.start):
        if head not in heads:
            tok = doc[i]
            out.append(text[tok.idx - base:tok.idx - base + len(tok.text_with_ws)])
    return "".join(out)


def own_clause_text(tok: Token) -> str:
    """The words of the act of `tok` (where refine looks for the state's forces it hit): its clause and the clauses it
    explains ("eight were killed [when a drone hit a car]"), but not a clause of its own subject set beside it ("and
    a strike killed five") or a clause it comes after or before in time ("shelled villages, killing six, [a day
    after rebels ambushed a convoy]"). A clause without a subject of its own ("killing six") belongs to the one it
    hangs on."""
    head = _clause_head(tok)
    allowed = {head.i}
    node = head
    while (node.head.i != node.i and node.dep_ in ("advcl", "ccomp", "xcomp", "pcomp")
           and not _sequence_marked(node)):
        node = _clause_head(node.head)
        allowed.add(node.i)
    return " ".join(text for text, head in _words_and_clauses(sentence_of(tok)) if head in allowed)


SUBORDINATE = frozenset({"advcl", "ccomp", "relcl", "acl", "parataxis", "conj"})


def clause_range(tok: Token) -> tuple[int, int]:
    """The characters of the sentence that can tell the act of `tok`: the sentence, less the clauses hung at its
    start or end that do not contain the act ("police fired tear gas in Mzuzu [as protests spread, with drivers
    striking in Blantyre]"); the clauses that lead to the act stay ("a bomber blew himself up in Lashkar Gah,
    killing six"), and so does a clause in the middle. (Starting an act told in a later conjunct at that conjunct was
    tried: "traders in Parakou shut their stalls and marched" lost Parakou.)"""
    node = tok
    chain = [node]
    while node.head.i != node.i:
        node = node.head
        chain.append(node)
    root = chain[-1]
    cut: set[int] = set()
    for head in chain:
        for c in head.children:
            if (c.dep_ in SUBORDINATE and c.pos_ in ("VERB", "AUX") and c not in chain
                    and not (c.left_edge.i <= tok.i <= c.right_edge.i)):
                cut.update(range(c.left_edge.i, c.right_edge.i + 1))
    tree = _words_under(root)
    kept = [w for w in tree if w[0] not in cut] or tree
    return kept[0][1], kept[-1][1] + kept[-1][2]


def _words_under(root: Token) -> list[tuple[int, int, int]]:
    """(index, first character, length) of the words of a root's subtree, in its order (no space, no punctuation;
    the root alone if none), read once per root of a Doc: every act of a sentence asks for its tree."""
    def read() -> list[tuple[int, int, int]]:
        return [(t.i, t.idx, len(t.text)) for t in root.subtree if not t.is_space and not t.is_punct] or [
            (root.i, root.idx, len(root.text))]

    return once_for(root.doc, "newsevents_words_under", root.i, read)


def _sentences(doc: Doc) -> tuple[list[int], list[int], list[Span]]:
    """(first token, first character, span) of every sentence of a Doc, read once per Doc: spaCy's `Token.sent`
    walks every sentence before it each time."""
    index = doc.user_data.get("newsevents_sentence_index")
    if index is None:
        sents = list(doc.sents)
        index = doc.user_data["newsevents_sentence_index"] = (
            [s.start for s in sents], [s.start_char for s in sents], sents)
    return index


def sentence_of(tok: Token) -> Span:
    """The sentence of a token."""
    starts, _, sents = _sentences(tok.doc)
    return sents[bisect_right(starts, tok.i) - 1]


def sentence_at(doc: Doc, char: int) -> tuple[int, Span]:
    """(index, span) of the sentence holding a character offset (the first sentence for one before it)."""
    _, starts, sents = _sentences(doc)
    k = max(0, bisect_right(starts, char) - 1)
    return k, sents[k]


def sentence_count(doc: Doc) -> int:
    return len(_sentences(doc)[2])


def object_of(verb: Token) -> Token | None:
    """A verb's direct object, or the subject of a verbless clause it governs: "declared two diplomats persona non
    grata" is parsed with the diplomats as the subject of "persona", yet they are the ones declared."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None) or next(
        (c for c in verb.children if c.dep_ == "dative"), None)  # "gave the ambassador 72 hours to leave"
    if obj is not None:
        return obj
    small = next((c for c in verb.children if c.dep_ in ("ccomp", "oprd")
                  and (c.tag_ not in FINITE or c.lower_ == "persona")  # (the tagger takes "persona" for a verb)
                  and not any(g.dep_ in ("aux", "auxpass", "mark") for g in c.children)), None)
    return next((g for g in small.children if g.dep_ == "nsubj"), None) if small is not None else None
