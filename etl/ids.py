"""Event ids: the month an event was first coded in, then a digest of where it was coded.

`202611` + 16 hexadecimal digits (`2026113fa2c0b1d4e5f6a7`). The digest (the article, the sentence, the trigger and the
code) makes a rerun find the same events; the month in front lets PostgreSQL partition `core.events` by month on
the id itself (migration 0012): the id is the partition key, so its primary key stays one unique index that
PostgreSQL enforces across every month, and a lookup by id reads one month's index. The month is the event's date
when it was first coded; a later revision that moves the date keeps the id (and the partition), as it keeps every
other stable reference to the event. An event coded without a date carries `000000` until the run stamps it with
its partition date (`etl.extract.dates.partition_dated`).

The digest is the first 16 hexadecimal digits of a SHA-1 (64 bits; before migration 0012, 20 digits and no month).
Two ids can only meet within a month, so a collision needs two events of one month with the same 64 bits: about
one chance in a million for a month of 6 million events (GDELT's scale). 22 characters keep an id's index entry
as wide as the 20-character id's was (32 bytes with its header), where 26 would take 40.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

UNDATED = "000000"
MONTH_LEN = 6
DIGEST_LEN = 16
_MONTH = re.compile(r"([0-9]{4})(0[1-9]|1[0-2])")


def month_prefix(day: date | None) -> str:
    """The id prefix of an event dated `day`."""
    return UNDATED if day is None else f"{day.year:04d}{day.month:02d}"


def digest(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:DIGEST_LEN]


def event_id(day: date | None, *parts: object) -> str:
    """A stable id for the event coded from `parts`, filed under the month of `day`."""
    return month_prefix(day) + digest(*parts)


def id_month(eid: str) -> date | None:
    """The first day of the month an id is filed under, or None for an undated or hand-made id."""
    m = _MONTH.match(eid)
    if m is None or m.group(1) == "0000":
        return None
    return date(int(m.group(1)), int(m.group(2)), 1)


def unfiled(eid: str) -> bool:
    """An id written by hand (`ev00001`): stored in core.events_unfiled, the ids from 'a' on."""
    return eid[:1].islower()


def redated(eid: str, day: date) -> str:
    """An undated event's id once the run gives it a day (other ids unchanged: the month is fixed at coding)."""
    return month_prefix(day) + eid[MONTH_LEN:] if eid.startswith(UNDATED) else eid
