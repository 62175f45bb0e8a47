"""Each date form resolves against the publication date, and never lands after it."""

from __future__ import annotations

from datetime import date

import pytest

from etl.extract.dates import find_date, resolve_date
from schemas.models import TimePrecision

PUB = date(2022, 3, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("On 23 February 2022, troops shelled the town.", date(2022, 2, 23), TimePrecision.DAY),
        ("On February 23, 2022 troops shelled the town.", date(2022, 2, 23), TimePrecision.DAY),
        ("Troops shelled the town on January 11.", date(2022, 1, 11), TimePrecision.DAY),
        ("Protesters marched on 28 February.", date(2022, 2, 28), TimePrecision.DAY),
        ("Protesters marched on Saturday.", date(2022, 2, 26), TimePrecision.DAY),
        ("On Saturday, February 26, protesters marched.", date(2022, 2, 26), TimePrecision.DAY),
        ("Gunmen attacked a village yesterday.", date(2022, 3, 1), TimePrecision.DAY),
        ("Police said the clashes broke out last week.", date(2022, 2, 21), TimePrecision.WEEK),
        ("The army withdrew last month.", date(2022, 2, 1), TimePrecision.MONTH),
        ("Rebels seized the town in January.", date(2022, 1, 1), TimePrecision.MONTH),
        ("Shelling on the night of 27-28 February killed two.", date(2022, 2, 27), TimePrecision.DAY),
    ],
)
def test_forms(text: str, expected: date, precision: TimePrecision) -> None:
    assert find_date(text, PUB) == (expected, precision)


def test_missing_year_is_the_latest_day_not_after_publication() -> None:
    assert find_date("The attack on 25 December left one dead.", PUB) == (date(2021, 12, 25), TimePrecision.DAY)
    assert find_date("Rebels seized the town in May.", PUB) == (date(2021, 5, 1), TimePrecision.MONTH)


def test_never_after_publication() -> None:
    d, _ = find_date("The march is planned for 20 March 2022.", PUB) or (None, None)
    assert d is not None and d <= PUB


def test_fallback_is_publication_date_or_fallback() -> None:
    assert resolve_date(None, None, PUB, date(2000, 1, 1)) == (PUB, TimePrecision.DAY)
    d, p = resolve_date(None, None, None, date(2022, 1, 5))
    assert d == date(2022, 1, 5) and p > TimePrecision.DAY


def test_sentence_date_wins_over_document(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("On 1 February 2022, talks began. Troops shelled the town on 20 February 2022.")
    sent = list(doc.sents)[1]
    assert resolve_date(doc, sent, PUB, PUB) == (date(2022, 2, 20), TimePrecision.DAY)


def test_lower_case_month_words_are_not_dates() -> None:
    assert find_date("Officials said 5 may die of their wounds.", PUB) is None
    assert find_date("They plan to march in may, officials said.", PUB) is None


def test_weekday_on_publication_day_is_that_day() -> None:
    assert find_date("Police fired tear gas on Wednesday.", PUB) == (PUB, TimePrecision.DAY)
