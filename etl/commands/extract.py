"""`newsevents extract`: articles (JSONL) in, events (JSONL) out, no database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        input: Path = typer.Option(..., "--input", "-i", exists=True, dir_okay=False, help="Articles, JSONL."),
        output: Path = typer.Option(..., "--output", "-o", help="Events, JSONL (one event a line)."),
        workers: int = typer.Option(1, min=1, help="Worker processes."),
        batch_size: int = typer.Option(32, min=1, help="Texts per nlp.pipe batch."),
        limit: int = typer.Option(None, help="Only the first N articles."),
        rejects: Path = typer.Option(None, help="Rejected lines, JSONL (default: OUTPUT's name + .rejects.jsonl)."),
        strict: bool = typer.Option(False, "--strict", help="Exit with status 3 when any line was rejected."),
        read_on: datetime = typer.Option(None, "--read-on", formats=["%Y-%m-%d"],
                                         help="The day the articles were read: the year of an undated article's "
                                              "'March 23' and the week of its 'Tuesday' (default: unknown)."),
    ) -> None:
        """Code every article of a JSONL file on its own (repeated paragraphs removed, no merging across lines).

        A line that cannot be read is reported (file, line, reason) on stderr and in the rejects file; the other
        lines are coded. An article with no publication date keeps its dates unknown unless they stand on their
        own ("23 March 2018") or --read-on says when it was read."""
        from itertools import islice

        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from etl.extract import articles_from_jsonl, extract_articles
        from etl.ingest.reader import RejectLog, default_rejects_path

        total = count_lines(input)
        if limit:
            total = min(total, limit)

        n_events = 0
        with RejectLog(rejects or default_rejects_path(output)) as log, output.open("w", encoding="utf-8") as out, \
                Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                         transient=True) as bar:
            task = bar.add_task("extract", total=total)
            source = articles_from_jsonl(input, log)
            for _article, events in extract_articles(islice(source, limit) if limit else source, workers=workers,
                                                     batch_size=batch_size,
                                                     today=read_on.date() if read_on else None):
                for ev in events:
                    out.write(ev.model_dump_json() + "\n")
                    n_events += 1
                bar.advance(task)
        typer.echo(f"{log.summary()}; {n_events} events → {output}")
        exit_if_strict(strict, log)


def count_lines(path: Path) -> int:
    """Non-blank lines, counted on bytes (a line that is not UTF-8 still counts, and is rejected later)."""
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def exit_if_strict(strict: bool, log) -> None:  # type: ignore[no-untyped-def]
    """With --strict, any rejected line makes the exit status 3 (after the good lines were processed)."""
    if strict and log.rejected:
        raise typer.Exit(3)
