"""The one tolerant reader of article files for the commands that code files as given (`extract`, `geocode`,
`evaluate`), and the rejection log that `run` shares with them.

A bad line never stops a command and never goes unnoticed: it becomes a Rejection naming its file, line and reason,
printed as one line on stderr and written to a rejects file (JSON lines), while the good lines are processed. The
caller prints `RejectLog.summary()` and exits non-zero only when asked (`--strict`).

Unlike the ingest gate of `run` (etl.ingest.checks), this reader does not judge whether a text is worth coding
(language, boilerplate): evaluation sets are coded line by line as given. It refuses only what cannot be coded or
matched: a line that is not UTF-8, not JSON or not an object; no `text` or one that is not a string (an empty one is
coded, to no events); no `id` or an empty one; lone surrogates; a text over `max_article_chars` or a line over the
byte bound. A publication date is read in any common format (python-dateutil); one that cannot be read, or lies in
the future (a year 3025), is dropped with a warning and the article is coded against the run's date instead.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from etl.ingest.checks import FUTURE_TOLERANCE, reject
from etl.ingest.dates import parse_published
from etl.ingest.jsonl import decode_object, iter_lines, max_line_bytes
from schemas.models import Article, Rejection, RejectReason

log = logging.getLogger(__name__)

STDERR_LINES = 50
"""Rejections printed one by one on stderr before the rest are only counted (all are in the rejects file)."""


class RejectLog:
    """Where rejections go: a JSON-lines file (opened on the first one) and one line each on stderr."""

    def __init__(self, path: Path | None, *, echo: Callable[[str], None] | None = None,
                 max_echo: int = STDERR_LINES) -> None:
        self.path = path
        self.by_reason: Counter[str] = Counter()
        self.accepted = 0
        self._echo = echo or _stderr
        self._max_echo = max_echo
        self._file: TextIO | None = None
        if path is not None and path.exists():
            path.unlink()  # a rerun's rejects file holds this run's rejections only

    @property
    def rejected(self) -> int:
        return sum(self.by_reason.values())

    def add(self, rejection: Rejection) -> None:
        """Record one rejection."""
        self.by_reason[rejection.reason.value] += 1
        n = self.rejected
        if n <= self._max_echo:
            self._echo(f"rejected {rejection.origin or '?'} ({rejection.reason.value}): {rejection.message}")
        elif n == self._max_echo + 1:
            self._echo(f"more rejections follow; see {self.path or 'the rejects file'}")
        if self.path is not None:
            if self._file is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = self.path.open("w", encoding="utf-8")
            self._file.write(rejection.model_dump_json() + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> RejectLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def summary(self) -> str:
        """One line: how many lines were read, accepted and rejected (by reason), and where the rejects are."""
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.by_reason.items()))
        text = f"{self.accepted + self.rejected} read, {self.accepted} accepted, {self.rejected} rejected"
        if self.rejected:
            text += f" ({reasons})" + (f"; details in {self.path}" if self.path else "")
        return text


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def default_rejects_path(output: Path) -> Path:
    """The rejects file beside an output file: `events.jsonl` → `events.rejects.jsonl`."""
    name = output.name.removesuffix(".jsonl").removesuffix(".json")
    return output.with_name(f"{name}.rejects.jsonl")


def read_article_file(path: Path, rejects: RejectLog, *, max_article_chars: int = 1_000_000,
                      now: datetime | None = None) -> Iterator[Article]:
    """The articles of a JSON-lines file that can be coded; every other line goes to `rejects`."""
    now = now or datetime.now(UTC)
    limit = max_line_bytes(max_article_chars)
    with path.open("rb") as f:
        for lineno, raw in iter_lines(f, limit):  # type: ignore[arg-type]
            where = f"{path}:{lineno}"
            if raw is None:
                rejects.add(reject(RejectReason.TOO_LARGE, f"line {lineno} is longer than {limit} bytes",
                                   origin=where))
                continue
            if lineno == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            item = parse_article_line(raw, where, lineno, max_article_chars=max_article_chars, now=now)
            if isinstance(item, Rejection):
                rejects.add(item)
            else:
                rejects.accepted += 1
                yield item


def parse_article_line(raw: bytes, where: str, lineno: int, *, max_article_chars: int,
                       now: datetime) -> Article | Rejection:
    """One line to an Article coded as given, or the Rejection that says why not; never raises."""
    decoded = decode_object(raw, where, lineno)
    if isinstance(decoded, Rejection):
        return decoded
    obj, line = decoded
    given = obj.get("id")
    art_id = str(given).strip() if isinstance(given, str | int) and not isinstance(given, bool) else ""
    if not art_id:
        what = "no `id`" if given is None else "an empty `id`" if given == "" else f"an `id` of type " \
            f"{type(given).__name__}"
        return reject(RejectReason.MISSING_FIELD, f"line {lineno} has {what}", origin=where, excerpt=line)
    if len(art_id) > 512:
        return reject(RejectReason.INVALID, f"line {lineno}: `id` is longer than 512 characters", origin=where,
                      excerpt=line)
    text = obj.get("text")
    if not isinstance(text, str):  # an empty string is coded as given: it has no events
        what = "no `text`" if text is None else f"a `text` of type {type(text).__name__}"
        return reject(RejectReason.MISSING_FIELD, f"line {lineno} has {what}", origin=where, article_id=art_id,
                      excerpt=line)
    if len(text) > max_article_chars:
        return reject(RejectReason.TOO_LARGE, f"line {lineno}: text has {len(text)} characters, over the limit of "
                      f"{max_article_chars}", origin=where, article_id=art_id, excerpt=text)
    if any(_is_surrogate(v) for v in (art_id, text, obj.get("title"), obj.get("url"), obj.get("source"))):
        return reject(RejectReason.ENCODING, f"line {lineno} holds a lone surrogate: not valid Unicode",
                      origin=where, article_id=None, excerpt=raw)
    when = parse_published(obj.get("published_at"), now, FUTURE_TOLERANCE)
    published = when.value
    if when.future:
        published = None
        log.warning("%s: %s; dropped, the article is dated by the run", where, when.warning)
    elif when.warning:
        log.warning("%s: %s", where, when.warning)
    fields = {k: v for k, v in obj.items() if k in Article.model_fields and k not in ("id", "text", "published_at")}
    fields = {k: v for k, v in fields.items() if v is None or isinstance(v, str)}
    try:
        return Article(id=art_id, text=text, published_at=published, **fields)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        return reject(RejectReason.INVALID, f"line {lineno}: invalid article: {str(exc).splitlines()[0][:300]}",
                      origin=where, article_id=art_id, excerpt=line)


def _is_surrogate(value: object) -> bool:
    return isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value)
