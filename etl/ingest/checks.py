"""The gate every article passes: text checks, language, dates, and the Article or Rejection that results.

Readers (JSONL, HTML, feeds, S3) only turn bytes into raw fields; `ArticleGate.build` decides. Keeping the decision
here means a JSONL line and a fetched page are refused for the same reasons with the same codes.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from importlib import resources

from pydantic import ValidationError

from etl.ingest.dates import parse_published
from etl.ingest.urls import article_id_for, canonical_url, redact_url
from etl.settings import Settings
from schemas.models import Article, Rejection, RejectReason

log = logging.getLogger(__name__)

LANGUAGE_PREFIX_CHARS = 2000
"""Language is detected on the start of the text: enough for a confident guess, cheap on long articles."""

MIN_LANGUAGE_CONFIDENCE = 0.9
"""A non-English guess below this probability counts as English. On the evaluation sets every weak non-English guess
(Nigerian Pidgin, Bikol, Tagalog at 0.2-0.65) was an English text; real French or German scores above 0.99."""

FUTURE_TOLERANCE = timedelta(hours=24)
"""Publication dates up to a day after the run are accepted: a date-only stamp from a UTC+14 outlet is 'tomorrow'."""

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6\u02dc\u0192€™]")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """The page-furniture patterns of data/boilerplate.txt, compiled once."""
    raw = resources.files("etl.ingest").joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
    return tuple(re.compile(line, re.IGNORECASE) for line in raw.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=1)
def _language_identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability for the start of `text` (py3langid)."""
    lang, prob = _language_identifier().classify(text[:LANGUAGE_PREFIX_CHARS])
    return str(lang), float(prob)


def is_binary(text: str) -> bool:
    """NUL bytes, or more than 5% control characters other than whitespace: not text."""
    if "\x00" in text:
        return True
    sample = text[:20000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    return controls > max(2, len(sample) // 20)


def repair_mojibake(text: str) -> str | None:
    """UTF-8 that was decoded as cp1252/latin-1 ("FranÃ§ois", "donâ€™t"), re-decoded; None if there is nothing to
    repair or the repair does not decode cleanly. A light heuristic in place of ftfy: both encodings are tried and the
    result must have fewer mojibake marks than the input."""
    marks = len(_MOJIBAKE.findall(text))
    if marks == 0:
        return None
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if len(_MOJIBAKE.findall(fixed)) < marks:
            return fixed
    return None


def real_text_chars(text: str) -> int:
    """Characters in sentences that look like prose (three words or more) and match no boilerplate pattern."""
    patterns = boilerplate_patterns()
    total = 0
    for sentence in _SENTENCE_SPLIT.split(text):
        s = sentence.strip()
        if len(_WORD.findall(s)) < 3 or any(p.search(s) for p in patterns):
            continue
        total += len(s)
    return total


def strip_furniture(text: str, max_line: int = 300) -> str:
    """`text` without its short lines that match a boilerplate pattern ("Subscribe now to continue reading."). For
    text we extracted ourselves (HTML, feeds); JSONL text is never altered this way."""
    patterns = boilerplate_patterns()
    kept = [line for line in text.splitlines()
            if len(line) > max_line or not any(p.search(line) for p in patterns)]
    return "\n".join(kept).strip()


def clean_excerpt(raw: str | bytes | None, limit: int = 200) -> str | None:
    """A printable start of a payload for a Rejection: no NULs or control characters (PostgreSQL refuses NUL)."""
    if raw is None:
        return None
    if isinstance(raw, bytes):
        raw = raw[: limit * 4].decode("utf-8", "replace")
    out = "".join(c if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs", "Co", "Cn") else "\ufffd"
                  for c in raw[:limit])
    return out


def reject(reason: RejectReason, message: str, *, origin: str | None = None, article_id: str | None = None,
           excerpt: str | bytes | None = None) -> Rejection:
    """A Rejection with its message and excerpt cut to the schema's limits."""
    return Rejection(article_id=clean_excerpt(article_id, 500), origin=clean_excerpt(origin, 1000),
                     reason=reason, message=message[:1000], excerpt=clean_excerpt(excerpt))


@dataclass
class ArticleGate:
    """Builds Articles from raw fields with the run's limits; counts what it fixed, for the log."""

    settings: Settings
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    repaired: int = 0

    def build(self, *, text: object, origin: str, given_id: object = None, title: object = None,
              url: object = None, source: object = None, published: object = None) -> Article | Rejection:
        """Check the text and metadata of one article; an Article if it can be coded, else a Rejection."""
        url_s = _short(redact_url(url.strip()), 4000) if isinstance(url, str) and url.strip() else None
        text_s = text if isinstance(text, str) else ""
        try:
            art_id = article_id_for(url_s, text_s, given_id)
        except (UnicodeError, ValueError):
            art_id = None
        if art_id is not None and (len(art_id) > 512 or _short(art_id, 512) != art_id):
            return reject(RejectReason.INVALID, "`id` is longer than 512 characters or holds control characters",
                          origin=origin, article_id=None, excerpt=art_id)
        if not isinstance(text, str):
            return reject(RejectReason.INVALID, f"`text` must be a string, not {type(text).__name__}",
                          origin=origin, article_id=art_id, excerpt=repr(text))
        bad = self._check_text(text, origin, art_id)
        if isinstance(bad, Rejection):
            return bad
        text = bad
        when = parse_published(published, self.now, FUTURE_TOLERANCE)
        if when.future:
            return reject(RejectReason.FUTURE_DATE, f"{when.warning} (run time {self.now.isoformat()})",
                          origin=origin, article_id=art_id, excerpt=text)
        if when.warning:
            log.warning("%s: %s", origin, when.warning)
        language = self._language(text)
        if language != "en":
            return reject(RejectReason.LANGUAGE, f"language {language!r}: recorded as skipped, not coded",
                          origin=origin, article_id=art_id, excerpt=text)
        try:
            return Article(id=art_id or hashlib.sha1(text.encode("utf-8", "replace")).hexdigest(), text=text,
                           title=_short(title), url=url_s, canonical_url=canonical_url(url_s) if url_s else None,
                           source=_short(source), published_at=when.value, language=language, origin=origin)
        except ValidationError as exc:
            return reject(RejectReason.INVALID, f"invalid article: {exc.errors()[0]['msg']}", origin=origin,
                          article_id=art_id, excerpt=text)

    def _check_text(self, text: str, origin: str, art_id: str | None) -> str | Rejection:
        """The text to keep (repaired if it was mojibake), or why it cannot be coded."""
        if len(text) > self.settings.max_article_chars:
            return reject(RejectReason.TOO_LARGE, f"text has {len(text)} characters, over the limit of "
                          f"{self.settings.max_article_chars}", origin=origin, article_id=art_id, excerpt=text)
        if is_binary(text):
            return reject(RejectReason.BINARY, "text contains NUL bytes or control characters: binary data",
                          origin=origin, article_id=art_id, excerpt=text)
        if not text.strip():
            return reject(RejectReason.EMPTY, "text is empty or whitespace", origin=origin, article_id=art_id,
                          excerpt=text)
        if "\ufffd" in text and text.count("\ufffd") > max(3, len(text) // 100):
            return reject(RejectReason.ENCODING, "text is full of replacement characters: wrong encoding",
                          origin=origin, article_id=art_id, excerpt=text)
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            return reject(RejectReason.ENCODING, "text contains lone surrogates: not valid Unicode",
                          origin=origin, article_id=art_id, excerpt=text.encode("utf-8", "replace"))
        fixed = repair_mojibake(text)
        if fixed is not None:
            log.warning("%s: mojibake repaired (UTF-8 read as cp1252)", origin)
            self.repaired += 1
            text = fixed
        if real_text_chars(text) < self.settings.min_article_chars:
            return reject(RejectReason.BOILERPLATE, f"fewer than {self.settings.min_article_chars} characters of "
                          "real sentences (only boilerplate or too short)", origin=origin, article_id=art_id,
                          excerpt=text)
        return text

    def _language(self, text: str) -> str:
        """Detected language; a confident non-English guess wins, a weak one (short notes, pidgin) counts as English:
        on the evaluation sets every weak non-English guess was an English text."""
        lang, prob = detect_language(text)
        if lang == "en" or prob < MIN_LANGUAGE_CONFIDENCE:
            return "en"
        return lang


def _short(value: object, limit: int = 1000) -> str | None:
    """A metadata string on one line, without control characters, cut to `limit`; None if nothing is left."""
    if not isinstance(value, str):
        return None
    value = "".join(" " if c.isspace() else c for c in value
                    if c.isspace() or unicodedata.category(c) not in ("Cc", "Cs"))
    value = " ".join(value.split())[:limit]
    return value or None
