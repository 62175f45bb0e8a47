"""Repeated paragraphs and sentences inside one article are coded once.

Web pages often repeat their lead (the seed article repeats its first eight paragraphs verbatim). Rather than
cutting the text, which would shift every offset, later copies are blanked with spaces of the same length, so the
parser sees each paragraph once and every character offset still points into the original text.
"""

from __future__ import annotations

import re

_PARA = re.compile(r"[^\n]+")
_SENT = re.compile(r"[^.!?]+[.!?]+[\"'”’)]*\s*|[^.!?]+$")
_NORM = re.compile(r"\W+")


def _key(s: str) -> str:
    return _NORM.sub(" ", s.casefold()).strip()


def blank_repeats(text: str, min_chars: int = 40) -> str:
    """The text with every repeat of an earlier paragraph (or long sentence) replaced by spaces."""
    out = list(text)
    seen_paras: set[str] = set()
    seen_sents: set[str] = set()
    for m in _PARA.finditer(text):
        key = _key(m.group())
        if not key:
            continue
        if key in seen_paras and len(key) >= 10:
            out[m.start():m.end()] = " " * (m.end() - m.start())
            continue
        seen_paras.add(key)
        for s in _SENT.finditer(m.group()):
            skey = _key(s.group())
            if len(skey) < min_chars:
                continue
            if skey in seen_sents:
                a, b = m.start() + s.start(), m.start() + s.end()
                out[a:b] = " " * (b - a)
            else:
                seen_sents.add(skey)
    return "".join(out)
