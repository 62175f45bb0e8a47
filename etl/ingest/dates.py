"""Publication dates: many formats in, one UTC datetime (or None) out.

An unparseable or implausibly old date is not the article's fault: it becomes None (dates then fall back to the
text or the run's date downstream) with a warning. Only a date in the future beyond a tolerance is refused.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
"""Dates before this are treated as unknown: no news article online predates it, so it is a placeholder or a typo."""

_EPOCH_ZERO = datetime(1970, 1, 1, tzinfo=UTC)
_HOUR = 3600
TZ_ABBREVIATIONS: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": _HOUR, "CET": _HOUR, "CEST": 2 * _HOUR, "EET": 2 * _HOUR,
    "EEST": 3 * _HOUR, "MSK": 3 * _HOUR, "EST": -5 * _HOUR, "EDT": -4 * _HOUR, "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR, "MST": -7 * _HOUR, "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR,
}
"""Zone abbreviations as US and European outlets write them ("9 Oct 2012, 7:43am EDT"), as UTC offsets in seconds;
dateutil does not guess them (and will refuse them), and taking EDT for UTC would move the time by four hours."""
_NUMERIC = re.compile(r"^\d{9,13}(?:\.\d+)?$")


@dataclass(frozen=True)
class ParsedDate:
    """The outcome of reading one date value: `value` in UTC or None, and why it was dropped if it was."""

    value: datetime | None
    warning: str | None = None
    future: bool = False


def parse_published(raw: object, now: datetime, tolerance: timedelta) -> ParsedDate:
    """Read a publication date from a string, epoch number, date or datetime; naive times are taken as UTC."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ParsedDate(None)
    value = _to_datetime(raw)
    if value is None:
        return ParsedDate(None, f"unparseable publication date {str(raw)[:80]!r}; treated as unknown")
    if value < EARLIEST or value == _EPOCH_ZERO:
        return ParsedDate(None, f"implausible publication date {value.isoformat()}; treated as unknown")
    if value > now + tolerance:
        return ParsedDate(value, f"publication date {value.isoformat()} is in the future", future=True)
    return ParsedDate(value)


def _to_datetime(raw: object) -> datetime | None:
    try:
        if isinstance(raw, bool):
            return None
        if isinstance(raw, datetime):
            return _utc(raw)
        if isinstance(raw, date):
            return datetime.combine(raw, time(), tzinfo=UTC)
        if isinstance(raw, int | float):
            return _from_epoch(float(raw))
        if not isinstance(raw, str):
            return None
        s = raw.strip()[:100]
        if _NUMERIC.match(s):
            return _from_epoch(float(s))
        try:
            return _utc(datetime.fromisoformat(s.replace("Z", "+00:00")))
        except ValueError:
            pass
        try:
            return _utc(parsedate_to_datetime(s))  # RFC 2822, as in RSS
        except (TypeError, ValueError, IndexError):
            pass
        return _utc(dateutil_parser.parse(s, default=datetime(2000, 1, 1), tzinfos=TZ_ABBREVIATIONS))
    except (ValueError, OverflowError, TypeError, ArithmeticError, dateutil_parser.ParserError):
        return None


def _from_epoch(seconds: float) -> datetime | None:
    if not math.isfinite(seconds):
        return None
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    return datetime.fromtimestamp(seconds, tz=UTC)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
