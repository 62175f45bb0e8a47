"""Features of the classifier: names, places and numbers never reach the model; note artefacts are left out."""

from __future__ import annotations

from spacy.language import Language

from etl.extract.classify.features import artefacts, rule_features, span_features, text_features, unlist


def test_names_places_and_numbers_are_masked(nlp: Language) -> None:
    feats = text_features(nlp("Militants of the Northern Front killed 12 villagers in Kassala on Monday."))
    words = " ".join(feats)
    assert "kassala" not in words and "northern" not in words and "12" not in words
    assert "w=villager" in feats and "w=kill" in feats
    assert any("<place>" in f for f in feats) and any("<num>" in f for f in feats)


def test_note_artefacts_are_left_out(nlp: Language) -> None:
    note = "Other: On 4 May 2021, students protested in the capital. [size=about 50]"
    spans = artefacts(note)
    assert [note[a:b].strip() for a, b in spans][:2] == ["Other:", "On 4 May 2021,"]
    assert "[size=about 50]" in [note[a:b] for a, b in spans]
    doc = nlp(note)
    with_note = set(span_features(doc, []))
    plain = set(span_features(nlp("students protested in the capital."), []))
    assert {f for f in with_note if f.startswith("w=")} == {f for f in plain if f.startswith("w=")}


def test_lemma_lists_are_read_as_words() -> None:
    assert unlist("['worker', 'held', 'protest']") == "worker held protest"
    assert unlist("Workers held a protest.") == "Workers held a protest."


def test_rule_features_say_when_the_rules_found_nothing() -> None:
    assert rule_features([], ["air"]) == ["cue=air", "r=none"]


def test_extra_masks_hide_a_name_the_parser_missed(nlp: Language) -> None:
    feats = text_features(nlp("protest held in zouerat by workers"), extra_masks=["Zouerat"])
    assert not any("zouerat" in f for f in feats)
