"""Sub-commands of `newsevents`. Each module defines `register(app)`; heavy imports stay inside the commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine


def feed_engine() -> Engine:
    """The database of an existing feed for a command that reads it, or exit 1 with one line naming the home."""
    from etl.db import FeedNotFound, require_feed

    try:
        return require_feed()
    except FeedNotFound as err:
        typer.echo(f"newsevents: {err}", err=True)
        raise typer.Exit(1) from None
