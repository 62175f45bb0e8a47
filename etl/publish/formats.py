"""Event files in the formats users already have tools for: Parquet, CSV, ACLED-style CSV, GDELT-style TSV, GeoJSON.

Every writer takes events sorted by the caller and returns bytes that depend on nothing but the events (gzip
without name or time, no creation stamps), so snapshot files are reproducible.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.models import Event

# -- the flat event row (Parquet and CSV) ------------------------------------------------------------------------

FLAT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("event_date", pa.date32()), ("time_precision", pa.int8()),
    ("event_type", pa.string()), ("sub_event_type", pa.string()), ("cameo_code", pa.string()),
    ("cameo_root", pa.string()), ("quad_class", pa.int8()), ("goldstein", pa.float32()),
    ("plover_event", pa.string()),
    ("actor1_name", pa.string()), ("actor1_country", pa.string()), ("actor1_cameo", pa.string()),
    ("actor1_inter", pa.int8()), ("actor1_text", pa.string()),
    ("actor2_name", pa.string()), ("actor2_country", pa.string()), ("actor2_cameo", pa.string()),
    ("actor2_inter", pa.int8()), ("actor2_text", pa.string()),
    ("location_name", pa.string()), ("location_admin1", pa.string()), ("location_admin2", pa.string()),
    ("location_country", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("geo_precision", pa.int8()),
    ("fatalities", pa.int32()), ("fatalities_reported", pa.list_(pa.int32())), ("hedged", pa.bool_()),
    ("negated", pa.bool_()), ("certainty", pa.float32()), ("confidence", pa.float32()),
    ("coder_version", pa.string()), ("num_sources", pa.int32()), ("num_articles", pa.int32()),
    ("first_seen", pa.timestamp("s", tz="UTC")), ("updated_at", pa.timestamp("s", tz="UTC")),
    ("withdrawn", pa.bool_()),
    ("source_urls", pa.list_(pa.string())), ("source_names", pa.list_(pa.string())),
    ("sources", pa.list_(pa.struct([("article_id", pa.string()), ("url", pa.string()), ("source", pa.string()),
                                    ("sentence", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
                                    ("claim_source", pa.string())]))),
])
COLUMNS = [f.name for f in FLAT_SCHEMA]


def flat_row(e: Event) -> dict[str, Any]:
    """One event as a flat record; sources stay a list (JSON text in CSV)."""
    a1, a2, loc = e.actor1, e.actor2, e.location
    sources = [{"article_id": s.article_id, "url": s.url, "source": s.source, "sentence": s.sentence,
                "start": s.start, "end": s.end, "claim_source": s.claim_source} for s in e.sources]
    return {
        "event_id": e.event_id, "event_date": e.event_date, "time_precision": int(e.time_precision),
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "cameo_code": e.cameo_code,
        "cameo_root": e.cameo_root, "quad_class": e.quad_class, "goldstein": e.goldstein,
        "plover_event": e.plover_event,
        "actor1_name": a1.name if a1 else None, "actor1_country": a1.country if a1 else None,
        "actor1_cameo": a1.cameo if a1 else None, "actor1_inter": a1.inter if a1 else None,
        "actor1_text": a1.text if a1 else None,
        "actor2_name": a2.name if a2 else None, "actor2_country": a2.country if a2 else None,
        "actor2_cameo": a2.cameo if a2 else None, "actor2_inter": a2.inter if a2 else None,
        "actor2_text": a2.text if a2 else None,
        "location_name": loc.name if loc else None, "location_admin1": loc.admin1 if loc else None,
        "location_admin2": loc.admin2 if loc else None, "location_country": loc.country if loc else None,
        "latitude": loc.latitude if loc else None, "longitude": loc.longitude if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "fatalities": e.fatalities, "fatalities_reported": list(e.fatalities_reported), "hedged": e.hedged,
        "negated": e.negated, "certainty": e.certainty, "confidence": e.confidence,
        "coder_version": e.coder_version, "num_sources": e.num_sources, "num_articles": e.num_articles,
        "first_seen": e.first_seen.replace(microsecond=0) if e.first_seen else None,
        "updated_at": e.updated_at.replace(microsecond=0) if e.updated_at else None,
        "withdrawn": e.withdrawn,
        "source_urls": sorted({s.url for s in e.sources if s.url}),
        "source_names": sorted({s.source for s in e.sources if s.source}),
        "sources": sources,
    }


def _gzip(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=6) as f:
        f.write(data)
    return buf.getvalue()


def to_parquet(events: Sequence[Event]) -> bytes:
    table = pa.Table.from_pylist([flat_row(e) for e in events], schema=FLAT_SCHEMA)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", write_statistics=True)
    return buf.getvalue()


def _csv_value(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    if isinstance(v, bool):
        return "true" if v else "false"
    return v.isoformat() if hasattr(v, "isoformat") else v


def _delimited(header: list[str], rows: list[list[Any]], delimiter: str = ",") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def to_csv(events: Sequence[Event]) -> bytes:
    return _delimited(COLUMNS, [[_csv_value(flat_row(e)[c]) for c in COLUMNS] for e in events])


# -- ACLED ------------------------------------------------------------------------------------------------------

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]

_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Riots": "Political violence",
             "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


@lru_cache(maxsize=512)
def _country(alpha3: str | None) -> tuple[str, str]:
    """(name, numeric ISO code) of an alpha-3 code, as ACLED's `country` and `iso` columns."""
    if not alpha3:
        return "", ""
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    return (getattr(c, "common_name", None) or c.name, str(int(c.numeric))) if c else (alpha3, "")


def acled_row(e: Event) -> list[Any]:
    a1, a2, loc = e.actor1, e.actor2, e.location
    inter1, inter2 = (a1.inter if a1 else None) or 0, (a2.inter if a2 else None) or 0
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else inter1 or inter2
    disorder = _DISORDER.get(e.event_type, "")
    if e.sub_event_type == "Excessive force against protesters":
        disorder = "Political violence; Demonstrations"
    civ = "Civilian targeting" if inter2 == 7 and disorder.startswith("Political violence") else ""
    name, iso = _country(loc.country if loc else None)
    sources = sorted({s.source for s in e.sources if s.source})
    notes = " ".join(dict.fromkeys(s.sentence for s in e.sources))[:2000]
    return [e.event_id, e.event_date.isoformat(), e.event_date.year, int(e.time_precision), disorder,
            e.event_type, e.sub_event_type, a1.name if a1 else "", "", inter1 or "", a2.name if a2 else "", "",
            inter2 or "", interaction or "", civ, iso, "", name, (loc.admin1 or "") if loc else "",
            (loc.admin2 or "") if loc else "", "", (loc.name or "") if loc else "",
            _num(loc.latitude if loc else None), _num(loc.longitude if loc else None),
            loc.geo_precision if loc else "", "; ".join(sources), "", notes, e.fatalities, "",
            int(e.updated_at.timestamp()) if e.updated_at else ""]


def _num(x: float | None) -> Any:
    return "" if x is None else round(x, 4)


def to_acled_csv(events: Sequence[Event]) -> bytes:
    return _delimited(ACLED_COLUMNS, [acled_row(e) for e in events])


# -- GDELT 2.0 event table -----------------------------------------------------------------------------------------

def _actor_cols(n: int) -> list[str]:
    return [f"Actor{n}{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                     "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")]


def _geo_cols(prefix: str) -> list[str]:
    return [f"{prefix}Geo_{c}" for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
                                         "FeatureID")]


GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", *_actor_cols(1), *_actor_cols(2),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone", *_geo_cols("Actor1"), *_geo_cols("Actor2"), *_geo_cols("Action"),
    "DATEADDED", "SOURCEURL",
]

_GEO_TYPE = {1: 4, 2: 4, 3: 2}  # ACLED precision → GDELT geo type (1 country, 2 US state, 3 US city, 4 world city)


def _gdelt_actor(a: Any) -> list[Any]:
    if a is None:
        return [""] * 10
    code = a.cameo or a.country or ""
    role = code[3:6] if len(code) >= 6 else ""
    return [code, (a.name or "").upper(), a.country or "", "", "", "", "", role, "", ""]


def gdelt_row(e: Event) -> list[Any]:
    d, loc = e.event_date, e.location
    geo: list[Any] = [""] * 8
    if loc is not None:
        gtype = 1 if loc.feature_type == "country" else _GEO_TYPE.get(loc.geo_precision, 4)
        full = ", ".join(x for x in (loc.name, loc.admin1, _country(loc.country)[0]) if x)
        geo = [gtype, full, loc.country or "", "", "", _num(loc.latitude), _num(loc.longitude), ""]
    urls = sorted({s.url for s in e.sources if s.url})
    added = e.updated_at.strftime("%Y%m%d%H%M%S") if e.updated_at else d.strftime("%Y%m%d000000")
    return ([e.event_id, d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year,
             round(d.year + (d.timetuple().tm_yday - 1) / 365, 4)]
            + _gdelt_actor(e.actor1) + _gdelt_actor(e.actor2)
            + [1, e.cameo_code, e.cameo_code[:3], e.cameo_root, e.quad_class, e.goldstein, e.num_articles,
               e.num_sources, e.num_articles, ""]
            + [""] * 8 + [""] * 8 + geo + [added, urls[0] if urls else ""])


def to_gdelt_tsv(events: Sequence[Event]) -> bytes:
    return _delimited(GDELT_COLUMNS, [gdelt_row(e) for e in events], delimiter="\t")


# -- GeoJSON ---------------------------------------------------------------------------------------------------------

def to_geojson(events: Sequence[Event]) -> bytes:
    features = []
    for e in events:
        loc = e.location
        if loc is None or loc.latitude is None or loc.longitude is None:
            continue
        props = {k: v for k, v in flat_row(e).items() if k not in ("latitude", "longitude", "sources")}
        props["event_date"] = e.event_date.isoformat()
        for k in ("first_seen", "updated_at"):
            props[k] = props[k].isoformat() if props[k] else None
        features.append({"type": "Feature", "id": e.event_id,
                         "geometry": {"type": "Point", "coordinates": [loc.longitude, loc.latitude]},
                         "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      sort_keys=True).encode("utf-8")


Writer = Callable[[Sequence[Event]], bytes]

FORMATS: dict[str, tuple[Writer, str]] = {
    "events.parquet": (to_parquet, "application/vnd.apache.parquet"),
    "events.csv.gz": (lambda ev: _gzip(to_csv(ev)), "text/csv"),
    "events_acled.csv.gz": (lambda ev: _gzip(to_acled_csv(ev)), "text/csv"),
    "events_gdelt.tsv.gz": (lambda ev: _gzip(to_gdelt_tsv(ev)), "text/tab-separated-values"),
    "events.geojson": (to_geojson, "application/geo+json"),
}

EXPORTS: dict[str, tuple[Writer, str]] = {
    "parquet": (to_parquet, ".parquet"),
    "csv": (to_csv, ".csv"),
    "acled-csv": (to_acled_csv, ".csv"),
    "gdelt-tsv": (to_gdelt_tsv, ".tsv"),
    "geojson": (to_geojson, ".geojson"),
}
