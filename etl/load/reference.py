"""Country and disorder-type reference rows for the SQL views, copied from the facts the snapshot files use."""

from __future__ import annotations

from sqlalchemy import Connection, text


def sync_reference(conn: Connection) -> tuple[int, int]:
    """Replace the reference tables' rows with etl.publish.reference's; returns (countries, disorder rows)."""
    from etl.publish.reference import countries, disorder_types

    rows = [{"iso3": c.iso3, "iso2": c.iso2, "num": c.iso_numeric, "fips": c.fips or None, "name": c.name,
             "region": c.region} for c in countries().values()]
    conn.execute(text("DELETE FROM core.ref_countries"))
    conn.execute(text("INSERT INTO core.ref_countries (iso3, iso2, iso_numeric, fips, name, region) "
                      "VALUES (:iso3, :iso2, :num, :fips, :name, :region)"), rows)
    # disorder_types() keys are lower-cased; the views compare lower-cased too
    drows = [{"t": t, "s": s, "d": d, "p": i} for i, ((t, s), d) in enumerate(disorder_types().items())]
    conn.execute(text("DELETE FROM core.ref_disorder"))
    conn.execute(text("INSERT INTO core.ref_disorder (event_type, sub_event_type, disorder_type, position) "
                      "VALUES (:t, :s, :d, :p) ON CONFLICT DO NOTHING"), drows)
    # each event type's first disorder type, for a sub-type the table lacks (migration 0011 makes the table)
    if conn.execute(text("SELECT to_regclass('core.ref_disorder_default') IS NOT NULL")).scalar_one():
        conn.execute(text("DELETE FROM core.ref_disorder_default"))
        conn.execute(text("INSERT INTO core.ref_disorder_default SELECT DISTINCT ON (event_type) event_type, "
                          "disorder_type FROM core.ref_disorder ORDER BY event_type, position"))
    return len(rows), len(drows)
