from spacy.language import Language


def test_line_breaks_end_sentences(nlp: Language) -> None:
    doc = nlp("Captured Soldiers Provide Key Insights\nThe two soldiers were taken to Kyiv. They are held there.")
    assert [s.text.strip() for s in doc.sents] == ["Captured Soldiers Provide Key Insights",
                                                   "The two soldiers were taken to Kyiv.", "They are held there."]
