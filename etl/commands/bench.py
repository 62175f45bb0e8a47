"""`newsevents bench-analytics`: dashboard and analyst query times and storage at N synthetic events."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("bench-analytics")
    def bench_analytics(
        events: int = typer.Option(100_000, "--events", help="Synthetic events to build (ten years, ten countries)."),
        via: str = typer.Option("bulk", help="'load': through the store's load (rollups kept batch by batch); "
                                "'bulk': INSERT … SELECT in the server, then a rollup rebuild (minutes at 5M)."),
        repeat: int = typer.Option(11, help="Timed runs of each query (after one warm-up run)."),
        output: Path = typer.Option(None, help="Also write the figures as JSON here."),
    ) -> None:
        """Build N events in a throwaway database on the configured server, then print p50/p95 of the README's
        queries, the API's /daily_counts, /dyads and filtered /events and the issue's slow queries (as the
        analyst role), and the storage per event."""
        import json

        from etl.load.bench_analytics import format_table, run

        if via not in ("load", "bulk"):
            raise typer.BadParameter("--via is 'load' or 'bulk'")
        figures = run(events, via, repeat=repeat, progress=lambda m: typer.echo(m, err=True))
        if output:
            output.write_text(json.dumps(figures, indent=2, default=str) + "\n")
        for line in format_table(figures):
            typer.echo(line)
