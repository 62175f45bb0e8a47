"""Confidence: monotone in independent sources, lower when hedged, unmoved by syndicated copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.dedup.articles import attach_duplicate_sources
from etl.dedup.confidence import OutletReliability, independent_groups, score
from etl.dedup.events import merge_events
from schemas.models import Article


def test_outlet_table_loads_and_overrides(tmp_path: Path) -> None:
    table = OutletReliability.load()
    assert table.by_name["reuters"] >= 0.85 and table.by_name["rt"] < 0.5
    assert table.by_domain["apnews.com"] >= 0.85
    f = tmp_path / "outlets.tsv"
    f.write_text("# mine\nReuters\treuters.com\t0.4\tdemoted\nKano Daily\tkanodaily.example\t0.8\tlocal\n")
    mine = OutletReliability.load(f)
    assert mine.by_name["reuters"] == 0.4 and mine.by_name["kano daily"] == 0.8
    f.write_text("Bad\tbad.example\t1.5\n")
    with pytest.raises(ValueError):
        OutletReliability.load(f)


def test_more_independent_sources_raise_confidence(make_report) -> None:  # type: ignore[no-untyped-def]
    table = OutletReliability.load()
    one = merge_events([make_report("a1", outlet="Kano Daily")]).events[0]
    two = merge_events([make_report("a1", outlet="Kano Daily"),
                        make_report("a2", outlet="Lagos Star", sentence="Clashes in Kyiv left people dead.")]).events[0]
    three = merge_events([make_report("a1", outlet="Kano Daily"),
                          make_report("a2", outlet="Lagos Star", sentence="Clashes in Kyiv left people dead."),
                          make_report("a3", outlet="Reuters", sentence="Russian troops attacked the city.")]).events[0]
    s1, s2, s3 = score(one, table), score(two, table), score(three, table)
    assert 0 <= s1 < s2 < s3 <= 1


def test_hedged_and_negated_lower_confidence(make_report) -> None:  # type: ignore[no-untyped-def]
    table = OutletReliability.load()
    plain = make_report("a1")
    assert score(plain.model_copy(update={"hedged": True}), table) < score(plain, table)
    assert score(plain.model_copy(update={"negated": True}), table) < score(plain, table)


def test_reliable_outlet_scores_higher(make_report) -> None:  # type: ignore[no-untyped-def]
    table = OutletReliability.load()
    assert score(make_report("a1", outlet="Reuters"), table) > score(make_report("a1", outlet="Unknown Blog"), table)
    assert score(make_report("a1", outlet="RT"), table) < score(make_report("a1", outlet="Unknown Blog"), table)


def test_syndicated_copies_do_not_raise_confidence(make_report) -> None:  # type: ignore[no-untyped-def]
    table = OutletReliability.load()
    sentence = "Fighting broke out in Kyiv on Tuesday, killing 5 people, officials said."
    ev = make_report("wire", outlet="Kano Daily", sentence=sentence, n=5)
    copies = [Article(id=f"copy{i}", source=f"Portal {i}", text=f"Portal {i} - {sentence} More later.")
              for i in range(4)]
    syndicated = ev
    for c in copies:
        [syndicated] = attach_duplicate_sources([syndicated], c)
    assert syndicated.num_sources == 5
    assert len(independent_groups(syndicated.sources)) == 1
    assert score(syndicated, table) == score(ev, table)
