"""Synthetic wire stories for the dedup benchmark, with known truth (deterministic for a seed).

A *story* is one real-world event (kind, city, day, actors, toll) told by an original wire text. It yields:

- syndicated copies: the same text re-published with edits — new headline, outlet boilerplate, 2–10 % of words
  replaced or dropped, truncation — which must be found as near-duplicates of the original;
- *siblings*: distinct-but-similar stories — the same kind in the same city a few days later, or the same day with
  other actors — written from the same templates, which must not be found as duplicates (nor their events merged);
- reports for the event benchmark: `Event` objects as a coder would write them from independent articles, with
  realistic noise (date ±1 day, missing actor country, coordinates a few km off, region-only precision, tolls that
  disagree).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from schemas.models import Actor, Article, Event, Location, SourceRef

DATA = Path(__file__).with_name("data") / "dedup_cities.tsv"


@dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    demonym: str


@dataclass(frozen=True)
class Kind:
    """A story template: event coding plus the sentences its texts are made of."""

    name: str
    event_type: str
    sub_event_type: str
    cameo_code: str
    plover: str
    quad: int
    goldstein: float
    leads: tuple[str, ...]
    details: tuple[str, ...]


def load_cities(path: Path = DATA) -> list[City]:
    rows = (line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
    return [City(r[0], r[1], r[2], float(r[3]), float(r[4]), r[5]) for r in csv.reader(rows, delimiter="\t")]


ACTORS = [("police", "COP", 1), ("soldiers", "MIL", 1), ("rebels", "REB", 2), ("gunmen", "UAF", 3),
          ("militiamen", "UAF", 4), ("protesters", "OPP", 6), ("students", "EDU", 6), ("farmers", "AGR", 6),
          ("separatist fighters", "REB", 2), ("border guards", "MIL", 1)]

KINDS = [
    Kind("clash", "Battles", "Armed clash", "190", "FIGHT", 4, -10.0,
         ("{A} clashed with {B} in {city} on {weekday}, leaving {n} people dead, officials said.",
          "At least {n} people were killed on {weekday} when {A} and {B} fought in {city}, local sources said.",
          "Fighting between {A} and {B} in {city} on {weekday} killed {n} people, according to a hospital."),
         ("The fighting began at about {hour} near the {place} in the {district} district and lasted {m} hours.",
          "Residents of {district} told {official} they heard gunfire and saw smoke over the {place} by {hour}.",
          "{official}, a spokesman for the {A}, said the {B} had attacked {m} positions first.",
          "The {B} said in a statement read by {official} that they had repelled an assault on the {place}.",
          "{m} homes near the {place} in {district} were damaged and families fled toward {district2}.",
          "Governor {official} called for calm in {city} and said {m} units had been sent to {district}.")),
    Kind("protest", "Protests", "Peaceful protest", "141", "PROTEST", 3, -6.5,
         ("Hundreds of {A} marched through {city} on {weekday} to protest against rising fuel prices.",
          "Thousands of {A} rallied in {city} on {weekday}, demanding the resignation of the governor.",
          "{A} staged a protest outside the {place} in {city} on {weekday} over unpaid wages."),
         ("The crowd of about {m}00 carried banners from {district} to the {place} from {hour}.",
          "{official}, one of the organisers, said the march would be repeated in {district2} every {weekday}.",
          "Police under {official} watched from the {place} and {m} people were briefly held.",
          "Shops in {district} closed early as the crowd passed the {place} at {hour}.",
          "A union leader, {official}, told reporters in {city} that {m} branches had joined.",
          "The ministry said {official} was ready to meet {m} representatives of the {A} in {district}.")),
    Kind("airstrike", "Explosions/Remote violence", "Air/drone strike", "195", "ASSAULT", 4, -10.0,
         ("An air strike hit the {place} in {city} on {weekday}, killing at least {n} people, medics said.",
          "At least {n} people died when a drone struck the {place} in {city} on {weekday}, officials said.",
          "A strike from the air destroyed part of the {place} in {city} on {weekday}, killing {n}."),
         ("Rescue workers led by {official} searched the rubble of the {place} in {district} until {hour}.",
          "Witnesses in {district} said they heard {m} aircraft overhead minutes before the explosion.",
          "The {A} denied carrying out the strike on {district} and {official} blamed the {B}.",
          "Hospitals in {district} and {district2} appealed for blood, said {official}.",
          "{official} of the United Nations condemned the attack on the {place} and asked for an inquiry.",
          "It was the {m}th strike on {district} this month, residents told {official}.")),
    Kind("arrest", "Strategic developments", "Arrests", "173", "SEIZE", 4, -5.0,
         ("{A} arrested {n} suspected members of an armed group in a raid in {city} on {weekday}.",
          "{A} detained {n} people during a pre-dawn operation near the {place} in {city} on {weekday}.",
          "{n} suspects were taken into custody by {A} in {city} on {weekday}, a spokesman said."),
         ("{m} rifles and ammunition were seized in {district} during the operation, {official} said.",
          "Relatives gathered outside the {place} in {district} from {hour} demanding news, said {official}.",
          "The suspects from {district} will appear before judge {official} on {weekday2}.",
          "A rights group led by {official} said {m} of those detained in {district2} were students.",
          "The operation in {district} followed {m} attacks on the {place}, police said.",
          "{official} did not say whether charges had been filed against the {m} suspects from {district}.")),
    Kind("bombing", "Explosions/Remote violence", "Remote explosive/landmine/IED", "183", "ASSAULT", 4, -10.0,
         ("A roadside bomb exploded near the {place} in {city} on {weekday}, killing {n} {B}.",
          "{n} {B} were killed when an explosive device went off near the {place} in {city} on {weekday}.",
          "A bomb blast near the {place} in {city} killed {n} people on {weekday}, police said."),
         ("No group claimed the blast in {district} by {hour}, said {official}.",
          "The explosion shattered windows in {m} buildings around the {place} in {district}.",
          "Forces commanded by {official} sealed off {district} and {district2} and began a search.",
          "{official} blamed {A} for the attack on the {place}.",
          "{m} wounded were taken to the {district} hospital, where {official} said several were critical.",
          "The road from {district} to {district2} was closed for {m} hours after the explosion.")),
    Kind("meeting", "Strategic developments", "Agreement", "036", "CONSULT", 1, 4.0,
         ("The {dem} foreign minister met {n} envoys of the {B} in {city} on {weekday} to discuss a ceasefire.",
          "Officials of the {dem} government and {n} delegates of the {B} held talks in {city} on {weekday}.",
          "Representatives of the {A} and the {B} met in {city} on {weekday} for {n} hours, a mediator said."),
         ("The two sides agreed to meet again in {district2} on {weekday2}, said {official}.",
          "A joint statement read by {official} at {hour} said the talks had been frank.",
          "The meeting at the {place} in {district} lasted more than {m} hours.",
          "{official}, a diplomat, said the talks were the first of {m} planned this year.",
          "Observers from {m} neighbouring countries attended the meeting at the {place}.",
          "Envoy {official} said an exchange of {m} prisoners had also been discussed.")),
]
FIRST = ["Amina", "Oleksandr", "Fatima", "Carlos", "Hassan", "Grace", "Ivan", "Nadia", "Samuel", "Layla", "Pedro",
         "Olena", "Musa", "Rosa", "Tariq", "Ana", "Yusuf", "Maria", "Kwame", "Sofia", "Omar", "Lucia", "Ali", "Irina"]
LAST = ["Bello", "Kovalenko", "Haddad", "Mendoza", "Okoro", "Rahimi", "Petrenko", "Diallo", "Silva", "Karimi",
        "Mwangi", "Torres", "Nasser", "Ibrahim", "Lopez", "Sayed", "Boyko", "Traore", "Chavez", "Abdi", "Morales"]
SYLL = ["ka", "lo", "mi", "ra", "tu", "ben", "sha", "dor", "vi", "na", "gor", "el", "zan", "ku", "ri", "ma"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _district(rng: random.Random) -> str:
    return "".join(rng.choice(SYLL) for _ in range(rng.randint(2, 3))).capitalize()


PLACES = ["central market", "main bus station", "police headquarters", "university campus", "provincial council",
          "border crossing", "old city", "army base", "water plant", "refugee camp", "port", "airport road"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Reuters", "AFP", "Associated Press", "Kano Daily", "Sahel Tribune", "Gulf Herald", "Andes Post",
           "Daily Courier", "Morning Ledger", "Valley Times", "News Portal 24", "World Wire Digest"]
BOILER = ["Sign up for our newsletter to receive the latest headlines every morning.",
          "This story has been updated with additional reporting.",
          "Reporting by staff correspondents; editing by the news desk.",
          "Follow us on social media for live updates.",
          "Copyright 2026. All rights reserved. This material may not be published or redistributed."]
FILL = ["the", "officials", "area", "several", "reported", "local", "people", "also", "later", "early"]


@dataclass(frozen=True)
class Story:
    """One real-world event and its original text."""

    id: str
    kind: Kind
    city: City
    day: date
    a: tuple[str, str, int]
    b: tuple[str, str, int]
    n: int
    place: str
    title: str
    text: str
    lead: str


def _text(kind: Kind, city: City, day: date, a: tuple[str, str, int], b: tuple[str, str, int], n: int,
          place: str, rng: random.Random) -> tuple[str, str, str]:
    slots = {"A": a[0], "B": b[0], "city": city.name, "weekday": WEEKDAYS[day.weekday()], "n": n, "place": place,
             "dem": city.demonym, "weekday2": rng.choice(WEEKDAYS), "district": _district(rng),
             "district2": _district(rng)}
    lead = rng.choice(kind.leads).format(**slots)
    lead = lead[0].upper() + lead[1:]
    details = []
    for d in rng.sample(kind.details, k=rng.randint(3, len(kind.details))):
        details.append(d.format(**slots, official=_name(rng), m=rng.randint(2, 19), hour=f"{rng.randint(1, 11)} "
                                f"{rng.choice(['a.m.', 'p.m.'])}"))
    extra = [f"{city.name} has seen repeated unrest this year, and {rng.choice(PLACES)} incidents were reported "
             f"in {rng.randint(2, 9)} districts of {city.admin1} in {rng.choice(['spring', 'summer', 'autumn'])}.",
             f"The {rng.choice(ACTORS)[0]} said {rng.randint(2, 40)} people had been "
             f"{rng.choice(['questioned', 'displaced', 'treated', 'evacuated'])} by {WEEKDAYS[rng.randint(0, 6)]}."]
    body = [lead, *details, *extra]
    title = f"{n} {rng.choice(['killed', 'hurt', 'held', 'reported'])} as {kind.name} hits {city.name}"
    return title, " ".join(body), lead


def make_story(sid: str, rng: random.Random, cities: list[City], base: date, *, kind: Kind | None = None,
               city: City | None = None, day: date | None = None,
               actors: tuple[tuple[str, str, int], tuple[str, str, int]] | None = None) -> Story:
    kind = kind or rng.choice(KINDS)
    city = city or rng.choice(cities)
    day = day or base + timedelta(days=rng.randint(0, 60))
    a, b = actors or tuple(rng.sample(ACTORS, 2))  # type: ignore[assignment]
    n = rng.randint(1, 40)
    place = rng.choice(PLACES)
    title, text, lead = _text(kind, city, day, a, b, n, place, rng)
    return Story(sid, kind, city, day, a, b, n, place, title, text, lead)


def sibling(story: Story, sid: str, rng: random.Random, cities: list[City]) -> Story:
    """A distinct event like `story`: same kind and city a few days later, or the same day with other actors."""
    if rng.random() < 0.5:
        return make_story(sid, rng, cities, story.day, kind=story.kind, city=story.city,
                          day=story.day + timedelta(days=rng.randint(3, 10)), actors=(story.a, story.b))
    others = [x for x in ACTORS if x[1] not in (story.a[1], story.b[1])]
    a, b = rng.sample(others, 2)
    return make_story(sid, rng, cities, story.day, kind=story.kind, city=story.city, day=story.day, actors=(a, b))


def edit_copy(text: str, rng: random.Random) -> str:
    """A syndicated copy: 2–10 % of words replaced or dropped, maybe truncated, boilerplate around it."""
    words = text.split()
    rate = rng.uniform(0.02, 0.10)
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < rate / 2:
            continue
        out.append(rng.choice(FILL) if r < rate else w)
    if rng.random() < 0.4:
        out = out[: int(len(out) * rng.uniform(0.6, 0.9))]
    body = " ".join(out)
    if rng.random() < 0.5:
        body = f"{rng.choice(['BREAKING', 'UPDATE', 'WORLD NEWS'])} - {body}"
    if rng.random() < 0.6:
        body = f"{body} {rng.choice(BOILER)}"
    return body


def _published(day: date, hours: int) -> datetime:
    return datetime(day.year, day.month, day.day, 6, tzinfo=UTC) + timedelta(hours=hours)


@dataclass(frozen=True)
class Labeled:
    article: Article
    story: str  # the truth: articles of one story are duplicates of each other


def articles(n_stories: int, seed: int = 5, copies: tuple[int, int] = (0, 4), sibling_rate: float = 0.5,
             base: date = date(2026, 9, 1)) -> Iterator[Labeled]:
    """Stream of originals, their syndicated copies and siblings, with each article's story id; deterministic."""
    rng = random.Random(seed)
    cities = load_cities()
    for i in range(n_stories):
        story = make_story(f"s{i}", rng, cities, base)
        group = [story]
        if rng.random() < sibling_rate:
            group.append(sibling(story, f"s{i}b", rng, cities))
        for st in group:
            yield Labeled(Article(id=f"{st.id}-0", text=st.text, title=st.title, source=rng.choice(OUTLETS[:3]),
                                  url=f"https://wire.example/{st.id}", published_at=_published(st.day, 2)), st.id)
            for c in range(rng.randint(*copies)):
                outlet = rng.choice(OUTLETS[3:])
                yield Labeled(Article(id=f"{st.id}-{c + 1}", text=edit_copy(st.text, rng),
                                      title=f"{st.city.name}: {st.kind.name} update",
                                      source=outlet, url=f"https://{outlet.replace(' ', '').lower()}.example/"
                                      f"{st.id}/{c}", published_at=_published(st.day, 3 + c)), st.id)


def _actor(x: tuple[str, str, int], city: City, rng: random.Random, drop_country: bool) -> Actor:
    return Actor(name=x[0], country=None if drop_country else city.country,
                 cameo=None if drop_country else city.country + x[1], inter=x[2])


def event_reports(n_stories: int, seed: int = 9, reports: tuple[int, int] = (1, 5), sibling_rate: float = 0.5,
                  base: date = date(2026, 9, 1)) -> list[tuple[Event, str]]:
    """Events as coded from independent articles, with noise, and each one's true event (story id)."""
    rng = random.Random(seed)
    cities = load_cities()
    out: list[tuple[Event, str]] = []
    for i in range(n_stories):
        story = make_story(f"e{i}", rng, cities, base)
        group = [story]
        if rng.random() < sibling_rate:
            group.append(sibling(story, f"e{i}b", rng, cities))
        for st in group:
            for r in range(rng.randint(*reports)):
                out.append((_noisy_event(st, r, rng), st.id))
    return out


def _noisy_event(st: Story, r: int, rng: random.Random) -> Event:
    day = st.day + timedelta(days=rng.choice([-1, 1])) if rng.random() < 0.25 else st.day
    region = rng.random() < 0.15
    jitter_km = rng.uniform(0, 12)
    lat = st.city.lat + (jitter_km / 111.0) * rng.choice([-1, 1])
    loc = Location(name=st.city.admin1 if region else st.city.name, admin1=st.city.admin1, country=st.city.country,
                   latitude=round(lat + (rng.uniform(-0.5, 0.5) if region else 0), 4),
                   longitude=round(st.city.lon + (rng.uniform(-0.5, 0.5) if region else 0), 4),
                   geo_precision=3 if region else 1)
    a1 = _actor(st.a, st.city, rng, rng.random() < 0.2)
    a2 = _actor(st.b, st.city, rng, rng.random() < 0.2)
    if rng.random() < 0.3:
        a1, a2 = a2, a1
    n = max(0, st.n + rng.choice([0, 0, 0, -1, 2]))
    aid = f"{st.id}-r{r}"
    outlet = rng.choice(OUTLETS)
    k = st.kind
    src = SourceRef(article_id=aid, url=f"https://{outlet.replace(' ', '').lower()}.example/{aid}", source=outlet,
                    published_at=_published(st.day, 2 + r * 3 + rng.randint(0, 2)), sentence=st.lead[:2000],
                    start=0, end=len(st.lead))
    return Event(event_id=f"ev-{aid}", article_id=aid, main=True, event_date=day, event_type=k.event_type,
                 sub_event_type=k.sub_event_type, cameo_code=k.cameo_code, cameo_root=k.cameo_code[:2],
                 quad_class=k.quad, goldstein=k.goldstein, plover_event=k.plover, actor1=a1, actor2=a2,
                 location=loc, fatalities=n, fatalities_reported=[n], certainty=round(rng.uniform(0.5, 0.95), 2),
                 confidence=0.5, coder_version="bench", sources=[src], first_seen=src.published_at)


BRIEF = ("{A} clashed with security forces in {place} on {weekday}, {month} {day}, leaving {n} people dead, officials "
         "said. The clashes lasted several hours and residents fled to nearby villages, a local official told "
         "reporters. Authorities said an investigation had been opened and security had been reinforced in the area.")


def templated_briefs(n_briefs: int = 3000, seed: int = 11, copy_rate: float = 0.3,
                     base: date = date(2026, 9, 1)) -> Iterator[Labeled]:
    """Look-alike wire briefs, one template with another place, toll, date and side each (issue 17): every brief is
    its own story, and some are syndicated (edited copies, which are duplicates). Most words are shared, so only the
    differing facts tell the briefs apart; a deduper that chains links merges them all."""
    rng = random.Random(seed)
    cities = load_cities()
    told: set[tuple[str, str, date, int]] = set()
    for i in range(n_briefs):
        while True:  # another brief, not the same text again
            day = base + timedelta(days=rng.randint(0, 60))
            place = rng.choice(cities).name if rng.random() < 0.3 else _district(rng)
            side, n = rng.choice(ACTORS)[0].capitalize(), rng.randint(2, 40)
            if (side, place, day, n) not in told:
                told.add((side, place, day, n))
                break
        text = BRIEF.format(A=side, place=place, weekday=WEEKDAYS[day.weekday()], month=day.strftime("%B"),
                            day=day.day, n=n)
        sid = f"brief{i}"
        yield Labeled(Article(id=f"{sid}-0", text=text, source=rng.choice(OUTLETS[:3]),
                              url=f"https://wire.example/{sid}", published_at=_published(day, 2)), sid)
        if rng.random() < copy_rate:
            outlet = rng.choice(OUTLETS[3:])
            yield Labeled(Article(id=f"{sid}-1", text=edit_copy(text, rng), source=outlet,
                                  url=f"https://{outlet.replace(' ', '').lower()}.example/{sid}",
                                  published_at=_published(day, 4)), sid)
