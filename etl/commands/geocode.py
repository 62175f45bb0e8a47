"""`newsevents geocode`: every place mention of each article, resolved against the gazetteer."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def geocode(
        input: Path = typer.Option(..., "--input", "-i", exists=True, dir_okay=False,
                                   help="Articles, JSON lines with id and text."),
        output: Path = typer.Option(..., "--output", "-o", help="Places per article, JSON lines."),
        rejects: Path = typer.Option(None, help="Rejected lines, JSONL (default: OUTPUT's name + .rejects.jsonl)."),
        strict: bool = typer.Option(False, "--strict", help="Exit with status 3 when any line was rejected."),
    ) -> None:
        """Write one line per article: its place mentions with offsets into the original text and coordinates.
        Lines that cannot be read are reported on stderr and in the rejects file."""
        from rich.progress import Progress

        from etl.commands.extract import count_lines, exit_if_strict
        from etl.extract.geo import geocode_file
        from etl.ingest.reader import RejectLog, default_rejects_path

        total = count_lines(input)
        with RejectLog(rejects or default_rejects_path(output)) as log, Progress(transient=True) as bar:
            task = bar.add_task("geocoding", total=total)
            counts = geocode_file(input, output, progress=lambda n: bar.advance(task, n), rejects=log)
        typer.echo(f"{log.summary()}; {counts['places']} places -> {output}")
        exit_if_strict(strict, log)
