"""No evaluation text and no training text in the repository: every sentence of the eval kit's articles and of the
ACLED training notes is looked up among the sentences of the files git tracks. Skipped without ../shared."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from etl.settings import get_settings

REPO = Path(__file__).resolve().parents[1]
MIN_CHARS = 50  # shorter sentences ("Police said.") are common property


def sentences(text: str) -> Iterator[str]:
    for part in re.split(r"(?<=[.!?])\s+|\n+", text):
        norm = " ".join(re.sub(r"[^\w\s]", " ", part.casefold()).split())
        if len(norm) >= MIN_CHARS:
            yield norm


def tracked_text() -> Iterable[str]:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                           text=True, check=True).stdout.split()
    for name in files:
        path = REPO / name
        if path.suffix in {".npz", ".png", ".gz", ".lock"} or not path.is_file():
            continue
        try:
            yield path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue


def foreign_texts(shared: Path) -> Iterator[str]:
    for path in sorted((shared / "eval" / "dev").glob("*.articles.jsonl")):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                yield json.loads(line).get("text") or ""
    train = shared / "train" / "acled_notes.jsonl.gz"
    if train.exists():
        with gzip.open(train, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line).get("text") or ""


@pytest.mark.slow
def test_no_sentence_of_the_eval_kit_or_the_training_notes_is_in_the_repository() -> None:
    shared = get_settings().eval_dir.parent
    if not (shared / "eval" / "dev").is_dir():
        pytest.skip("no ../shared/eval here")
    ours = {s for text in tracked_text() for s in sentences(text)}
    found = [s for text in foreign_texts(shared) for s in sentences(text) if s in ours]
    assert found == [], f"{len(found)} foreign sentences in the repository, e.g. {found[:3]}"
