"""What is said about an act rather than the act: negation ("did not attack", "refused to meet"), intent and
threats ("will send", "threatened to attack"), demands ("Y must withdraw") and appeals ("X urged Y to…"), and
the CAMEO codes they recode the act to.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from etl.extract.codebook import COOPERATIVE_ROOTS, FORCEFUL_ROOTS
from etl.extract.coref import condemned_acts
from etl.extract.lexicon import words
from etl.extract.syntax import act_verb, clause_chain

NEGATING_HEADS = words("negating_heads")  # "failed to reach agreement" is the opposite of agreeing
FUTURE_HEADS = words("future_heads")
PLANNING_VERBS = words("planning_verbs")  # "announced a march", "were planning a strike"
PLANNED_ACTS = words("protest_words") | words("stoppages")
MODALS = words("modals")
WILLING = words("willing")
DEMAND_HEADS = words("demand_heads")  # "X demanded that Y withdraw", "X's demand that Y withdraw"
APPEAL_HEADS = words("appeal_heads")
DENYING_HEADS = words("denying_heads")
INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}  # intent to meet, cooperate…


NO_ONE = frozenset({"nobody", "none", "nothing", "noone"})


def _none_of(tok: Token) -> bool:
    """Whether a noun phrase says that there was none of it: "no arrests", "no one", "nobody", "none of them"."""
    return tok.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _none_told_of(tok: Token) -> bool:
    """Whether a noun is what a phrase says there was none of: "no violence or arrests", "there were no reports of
    violence or arrests", "no sign of fighting"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return _none_of(head) or (head.dep_ == "pobj" and head.head.lower_ == "of" and _none_of(head.head.head))


def is_negated(tok: Token) -> bool:
    """Whether an act is said not to be done: "did not attack", "did not reach an agreement", "failed to agree",
    and acts done to or by no one: "no arrests were made", "no passengers were killed", "nobody claimed it"."""
    if any(c.dep_ == "neg" for c in tok.children) or _none_of(tok) or _none_told_of(tok):
        return True
    verb = act_verb(tok)  # "did not reach an agreement", "failed to reach an agreement"
    if verb is None:
        return False
    if verb is not tok and any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and _none_of(c) for c in verb.children):
        return True
    if denied(verb):
        return True
    tok = verb
    return tok.dep_ == "xcomp" and (tok.head.lemma_.lower() in NEGATING_HEADS
                                    or any(c.dep_ == "neg" for c in tok.head.children))


def denied(verb: Token) -> bool:
    """Whether an act's clause is what someone denies ("the rebels denied that they had shelled the city",
    "rejected claims that troops fired on the crowd", "denied shelling the city"): said not to have happened."""
    head = verb.head
    if verb.dep_ in ("ccomp", "xcomp", "pcomp", "dobj") and head.lemma_.lower() in DENYING_HEADS:
        return True
    return (verb.dep_ in ("acl", "ccomp") and head.lemma_.lower() in words("claim_nouns")
            and head.head.lemma_.lower() in DENYING_HEADS)


def is_hypothetical(tok: Token) -> bool:
    """Whether an act is announced rather than done: a modal ("will send"), a future head ("plans to strike"),
    readiness ("is willing to withdraw"); a noun trigger takes the modality of its verb ("will provide aid"), and
    a gathering that is planned or threatened is to come ("announced a march for Saturday", "threatened a
    strike")."""
    if planned(tok) or (tok.dep_ == "dobj" and tok.head.lemma_.lower() == "threaten"
                        and tok.lemma_.lower() in PLANNED_ACTS):
        return True
    verb = act_verb(tok)
    if verb is None:
        return False
    tok = verb
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.lower_ in WILLING:
        return True
    return tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in FUTURE_HEADS


def planned(tok: Token) -> bool:
    """Whether a gathering or a stoppage is the object of a verb of planning ("announced a march for Saturday",
    "were planning a strike"): it is to come, no act yet and no threat (a curfew or a ban announced is in force,
    hence the list of acts)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in PLANNED_ACTS:
        return False
    while tok.dep_ == "conj" and tok.head.pos_ == "NOUN":  # "announced a march and further blockades"
        tok = tok.head
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in PLANNING_VERBS


CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "pcomp"})


def under_modal(tok: Token) -> bool:
    """Whether an act's verb, or a verb whose clause holds it, is told with a modal ("they will end up fighting", "could
    lead to clashes", "if troops were to attack, ...": a modal or an "if" on the clauses above): a possibility,
    not an act ("we can hear gunfire": "can" of what is perceived is no possibility). Relative clauses ("rebels
    who attacked the town will face trial") are not climbed: they tell their own act."""
    return any((c.dep_ == "aux" and c.lower_ in MODALS and c.lower_ != "can") or (  # a noun act takes its verb's
        c.dep_ == "mark" and c.lower_ in ("if", "unless"))                          # modality ("may resume attacks")
               for node in clause_chain(tok, CLAUSE_LINKS, 6) for c in node.children)


def recode_modality(code: str, *, intent: bool, negated: bool) -> str | None:
    """CAMEO codes what was said about an act, not the act: "will support" is an intent to cooperate (03),
    "threatened to attack" a threat (13, 138 for force), "will not accept" / "refused to meet" a rejection (12).
    None when a future or hypothetical act has no such reading (it is not coded)."""
    root = code[:2]
    if negated and root in COOPERATIVE_ROOTS | {"03"}:
        return "120"
    if not intent:
        return code
    if root in COOPERATIVE_ROOTS:
        return INTENT_CODES[root]
    if root in FORCEFUL_ROOTS:
        return "138" if root in ("18", "19", "20") else "130"
    if root in ("01", "02", "03", "09", "10", "11", "12", "13"):
        return code
    return None


def appeal_of(tok: Token) -> tuple[Token, Token] | None:
    """"X wants Y to attack Z", "X urged Y to release…": what one side asks another to do is an appeal to it (02),
    not the act. Returns (who asks, who is asked)."""
    if tok.pos_ != "VERB" or tok.dep_ not in ("xcomp", "ccomp") or tok.head.lemma_.lower() not in APPEAL_HEADS:
        return None
    asker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    asked = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    asked = asked or next((c for c in tok.head.children if c.dep_ in ("dobj", "obj")), None)
    if asker is None or asked is None or asked.i == asker.i:
        return None
    return asker, asked


def is_obliged(tok: Token) -> bool:
    """"Y must withdraw", "X demanded that Y withdraw", "X's demand that Y withdraw": what one side says another
    has to do is a demand, not the act."""
    verb = act_verb(tok)
    if verb is None:
        return False
    tok = verb
    if any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
        return True
    return (tok.dep_ in ("ccomp", "acl") and tok.head.lemma_.lower() in DEMAND_HEADS
            and any(c.dep_ == "nsubj" for c in tok.children))


THREAT_MARKS = frozenset({"if", "unless"})
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
OWN_PRONOUNS = frozenset({"it", "they", "we", "i"})


def _conditions(clause: Token) -> list[Token]:
    """The clauses of "if" or "unless" that hang on a clause or on a verb it continues with ("would consider a strike
    if…", "would return to the road unless…")."""
    heads = [clause, *(c for c in clause.children if c.dep_ in ("xcomp", "conj") and c.pos_ in ("VERB", "AUX"))]
    return [c for h in heads for c in h.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in THREAT_MARKS for m in c.children)]


def _own(subj: Token, speaker: Token) -> bool:
    """Whether a clause's subject is the speaker's side: a pronoun of it, or the speaker's own word again."""
    return subj.lower_ in OWN_PRONOUNS or subj.lemma_.lower() == speaker.lemma_.lower()


def _speaker(said: Token) -> Token | None:
    """Who says it: the subject of the verb of saying."""
    return next((c for c in said.children if c.dep_ == "nsubj"), None)


def conditional_threat(said: Token, armed: frozenset[int], triggers: frozenset[int] = frozenset()
                       ) -> tuple[str, Token, Token | None] | None:
    """"X said it would join the strike if Y did not pay": an act the speaker says its own side will do on a
    condition another must meet is a threat to that other (CAMEO 13): with protest or a stoppage (133), with force
    (138, any of `armed`, the sentence's triggers of force, in the promised clause), else 130. Returns (code, who
    threatens, who must meet the condition, when the condition names its doer). None when a trigger of the promised
    clause (of `triggers`) tells the act itself ("would hold further protests": its own threat, `recode_modality`),
    unless it is only planned ("would consider a strike")."""
    speaker = _speaker(said)
    if speaker is None:
        return None
    for clause in said.children:
        if clause.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in clause.children):
            continue
        own = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if own is None or not _own(own, speaker):
            continue  # ("the minister said the army would act if…": another's act, no threat of the speaker's)
        conditions = _conditions(clause)
        if not conditions or any(c.dep_ == "neg" for c in clause.children):
            continue
        held = {t.i for cond in conditions for t in cond.subtree}
        promised = [t for t in clause.subtree if t.i not in held]
        if any(t.i in triggers and not planned(t) for t in promised):
            return None
        if any(t.i in armed for t in promised):
            code = "138"
        elif any(t.lemma_.lower() in PLANNED_ACTS for t in promised):
            code = "133"
        else:
            code = "130"
        other = next((c for c in conditions[0].children if c.dep_ == "nsubj"), None)
        return code, speaker, other
    return None


FEELING_HEADS = frozenset({"be", "feel", "remain"})
REPORT_NOUNS = frozenset({"report", "news", "account", "footage", "image", "video"})


def _act_named(tok: Token | None) -> Token | None:
    """The act a phrase of outrage names: "by the attack", "by reports of the attack"."""
    if tok is not None and tok.lemma_.lower() in REPORT_NOUNS:
        return next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), tok)
    return tok


@lru_cache(maxsize=1)
def _condemning() -> frozenset[str]:
    """Words of outrage and of judgement that condemn (data/words/dismay_words.txt, condemning_words.txt)."""
    return words("dismay_words") | words("condemning_words")


def voiced_condemnation(said: Token) -> tuple[Token, Token | None] | None:
    """"X said it was appalled by the attack", "X said the arrests were illegal": a statement of the speaker's own
    outrage at an act (data/words/dismay_words.txt), or that an act was wrong (condemning_words.txt), condemns it
    (CAMEO 111). Returns (who condemns, the act it names when it names one: its doer is whom it answers)."""
    speaker = _speaker(said)
    if speaker is None:
        return None
    dismay = words("dismay_words")
    condemning = _condemning()
    acts = condemned_acts()
    for clause in said.children:
        if clause.dep_ != "ccomp" or any(c.dep_ == "neg" for c in clause.children):
            continue
        if clause.lower_ in condemning or clause.lemma_.lower() in condemning:  # "it was appalled" (a passive)
            judged = clause
        elif clause.lemma_.lower() in FEELING_HEADS:
            judged = next((c for c in clause.children if c.dep_ in ("acomp", "attr")
                           and (c.lower_ in condemning or c.lemma_.lower() in condemning)), None)
        else:
            continue
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if judged is None or subj is None:
            continue
        if _own(subj, speaker) and (judged.lower_ in dismay or judged.lemma_.lower() in dismay):
            cause = next((g for c in judged.children if c.dep_ in ("prep", "agent")
                          and c.lower_ in ("by", "at", "over", "about") for g in c.children if g.dep_ == "pobj"), None)
            return speaker, _act_named(cause)
        if subj.lemma_.lower() in acts:
            return speaker, subj
    return None
