"""`newsevents db …`: migrations and the embedded server."""

from __future__ import annotations

import typer

db = typer.Typer(no_args_is_help=True, help="Database: migrations, connection URL, embedded server.")


@db.command()
def upgrade(revision: str = typer.Argument("head", help="Alembic revision.")) -> None:
    """Apply the Alembic migrations (creates the schema on a new database)."""
    from etl.db import get_engine
    from etl.load.migrate import upgrade as run_upgrade

    engine = get_engine()
    run_upgrade(engine.url.render_as_string(hide_password=False), revision)
    typer.echo(f"database at {engine.url.render_as_string(hide_password=True)} is at {revision}")


@db.command()
def url(libpq: bool = typer.Option(True, help="Print a libpq URL usable by psql (else SQLAlchemy's).")) -> None:
    """Print the database URL (starting the embedded server if that is the configured database)."""
    from etl.commands import feed_engine

    u = feed_engine().url
    if libpq:
        u = u.set(drivername="postgresql")
    typer.echo(u.render_as_string(hide_password=False))


@db.command()
def stop() -> None:
    """Stop the embedded PostgreSQL server, if it runs."""
    from etl.db import stop_embedded
    from etl.settings import get_settings

    typer.echo("stopped" if stop_embedded(get_settings().home) else "not running")


@db.command("purge-texts")
def purge_texts(
    days: int = typer.Option(None, help="Retention in days (default: NEWSEVENTS_TEXT_RETENTION_DAYS)."),
) -> None:
    """Delete stored article texts older than the retention period; events and evidence sentences stay."""
    from etl.commands import feed_engine
    from etl.load.store import PostgresEventStore
    from etl.settings import get_settings

    n = days if days is not None else get_settings().text_retention_days
    if n is None:
        raise typer.BadParameter("give --days or set NEWSEVENTS_TEXT_RETENTION_DAYS")
    typer.echo(f"purged {PostgresEventStore(feed_engine()).purge_texts(n)} article texts")


@db.command()
def dictionary(
    output: str = typer.Option(None, help="Where to write the data dictionary ('-': stdout; default: the "
                               "checkout's docs/data-dictionary.md)."),
) -> None:
    """Regenerate the data dictionary from the migrated views and the data contract."""
    from pathlib import Path

    from etl.commands import feed_engine
    from etl.load.dictionary import render
    from etl.settings import project_root

    output = output or str((project_root() or Path.cwd()) / "docs" / "data-dictionary.md")

    with feed_engine().connect() as conn:
        doc = render(conn)
    if output == "-":
        typer.echo(doc, nl=False)
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(doc, encoding="utf-8")
        typer.echo(f"wrote {output}")


@db.command()
def status() -> None:
    """Show where the database is, its migration revision and how many events and runs it holds."""
    from sqlalchemy import text

    from etl.db import get_engine
    from etl.load.migrate import current, head
    from etl.settings import get_settings

    settings = get_settings()
    home = settings.home.resolve()
    typer.echo(f"home: {home}")
    if not settings.database_url and not (home / "pgdata" / "PG_VERSION").exists():
        typer.echo("database: none (the home is empty; `newsevents run` creates one)")
        raise typer.Exit(1)
    engine = get_engine()
    at = current(engine.url.render_as_string(hide_password=False))
    typer.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
    typer.echo(f"revision: {at or 'none'} (head {head()})")
    if at:
        with engine.connect() as conn:
            events = conn.execute(text("SELECT count(*) FROM core.events WHERE NOT withdrawn")).scalar_one()
            runs = conn.execute(text("SELECT count(*), max(partition_date) FROM core.runs")).one()
        typer.echo(f"events: {events}; runs: {runs[0]} (latest partition {runs[1]})")


@db.command()
def rollups(
    rebuild: bool = typer.Option(False, "--rebuild", help="Recompute the rollups from core.events (repair)."),
) -> None:
    """Check the rollups (core.rollup_daily, _dyads, _monthly, _pairs) against a recomputation from the events;
    exit 1 when they differ. With --rebuild, recompute them (after a hand edit of core.events, or to drop zero
    rows)."""
    from etl.commands import feed_engine
    from etl.load.rollups import differences
    from etl.load.rollups import rebuild as rebuild_rollups

    engine = feed_engine()
    if rebuild:
        with engine.begin() as conn:
            counts = rebuild_rollups(conn)
        typer.echo("rebuilt: " + ", ".join(f"{n} {name} rows" for name, n in counts.items()))
        return
    with engine.connect() as conn:
        wrong = differences(conn)
    for name, rows in wrong.items():
        typer.echo(f"{name}: {'agrees with the events' if not rows else f'{len(rows)} rows differ'}")
        for row in rows[:10]:
            typer.echo(f"  {row}")
    if any(wrong.values()):
        typer.echo("run `newsevents db rollups --rebuild` to recompute them", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(db, name="db")
