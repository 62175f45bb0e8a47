"""Features of the learned event classifier: evidence that transfers from ACLED's notes to news text.

Two families, both strings (the model is a linear one over their presence):
- text: lower-cased lemmas and lemma bigrams in which names, places, dates and numbers are masked by their kind
  (`<place>`, `<person>`, `<org>`, `<num>` …). The notes' places and group names are what a bag of words memorises
  and what does not carry over to another country, so the model never sees them.
- rules: what the rule coder found in the same text (trigger CAMEO code, its sub-type suggestion, the sides' inter
  codes and roles, negation, hedging, a toll) and the codebook's cue lists (weapons, crowd behaviour, intervention).

Note-only artefacts are left out of the text features (`artefacts`), so that a note and a news sentence that
tell the same thing give the same features.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from spacy.tokens import Doc, Span

from etl.extract.doctext import doc_text, span_text
from schemas.models import Event

FEATURE_VERSION = "2"

# entity kinds folded to one mask each: what kind of thing is named, never which
MASKS = {"GPE": "<place>", "LOC": "<place>", "FAC": "<place>", "PERSON": "<person>", "ORG": "<org>",
         "NORP": "<group>", "DATE": "<date>", "TIME": "<date>", "CARDINAL": "<num>", "QUANTITY": "<num>",
         "ORDINAL": "<num>", "MONEY": "<num>", "PERCENT": "<num>", "EVENT": "<name>", "WORK_OF_ART": "<name>",
         "LAW": "<name>", "PRODUCT": "<name>", "LANGUAGE": "<name>"}

# ACLED note conventions that news never carries: the lead date, the size tag, tags in brackets, the coders'
# fatality remarks, a lead label ("Other:"), and the lemma lists of one export
_LEAD_LABEL = re.compile(r"^\s*[A-Z][A-Za-z /-]{2,40}:\s+(?=\S)")
_LEAD_DATE = re.compile(r"\s*(?:(?:on|around|about|between|assumed on|in|during|from)\s+)?(?:the\s+)?"
                        r"(?:(?:week|month|night|weekend|morning|evening)\s+of\s+)?"
                        r"(?:\d{1,2}(?:-\d{1,2})?\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?)"
                        r"(?:,?\s+\d{4})?(?:\s*\((?:as reported|month of|week of)[^)]*\))?\s*,?\s*", re.I)
_BRACKETS = re.compile(r"\[[^\]]{0,200}\]")
_CODER_REMARK = re.compile(r"\b(?:fatalities|fatality) (?:coded|estimate|count|figures?)[^.]*\.?", re.I)
_LEMMA_LIST = re.compile(r"^\s*\[\s*'")


def unlist(text: str) -> str:
    """One export ships its notes as lists of lemmas ("['worker', 'held', 'protest']"): read them as words."""
    return " ".join(re.findall(r"'([^']*)'", text)) if _LEMMA_LIST.match(text) else text


def artefacts(text: str) -> list[tuple[int, int]]:
    """Character spans of ACLED-note artefacts in `text` (lead label and date, bracketed tags, coders' remarks);
    news text has none or only brackets."""
    spans: list[tuple[int, int]] = []
    pos = 0
    if m := _LEAD_LABEL.match(text):
        spans.append(m.span())
        pos = m.end()
    if m := _LEAD_DATE.match(text, pos):  # (match anchors at pos)
        spans.append(m.span())
    spans.extend(m.span() for m in _BRACKETS.finditer(text))
    spans.extend(m.span() for m in _CODER_REMARK.finditer(text))
    return spans


def _mask(tok) -> str | None:  # type: ignore[no-untyped-def]
    if tok.is_punct or tok.is_space or tok.pos_ in ("PUNCT", "SPACE", "SYM"):
        return None
    if tok.ent_type_ in MASKS:
        return MASKS[tok.ent_type_]
    if tok.like_num:
        return "<num>"
    if tok.pos_ == "PROPN":
        return "<name>"
    return tok.lemma_.lower()


def text_features(span: Span | Doc, skip: Sequence[tuple[int, int]] = (), extra_masks: Iterable[str] = ()
                  ) -> list[str]:
    """Masked lemma unigrams (without stop words) and bigrams (with them); masks merge runs of one kind. Tokens
    inside `skip` (note artefacts) are left out; words in `extra_masks` are masked as places."""
    masked_words = {w.lower() for w in extra_masks}
    seq: list[tuple[str, bool]] = []
    for tok in span:
        if any(a <= tok.idx < b for a, b in skip):
            continue
        m = _mask(tok)
        if m is None:
            continue
        if tok.lower_ in masked_words:
            m = "<place>"
        if m.startswith("<") and seq and seq[-1][0] == m:
            continue  # "Kani township , Sagaing" is one place, not three
        seq.append((m, tok.is_stop))
    feats = {f"w={w}" for w, stop in seq if not stop and not w.startswith("<")}
    feats.update(f"b={a}_{b}" for (a, _), (b, _) in pairwise(seq))
    return sorted(feats)


def syntax_features(span: Span | Doc) -> list[str]:
    """Head verbs with the masked heads of their subject and object: who did what to what, in any country."""
    feats: set[str] = set()
    for tok in span:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ROOT", "conj", "advcl", "xcomp", "ccomp", "relcl"):
            continue
        verb = tok.lemma_.lower()
        feats.add(f"v={verb}")
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "prep"):
                arg = child
                if child.dep_ in ("agent", "prep"):
                    arg = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if arg is None:
                        continue
                    dep = child.dep_ if child.dep_ == "agent" else f"prep_{child.lower_}"
                else:
                    dep = child.dep_
                feats.add(f"va={verb}|{dep}|{_mask(arg) or arg.lemma_.lower()}")
            if child.dep_ == "neg":
                feats.add(f"vneg={verb}")
    return sorted(feats)


# feature name → the cue pattern of data/cues.toml it stands for
CUE_FEATURES = {"air": "AIR", "shell": "SHELL", "ied": "IED", "grenade": "GRENADE", "suicide": "SUICIDE",
                "chemical": "CHEMICAL", "intervention": "INTERVENTION", "gunfight": "GUNFIGHT", "clash": "CLASH",
                "protest": "PROTEST_CTX", "excessive": "EXCESSIVE", "mob": "MOB", "firearm": "FIREARM",
                "blunt": "BLUNT", "armed_group": "ARMED_GROUP", "unarmed_side": "UNARMED_SIDE",
                "peaceful": "NON_VIOLENT_CROWD", "crowd_control": "CROWD_CONTROL", "hq": "HQ_CUE"}


def cues(text: str) -> list[str]:
    """The codebook's cue lists found in `text`: weapons, crowd behaviour, intervention, lethal force."""
    from etl.extract.lexicon import FOLDED_TO_ASCII, cue, cue_may_match
    from etl.extract.refine import suicide_attack, violent_crowd

    # (a cue whose words the text lacks is not searched: most of the eighteen)
    lowered = None if FOLDED_TO_ASCII.search(text) else text.lower()
    found = [name for name, pattern in CUE_FEATURES.items()
             if name != "suicide" and cue_may_match(pattern, text, lowered) and cue(pattern).search(text)]
    if suicide_attack(text):
        found.append("suicide")
    if violent_crowd(text):
        found.append("violent_crowd")
    return found


def span_features(span: Span | Doc, events: Sequence[Event], extra_masks: Iterable[str] = ()) -> list[str]:
    """Every feature of one unit of text (a short report, or a sentence of an article) with the rule coder's events
    found in it."""
    text = doc_text(span) if isinstance(span, Doc) else span_text(span)
    offset = span.start_char if isinstance(span, Span) else 0
    skip = [(a + offset, b + offset) for a, b in artefacts(text)]
    return (text_features(span, skip, extra_masks) + syntax_features(span)
            + rule_features(events, cues(text)))


def rule_features(events: Sequence[Event], cues: Iterable[str] = ()) -> list[str]:
    """What the rule coder found: the main event's codes and sides, every event's sub-type and root, and cues."""
    feats: set[str] = {f"cue={c}" for c in cues}
    if not events:
        feats.add("r=none")
        return sorted(feats)
    main = next((e for e in events if e.main), events[0])
    rule_sub = main.sub_event_type if main.event_type != "Strategic developments" or main.sub_event_type != "Other" \
        else "untyped"
    feats.update({f"m_sub={rule_sub}", f"m_code={main.cameo_code[:3]}", f"m_root={main.cameo_root}",
                  f"m_neg={main.negated}", f"m_hedged={main.hedged}", f"m_fatal={main.fatalities > 0}"})
    for k, actor in (("a1", main.actor1), ("a2", main.actor2)):
        feats.add(f"m_{k}_inter={actor.inter if actor and actor.inter else 0}")
        if actor and actor.cameo:
            roles = [actor.cameo[i:i + 3] for i in range(3 if len(actor.cameo) > 3 else 0, len(actor.cameo), 3)]
            feats.update(f"m_{k}_role={r}" for r in roles if len(r) == 3)
    if main.actor1 and main.actor2 and main.actor1.inter and main.actor2.inter:
        feats.add(f"m_inter={main.actor1.inter}{main.actor2.inter}")
    for e in events:
        feats.add(f"r_root={e.cameo_root}")
        if not (e.event_type == "Strategic developments" and e.sub_event_type == "Other"):
            feats.add(f"r_sub={e.sub_event_type}")
    return sorted(feats)
