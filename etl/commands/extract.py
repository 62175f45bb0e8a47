"""`newsevents extract`: articles (JSONL) in, events (JSONL) out, no database."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        input: Path = typer.Option(..., "--input", "-i", exists=True, dir_okay=False, help="Articles, JSONL."),
        output: Path = typer.Option(..., "--output", "-o", help="Events, JSONL (one event a line)."),
        workers: int = typer.Option(1, min=1, help="Worker processes."),
        batch_size: int = typer.Option(64, min=1, help="Texts per nlp.pipe batch."),
        limit: int = typer.Option(None, help="Only the first N articles."),
    ) -> None:
        """Code every article of a JSONL file on its own (repeated paragraphs removed, no merging across lines)."""
        from itertools import islice

        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from etl.extract import articles_from_jsonl, extract_articles

        total = sum(1 for line in input.open(encoding="utf-8") if line.strip())
        if limit:
            total = min(total, limit)

        n_events = 0
        with output.open("w", encoding="utf-8") as out, Progress(
            TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
        ) as bar:
            task = bar.add_task("extract", total=total)
            source = islice(articles_from_jsonl(input), limit) if limit else articles_from_jsonl(input)
            for _article, events in extract_articles(source, workers=workers, batch_size=batch_size):
                for ev in events:
                    out.write(ev.model_dump_json() + "\n")
                    n_events += 1
                bar.advance(task)
        typer.echo(f"{total} articles, {n_events} events → {output}")
