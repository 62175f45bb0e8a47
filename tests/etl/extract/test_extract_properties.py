"""Property-based: the extractor never raises on arbitrary text and always returns valid events."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract import code_articles
from schemas.models import Article, Event

WORDS = ["Police", "protesters", "clashed", "killed", "in", "Kharkiv", "on", "Monday", "air strike", "12",
         "at least", "reportedly", "did not", "attack", "(", ")", ",", ".", "\n", "Russian", "forces", "’s",
         "arrested", "January 11", "Sudzha (Kursk)", "\x00", "ﬁ", "😀", "—", "'); DROP TABLE events;--"]
texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=st.one_of(st.none(), st.datetimes(min_value=datetime(1990, 1, 1),
                                                                max_value=datetime(2030, 1, 1))))
def test_extractor_never_raises_and_returns_valid_events(text: str, published: datetime | None) -> None:
    art = Article(id="p", text=text, published_at=published.replace(tzinfo=UTC) if published else None)
    [events] = code_articles([art])
    assert sum(e.main for e in events) == (1 if events else 0)
    for ev in events:
        assert Event.model_validate(ev.model_dump()) == ev
        if published:
            assert ev.event_date <= published.date()
        for s in ev.sources:
            assert 0 <= s.start <= s.end <= len(text)
