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
        output: Path = typer.Option(None, help="File to write; a .gz name is gzipped (default events_FROM_TO.EXT)."),
    ) -> None:
        """Export events between two dates (inclusive) from the event store."""
        from etl.commands import feed_engine
        from etl.export import FORMATS, SUFFIXES, write_export
        from etl.load.store import PostgresEventStore

        if fmt not in FORMATS:
            raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        try:
            d1, d2 = date.fromisoformat(date_from), date.fromisoformat(date_to)
        except ValueError as err:
            raise typer.BadParameter(str(err)) from None
        if d2 < d1:
            raise typer.BadParameter("--to is before --from")
        events = PostgresEventStore(feed_engine()).events_between(d1, d2, country=country.upper() if country else None)
        out = output or Path(f"events_{d1}_{d2}{SUFFIXES[fmt]}")
        size = write_export(events, fmt, out)
        typer.echo(f"wrote {len(events)} events ({size} bytes) to {out}")
