"""Geocoding a JSON-lines file of articles: the format of ../shared/eval/README.md, one line per article."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from etl.extract.geo.parser import get_geoparser


def _articles(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def geocode_file(input_path: Path | str, output_path: Path | str, *, batch_size: int = 32,
                 progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Parse every article's original text and write its places; returns counts of articles and places."""
    from etl.extract.nlp import load_nlp

    nlp = load_nlp()
    gp = get_geoparser()
    src, dst = Path(input_path), Path(output_path)
    n_articles = n_places = 0
    rows = list(_articles(src))
    texts = (str(r.get("text") or "") for r in rows)
    with dst.open("w", encoding="utf-8") as out:
        for row, doc in zip(rows, nlp.pipe(texts, batch_size=batch_size), strict=True):
            places = gp.parse(doc)
            out.write(json.dumps({"article_id": row.get("id"), "places": [p.as_json() for p in places]},
                                 ensure_ascii=False) + "\n")
            n_articles += 1
            n_places += len(places)
            if progress:
                progress(1)
    return {"articles": n_articles, "places": n_places}
