"""Repeated paragraphs and sentences are blanked in place, so every offset still points into the original text."""

from etl.extract.clean import blank_repeats


def test_repeated_paragraph_blanked_with_offsets_kept() -> None:
    lead = "Troops shelled the eastern district of the city on Monday morning, officials said."
    text = f"{lead}\nA second paragraph about the aid convoy that arrived later.\n{lead}\nA closing line."
    out = blank_repeats(text)
    assert len(out) == len(text)
    assert out.count(lead) == 1
    tail = text.index("A closing line.")
    assert out[tail:] == "A closing line."


def test_repeated_long_sentence_inside_other_paragraph_blanked() -> None:
    s = "The ministry confirmed that twelve people were detained after the march."
    text = f"{s} Police said more arrests were likely.\nIn an update. {s}"
    out = blank_repeats(text)
    assert out.count(s) == 1 and len(out) == len(text)


def test_short_repeats_kept() -> None:
    text = "Ends.\nMore.\nEnds."
    assert blank_repeats(text) == text
