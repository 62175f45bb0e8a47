"""The files of a daily snapshot: name → (how to render it from events, content type).

The renderers live in `etl.export` (one implementation for snapshots and `newsevents export`); CSV and TSV are
gzipped without name or time stamp so a rerun writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from etl.export import gzip_bytes, to_acled_csv, to_csv, to_gdelt_tsv, to_geojson, to_parquet
from schemas.models import Event

Renderer = Callable[[Sequence[Event]], bytes]

SNAPSHOT_FILES: dict[str, tuple[Renderer, str]] = {
    "events.parquet": (to_parquet, "application/vnd.apache.parquet"),
    "events.csv.gz": (lambda ev: gzip_bytes(to_csv(ev)), "application/gzip"),
    "events_acled.csv.gz": (lambda ev: gzip_bytes(to_acled_csv(ev)), "application/gzip"),
    "events_gdelt.tsv.gz": (lambda ev: gzip_bytes(to_gdelt_tsv(ev)), "application/gzip"),
    "events.geojson": (to_geojson, "application/geo+json"),
}
