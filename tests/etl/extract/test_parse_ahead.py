"""etl.extract.parsed_ahead: the parse of the next batch runs in a thread while the caller codes the last one; the
caller must see exactly what nlp.pipe gives, in order, and the parse's errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from etl.extract import parsed_ahead


class FakeNLP:
    """Stands in for a spaCy pipeline: `pipe` yields one 'doc' per text, failing on the text "boom"."""

    def __init__(self) -> None:
        self.batch_sizes: list[int] = []

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[str]:
        self.batch_sizes.append(batch_size)
        for t in texts:
            if t == "boom":
                raise RuntimeError("parse failed")
            yield t.upper()


def test_same_docs_in_order() -> None:
    nlp = FakeNLP()
    texts = [f"text {i}" for i in range(500)]
    assert list(parsed_ahead(nlp, iter(texts), 7)) == [t.upper() for t in texts]  # type: ignore[arg-type]
    assert nlp.batch_sizes == [7]  # the batches nlp.pipe would have made


def test_empty_input() -> None:
    assert list(parsed_ahead(FakeNLP(), [], 4)) == []  # type: ignore[arg-type]


def test_parse_error_reaches_the_caller() -> None:
    got: list[str] = []
    with pytest.raises(RuntimeError, match="parse failed"):
        for doc in parsed_ahead(FakeNLP(), ["a", "b", "boom", "c"], 2):  # type: ignore[arg-type]
            got.append(doc)
    assert got == ["A", "B"]


def test_caller_may_stop_early() -> None:
    docs = parsed_ahead(FakeNLP(), (f"t{i}" for i in range(10_000)), 2)  # type: ignore[arg-type]
    assert next(docs) == "T0"
    docs.close()  # the parse thread stops instead of filling a queue nobody reads


def test_runs_handed_in_one_after_another() -> None:
    """ParseAhead: one thread over several runs of texts (a run's last batch may wait for the next run's texts)."""
    from etl.extract import ParseAhead

    nlp = FakeNLP()
    stream = ParseAhead(nlp, 4)  # type: ignore[arg-type]
    try:
        stream.submit(["a", "b", "c"])
        stream.submit(["d", "e"])  # handed in before the first run is read: its batch is ["a", "b", "c", "d"]
        assert list(stream.docs(3)) == ["A", "B", "C"]
        stream.end()
        assert list(stream.docs(2)) == ["D", "E"]
        assert list(stream.docs()) == []
    finally:
        stream.close()
    assert nlp.batch_sizes == [4]


def test_run_stopped_early_closes() -> None:
    from etl.extract import ParseAhead

    stream = ParseAhead(FakeNLP(), 2)  # type: ignore[arg-type]
    stream.submit(f"t{i}" for i in range(1000))
    assert next(stream.docs(1000)) == "T0"
    stream.close()  # the parse thread stops though texts remain and no end was handed in
