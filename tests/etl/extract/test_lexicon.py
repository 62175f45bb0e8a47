"""The coder's data files load, and every action maps to a known CAMEO code and ACLED sub-event type."""

from etl.extract.lexicon import acled_types, cameo, cameo_codes, triggers


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
