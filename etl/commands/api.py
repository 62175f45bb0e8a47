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
