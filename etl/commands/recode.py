"""`newsevents recode`: re-code past days with the current coder version, keeping every event's sources."""

from __future__ import annotations

from datetime import date, timedelta

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def recode(
        date_from: str = typer.Option(..., "--from", help="First partition date, YYYY-MM-DD."),
        date_to: str = typer.Option(..., "--to", help="Last partition date, YYYY-MM-DD."),
    ) -> None:
        """Re-code the stored articles of each day in the range and merge the new codings into stored events."""
        from rich.progress import Progress

        from etl.commands import feed_engine
        from etl.pipeline import recode_day

        d1, d2 = date.fromisoformat(date_from), date.fromisoformat(date_to)
        if d2 < d1:
            raise typer.BadParameter("--to is before --from")
        feed_engine()  # nothing stored, nothing to re-code: say which home was looked at
        days = [d1 + timedelta(days=i) for i in range((d2 - d1).days + 1)]
        results = []
        with Progress(transient=True) as bar:
            task = bar.add_task("recode", total=len(days))
            for day in days:
                results.append(recode_day(day))
                bar.advance(task)
        for r in results:
            typer.echo(f"{r['day']}: {r['articles']} articles, {r['events']} events "
                       f"(inserted {r.get('inserted', 0)}, updated {r.get('updated', 0)}, "
                       f"unchanged {r.get('unchanged', 0)})")
