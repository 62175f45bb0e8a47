"""The coder's data files load, and every action maps to a known CAMEO code and ACLED sub-event type."""

import re

from etl.extract.lexicon import (
    DATA,
    acled_types,
    cameo,
    cameo_codes,
    cue,
    cue_names,
    cue_text,
    triggers,
    word_codes,
    words,
)


def test_all_twenty_roots_with_quad_class_and_goldstein() -> None:
    table = cameo_codes()
    roots = {f"{i:02d}" for i in range(1, 21)}
    assert roots <= set(table)
    assert cameo("190").quad_class == 4 and cameo("190").goldstein == -10.0
    assert cameo("042").quad_class == 1 and cameo("042").root == "04"
    assert all(-10 <= c.goldstein <= 10 and 1 <= c.quad_class <= 4 for c in table.values())


def test_twenty_five_acled_sub_types() -> None:
    types = acled_types()
    assert len(types) == 25
    assert types["Air/drone strike"] == "Explosions/Remote violence"
    assert set(types.values()) == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                   "Protests", "Riots", "Strategic developments"}


def test_every_trigger_resolves() -> None:
    subs = set(acled_types())
    for t in triggers():
        assert cameo(t.cameo).code.startswith(t.cameo[:2])
        assert t.acled_sub is None or t.acled_sub in subs, t
        assert t.pos in ("VERB", "NOUN", "ANY")


def test_report_labels_name_acled_sub_types() -> None:
    from etl.extract.lexicon import report_labels

    labels = report_labels()
    assert labels["weapons seizure"] == "Disrupted weapons use"
    assert set(labels.values()) <= set(acled_types())


def test_every_word_list_loads_and_says_what_it_is_for() -> None:
    files = sorted((DATA / "words").glob("*.txt"))
    assert len(files) >= 20
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("# "), f.name  # a header line: what the list is for
        listed = words(f.stem)
        assert listed and all(w == w.strip().lower() for w in listed), f.name


def test_every_cue_pattern_compiles() -> None:
    names = cue_names()
    assert {"AIR", "VIOLENT", "INTERVENTION", "STATE_FORCE_HIT", "LABEL"} <= set(names)
    for name in names:
        assert isinstance(cue(name), re.Pattern), name
    assert cue("LABEL").flags & re.IGNORECASE == 0 and cue("AIR").flags & re.IGNORECASE
    assert cue_text("CROWD") in cue("INTERVENTION").pattern  # a fragment is inserted where it is referred to
    assert cue("AIR").search("an air strike hit the town") and not cue("AIR").search("fresh air")


def test_code_tables_map_words_to_known_cameo_codes() -> None:
    for name in ("expelled", "received", "label_cameo"):
        table = word_codes(name)
        assert table, name
        for code in table.values():
            assert cameo(code).code.startswith(code[:2]), (name, code)
    assert set(word_codes("label_cameo")) <= set(acled_types())
