from __future__ import annotations

import pytest

from etl.ingest.checks import ArticleGate, boilerplate_patterns, detect_language, is_binary, repair_mojibake
from etl.settings import Settings
from schemas.models import Article, Rejection


def reason(item: Article | Rejection) -> str:
    return "ok" if isinstance(item, Article) else item.reason.value


def test_boilerplate_lexicon_loads_and_matches_furniture_only() -> None:
    patterns = boilerplate_patterns()
    assert len(patterns) >= 10

    def furniture(s: str) -> bool:
        return any(p.search(s) for p in patterns)

    assert furniture("We use cookies to improve your experience.")
    assert furniture("Subscribe now for unlimited access.")
    assert not furniture("Employees protested against the IPO, which opened for subscription that day.")
    assert not furniture("Women gathered to demand a law that defines consent.")


def test_good_article_passes_with_metadata(gate: ArticleGate, english: str) -> None:
    art = gate.build(text=english, origin="f.jsonl:1", given_id="a1", url="https://www.x.org/a/?utm_source=t",
                     source="  The\nHerald ", title="Clash", published="2024-03-04")
    assert isinstance(art, Article)
    assert art.text == english and art.language == "en" and art.source == "The Herald"
    assert art.canonical_url == "https://x.org/a" and art.published_at is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("", "empty"),
    ("   \n\t  ", "empty"),
    ("We use cookies. Accept all cookies. Subscribe now to continue reading. All rights reserved.", "boilerplate"),
    ("Breaking news.", "boilerplate"),
    ("Some text\x00with a NUL byte in the middle of it, which cannot be stored.", "binary"),
    ("".join(chr(i % 31 + 1) for i in range(400)), "binary"),
    ("Les forces gouvernementales ont affronté des rebelles dimanche près de la capitale provinciale, faisant au "
     "moins quatre morts, a déclaré un responsable local.", "language"),
    ("Bad bytes \ufffd\ufffd\ufffd\ufffd\ufffd were replaced when this was decoded with the wrong codec.", "encoding"),
])
def test_bad_text_is_refused_with_a_reason(gate: ArticleGate, text: str, expected: str) -> None:
    item = gate.build(text=text, origin="t", given_id="x")
    assert reason(item) == expected
    assert isinstance(item, Rejection) and item.article_id == "x" and "\x00" not in (item.excerpt or "")


def test_too_large_is_refused_before_anything_else(tmp_path, english: str) -> None:
    gate = ArticleGate(Settings(home=tmp_path, max_article_chars=1000))
    assert reason(gate.build(text=english * 100, origin="t")) == "too_large"
    ten_mb = ArticleGate(Settings(home=tmp_path)).build(text="word " * 2_100_000, origin="t")
    assert reason(ten_mb) == "too_large"


def test_future_date_refused_far_past_kept_without_date(gate: ArticleGate, english: str) -> None:
    assert reason(gate.build(text=english, origin="t", published="2030-01-01")) == "future_date"
    old = gate.build(text=english, origin="t", published="1066-10-14")
    assert isinstance(old, Article) and old.published_at is None
    garbled = gate.build(text=english, origin="t", published="not a date")
    assert isinstance(garbled, Article) and garbled.published_at is None


def test_mojibake_is_repaired(gate: ArticleGate, english: str) -> None:
    broken = ("The minister’s office said the talks in Genève would resume — and François agreed. " + english)
    garbled = broken.encode("utf-8").decode("cp1252")
    assert repair_mojibake(garbled) == broken
    assert repair_mojibake(english) is None
    art = gate.build(text=garbled, origin="t")
    assert isinstance(art, Article) and art.text == broken


def test_binary_detection_and_language() -> None:
    assert is_binary("a\x00b") and not is_binary("plain text\nwith lines\tand tabs")
    assert detect_language("Die Regierung hat am Montag neue Sanktionen gegen das Land beschlossen.")[0] == "de"


def test_short_english_notes_are_not_mistaken_for_another_language(gate: ArticleGate) -> None:
    # short ACLED-style notes get weak non-English guesses (e.g. Nigerian Pidgin); they must pass as English
    note = "On 16 June 2022, Russian forces shelled Stepova Dolyna, Mykolaiv region. Casualties unknown."
    item = gate.build(text=note, origin="t")
    assert isinstance(item, Article) and item.language == "en"


def test_bad_metadata_is_cleaned_or_refused(gate: ArticleGate, english: str) -> None:
    art = gate.build(text=english, origin="t", title="Ti\x00tle\x07", source=42, url="  ")
    assert isinstance(art, Article) and art.title == "Title" and art.source is None and art.url is None
    assert reason(gate.build(text=english, origin="t", given_id="x" * 600)) == "invalid"
    assert reason(gate.build(text=english, origin="t", given_id="a\x00b")) == "invalid"
    assert reason(gate.build(text=["not", "a", "string"], origin="t")) == "invalid"
