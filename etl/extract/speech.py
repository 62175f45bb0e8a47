"""Reported speech: who said what a trigger tells, and what a statement is when it reports another act ("X said Y
attacked Z" accuses Y, in a full article only when the verb alleges; "…, officials said" is the act's source, no
event of its own).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from etl.extract.codebook import ACCUSED_ROOTS, ROLES, VERBAL_ROOTS, role_of, same_side
from etl.extract.lexicon import cameo, words
from etl.extract.syntax import sentence_of
from schemas.models import Event

SPEECH = words("speech_verbs")
COMM_NOUNS = words("comm_nouns")
OWNING = words("owning_verbs")  # telling of one's own act as one's own
ALLEGING = words("alleging_verbs")  # telling of another's act as a charge


@lru_cache(maxsize=1)
def saying_verbs() -> frozenset[str]:
    """Verbs of saying and of thinking (data/words/speech_verbs.txt, opinion_verbs.txt)."""
    return SPEECH | words("opinion_verbs")


REPORTING = frozenset({"ccomp", "parataxis", "xcomp"})  # how a clause hangs on the verb of saying that reports it


def reported_clause(tok: Token, limit: int | None = None) -> Token | None:
    """The clause, holding `tok`, that a verb of saying reports ("X said [troops attacked]": its head is the verb
    of saying), climbing at most `limit` heads; None when no verb of saying reports it."""
    node, steps = tok, 0
    while node.head.i != node.i and (limit is None or steps < limit):
        if node.dep_ in REPORTING and node.head.lemma_.lower() in SPEECH:
            return node
        node, steps = node.head, steps + 1
    return None

def speaker_of(tok: Token) -> Token | None:
    """For a trigger inside reported speech, the head of who said it ("X said…", "X issued a warning that…")."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in SPEECH:
            for c in node.head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return c
            return None
        if node.dep_ in ("ccomp", "acl") and node.head.lemma_.lower() in COMM_NOUNS and node.head.head.pos_ == "VERB":
            return next((c for c in node.head.head.children if c.dep_ == "nsubj"), None)
        node = node.head
    root = sentence_of(tok).root
    for c in root.children:  # "…, officials said." parsed as the sentence root
        if root.lemma_.lower() in SPEECH and c.dep_ == "nsubj" and tok.i != root.i:
            return c
    return None


def is_claim_source(tok: Token) -> bool:
    """Who reports an act ("according to X", "X said", and each of "local elders and officials said"), not a side
    of it."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return True
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH


def commented_on(tok: Token) -> bool:
    """Whether an act is what a statement comments on rather than what it reports: the act's noun is the subject of
    the reported clause ("X said the attack was part of a campaign", "X said Saturday's attack showed the group was
    not serious"). The statement is then the speaker's word on an act told before, not that act's source."""
    return (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ in REPORTING
            and tok.head.head.lemma_.lower() in SPEECH)


def accusations(events: list[Event], told: dict[int, tuple[Token, Token | None]], first: int, *,
                article: bool = False) -> set[int]:
    """"X said Y attacked Z" is two events: Y's attack, and X's statement, which accuses Y (112, X → Y), CAMEO's
    convention for a sentence coded alone (the PETRARCH gold codes it so). In a sentence of a full article
    (`article`), told with a plain verb of reporting ("X said Y attacked Z", "the army confirmed the ambush"), the
    statement is the attack's source and its index is returned to be folded: the news is the attack, told once
    (data/words/alleging_verbs.txt says why); "X alleged Y attacked Z" still accuses, and so does "X said Y's attack
    was part of a campaign", a word on the act rather than its report (`commented_on`). X telling of its own act with
    a verb of owning claims it (015). A statement reporting nothing forceful stays a statement (010). Edits
    `events` in place from index `first` on (one sentence's events)."""
    sourced: set[int] = set()
    for i in range(first, len(events)):
        stmt = events[i]
        verb = told[i][0]
        if stmt.cameo_code not in ("010", "112") or verb.lemma_.lower() not in SPEECH or stmt.actor1 is None:
            continue
        for j in range(first, len(events)):
            act, speaker = events[j], told[j][1]
            if (speaker is None or speaker.head.i != verb.i or act.cameo_root not in ACCUSED_ROOTS
                    or act.actor1 is None or (act.actor1.country is None and (act.actor1.cameo or "") in ROLES | {""})
                    or (stmt.actor2 is not None and role_of(act.actor1) == "UAF")):  # (who is named accused stays)
                continue
            if not same_side(act.actor1, stmt.actor1):
                comment = commented_on(told[j][0])
                if article and stmt.cameo_code == "010" and verb.lemma_.lower() not in ALLEGING and not comment:
                    sourced.add(i)  # "X said Y attacked Z": the attack's source
                    break
                if comment and role_of(act.actor1) == "UAF":
                    break  # "X said the attack was part of a campaign", the attackers unknown: a word on it, no charge
                code, other = "112", act.actor1
            elif verb.lemma_.lower() in OWNING:  # "the US claimed that it had attacked Iraq": responsibility
                code, other = "015", act.actor2
            else:
                continue
            cc = cameo(code)
            events[i] = stmt.model_copy(update={"cameo_code": code, "cameo_root": cc.root, "quad_class": cc.quad_class,
                                                "goldstein": cc.goldstein, "plover_event": cc.plover,
                                                "actor2": other})
            break
    return sourced


def folded_statements(events: list[Event], told: dict[int, tuple[Token, Token | None]], first: int) -> set[int]:
    """Statements of one sentence that are no event of their own: a news outlet's report ("Reuters reports", "an
    AFP correspondent said") is where the news came from, not a party's statement; so is an attribution told after
    the act it sources ("Rebels shelled the town, officials said"), where the act is the news and the speaker its
    source, unlike a claim that leads ("Officials accused the rebels…", "X said that Y attacked Z"); and when the
    speaker's own side does a verbal act in what it says ("X said it would not provide…", "X said it was ready to
    talk"), that act is the statement. The reported events stay, each with its speaker as claim source."""
    out: set[int] = set()
    for i in range(first, len(events)):
        stmt, verb = events[i], told[i][0]
        if verb.lemma_.lower() not in SPEECH or stmt.actor1 is None or stmt.cameo_root not in ("01", "11"):
            continue
        if role_of(stmt.actor1) == "MED" or (stmt.actor1.cameo or "").startswith("MED"):
            out.add(i)
            continue
        if any(j != i and told[j][1] is not None and told[j][1].head.i == verb.i and told[j][0].i < told[j][1].i
               and events[j].actor1 is not None for j in range(first, len(events))):
            out.add(i)
            continue
        if stmt.cameo_root != "01":
            continue
        for j in range(first, len(events)):
            act, by = events[j], told[j][1]
            if j == i or by is None or by.head.i != verb.i or act.cameo_root not in VERBAL_ROOTS:
                continue
            parties = (act.actor1, act.actor2) if act.cameo_root == "03" else (act.actor1,)  # ("X said X and Y
            if any(a is not None and same_side(a, stmt.actor1) for a in parties):     # seek to deepen ties")
                out.add(i)
                break
    return out
