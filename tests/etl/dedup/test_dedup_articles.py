"""Article duplicates: URL, exact text, syndicated near-copies; order-independent originals; copies as sources."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.dedup.articles import (
    ArticleDeduper,
    attach_duplicate_sources,
    dedup_articles,
    lead_facts,
    locate_sentence,
    normalise_text,
    stories_differ,
    text_hash,
)
from schemas.models import Article, Event

STORY = ("Gunmen attacked a police station in the northern town of Kano on Tuesday, killing four officers and "
         "wounding six others, a police spokesman said. The attackers arrived on motorcycles shortly after dawn and "
         "exchanged fire with officers for nearly an hour before fleeing into nearby farmland. Residents said "
         "shops stayed closed for the rest of the day and soldiers set up checkpoints on the main road. No group "
         "has claimed responsibility, but the region has seen a string of raids by armed bands in recent months. "
         "The state governor condemned the attack and promised to reinforce security in rural districts.")
OTHER = ("Thousands of teachers marched through the capital on Monday to demand the payment of salary arrears, "
         "blocking traffic on the main avenue for several hours. Union leaders said the strike would continue until "
         "the government released the funds it had promised in March. Police watched the march but made no arrests, "
         "and the education minister said talks would resume later in the week with union representatives.")


def art(aid: str, text: str, url: str | None = None, hour: int = 0, source: str = "Reuters") -> Article:
    return Article(id=aid, text=text, url=url, source=source,
                   published_at=datetime(2026, 11, 20, hour, tzinfo=UTC))


def test_normalised_hash_ignores_case_and_punctuation() -> None:
    assert normalise_text("Hello,  WORLD!") == "hello world"
    assert text_hash("Gunmen attacked; police said.") == text_hash("gunmen attacked police said")
    assert text_hash("a b") != text_hash("a c")


def test_url_then_exact_then_near() -> None:
    d = ArticleDeduper(threshold=0.5)
    assert d.check(art("a", STORY, url="https://x.example/story")).kind == "new"
    v = d.check(art("b", OTHER, url="https://x.example/story"))
    assert (v.kind, v.duplicate_of) == ("url", "a")
    v = d.check(art("c", STORY.upper(), url="https://y.example/other"))
    assert (v.kind, v.duplicate_of) == ("exact", "a")
    edited = "BREAKING: " + STORY.replace("four officers", "4 officers").replace("nearly", "almost") + \
        " Copyright 2026, all rights reserved."
    v = d.check(art("d", edited))
    assert v.kind == "near" and v.duplicate_of == "a" and v.similarity is not None and v.similarity >= 0.5
    assert d.check(art("e", OTHER)).kind == "exact"  # 'b' brought that text in under a's URL
    assert d.check(art("f", "An unrelated report on rainfall, harvests and grain prices in the south.")).kind == "new"


def test_truncated_copy_is_near_duplicate() -> None:
    d = ArticleDeduper(threshold=0.5)
    d.check(art("a", STORY))
    cut = STORY[: int(len(STORY) * 0.75)]
    assert d.check(art("b", cut)).kind == "near"


def test_resolve_is_independent_of_input_order() -> None:
    arts = [art("z-wire", STORY, hour=1), art("a-copy", STORY + " More to follow.", hour=5),
            art("m-copy", "UPDATE " + STORY, hour=3), art("other", OTHER, hour=0)]
    expected = dedup_articles(arts, threshold=0.5)
    assert expected["z-wire"].kind == "new"  # earliest published is the original, not the smallest id
    assert expected["a-copy"].duplicate_of == "z-wire" and expected["m-copy"].duplicate_of == "z-wire"
    assert expected["other"].kind == "new"
    rng = random.Random(3)
    for _ in range(5):
        rng.shuffle(arts)
        assert dedup_articles(arts, threshold=0.5) == expected


def test_bounded_memory_evicts_oldest() -> None:
    d = ArticleDeduper(threshold=0.5, max_items=2)
    d.check(art("a", STORY, url="https://x.example/a"))
    d.check(art("b", OTHER))
    d.check(art("c", "A completely different dispatch about a football match and the weather in spring."))
    assert d.check(art("d", STORY, url="https://x.example/a")).kind == "new"  # 'a' was evicted


def test_locate_sentence_exact_and_edited() -> None:
    text = "First line here. Gunmen attacked a police station in Kano on Tuesday. Last line."
    assert locate_sentence("Gunmen attacked a police station in Kano on Tuesday.", text) == (17, 69)
    start, end = locate_sentence("Gunmen attacked the police station in Kano on Tuesday.", text) or (0, 0)
    assert text[start:end].startswith("Gunmen attacked a police")
    assert locate_sentence("Nothing like it at all.", text) is None


def test_duplicate_becomes_another_source(make_report) -> None:  # type: ignore[no-untyped-def]
    ev: Event = make_report("orig", sentence="Gunmen attacked a police station in the northern town of Kano on "
                            "Tuesday, killing four officers and wounding six others, a police spokesman said.", n=4)
    dup = art("copy", "Kano (AFP) - " + STORY, source="AFP", hour=13)
    [out] = attach_duplicate_sources([ev], dup)
    assert [s.article_id for s in out.sources] == ["copy", "orig"]  # by article id
    copy_src = out.sources[0]
    assert dup.text[copy_src.start:copy_src.end] == copy_src.sentence
    assert (out.num_articles, out.num_sources) == (2, 2)
    assert out.fatalities_reported == [4, 4]
    assert out.event_id == ev.event_id
    assert attach_duplicate_sources([out], dup)[0].sources == out.sources  # attaching twice changes nothing


def test_resolve_on_a_generated_corpus_ignores_order() -> None:
    """Hundreds of syndicated copies and look-alikes: shuffling the input changes no verdict, not even a similarity."""
    from bench.dedup_corpus import articles

    docs = [x.article for x in articles(250, seed=8)]
    expected = dedup_articles(docs, threshold=0.6)
    assert sum(v.kind != "new" for v in expected.values()) > 200
    random.Random(1).shuffle(docs)
    assert dedup_articles(docs, threshold=0.6) == expected


def test_all_copies_of_a_story_attach_in_one_pass(make_report) -> None:  # type: ignore[no-untyped-def]
    ev: Event = make_report("orig", sentence="Gunmen attacked a police station in the northern town of Kano on "
                            "Tuesday, killing four officers and wounding six others, a police spokesman said.", n=4)
    copies = [art(f"copy{i}", "Kano (AFP) - " + STORY, source=f"Outlet {i}", hour=13) for i in range(5)]
    [together] = attach_duplicate_sources([ev], copies)
    one_by_one = ev
    for c in copies:
        [one_by_one] = attach_duplicate_sources([one_by_one], c)
    assert together.sources == one_by_one.sources and together.fatalities_reported == one_by_one.fatalities_reported
    assert together.num_articles == 6


# ---------------------------------------------------------------------------------------------------------------
# distinct articles only (issue 17, finding 0): no shared LSH bucket at all must not crash the batch search

VOA = Path(__file__).resolve().parents[2] / "data" / "voa" / "articles.jsonl"


def _voa(n: int) -> list[Article]:
    rows = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()[:n]]
    return [Article.model_validate({k: v for k, v in r.items() if k in Article.model_fields}) for r in rows]


@pytest.mark.parametrize("n", [1, 2, 3, 10, 50])
def test_distinct_real_articles_are_all_new(n: int) -> None:
    verdicts = dedup_articles(_voa(n), threshold=0.6)
    assert len(verdicts) == n
    assert {v.kind for v in verdicts.values()} == {"new"}


_WORDS = st.sampled_from(["army", "rebels", "police", "shelled", "town", "north", "protest", "killed", "three",
                          "market", "talks", "minister", "border", "Kano", "Kyiv", "7", "2026", "on", "the"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=0, max_size=40).map(" ".join), min_size=0, max_size=8))
def test_any_small_batch_resolves_every_article(texts: list[str]) -> None:
    arts = [art(f"a{i}", t or "-") for i, t in enumerate(texts)]
    verdicts = dedup_articles(arts, threshold=0.6)
    assert set(verdicts) == {a.id for a in arts}
    for aid, v in verdicts.items():  # a duplicate points at an original of the batch, which is itself new
        if v.kind != "new":
            assert verdicts[v.duplicate_of].kind == "new" and v.duplicate_of != aid


# ---------------------------------------------------------------------------------------------------------------
# pairwise-true clusters and the fact veto (issue 17, finding 1)

BRIEF = ("{side} clashed with security forces in {place} on {weekday}, September {day}, leaving {n} people dead, "
         "officials said. The clashes lasted several hours and residents fled to nearby villages, a local official "
         "told reporters. Authorities said an investigation had been opened and security had been reinforced.")


def brief(side: str = "Gunmen", place: str = "Kano", weekday: str = "Monday", day: str = "7", n: str = "5") -> str:
    return BRIEF.format(side=side, place=place, weekday=weekday, day=day, n=n)


@pytest.mark.parametrize("other", [dict(place="Maiduguri"), dict(n="9"), dict(weekday="Friday", day="11"),
                                   dict(side="Rebels")])
def test_a_look_alike_brief_with_another_fact_is_another_story(other: dict[str, str]) -> None:
    a, b = lead_facts(brief()), lead_facts(brief(**other))
    assert stories_differ(a, b)
    verdicts = dedup_articles([art("a", brief(), hour=1), art("b", brief(**other), hour=2)], threshold=0.6)
    assert verdicts["b"].kind == "new"


def test_a_copy_that_drops_or_replaces_a_fact_is_still_a_copy() -> None:
    original = lead_facts(brief(), outlet="Reuters")
    assert not stories_differ(original, lead_facts(brief(place="the"), outlet="AFP"))  # a word put for the place
    assert not stories_differ(original, lead_facts(brief().replace(" 5 people", " people")))  # toll dropped
    assert not stories_differ(original, lead_facts("BREAKING - " + brief()))  # a kicker
    byline = "KANO, Nigeria ({src}) - " + brief()  # each outlet's own name in its byline is no fact
    assert not stories_differ(lead_facts(byline.format(src="Reuters"), "Reuters"),
                              lead_facts(byline.format(src="AFP"), "AFP"))


def test_links_are_not_chained_through_a_copy_that_lost_the_fact() -> None:
    """A (toll 5) and C (toll 9) are different stories; B is A with its toll dropped, so B matches both alone.
    Closing links transitively put C with A; C must stay new, as it is when compared with A alone."""
    a = art("a", brief(n="5"), hour=1)
    b = art("b", brief().replace(" 5 people", " people"), hour=2)
    c = art("c", brief(n="9"), hour=3)
    assert dedup_articles([a, c], threshold=0.6)["c"].kind == "new"
    assert dedup_articles([b, c], threshold=0.6)["c"].kind == "near"  # the link the chain went through
    verdicts = dedup_articles([a, b, c], threshold=0.6)
    assert verdicts["b"].duplicate_of == "a"
    assert verdicts["c"].kind == "new"


_PLACES = ["Kano", "Jos", "Maiduguri", "Kaduna", "Sokoto"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PLACES), st.sampled_from(["5", "9", "12"]),
                          st.sampled_from(["Monday", "Friday"]), st.sampled_from(["keep", "drop-toll", "drop-place"])),
                min_size=1, max_size=10))
def test_every_duplicate_matches_its_original_alone(rows: list[tuple[str, str, str, str]]) -> None:
    """Look-alike briefs and copies that lost a fact: whatever the mix, a duplicate is one of its original when the
    two are compared alone, and the verdicts do not depend on input order."""
    arts = []
    for i, (place, n, weekday, edit) in enumerate(rows):
        text = brief(place=place, n=n, weekday=weekday)
        if edit == "drop-toll":
            text = text.replace(f" {n} people", " people")
        elif edit == "drop-place":
            text = text.replace(f" in {place} ", " in the area ")
        arts.append(art(f"x{i}", text, hour=i % 24))
    verdicts = dedup_articles(arts, threshold=0.6)
    by_id = {a.id: a for a in arts}
    for aid, v in verdicts.items():
        if v.kind == "near":
            alone = dedup_articles([by_id[aid], by_id[v.duplicate_of]], threshold=0.6)
            assert alone[aid].kind != "new" or alone[v.duplicate_of].kind != "new"
    assert dedup_articles(list(reversed(arts)), threshold=0.6) == verdicts
