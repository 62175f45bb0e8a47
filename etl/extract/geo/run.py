"""Geocoding a JSON-lines file of articles: the format of ../shared/eval/README.md, one line per article."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from etl.extract.geo.parser import get_geoparser

if TYPE_CHECKING:
    from etl.ingest.reader import RejectLog


def geocode_file(input_path: Path | str, output_path: Path | str, *, batch_size: int = 32,
                 progress: Callable[[int], None] | None = None, rejects: RejectLog | None = None) -> dict[str, int]:
    """Parse every article's original text and write its places; returns counts of articles and places. Lines that
    cannot be read go to `rejects` (etl.ingest.reader), the others are geocoded."""
    from etl.extract.nlp import load_nlp
    from etl.ingest.reader import RejectLog, read_article_file
    from etl.settings import get_settings

    nlp = load_nlp()
    gp = get_geoparser()
    src, dst = Path(input_path), Path(output_path)
    n_articles = n_places = 0
    settings = get_settings()
    rows = list(read_article_file(src, rejects if rejects is not None else RejectLog(None),
                                  max_article_chars=settings.max_article_chars))
    texts = (r.text[:settings.max_coded_chars] for r in rows)  # as coding does: time per article stays bounded
    with dst.open("w", encoding="utf-8") as out:
        for row, doc in zip(rows, nlp.pipe(texts, batch_size=batch_size), strict=True):
            places = gp.parse(doc)
            out.write(json.dumps({"article_id": row.id, "places": [p.as_json() for p in places]},
                                 ensure_ascii=False) + "\n")
            n_articles += 1
            n_places += len(places)
            if progress:
                progress(1)
    return {"articles": n_articles, "places": n_places}
