"""`newsevents ingest`: read inputs as the pipeline would and write the accepted articles and the rejections.

For checking a new source before it goes into the daily run: nothing touches the database.
"""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        input: list[str] = typer.Option(..., "--input", "-i", help="JSONL/HTML file/folder, feed URL, s3://."),
        output: Path = typer.Option(..., "--output", "-o", help="Accepted articles, JSON lines."),
        rejections: Path = typer.Option(None, "--rejections", help="Rejections, JSON lines (default: beside output)."),
    ) -> None:
        """Read articles from files, feeds or S3; refuse bad ones with a reason; write both as JSON lines."""
        from etl.ingest import read_inputs
        from etl.settings import get_settings
        from schemas.models import Article

        rejections = rejections or output.with_name(output.stem + ".rejections.jsonl")
        counts: dict[str, int] = {}
        with output.open("w", encoding="utf-8") as out, rejections.open("w", encoding="utf-8") as rej:
            for item in read_inputs(input, get_settings()):
                if isinstance(item, Article):
                    out.write(item.model_dump_json() + "\n")
                    key = "accepted"
                else:
                    rej.write(item.model_dump_json() + "\n")
                    key = f"rejected: {item.reason.value}"
                counts[key] = counts.get(key, 0) + 1
        for key, n in sorted(counts.items()):
            typer.echo(f"{key}\t{n}")
        typer.echo(f"wrote {output} and {rejections}")
