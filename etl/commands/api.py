"""`newsevents serve`: the read-only API and the dashboard page."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="TCP port."),
        workers: int = typer.Option(1, min=1, help="uvicorn worker processes."),
    ) -> None:
        """Serve the read-only events API (OpenAPI at /openapi.json) and the dashboard at /."""
        import uvicorn

        typer.echo(f"dashboard at http://{host}:{port}/ , API docs at http://{host}:{port}/docs")
        uvicorn.run("etl.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                    log_level="info")

    @app.command()
    def freshness(
        max_age_hours: float = typer.Option(None, help="Stale past this age (hours)."),
    ) -> None:
        """Print the feed's freshness (newest snapshot, runs) as JSON; exit 1 when the snapshot is stale."""
        from etl.api.app import freshness_report
        from etl.db import get_engine
        from etl.publish import snapshot_store
        from etl.settings import get_settings

        settings = get_settings()
        engine = get_engine(settings)
        limit = max_age_hours or settings.api_stale_after_hours
        with engine.connect() as conn:
            report = freshness_report(conn, engine, snapshot_store(settings.snapshot_uri), limit)
        typer.echo(report.model_dump_json(indent=2))
        if report.stale:
            raise typer.Exit(1)
