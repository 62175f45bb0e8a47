"""`newsevents serve`: the read-only API and the dashboard page."""

from __future__ import annotations

import socket

import typer


def listen(host: str, port: int) -> socket.socket:
    """A bound socket for uvicorn, made before anything is printed or started: a port in use fails here, alone."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family=family)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a restart is not refused
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)  # worker processes serve the same socket
    return sock


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="TCP port."),
        workers: int = typer.Option(1, min=1, help="uvicorn worker processes."),
    ) -> None:
        """Serve the read-only events API (OpenAPI at /openapi.json) and the dashboard at /."""
        import uvicorn
        from uvicorn.supervisors import Multiprocess

        from etl.commands import feed_engine

        feed_engine()  # an empty home or unmigrated database: one line now, not a 503 on every request later
        try:
            sock = listen(host, port)
        except OSError as err:
            typer.echo(f"newsevents serve: cannot listen on {host}:{port}: {err.strerror or err}", err=True)
            raise typer.Exit(1) from None
        config = uvicorn.Config("etl.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                                log_level="info")
        typer.echo(f"dashboard at http://{host}:{port}/ , API docs at http://{host}:{port}/docs")
        if workers > 1:
            Multiprocess(config, sockets=[sock]).run()
        else:
            uvicorn.Server(config).run(sockets=[sock])

    @app.command()
    def freshness(
        max_age_hours: float = typer.Option(None, help="Stale past this age (hours)."),
    ) -> None:
        """Print the feed's freshness (newest snapshot, runs) as JSON; exit 1 when the snapshot is stale."""
        from etl.api.app import freshness_report
        from etl.commands import feed_engine
        from etl.publish import snapshot_store
        from etl.settings import get_settings

        settings = get_settings()
        engine = feed_engine()
        limit = max_age_hours or settings.api_stale_after_hours
        with engine.connect() as conn:
            report = freshness_report(conn, engine, snapshot_store(settings.snapshot_uri), limit)
        typer.echo(report.model_dump_json(indent=2))
        if report.stale:
            raise typer.Exit(1)
