"""`newsevents geocode`: every place mention of each article, resolved against the gazetteer."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def geocode(
        input: Path = typer.Option(..., "--input", "-i", help="Articles, JSON lines with id and text."),
        output: Path = typer.Option(..., "--output", "-o", help="Places per article, JSON lines."),
    ) -> None:
        """Write one line per article: its place mentions with offsets into the original text and coordinates."""
        from rich.progress import Progress

        from etl.extract.geo import geocode_file

        total = sum(1 for line in input.open(encoding="utf-8") if line.strip())
        with Progress() as bar:
            task = bar.add_task("geocoding", total=total)
            counts = geocode_file(input, output, progress=lambda n: bar.advance(task, n))
        typer.echo(f"{counts['articles']} articles, {counts['places']} places -> {output}")
