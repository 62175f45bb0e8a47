"""docs/data-dictionary.md is what the generator makes of the migrated views, and every column is described."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from etl.load.dictionary import UNDOCUMENTED, VIEWS, describe, descriptions, render, view_columns

pytestmark = pytest.mark.integration
DOC = Path(__file__).resolve().parents[3] / "docs" / "data-dictionary.md"


def test_descriptions_file_loads_without_duplicates() -> None:
    table = descriptions()
    assert ("events_acled", "event_id_cnty") in table
    assert all(desc.strip() for desc in table.values())
    assert describe("no_such_view", "no_such_column") == UNDOCUMENTED


def test_dictionary_is_in_sync_and_complete(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        for view in VIEWS:
            cols = view_columns(conn, view)
            assert cols, view
            missing = [c for c, _ in cols if describe(view, c) == UNDOCUMENTED]
            assert not missing, (view, missing)
        text = render(conn)
    engine.dispose()
    assert UNDOCUMENTED not in text
    assert DOC.read_text(encoding="utf-8") == text, "run `newsevents db dictionary` and commit the result"
