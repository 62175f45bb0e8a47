"""Event exports for analysts (issue 8): pure functions from events to the bytes of one file format.

Every function sorts rows by `event_id` and writes nothing that depends on when it ran, so the same events give the
same bytes (the daily snapshot relies on this). No format carries article texts: only event fields, the
sentence-length evidence of each source and its URL.

Formats and their columns
-------------------------
``parquet`` / ``csv``  — our own columns, `EVENT_COLUMNS` in this order, every event of every class
    (`event_class`: ACLED's scope or a CAMEO event outside it). Parquet keeps structure:
    `fatalities_reported` list<int64>, `source_urls` list<string>, `sources` list<struct<article_id, url, source,
    published_at timestamp[us, UTC], sentence, start, end, claim_source>>; dates are date32, times timestamp[us, UTC].
    CSV flattens them: `fatalities_reported` and `sources` as JSON text, `source_urls` joined by one space
    (a URL never contains a raw space); dates ISO 8601; empty cell = null; booleans `true`/`false`.
``acled-csv`` — ACLED's column names and order (`ACLED_COLUMNS`). Conventions: `event_date` dd-mm-yyyy as in the
    codebook; `event_id_cnty` = ISO3 + '-' + our event_id (ACLED numbers are theirs to give); `iso` ISO 3166
    numeric; `country` and `region` (ACLED's region names) from the ISO3 of the location; `interaction` the two
    inter codes, lower first (sole action = inter1 × 10); `civilian_targeting` "Civilian targeting" when a side is
    civilians (inter 7) in a political-violence event; `source` the distinct outlets joined by "; "; `notes` the
    first evidence sentence; `tags` our flags (hedged, negated); `timestamp` Unix seconds of `updated_at`
    (else `first_seen`); a trailing `iso3`. Withdrawn events and events outside ACLED's scope (`event_class`
    verbal_cooperation, verbal_conflict or other: CAMEO-only) are left out.
``gdelt-tsv`` — the 61 columns of the GDELT 2.0 event table in GDELT's order (`GDELT_COLUMNS`), tab-separated, with
    one header row (GDELT's own files have none). `GLOBALEVENTID` is our event_id (a string, not GDELT's integer).
    `Actor*CountryCode` is the actor's ISO3 (CAMEO country codes are ISO3-based); `*Geo_CountryCode` is the
    2-letter FIPS 10-4 code as GDELT uses; `ActionGeo_ADM1Code` is the FIPS country code alone (we have no admin1
    codes); `IsRootEvent` 1 for an article's principal event (`main`, known at extraction, not stored);
    `NumMentions` the number of evidence sentences; `ActionGeo_Type` 1 country, 2 US state, 3 US city,
    4 world city, 5 world state; actor geography and
    `AvgTone`/`FeatureID` are empty (we do not compute them). `DATEADDED` is `first_seen` as YYYYMMDDHHMMSS.
    Every class is kept (GDELT is CAMEO's feed: statements and meetings belong there); withdrawn events are left
    out.
``geojson`` — a FeatureCollection of Point features (longitude, latitude) for events that have coordinates,
    `id` = event_id, properties = the flat CSV columns without `sources`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.models import ACLED_SCOPE, Actor, Event, SourceRef

if TYPE_CHECKING:
    from etl.publish.reference import Country

FORMATS = ("parquet", "csv", "acled-csv", "gdelt-tsv", "geojson")

_SOURCE_TYPE = pa.struct([
    ("article_id", pa.string()), ("url", pa.string()), ("source", pa.string()),
    ("published_at", pa.timestamp("us", tz="UTC")), ("sentence", pa.string()), ("start", pa.int64()),
    ("end", pa.int64()), ("claim_source", pa.string()),
])

# name → arrow type; the order is the column order of parquet, csv and the geojson properties.
EVENT_COLUMNS: dict[str, pa.DataType] = {
    "event_id": pa.string(), "event_date": pa.date32(), "time_precision": pa.int8(),
    "event_type": pa.string(), "sub_event_type": pa.string(), "event_class": pa.string(), "cameo_code": pa.string(),
    "cameo_root": pa.string(), "quad_class": pa.int8(), "goldstein": pa.float64(), "plover_event": pa.string(),
    "actor1_name": pa.string(), "actor1_country": pa.string(), "actor1_cameo": pa.string(),
    "actor1_inter": pa.int8(), "actor1_text": pa.string(),
    "actor2_name": pa.string(), "actor2_country": pa.string(), "actor2_cameo": pa.string(),
    "actor2_inter": pa.int8(), "actor2_text": pa.string(),
    "location_name": pa.string(), "location_admin1": pa.string(), "location_admin2": pa.string(),
    "location_country": pa.string(), "latitude": pa.float64(), "longitude": pa.float64(), "geo_precision": pa.int8(),
    "location_feature_type": pa.string(), "location_text": pa.string(),
    "fatalities": pa.int64(), "fatalities_reported": pa.list_(pa.int64()), "hedged": pa.bool_(),
    "negated": pa.bool_(), "certainty": pa.float64(), "confidence": pa.float64(), "coder_version": pa.string(),
    "num_sources": pa.int64(), "num_articles": pa.int64(), "first_seen": pa.timestamp("us", tz="UTC"),
    "updated_at": pa.timestamp("us", tz="UTC"), "withdrawn": pa.bool_(),
    "source_urls": pa.list_(pa.string()), "sources": pa.list_(_SOURCE_TYPE),
}
EVENT_SCHEMA = pa.schema(list(EVENT_COLUMNS.items()))
COLUMNS = list(EVENT_COLUMNS)

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp", "iso3",
]

_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
]


def _country(iso3: str | None) -> Country | None:
    """Country facts (imported late: `etl.publish` renders its snapshot files with this module)."""
    from etl.publish.reference import country

    return country(iso3)


def _disorder(event_type: str, sub_event_type: str) -> str:
    from etl.publish.reference import disorder_type

    return disorder_type(event_type, sub_event_type)


def _sorted(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: e.event_id)


def _utc(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def _ordered_sources(event: Event) -> list[SourceRef]:
    """Sources in a fixed order (earliest report first), so a list column never depends on merge order."""
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(event.sources, key=lambda s: (_utc(s.published_at) or far, s.article_id, s.start))


def _source_urls(event: Event) -> list[str]:
    urls: list[str] = []
    for s in _ordered_sources(event):
        if s.url and s.url not in urls:
            urls.append(s.url)
    return urls


def event_record(event: Event) -> dict[str, Any]:
    """One event as a flat record with Python values typed as `EVENT_COLUMNS` says."""
    a1, a2, loc = event.actor1, event.actor2, event.location
    return {
        "event_id": event.event_id, "event_date": event.event_date, "time_precision": int(event.time_precision),
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "event_class": event.event_class.value if event.event_class else None, "cameo_code": event.cameo_code,
        "cameo_root": event.cameo_root, "quad_class": event.quad_class, "goldstein": float(event.goldstein),
        "plover_event": event.plover_event,
        "actor1_name": a1 and a1.name, "actor1_country": a1 and a1.country, "actor1_cameo": a1 and a1.cameo,
        "actor1_inter": a1 and a1.inter, "actor1_text": a1 and a1.text,
        "actor2_name": a2 and a2.name, "actor2_country": a2 and a2.country, "actor2_cameo": a2 and a2.cameo,
        "actor2_inter": a2 and a2.inter, "actor2_text": a2 and a2.text,
        "location_name": loc and loc.name, "location_admin1": loc and loc.admin1,
        "location_admin2": loc and loc.admin2,
        "location_country": loc and loc.country, "latitude": loc and loc.latitude,
        "longitude": loc and loc.longitude, "geo_precision": loc.geo_precision if loc else None,
        "location_feature_type": loc and loc.feature_type, "location_text": loc and loc.text,
        "fatalities": event.fatalities, "fatalities_reported": list(event.fatalities_reported),
        "hedged": event.hedged, "negated": event.negated, "certainty": float(event.certainty),
        "confidence": float(event.confidence), "coder_version": event.coder_version,
        "num_sources": event.num_sources, "num_articles": event.num_articles,
        "first_seen": _utc(event.first_seen), "updated_at": _utc(event.updated_at), "withdrawn": event.withdrawn,
        "source_urls": _source_urls(event),
        "sources": [{"article_id": s.article_id, "url": s.url, "source": s.source,
                     "published_at": _utc(s.published_at), "sentence": s.sentence, "start": s.start,
                     "end": s.end, "claim_source": s.claim_source} for s in _ordered_sources(event)],
    }


def gzip_bytes(data: bytes) -> bytes:
    """gzip without a file name or time stamp in the header, so equal input gives equal bytes."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=6) as gz:
        gz.write(data)
    return buf.getvalue()


def to_parquet(events: Iterable[Event]) -> bytes:
    """Parquet with the fixed `EVENT_SCHEMA`; pyarrow writes identical bytes for identical tables (tested)."""
    records = [event_record(e) for e in _sorted(events)]
    table = pa.Table.from_pylist(records, schema=EVENT_SCHEMA)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", write_statistics=True, store_schema=True)
    return buf.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_default(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]], delimiter: str = ",") -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def flat_record(event: Event) -> dict[str, Any]:
    """The CSV/GeoJSON shape of an event: lists become JSON text or a space-joined URL list."""
    rec = event_record(event)
    rec["fatalities_reported"] = json.dumps(rec["fatalities_reported"])
    rec["source_urls"] = " ".join(rec["source_urls"])
    rec["sources"] = json.dumps(rec["sources"], default=_json_default, ensure_ascii=False, separators=(",", ":"))
    return rec


def to_csv(events: Iterable[Event]) -> bytes:
    """Our own columns (`EVENT_COLUMNS`), flattened."""
    return _csv(EVENT_COLUMNS, (list(flat_record(e).values()) for e in _sorted(events)))


def _interaction(a1: Actor | None, a2: Actor | None) -> int | None:
    i1, i2 = a1.inter if a1 else None, a2.inter if a2 else None
    if i1 is None and i2 is None:
        return None
    if i1 is None or i2 is None:
        return (i1 or i2 or 0) * 10
    lo, hi = sorted((i1, i2))
    return lo * 10 + hi


def _round(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


def acled_row(event: Event) -> dict[str, Any]:
    """One event in ACLED's columns and conventions (see the module docstring)."""
    loc, a1, a2 = event.location, event.actor1, event.actor2
    iso3 = loc.country if loc and loc.country else None
    c = _country(iso3)
    disorder = _disorder(event.event_type, event.sub_event_type)
    civilians = any(a is not None and a.inter == 7 for a in (a1, a2)) and "Political violence" in disorder
    outlets: list[str] = []
    for s in _ordered_sources(event):
        if s.source and s.source not in outlets:
            outlets.append(s.source)
    srcs = _ordered_sources(event)
    stamp = _utc(event.updated_at) or _utc(event.first_seen)
    tags = [flag for flag, on in (("hedged", event.hedged), ("negated", event.negated)) if on]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}-{event.event_id}", "event_date": event.event_date.strftime("%d-%m-%Y"),
        "year": event.event_date.year, "time_precision": int(event.time_precision), "disorder_type": disorder,
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": a1.name if a1 else None, "assoc_actor_1": None, "inter1": a1.inter if a1 else None,
        "actor2": a2.name if a2 else None, "assoc_actor_2": None, "inter2": a2.inter if a2 else None,
        "interaction": _interaction(a1, a2), "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": c.iso_numeric if c else None, "region": c.region if c else None, "country": c.name if c else None,
        "admin1": loc and loc.admin1, "admin2": loc and loc.admin2, "admin3": None,
        "location": loc and loc.name, "latitude": _round(loc and loc.latitude),
        "longitude": _round(loc and loc.longitude), "geo_precision": loc.geo_precision if loc else 3,
        "source": "; ".join(outlets) or None, "source_scale": None, "notes": srcs[0].sentence if srcs else None,
        "fatalities": event.fatalities, "tags": "; ".join(tags) or None,
        "timestamp": int(stamp.timestamp()) if stamp else None, "iso3": iso3,
    }


def in_acled_scope(event: Event) -> bool:
    """Political violence, a demonstration or a strategic development: what ACLED codes. A CAMEO-only event (a
    statement, a meeting, a sanction) is stored as 'Strategic developments/Other' for compatibility and would
    otherwise pass for one."""
    return event.event_class in ACLED_SCOPE


def to_acled_csv(events: Iterable[Event]) -> bytes:
    """ACLED-style CSV of ACLED's scope; withdrawn and CAMEO-only events are left out."""
    rows = (acled_row(e) for e in _sorted(events) if not e.withdrawn and in_acled_scope(e))
    return _csv(ACLED_COLUMNS, ([r[c] for c in ACLED_COLUMNS] for r in rows))


def _actor_cols(actor: Actor | None) -> list[Any]:
    if actor is None:
        return [None] * len(_ACTOR)
    code = (actor.cameo or "").upper()
    rest = code[3:] if actor.country and code.startswith(actor.country) else code
    types = [rest[i:i + 3] or None for i in (0, 3, 6)]
    return [code or None, actor.name.upper(), actor.country, None, None, None, None, *types]


def _action_geo(event: Event) -> list[Any]:
    loc = event.location
    if loc is None or (loc.country is None and loc.latitude is None):
        return [0, *([None] * (len(_GEO) - 1))]
    c = _country(loc.country)
    kind = loc.feature_type or ""
    us = loc.country == "USA"
    if kind == "country":
        geo_type = 1
    elif kind == "admin1":
        geo_type = 2 if us else 5
    else:
        geo_type = 3 if us else 4
    parts = [p for p in (loc.name, loc.admin1, c.name if c else None) if p]
    full = ", ".join(dict.fromkeys(parts)) or None
    fips = c.fips if c else None
    return [geo_type, full, fips, fips, None, _round(loc.latitude), _round(loc.longitude), None]


def gdelt_row(event: Event) -> list[Any]:
    """One event as the 61 GDELT 2.0 columns (see the module docstring for what we put where)."""
    d = event.event_date
    fraction = f"{d.year + d.timetuple().tm_yday / 365:.4f}"
    first = _utc(event.first_seen)
    urls = _source_urls(event)
    no_geo = [0, *([None] * (len(_GEO) - 1))]
    return [
        event.event_id, d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year, fraction,
        *_actor_cols(event.actor1), *_actor_cols(event.actor2),
        1 if event.main else 0, event.cameo_code, event.cameo_code[:3], event.cameo_root, event.quad_class,
        float(event.goldstein), len(event.sources), event.num_sources, event.num_articles, None,
        *no_geo, *no_geo, *_action_geo(event),
        first.strftime("%Y%m%d%H%M%S") if first else d.strftime("%Y%m%d") + "000000",
        urls[0] if urls else None,
    ]


def to_gdelt_tsv(events: Iterable[Event]) -> bytes:
    """GDELT 2.0 event-table TSV with a header row; withdrawn events are left out."""
    return _csv(GDELT_COLUMNS, (gdelt_row(e) for e in _sorted(events) if not e.withdrawn), delimiter="\t")


def to_geojson(events: Iterable[Event]) -> bytes:
    """A FeatureCollection of points for the events that have coordinates."""
    features = []
    for e in _sorted(events):
        loc = e.location
        if loc is None or loc.latitude is None or loc.longitude is None:
            continue
        props = flat_record(e)
        del props["sources"]
        props["source_urls"] = _source_urls(e)
        props["fatalities_reported"] = list(e.fatalities_reported)
        features.append({"type": "Feature", "id": e.event_id,
                         "geometry": {"type": "Point", "coordinates": [loc.longitude, loc.latitude]},
                         "properties": props})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, default=_json_default, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


WRITERS: dict[str, Callable[[Iterable[Event]], bytes]] = {
    "parquet": to_parquet, "csv": to_csv, "acled-csv": to_acled_csv, "gdelt-tsv": to_gdelt_tsv,
    "geojson": to_geojson,
}
SUFFIXES = {"parquet": ".parquet", "csv": ".csv", "acled-csv": ".csv", "gdelt-tsv": ".tsv", "geojson": ".geojson"}


def render(events: Iterable[Event], fmt: str, *, compress: bool = False) -> bytes:
    """The bytes of one export; `compress` gzips them deterministically."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    data = writer(events)
    return gzip_bytes(data) if compress else data


def write_export(events: Iterable[Event], fmt: str, path: Path) -> int:
    """Write an export file (gzipped when the name ends in .gz) atomically; returns its size in bytes."""
    data = render(events, fmt, compress=path.suffix == ".gz")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return len(data)
