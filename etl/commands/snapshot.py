"""`newsevents snapshot verify --date D`: check a published day against its manifest."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    snapshot = typer.Typer(help="Published snapshots.", no_args_is_help=True)
    app.add_typer(snapshot, name="snapshot")

    @snapshot.command("verify")
    def verify(day: str = typer.Option(..., "--date", help="Partition date YYYY-MM-DD.")) -> None:
        """Check that every file the day's manifest lists is there with its size and sha256; exit 1 if not."""
        from datetime import date

        from etl.publish import partition_prefix, snapshot_store, verify_snapshot
        from etl.settings import get_settings

        try:
            partition = date.fromisoformat(day)
        except ValueError:
            raise typer.BadParameter(f"{day!r} is not a date YYYY-MM-DD", param_hint="--date") from None
        store = snapshot_store(get_settings().snapshot_uri)
        problems = verify_snapshot(store, partition)
        for problem in problems:
            typer.echo(problem, err=True)
        if problems:
            raise typer.Exit(1)
        typer.echo(f"{store.uri}/{partition_prefix(partition)}: every file matches the manifest")
