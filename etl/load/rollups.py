"""The rollups (`core.rollup_daily`, `core.rollup_dyads`, `core.rollup_monthly`, `core.rollup_pairs`; migration
0011), kept by the load in its own transactions.

The load knows every change it makes: the rows it COPYs in, and for a revised or withdrawn event the stored row it
replaces. So a batch's change to each rollup is summed here, in memory (about a third of a microsecond an event),
and applied with one INSERT … ON CONFLICT DO UPDATE per table, all four in one statement (one round trip), as the
batch's last statement: no trigger, no per-row work in the server, and the rollup rows are locked only from that
statement to the commit. Rows go in one global key order, so two batches that touch the same rollup rows (two days
loading at once, or the load's two workers) wait for each other instead of deadlocking; measured, such waits are
rare and short (no lock wait in about 130 samples of a 50,000-event load's active backends). The monthly counts and
the all-time pairs are summed from the daily and dyad changes (not from the rows again), so they cost the load per
rollup key, not per event.

`rebuild` recomputes the tables from `core.events` (repair after a hand edit, or a check); `differences` lists
where the rollups disagree with a recomputation (the tests run it after every kind of change).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

# What a rollup needs of an event row, in this order (store.py picks them out of its rows by position).
ROLLUP_COLUMNS = ("event_date", "location_country", "location_admin1", "event_type", "sub_event_type", "event_class",
                  "actor1_name", "actor1_country", "actor2_name", "actor2_country", "fatalities", "goldstein",
                  "withdrawn")

DailyKey = tuple[date, str | None, str | None, str, str, str]
DyadKey = tuple[date, str, str | None, str, str | None, str]
MonthlyKey = tuple[date, str | None, str, str]
PairKey = tuple[str, str | None, str, str | None, str]

_FLOAT4 = struct.Struct("f")
_real_cache: dict[float, float] = {}


def _real(value: float) -> float:
    """The value as PostgreSQL stores it in a `real` column, so the Goldstein sums here equal a recomputation's
    (which adds the stored float4 values); the scale has few distinct values, each converted once."""
    r = _real_cache.get(value)
    if r is None:
        r = _real_cache[value] = _FLOAT4.unpack(_FLOAT4.pack(value))[0]
    return r


def _order(key: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    """A total order over keys holding NULLs, the same in every transaction (deadlock avoidance)."""
    return tuple((v is None, "" if v is None else v) for v in key)


class RollupDelta:
    """One transaction's change to the rollups: events, fatalities (and for dyads the Goldstein sum and the
    events per day) per rollup key, added up from rows in ROLLUP_COLUMNS order."""

    def __init__(self) -> None:
        self.daily: dict[DailyKey, list[int]] = {}
        self.dyads: dict[DyadKey, list[float]] = {}

    def add(self, rows: Iterable[tuple[Any, ...]], sign: int = 1) -> None:
        """Count live rows in (sign 1) or out (sign -1); a withdrawn row counts nowhere."""
        daily, dyads = self.daily, self.dyads
        for day, country, admin1, etype, sub, cls, a1, c1, a2, c2, fat, gold, withdrawn in rows:
            if withdrawn:
                continue
            key = (day, country, admin1, etype, sub, cls)
            v = daily.get(key)
            if v is None:
                daily[key] = [sign, sign * fat]
            else:
                v[0] += sign
                v[1] += sign * fat
            if a1 is not None and a2 is not None:
                dkey = (day, a1, c1, a2, c2, cls)
                w = dyads.get(dkey)
                if w is None:
                    dyads[dkey] = [sign, sign * fat, sign * _real(gold)]
                else:
                    w[0] += sign
                    w[1] += sign * fat
                    w[2] += sign * _real(gold)

    def __bool__(self) -> bool:
        return bool(self.daily or self.dyads)

    def apply(self, conn: Connection) -> None:
        """Add the change to the rollup tables in one statement (one round trip: four statements cost a batch
        about a millisecond more on loopback); its four upserts write daily, dyads, monthly, pairs in that order,
        keys in `_order`."""
        params = self.params()
        if params is not None:
            conn.execute(text(_UPSERT_ALL), params)

    def params(self) -> dict[str, list[Any]] | None:
        """The change as _UPSERT_ALL's array parameters (None: nothing changes); monthly and pair changes are
        summed here from the daily and dyad ones."""
        daily = sorted(((k, v) for k, v in self.daily.items() if v[0] or v[1]), key=lambda kv: _order(kv[0]))
        monthly: dict[MonthlyKey, list[int]] = {}
        for (day, country, _admin1, etype, _sub, cls), (n, fat) in daily:
            mkey = (day.replace(day=1), country, etype, cls)
            mv = monthly.get(mkey)
            if mv is None:
                monthly[mkey] = [n, fat]
            else:
                mv[0] += n
                mv[1] += fat
        months: dict[DyadKey, list[Any]] = {}
        for (day, a1, c1, a2, c2, cls), (n, fat, gold) in self.dyads.items():
            if not (n or fat or gold):
                continue
            key = (day.replace(day=1), a1, c1, a2, c2, cls)
            m = months.get(key)
            if m is None:
                m = months[key] = [0, 0, 0.0, [0] * 31]
            m[0] += n
            m[1] += fat
            m[2] += gold
            m[3][day.day - 1] += n
        dyads = sorted(months.items(), key=lambda kv: _order(kv[0]))
        pairs: dict[PairKey, list[Any]] = {}
        for (_month, a1, c1, a2, c2, cls), (n, fat, gold, _days) in dyads:
            p = pairs.get((a1, c1, a2, c2, cls))
            if p is None:
                pairs[(a1, c1, a2, c2, cls)] = [n, fat, gold]
            else:
                p[0] += n
                p[1] += fat
                p[2] += gold
        month_rows = sorted(((k, v) for k, v in monthly.items() if v[0] or v[1]), key=lambda kv: _order(kv[0]))
        pair_rows = sorted(((k, v) for k, v in pairs.items() if v[0] or v[1] or v[2]), key=lambda kv: _order(kv[0]))
        if not (daily or dyads or month_rows or pair_rows):
            return None
        dk = _columns([k for k, _ in daily], 6)
        yk = _columns([k for k, _ in dyads], 6)
        mk = _columns([k for k, _ in month_rows], 4)
        pk = _columns([k for k, _ in pair_rows], 5)
        return {
            "d_d": dk[0], "d_c": dk[1], "d_a": dk[2], "d_t": dk[3], "d_s": dk[4], "d_k": dk[5],
            "d_n": [v[0] for _, v in daily], "d_f": [v[1] for _, v in daily],
            "y_m": yk[0], "y_a1": yk[1], "y_c1": yk[2], "y_a2": yk[3], "y_c2": yk[4], "y_k": yk[5],
            "y_n": [int(v[0]) for _, v in dyads], "y_f": [int(v[1]) for _, v in dyads],
            "y_g": [float(v[2]) for _, v in dyads], "y_days": ["{" + ",".join(map(str, v[3])) + "}" for _, v in dyads],
            "m_m": mk[0], "m_c": mk[1], "m_t": mk[2], "m_k": mk[3],
            "m_n": [v[0] for _, v in month_rows], "m_f": [v[1] for _, v in month_rows],
            "p_a1": pk[0], "p_c1": pk[1], "p_a2": pk[2], "p_c2": pk[3], "p_k": pk[4],
            "p_n": [int(v[0]) for _, v in pair_rows], "p_f": [int(v[1]) for _, v in pair_rows],
            "p_g": [float(v[2]) for _, v in pair_rows],
        }


def _columns(keys: list[tuple[Any, ...]], width: int) -> list[list[Any]]:
    """Keys as one list per column (empty lists for no keys)."""
    return [list(c) for c in zip(*keys, strict=True)] if keys else [[] for _ in range(width)]


_UPSERT_DAILY = """
INSERT INTO core.rollup_daily AS r (event_date, country, admin1, event_type, sub_event_type, event_class, events,
                                    fatalities)
SELECT d, c, a, t, s, k, n, f
FROM unnest(CAST(:d AS date[]), CAST(:c AS text[]), CAST(:a AS text[]), CAST(:t AS text[]), CAST(:s AS text[]),
            CAST(:k AS text[]), CAST(:n AS integer[]), CAST(:f AS bigint[]))
     WITH ORDINALITY AS u(d, c, a, t, s, k, n, f, o)
ORDER BY o
ON CONFLICT ON CONSTRAINT rollup_daily_key DO UPDATE
SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities
"""

_UPSERT_DYADS = """
INSERT INTO core.rollup_dyads AS r (month, actor1_name, actor1_country, actor2_name, actor2_country, event_class,
                                    events, fatalities, goldstein_sum, days)
SELECT m, a1, c1, a2, c2, k, n, f, g, CAST(days AS integer[])
FROM unnest(CAST(:m AS date[]), CAST(:a1 AS text[]), CAST(:c1 AS text[]), CAST(:a2 AS text[]), CAST(:c2 AS text[]),
            CAST(:k AS text[]), CAST(:n AS integer[]), CAST(:f AS bigint[]), CAST(:g AS double precision[]),
            CAST(:days AS text[])) WITH ORDINALITY AS u(m, a1, c1, a2, c2, k, n, f, g, days, o)
ORDER BY o
ON CONFLICT ON CONSTRAINT rollup_dyads_key DO UPDATE
SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities,
    goldstein_sum = r.goldstein_sum + EXCLUDED.goldstein_sum, days = core.add_days(r.days, EXCLUDED.days)
"""

_UPSERT_MONTHLY = """
INSERT INTO core.rollup_monthly AS r (month, country, event_type, event_class, events, fatalities)
SELECT m, c, t, k, n, f
FROM unnest(CAST(:m AS date[]), CAST(:c AS text[]), CAST(:t AS text[]), CAST(:k AS text[]), CAST(:n AS integer[]),
            CAST(:f AS bigint[])) WITH ORDINALITY AS u(m, c, t, k, n, f, o)
ORDER BY o
ON CONFLICT ON CONSTRAINT rollup_monthly_key DO UPDATE
SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities
"""

_UPSERT_PAIRS = """
INSERT INTO core.rollup_pairs AS r (actor1_name, actor1_country, actor2_name, actor2_country, event_class, events,
                                    fatalities, goldstein_sum)
SELECT a1, c1, a2, c2, k, n, f, g
FROM unnest(CAST(:a1 AS text[]), CAST(:c1 AS text[]), CAST(:a2 AS text[]), CAST(:c2 AS text[]), CAST(:k AS text[]),
            CAST(:n AS integer[]), CAST(:f AS bigint[]), CAST(:g AS double precision[]))
     WITH ORDINALITY AS u(a1, c1, a2, c2, k, n, f, g, o)
ORDER BY o
ON CONFLICT ON CONSTRAINT rollup_pairs_key DO UPDATE
SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities,
    goldstein_sum = r.goldstein_sum + EXCLUDED.goldstein_sum
"""

def _cte(name: str, sql: str, prefix: str) -> str:
    """One of the upserts above as a data-modifying CTE of _UPSERT_ALL, its parameters prefixed."""
    body = re.sub(r":(\w+)", lambda m: f":{prefix}_{m.group(1)}", sql.strip())
    return f"{name} AS ({body}\nRETURNING 1)"


# The four upserts as one statement. The main query reads the CTEs in this order, so PostgreSQL runs (and locks)
# them in this order, the same in every batch: two batches touching the same rows wait, never deadlock.
_UPSERT_ALL = ("WITH " + ",\n".join(_cte(n, q, p) for n, q, p in (
    ("daily", _UPSERT_DAILY, "d"), ("dyads", _UPSERT_DYADS, "y"), ("monthly", _UPSERT_MONTHLY, "m"),
    ("pairs", _UPSERT_PAIRS, "p")))
    + "\nSELECT (SELECT count(*) FROM daily), (SELECT count(*) FROM dyads), (SELECT count(*) FROM monthly), "
      "(SELECT count(*) FROM pairs)")

# The rollups recomputed from the events (what the tables must hold, zero rows aside).
RECOMPUTED_DAILY = """
SELECT event_date, location_country AS country, location_admin1 AS admin1, event_type, sub_event_type, event_class,
       count(*)::integer AS events, sum(fatalities)::bigint AS fatalities
FROM core.events WHERE NOT withdrawn
GROUP BY event_date, location_country, location_admin1, event_type, sub_event_type, event_class
"""
RECOMPUTED_DYADS = """
SELECT month, actor1_name, actor1_country, actor2_name, actor2_country, event_class, sum(n)::integer AS events,
       sum(f)::bigint AS fatalities, sum(g) AS goldstein_sum, core.sum_days(core.day_array(d, n::integer)) AS days
FROM (
    SELECT date_trunc('month', event_date)::date AS month, EXTRACT(day FROM event_date)::integer AS d,
           actor1_name, actor1_country, actor2_name, actor2_country, event_class, count(*) AS n,
           sum(fatalities) AS f, sum(goldstein::double precision) AS g
    FROM core.events WHERE NOT withdrawn AND actor1_name IS NOT NULL AND actor2_name IS NOT NULL
    GROUP BY 1, 2, actor1_name, actor1_country, actor2_name, actor2_country, event_class
) per_day
GROUP BY month, actor1_name, actor1_country, actor2_name, actor2_country, event_class
"""
RECOMPUTED_MONTHLY = """
SELECT date_trunc('month', event_date)::date AS month, location_country AS country, event_type, event_class,
       count(*)::integer AS events, sum(fatalities)::bigint AS fatalities
FROM core.events WHERE NOT withdrawn
GROUP BY 1, location_country, event_type, event_class
"""
RECOMPUTED_PAIRS = """
SELECT actor1_name, actor1_country, actor2_name, actor2_country, event_class, count(*)::integer AS events,
       sum(fatalities)::bigint AS fatalities, sum(goldstein::double precision) AS goldstein_sum
FROM core.events WHERE NOT withdrawn AND actor1_name IS NOT NULL AND actor2_name IS NOT NULL
GROUP BY actor1_name, actor1_country, actor2_name, actor2_country, event_class
"""
_MONTHLY_COLS = "month, country, event_type, event_class, events, fatalities"
_PAIR_COLS = ("actor1_name, actor1_country, actor2_name, actor2_country, event_class, events, fatalities, "
              "round(goldstein_sum::numeric, 3)")
_DAILY_COLS = "event_date, country, admin1, event_type, sub_event_type, event_class, events, fatalities"
_DYAD_COLS = ("month, actor1_name, actor1_country, actor2_name, actor2_country, event_class, events, fatalities, "
              "round(goldstein_sum::numeric, 3), days")


# name → (table, recomputation, compared columns), in the order the load writes them (the lock order too)
TABLES: dict[str, tuple[str, str, str]] = {
    "daily": ("core.rollup_daily", RECOMPUTED_DAILY, _DAILY_COLS),
    "dyads": ("core.rollup_dyads", RECOMPUTED_DYADS, _DYAD_COLS),
    "monthly": ("core.rollup_monthly", RECOMPUTED_MONTHLY, _MONTHLY_COLS),
    "pairs": ("core.rollup_pairs", RECOMPUTED_PAIRS, _PAIR_COLS),
}
_INSERTED_COLS = {"daily": _DAILY_COLS, "monthly": _MONTHLY_COLS,
                  "dyads": "month, actor1_name, actor1_country, actor2_name, actor2_country, event_class, events, "
                           "fatalities, goldstein_sum, days",
                  "pairs": "actor1_name, actor1_country, actor2_name, actor2_country, event_class, events, "
                           "fatalities, goldstein_sum"}


# Each rollup's key, in its key index's order: a rebuild writes the rows in it, so the index is built compact
# whatever plan the recount takes (a hash aggregate's order, over the partitioned core.events, left the daily
# rollup's key index 60 MB instead of 43 at 1M synthetic events, and the dashboards' reads of it about twice as
# slow).
_KEY_ORDER = {"daily": "1, 2, 4, 5, 6, 3", "dyads": "1, 2, 4, 3, 5, 6", "monthly": "1, 2, 3, 4",
              "pairs": "1, 3, 2, 4, 5"}


def rebuild(conn: Connection) -> dict[str, int]:
    """Replace every rollup with a recomputation from the events; returns their row counts by name. Loads wait for
    it (the tables are locked against writes first, so no batch's change falls between the recount and the
    commit); readers go on reading the old rows until it commits."""
    conn.execute(text(f"LOCK TABLE {', '.join(t for t, _, _ in TABLES.values())} IN EXCLUSIVE MODE"))
    counts: dict[str, int] = {}
    for name, (table, recomputed, _) in TABLES.items():
        conn.execute(text(f"DELETE FROM {table}"))
        counts[name] = conn.execute(text(f"INSERT INTO {table} ({_INSERTED_COLS[name]}) {recomputed} "
                                         f"ORDER BY {_KEY_ORDER[name]}")).rowcount
    return counts


def differences(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Rows where a rollup and a recomputation from the events disagree, both ways (empty lists: they agree).
    Zero rows of the tables are left out (the views skip them); Goldstein sums are compared to 3 decimals."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for name, (table, recomputed, cols) in TABLES.items():
        stored = f"SELECT {cols} FROM {table} WHERE events <> 0 OR fatalities <> 0"
        fresh = f"SELECT {cols} FROM ({recomputed}) x"
        rows = conn.execute(text(f"(({stored}) EXCEPT ALL ({fresh})) UNION ALL "
                                 f"(({fresh}) EXCEPT ALL ({stored}))")).all()
        out[name] = [tuple(r) for r in rows]
    return out
