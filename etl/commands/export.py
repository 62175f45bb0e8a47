"""`newsevents export`: events of a date range from PostgreSQL, in the format a user's tools read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        date_from: str = typer.Option(..., "--from", help="First event date, YYYY-MM-DD."),
        date_to: str = typer.Option(..., "--to", help="Last event date, YYYY-MM-DD."),
        fmt: str = typer.Option("parquet", "--format", help="parquet, csv, acled-csv, gdelt-tsv or geojson."),
        country: str = typer.Option(None, help="Only events located in this ISO alpha-3 country."),
        output: Path = typer.Option(None, help="File to write (default: events_FROM_TO with the format's suffix)."),
    ) -> None:
        """Export events between two dates."""
        from etl.db import get_engine
        from etl.load.store import PostgresEventStore
        from etl.publish.formats import EXPORTS

        if fmt not in EXPORTS:
            raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(EXPORTS)}")
        writer, suffix = EXPORTS[fmt]
        d1, d2 = date.fromisoformat(date_from), date.fromisoformat(date_to)
        events = PostgresEventStore(get_engine()).events_between(d1, d2, country=country.upper() if country else None)
        out = output or Path(f"events_{d1}_{d2}{suffix}")
        out.write_bytes(writer(events))
        typer.echo(f"wrote {len(events)} events to {out}")
