"""A failing command prints one line (what failed, what to do); the traceback only with -v."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from etl.cli import app


def test_an_error_is_one_line_and_the_traceback_needs_verbose(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    res = CliRunner().invoke(app, ["dedup-articles", "--input", str(missing)])
    assert res.exit_code == 1
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert lines == [f"error: newsevents dedup-articles failed: FileNotFoundError: [Errno 2] No such file or "
                     f"directory: '{missing}'. check the path given to the command."]
    verbose = CliRunner().invoke(app, ["-v", "dedup-articles", "--input", str(missing)])
    assert verbose.exit_code == 1 and isinstance(verbose.exception, FileNotFoundError)  # raised: the traceback
