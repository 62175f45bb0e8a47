"""JSON-lines articles: one object a line, `text` required; read as bytes and decoded line by line.

A bad line (not UTF-8, not JSON, not an object, no text) becomes a Rejection naming its line; the lines around it
are read as usual. `text` is kept exactly as given (character offsets into it are the contract), with one exception:
text that is mojibake (UTF-8 once decoded as cp1252, "donâ€™t") is repaired, logged, and the repaired text is what
the article carries; offsets into the garbled original would point at garbage anyway.
Lines are read with a length bound, so a file with no newlines never fills memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from etl.ingest.checks import ArticleGate, reject
from schemas.models import Article, Rejection, RejectReason


def iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line longer than `max_bytes`, whose rest is skipped."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the oversized line in bounded chunks
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line


def parse_lines(lines: Iterable[tuple[int, bytes | None]], origin: str, gate: ArticleGate,
                max_bytes: int) -> Iterator[Article | Rejection]:
    """Articles and Rejections from numbered raw lines; blank lines are skipped silently."""
    for lineno, raw in lines:
        where = f"{origin}:{lineno}"
        if raw is None:
            yield reject(RejectReason.TOO_LARGE, f"line {lineno} is longer than {max_bytes} bytes", origin=where)
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        yield parse_line(raw, where, lineno, gate)


def decode_object(raw: bytes, where: str, lineno: int) -> tuple[dict, str] | Rejection:
    """The JSON object of one line with the line's text, or the Rejection that says why it is none."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return reject(RejectReason.ENCODING, f"line {lineno} is not valid UTF-8 (byte {exc.start})", origin=where,
                      excerpt=raw)
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return reject(RejectReason.BAD_JSON, f"line {lineno} is not JSON: {exc}", origin=where, excerpt=line)
    if not isinstance(obj, dict):
        return reject(RejectReason.NOT_OBJECT, f"line {lineno} is a JSON {type(obj).__name__}, not an object",
                      origin=where, excerpt=line)
    return obj, line


def parse_line(raw: bytes, where: str, lineno: int, gate: ArticleGate) -> Article | Rejection:
    """One JSONL line to an Article or a Rejection; never raises."""
    decoded = decode_object(raw, where, lineno)
    if isinstance(decoded, Rejection):
        return decoded
    obj, line = decoded
    given_id = obj.get("id")
    if obj.get("text") is None:
        return reject(RejectReason.MISSING_FIELD, f"line {lineno} has no `text`", origin=where,
                      article_id=str(given_id) if isinstance(given_id, str | int) else None, excerpt=line)
    return gate.build(text=obj["text"], origin=where, given_id=given_id, title=obj.get("title"),
                      url=obj.get("url"), source=obj.get("source"), published=obj.get("published_at"))


def max_line_bytes(max_article_chars: int) -> int:
    """Longest JSONL line worth reading: the text limit in UTF-8 worst case plus room for the other fields."""
    return max_article_chars * 4 + 64_000

