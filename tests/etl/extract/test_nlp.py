from spacy.language import Language


def test_line_breaks_end_sentences(nlp: Language) -> None:
    doc = nlp("Captured Soldiers Provide Key Insights\nThe two soldiers were taken to Kyiv. They are held there.")
    assert [s.text.strip() for s in doc.sents] == ["Captured Soldiers Provide Key Insights",
                                                   "The two soldiers were taken to Kyiv.", "They are held there."]


def test_a_subheading_run_into_the_next_sentence_is_cut_off(nlp: Language) -> None:
    doc = nlp("The deal is yet to be signed. Trump approval During a visit to Washington, the president backed it.")
    assert [s.text.strip() for s in doc.sents] == ["The deal is yet to be signed.", "Trump approval",
                                                   "During a visit to Washington, the president backed it."]


def test_capitalised_small_words_inside_a_sentence_stay_in_it(nlp: Language) -> None:
    for text in ("The case went before The Hague court on Monday.",
                 "He said the head of Doctors Without Borders had resigned.",
                 "Asked about it, I said nothing."):
        assert len(list(nlp(text).sents)) == 1, text


def test_a_short_verbless_line_of_an_article_is_a_heading(nlp: Language) -> None:
    from etl.extract.classify.stage import is_heading

    doc = nlp("The deal is yet to be signed. Recent attacks Since January, rebels have struck twice.")
    sents = list(doc.sents)
    assert is_heading(sents[1]) and not is_heading(sents[2])


def test_a_name_cut_at_a_small_word_runs_on_over_its_capitalised_words(nlp: Language) -> None:
    """The small model ends "The Executive Council of" at "of" and tags "Australian" a nationality."""
    ents = [(e.text, e.label_) for e in nlp("The Executive Council of Australian Jewry welcomed the sanctions.").ents]
    assert ("The Executive Council of Australian Jewry", "ORG") in ents
    assert all(label != "NORP" for _, label in ents)
    assert nlp("The Ministry of Foreign Affairs said on Monday.").ents[0].text == "The Ministry of Foreign Affairs"
