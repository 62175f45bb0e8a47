"""Each date form resolves against the publication date, and never lands after it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from spacy.language import Language

from etl.extract.dates import find_date, partition_dated, reference_date, resolve_date, without_other_dates
from schemas.models import Article, Event, TimePrecision

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


def test_fallback_is_publication_date_never_the_run_date() -> None:
    assert resolve_date(None, None, PUB, date(2000, 1, 1)) == (PUB, TimePrecision.DAY)
    assert resolve_date(None, None, None, date(2022, 1, 5)) == (None, TimePrecision.UNKNOWN)


def test_sentence_date_wins_over_document(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("On 1 February 2022, talks began. Troops shelled the town on 20 February 2022.")
    sent = list(doc.sents)[1]
    assert resolve_date(doc, sent, PUB, PUB) == (date(2022, 2, 20), TimePrecision.DAY)


def test_the_articles_first_date_is_first_in_text_order(nlp) -> None:  # type: ignore[no-untyped-def]
    """A sentence with no date of its own takes the article's first date: the lead's weekday, not a day and month
    the next paragraph names ("fares go cashless from May 1")."""
    pub = date(2026, 4, 20)  # a Monday
    doc = nlp("Police fired tear gas on Monday to disperse drivers who blocked a road.\n\nThe drivers oppose rules "
              "that make fares cashless from May 1.\n\nPolice chased the drivers into side streets.")
    sent = list(doc.sents)[-1]
    assert resolve_date(doc, sent, pub, pub) == (pub, TimePrecision.DAY)


def test_the_day_of_what_one_is_ready_to_do_is_not_the_saying(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Said the government was ready to meet operators on Friday": the meeting's day, yet to come, not the day
    the minister said it (read as the Friday before publication it had dated the statement six days early)."""
    pub = date(2026, 5, 21)  # a Thursday
    doc = nlp("The minister said the government was ready to meet operators on Friday and urged them to return.")
    assert resolve_date(doc, next(iter(doc.sents)), pub, pub) == (pub, TimePrecision.DAY)


def test_a_months_first_date_gives_way_to_a_day_within_it(nlp) -> None:  # type: ignore[no-untyped-def]
    pub = date(2025, 3, 11)
    doc = nlp("Eight men remain in custody since the authorities deported 40 others last month. The men were handed "
              "over on Feb. 27. Rights groups condemned the move.")
    sent = list(doc.sents)[-1]
    assert resolve_date(doc, sent, pub, pub) == (date(2025, 2, 27), TimePrecision.DAY)


def test_the_day_of_what_was_agreed_is_not_the_agreements(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Agreed to reopen the crossing on June 15": the reopening's day, yet to come (read as the June 15 before
    publication it had dated the agreement a year early)."""
    pub = date(2026, 9, 3)
    doc = nlp("Peru and Chile agreed to reopen the border crossing on June 15, the ministry said.")
    assert resolve_date(doc, next(iter(doc.sents)), pub, pub) == (pub, TimePrecision.DAY)


def test_lower_case_month_words_are_not_dates() -> None:
    assert find_date("Officials said 5 may die of their wounds.", PUB) is None
    assert find_date("They plan to march in may, officials said.", PUB) is None


def test_weekday_on_publication_day_is_that_day() -> None:
    assert find_date("Police fired tear gas on Wednesday.", PUB) == (PUB, TimePrecision.DAY)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("A drone strike a year earlier killed two herders.", date(2021, 3, 1), TimePrecision.MONTH),
        ("Two weeks ago, soldiers burned the market.", date(2022, 2, 14), TimePrecision.WEEK),
        ("The mayor was abducted three days ago.", date(2022, 2, 27), TimePrecision.DAY),
        ("Rebels first seized the mine in 2019.", date(2019, 1, 1), TimePrecision.YEAR),
        ("In mid-2019, thousands of teachers protested outside Congress.", date(2019, 1, 1), TimePrecision.YEAR),
        ("The party was banned last year.", date(2021, 1, 1), TimePrecision.YEAR),
        ("Clashes broke out last month.", date(2022, 2, 1), TimePrecision.MONTH),
    ],
)
def test_background_gets_the_date_the_text_gives(text: str, expected: date, precision: TimePrecision) -> None:
    assert find_date(text, PUB) == (expected, precision)


def test_a_count_back_from_a_time_told_before_yields_to_the_year_written() -> None:
    """"Two years earlier" counts back from the time the sentence before told, not from the story's day: the month
    and year the sentence writes are the act's; "ago" counts back from the story's day whatever else is written."""
    assert find_date("Two years earlier, police shot dead 34 striking miners in August 2012.", PUB) == (
        date(2012, 8, 1), TimePrecision.MONTH)
    assert find_date("Two years ago, soldiers burned the market built in 2015.", PUB) == (
        date(2020, 3, 1), TimePrecision.MONTH)


def test_the_year_of_the_story_is_no_background_year() -> None:
    assert find_date("The worst attack in 2022 hit the market on Monday.", PUB) == (date(2022, 2, 28),
                                                                                   TimePrecision.DAY)


def test_next_weekday_is_no_date_of_the_act() -> None:
    assert find_date("The talks will resume next Friday.", PUB) is None


def test_weekdays_count_from_the_filing_date() -> None:
    filed = date(2022, 3, 1)  # a story filed on Tuesday, published on Wednesday
    assert reference_date(PUB, filed) == filed
    assert find_date("Protesters marched on Tuesday.", reference_date(PUB, filed)) == (filed, TimePrecision.DAY)
    assert reference_date(PUB, date(2021, 3, 1)) == PUB  # a dateline far from publication is not the reference
    assert reference_date(None, filed) == filed


def test_no_reference_leaves_relative_words_unresolved() -> None:
    assert find_date("Police fired tear gas on Tuesday.", None) is None
    assert find_date("Rebels shelled the town yesterday.", None) is None
    assert find_date("On 23 February 2022, troops shelled the town.", None) == (date(2022, 2, 23), TimePrecision.DAY)


def test_article_without_any_date_gets_none(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Police fired tear gas at protesters on Tuesday. Ten people were arrested.")
    for sent in doc.sents:
        assert resolve_date(doc, sent, None, date(2026, 12, 4)) == (None, TimePrecision.UNKNOWN)


def test_dateline_date_is_the_reference_without_publication(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("HARARE, Dec 2 (AFP) - Police fired tear gas at vendors on Monday.")
    sent = next(iter(doc.sents))
    assert resolve_date(doc, sent, None, date(2026, 12, 20)) == (date(2026, 11, 30), TimePrecision.DAY)


def test_coder_leaves_an_undated_article_undated(nlp) -> None:  # type: ignore[no-untyped-def]
    from etl.extract.coding import code_doc

    text = "Police fired tear gas at protesters who blocked a highway on Tuesday."
    events = code_doc(nlp(text), Article(id="u", text=text, published_at=None), now=date(2026, 12, 4))
    assert events and all(e.event_date is None and e.time_precision == TimePrecision.UNKNOWN for e in events)
    assert all(e.event_id.startswith("000000") for e in events)  # filed under no month yet (etl.ids)
    stamped = partition_dated(events[0], date(2026, 12, 4))
    assert stamped.event_date == date(2026, 12, 4) and stamped.time_precision == TimePrecision.UNKNOWN
    assert stamped.event_id == "202612" + events[0].event_id[6:]
    again = partition_dated(stamped, date(2000, 1, 1))
    assert again.event_date == date(2026, 12, 4) and again.event_id == stamped.event_id


def test_no_year_is_invented_for_an_undated_article(nlp) -> None:  # type: ignore[no-untyped-def]
    """A day and month with no year, in an article with no publication date: the year is unknown unless the
    caller says when the article was read (a run's partition date)."""
    from etl.extract.coding import code_doc

    text = "Gunmen killed five villagers in Kaduna on March 23, police said."
    article = Article(id="y", text=text, published_at=None)
    undated = code_doc(nlp(text), article)
    assert undated and all(e.event_date is None for e in undated)
    read = code_doc(nlp(text), article, now=date(2018, 4, 6))
    assert read and all(e.event_date == date(2018, 3, 23) for e in read)


def test_no_event_after_publication(nlp) -> None:  # type: ignore[no-untyped-def]
    from etl.extract.coding import code_doc

    text = "Rebels will attack the base on 20 March 2022, a commander said. Troops shelled the town on Friday."
    events = code_doc(nlp(text), Article(id="f", text=text, published_at=datetime(2022, 3, 2)))
    assert events and all(e.event_date is not None and e.event_date <= PUB for e in events)


def test_unknown_dates_of_one_article_merge() -> None:
    from etl.extract import merge_within_article

    ev = Event.model_validate({
        "event_id": "a", "article_id": "u", "event_date": None, "time_precision": 5, "event_type": "Protests",
        "sub_event_type": "Peaceful protest", "cameo_code": "141", "cameo_root": "14", "quad_class": 3,
        "goldstein": -6.5, "plover_event": "PROTEST", "confidence": 0.5, "coder_version": "t",
        "sources": [{"article_id": "u", "sentence": "x", "start": 0, "end": 1}]})
    other = ev.model_copy(update={"event_id": "b", "sources": [ev.sources[0].model_copy(update={"start": 5,
                                                                                              "end": 6})]})
    (merged,) = merge_within_article([ev, other])
    assert merged.event_date is None and len(merged.sources) == 2


def test_history_told_with_a_past_year_is_no_new_event(nlp) -> None:  # type: ignore[no-untyped-def]
    from etl.extract.coding import code_doc

    text = ("Rebels attacked an army patrol near the border on Monday, killing three soldiers. "
            "The same group seized the gold mine in 2019.")
    events = code_doc(nlp(text), Article(id="h", text=text, published_at=datetime(2022, 3, 2)))
    assert events and all(e.sources[0].start < text.index("The same group") for e in events)
    assert all(e.event_date == date(2022, 2, 28) for e in events)


def test_an_earlier_year_in_another_clause_does_not_make_the_sentence_history(nlp) -> None:  # type: ignore[no-untyped-def]
    """The act's own clauses date it: a year told of something else in the sentence (a relative clause, an object)
    leaves the act at the story's time, while an act whose own clause gives the year is of that year (a background
    event of a full article, with the date the text gives it: the year, told as such)."""
    from etl.extract.coding import code_doc

    text = ("Gunmen killed four soldiers at a checkpoint near the border on Monday, the army said. "
            "Amnesty International urged security forces to avoid the abuses committed in 2008. "
            "The opposition party, which ruled the region until 2019, condemned the attack. "
            "In 2019, thousands of teachers marched in the capital over unpaid salaries. "
            + "Officials gave no further details about the attack on the station. " * 20)
    events = code_doc(nlp(text), Article(id="h", text=text, published_at=datetime(2022, 3, 2)), reportable=False)
    roots = {e.cameo_root for e in events if text.index("Amnesty") <= e.sources[0].start
             < text.index("In 2019")}
    assert {"02", "11"} <= roots
    history = [e for e in events if e.sources[0].start >= text.index("In 2019")]
    assert history and all(e.event_date == date(2019, 1, 1) and e.time_precision == TimePrecision.YEAR
                           for e in history)
    assert all(e.event_date is not None and e.event_date.year == 2022 for e in events if e not in history)


@pytest.mark.parametrize(("text", "day"), [
    ("Thousands marched in Novi Sad on the anniversary of the Nov. 1, 2024 canopy collapse.", None),
    ("Police arrested 14 opposition supporters outside the court, weeks after the Aug. 13 election.", None),
    ("Gunmen attacked the village on 5 March 2026, officials said.", date(2026, 3, 5)),
    ("Monday's attack killed nine people.", date(2026, 3, 9)),
])
def test_a_date_of_another_happening_is_not_the_sentences(nlp: Language, text: str, day: date | None) -> None:
    doc = nlp(text)
    hit = find_date(without_other_dates(doc[:], doc.text), date(2026, 3, 12))
    assert (hit[0] if hit else None) == day


@pytest.mark.parametrize(("text", "day"), [
    ("The accord was signed in October of last year.", date(2025, 10, 1)),
    ("The truce was agreed in July last year.", date(2025, 7, 1)),
    ("The two sides met last year.", date(2025, 1, 1)),
])
def test_a_month_of_last_year(text: str, day: date) -> None:
    hit = find_date(text, date(2026, 11, 20))
    assert hit is not None and hit[0] == day


@pytest.mark.parametrize(("text", "day"), [
    ("Border clashes killed hundreds of soldiers as recently as September 2022.", date(2022, 9, 1)),
    ("The raid on the base, carried out during March 2024, killed 12 soldiers.", date(2024, 3, 1)),
    ("Rebels shelled the town on Tuesday.", date(2026, 11, 17)),
])
def test_a_month_and_year_stand_on_their_own(text: str, day: date) -> None:
    hit = find_date(text, date(2026, 11, 20))
    assert hit is not None and hit[0] == day
    if day.year < 2026:  # and without a reference date too
        alone = find_date(text, None)
        assert alone is not None and alone[0] == day


def test_the_start_of_a_span_is_no_acts_date() -> None:
    # "held every month since March 2019": when a habit began, not when this one was held
    assert find_date("Demonstrations have been held every month since March 2019.", date(2026, 11, 20)) is None


def test_a_day_of_what_is_yet_to_happen_is_no_date_of_the_news(nlp: Language) -> None:
    published = date(2026, 1, 21)  # a Wednesday
    for text in ("The union said it would hold another rally on Friday.",
                 "A delegation was expected to arrive in Imphal on Wednesday to review the situation."):
        doc = nlp(text)
        assert resolve_date(doc, next(iter(doc.sents)), published, None) == (published, TimePrecision.DAY)
    doc = nlp("Protesters who marched on Friday said they would return next week.")
    assert resolve_date(doc, next(iter(doc.sents)), published, None) == (date(2026, 1, 16), TimePrecision.DAY)


@pytest.mark.parametrize(("text", "day", "precision"), [
    # a sentence that opens with an earlier month or year sets the time of all of it
    ("In March 2025, gunmen killed 44 worshippers during Friday prayers at a mosque.", date(2025, 3, 1),
     TimePrecision.MONTH),
    ("In 2023, rebels attacked the town on a Friday.", date(2023, 1, 1), TimePrecision.YEAR),
    # later in the sentence an earlier year dates a clause of its own, a span's start dates nothing
    ("Rebels, who seized the town in 2023, attacked it again on Friday.", date(2026, 5, 22), TimePrecision.DAY),
    ("The attack on Friday was the worst since 2019.", date(2026, 5, 22), TimePrecision.DAY),
    # two months share the year written after the last
    ("In July and August 2018, two deaths set off student protests.", date(2018, 7, 1), TimePrecision.MONTH),
    # "last July" is the last July before this month
    ("Last July, deadly clashes killed hundreds.", date(2025, 7, 1), TimePrecision.MONTH),
    ("Last March, deadly clashes killed hundreds.", date(2026, 3, 1), TimePrecision.MONTH),
])
def test_an_earlier_time_the_sentence_sets(text: str, day: date, precision: TimePrecision) -> None:
    assert find_date(text, date(2026, 5, 26)) == (day, precision)


def test_friday_prayers_name_no_day() -> None:
    assert find_date("Gunmen attacked worshippers during Friday prayers.", date(2026, 5, 26)) is None


def test_a_day_and_month_of_last_year_lie_in_the_year_before() -> None:
    found = find_date("Last year, protests against a finance bill escalated on June 25.", date(2025, 6, 26))
    assert found == (date(2024, 6, 25), TimePrecision.DAY)


def test_each_clause_of_a_sentence_telling_two_happenings_keeps_its_own_date(nlp: Language) -> None:
    """"In March, … and on June 17 …": two happenings, each dated by its own clause, not both by the first date
    the sentence gives (nor by the last); a clause that qualifies a date is dated by it."""
    from etl.extract.dates import act_date

    text = ("In March, at least eight people were killed when a drone hit a vehicle near Aguelhok, and on June 17 a "
            "strike on a weekly market in the Tinzaouaten area killed at least five traders, according to local "
            "officials.")
    doc = nlp(text)
    sent = next(iter(doc.sents))
    hit = next(t for t in doc if t.text == "hit")
    strike = next(t for t in doc if t.text == "strike")
    pub = date(2025, 9, 3)
    assert act_date(doc, sent, hit, pub, None) == (date(2025, 3, 1), TimePrecision.MONTH)
    assert act_date(doc, sent, strike, pub, None) == (date(2025, 6, 17), TimePrecision.DAY)
    doc = nlp("Saturday's killings were the deadliest attack on travellers since January, when gunmen killed nine "
              "passengers near Kalat.")
    killed = next(t for t in doc if t.text == "killed")
    assert act_date(doc, next(iter(doc.sents)), killed, date(2026, 4, 5), None) == (date(2026, 1, 1),
                                                                                    TimePrecision.MONTH)


def test_an_act_told_at_a_time_set_before_is_background(nlp: Language) -> None:
    """In an article, "Petro suspended the talks at the time" tells of a time the text set before: no new event."""
    from etl.extract.coding import code_doc
    from etl.extract.refine import SHORT_REPORT

    lead = ("BOGOTA, Colombia (Example Wire) — Colombia's government and the ELN rebel group agreed on Friday to "
            "resume peace talks that were suspended more than a year ago, officials said, after three days of "
            "meetings at which both sides set out their conditions for a new round of negotiations next month.\n\n")
    body = ("The talks collapsed in January last year after the ELN attacked a military base in Arauca, killing "
            "three soldiers, and fighting with rival groups forced thousands from their homes in Catatumbo.\n\n"
            "President Gustavo Petro suspended peace talks with the ELN at the time and ordered the army to step "
            "up operations against the group in the northeast, where it has fought dissidents for control of coca "
            "routes along the border with Venezuela for years.\n\n"
            "Norway, Cuba, Brazil and Venezuela will act as guarantor countries of the new round, the Norwegian "
            "foreign ministry said in a statement, adding that the delegations had agreed on an agenda of six "
            "points, among them humanitarian relief for the communities most affected by the conflict.")
    text = lead + body
    assert len(text) > SHORT_REPORT
    events = code_doc(nlp(text), Article(id="b", text=text, published_at=datetime(2026, 3, 27)), use_classifier=False)
    start = text.index("President Gustavo Petro")
    assert events and not any(e.sources[0].start == start for e in events)


def test_a_clause_of_no_time_of_its_own_is_set_when_the_clause_above_it_is(nlp: Language) -> None:
    """"In November of that year, a protester died after police fired tear gas": the firing is set in that year too
    (background), while an after-clause with its own date is dated by it."""
    from etl.extract.dates import told_at_that_time

    doc = nlp("In November of that year, a protester died after police fired tear gas in Turbat.")
    fired = next(t for t in doc if t.lower_ == "fired")
    assert told_at_that_time(next(iter(doc.sents)), fired)
    doc = nlp("In November of that year, a protester died, and police fired tear gas in Turbat on Monday.")
    fired = next(t for t in doc if t.lower_ == "fired")
    assert not told_at_that_time(next(iter(doc.sents)), fired)


def test_a_year_counted_from_a_time_the_text_set_before_is_background(nlp: Language) -> None:
    """"The following year", "two years later": counted from the story's own past, so the act is background, not
    news of the filing day; "a year after the coup, protesters marched on Tuesday" is no such count."""
    from etl.extract.dates import told_at_that_time

    for text, verb in (("The following year, a new government pledged to reverse the decision.", "pledged"),
                       ("Two years later, police detained 12 activists at a protest camp.", "detained"),
                       ("The year before, soldiers burned the village.", "burned")):
        doc = nlp(text)
        assert told_at_that_time(next(iter(doc.sents)), next(t for t in doc if t.text == verb)), text
    doc = nlp("A year after the coup, protesters marched in the capital on Tuesday.")
    assert not told_at_that_time(next(iter(doc.sents)), next(t for t in doc if t.text == "marched"))


def test_a_statement_is_of_the_storys_time_though_a_clause_beside_it_dates_something_else() -> None:
    """"AUSSOM, which replaced an earlier AU force in January, said it strongly condemns the attack": January dates
    the replacement, not the condemnation, which is the story's; an attack dated by its own clause keeps its date."""
    from etl.extract import code_articles

    text = ("MOGADISHU, Oct 18 (Wire) - Al-Shabaab fighters attacked an army base near Mogadishu on Saturday, killing "
            "12 soldiers, officials said.\n\nThe African Union mission, which replaced an earlier AU force in "
            "January, said in a statement it strongly condemns the attack. In March, gunmen killed three soldiers "
            "in Baidoa, the army said." + " Officials gave no further details." * 30)
    [events] = code_articles([Article(id="t", text=text, published_at=datetime(2025, 10, 18, 12))])
    condemned = next(e for e in events if e.cameo_root == "11")
    assert condemned.event_date is not None and condemned.event_date.month == 10


@pytest.mark.parametrize(
    ("anchor", "n", "unit", "expected"),
    [((date(2024, 10, 1), TimePrecision.MONTH), 2, "month", (date(2024, 12, 1), TimePrecision.MONTH)),
     ((date(2024, 11, 20), TimePrecision.MONTH), 3, "month", (date(2025, 2, 1), TimePrecision.MONTH)),
     ((date(2025, 1, 12), TimePrecision.DAY), 1, "day", (date(2025, 1, 13), TimePrecision.DAY)),
     ((date(2025, 1, 12), TimePrecision.DAY), None, "day", (date(2025, 1, 15), TimePrecision.WEEK)),
     ((date(2025, 1, 12), TimePrecision.DAY), 2, "week", (date(2025, 1, 26), TimePrecision.WEEK)),
     ((date(2019, 1, 1), TimePrecision.YEAR), 2, "month", (date(2019, 1, 1), TimePrecision.YEAR))])
def test_a_time_told_as_later_than_another_is_dated_from_it(
        anchor: tuple[date, TimePrecision], n: int | None, unit: str, expected: tuple[date, TimePrecision]) -> None:
    from etl.extract.dates import later_date

    assert later_date(anchor, n, unit) == expected


def test_an_act_told_months_later_than_a_dated_one_is_dated_from_it(nlp: Language) -> None:
    """"In October 2024, gunmen killed 115 people … Two months later, 200 people were killed": December 2024, not
    the story's day."""
    from etl.extract.coding import code_doc

    filler = " ".join(["The town lies on a river and is known for its market and its old bridge."] * 22)
    text = ("Gunmen attacked a police post outside the town on Monday, killing three officers, police said. " + filler
            + " In October 2024, gunmen killed 115 people in an attack on a nearby town. Two months later, more than "
              "200 people were killed in an attack on a district of the capital.")
    events = code_doc(nlp(text), Article(id="t", text=text, published_at=datetime(2025, 5, 14)),
                      use_classifier=False)
    later = [e for e in events if e.sources[0].sentence.startswith("Two months later")]
    assert later and all((e.event_date, e.time_precision) == (date(2024, 12, 1), TimePrecision.MONTH) for e in later)
