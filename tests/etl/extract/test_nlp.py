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
