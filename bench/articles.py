"""Generated wire-style articles of realistic length for benchmarks (deterministic for a seed).

Sentences are assembled from templates over a small world of places, actors and actions, so the parser sees
ordinary news English and the coder finds events at a realistic rate.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

PLACES = [("Kharkiv", "Ukrainian"), ("Khan Younis", "Palestinian"), ("Aleppo", "Syrian"), ("Mogadishu", "Somali"),
          ("Kabul", "Afghan"), ("Peshawar", "Pakistani"), ("Maiduguri", "Nigerian"), ("Goma", "Congolese"),
          ("Mandalay", "Myanmar"), ("Sanaa", "Yemeni"), ("Bamako", "Malian"), ("Khartoum", "Sudanese"),
          ("Nairobi", "Kenyan"), ("Lima", "Peruvian"), ("Dhaka", "Bangladeshi"), ("Manila", "Philippine"),
          ("Bogota", "Colombian"), ("Tripoli", "Libyan"), ("Baghdad", "Iraqi"), ("Caracas", "Venezuelan")]
ACTORS = ["government forces", "police", "rebels", "gunmen", "protesters", "soldiers", "militants", "troops",
          "security forces", "demonstrators", "students", "farmers"]
EVENTS = [
    "{a} clashed with {b} in {p} on {d}, killing {n} people, officials said.",
    "An air strike hit a market in {p} on {d}, killing at least {n} civilians, according to local medics.",
    "Hundreds of {b} marched through {p} on {d} to protest against rising food prices.",
    "{a} arrested {n} suspected members of an armed group during a raid in {p} on {d}.",
    "Shelling by {a} damaged several houses on the outskirts of {p} on {d}, residents said.",
    "A roadside bomb exploded near a checkpoint in {p} on {d}, wounding {n} {b}.",
    "The {nat} foreign minister met his counterpart in {p} on {d} and the two agreed to expand trade.",
    "{a} fired tear gas to disperse {b} who had blocked a highway near {p} on {d}.",
]
FILLER = [
    "The situation in the area remained tense, and humanitarian groups said access was limited.",
    "A spokesman for the regional administration declined to comment on the reports.",
    "Analysts said the incident reflected a broader deterioration in security over recent months.",
    "Local media broadcast images of damaged buildings and burned vehicles along the main road.",
    "The United Nations called on all parties to respect international humanitarian law.",
    "Witnesses described hearing several loud explosions before dawn, followed by gunfire.",
    "The government has repeatedly promised to restore order but critics say little has changed.",
    "Aid workers warned that thousands of displaced families lacked food, water and shelter.",
    "Officials said an investigation had been opened and more details would be released later.",
    "Residents said schools and shops stayed closed for a second day as people feared new violence.",
]
OPENERS = [e for e in EVENTS if "{n}" in e]  # leads carry figures
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def generate(n: int, *, seed: int = 7, words: int = 450, start: date = date(2026, 11, 1),
             copies: float = 0.25) -> Iterator[dict]:
    """Yield n article dicts in the JSONL input format, each about `words` words long.

    Each story opens with an event sentence (its figures tell it apart, as real leads do); a share `copies` of
    the articles are other outlets' copies of an earlier story (same text, own URL and outlet), about the
    syndication rate of a day of wire news, so the article deduplication sees a realistic mix.
    """
    rng = random.Random(seed)
    stories: list[dict] = []
    for i in range(n):
        outlet = rng.choice(["Reuters", "AFP", "AP", "BBC News", "Al Jazeera"])
        url = f"https://example.org/{seed}/{i}"
        if stories and rng.random() < copies:
            original = rng.choice(stories[-200:])
            yield {**original, "id": f"bench-{seed}-{i:07d}", "url": url, "source": outlet}
            continue
        place, nat = rng.choice(PLACES)
        day = start + timedelta(days=rng.randrange(20))
        sents: list[str] = []
        count = 0
        while count < words:
            if not sents or rng.random() < 0.35:
                s = rng.choice(EVENTS if sents else OPENERS).format(
                    a=rng.choice(ACTORS).capitalize(), b=rng.choice(ACTORS), p=place, nat=nat,
                    d=rng.choice(DAYS), n=rng.randrange(1, 300))
            else:
                s = rng.choice(FILLER)
            sents.append(s)
            count += len(s.split())
        paras = [" ".join(sents[j:j + 3]) for j in range(0, len(sents), 3)]
        story = {"id": f"bench-{seed}-{i:07d}", "title": f"Violence in {place}", "text": "\n".join(paras),
                 "published_at": (day + timedelta(days=1)).isoformat(), "url": url, "source": outlet}
        stories.append(story)
        yield story
