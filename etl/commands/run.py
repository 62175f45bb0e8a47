"""`newsevents run`: the whole daily pipeline from the command line."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def run(
        input: list[str] = typer.Option(..., "--input", "-i", help="JSONL/HTML file/folder, feed URL, s3://."),
        day: str = typer.Option(None, "--date", help="Partition date YYYY-MM-DD (default: yesterday, UTC)."),
        run_id: str = typer.Option(None, help="Run id (default: generated)."),
        strict: bool = typer.Option(False, "--strict", help="Exit with status 3 when any input was rejected."),
    ) -> None:
        """Ingest, code, deduplicate, load and publish one day of articles.

        Refused inputs are not an error: each is printed on stderr (file, line, reason) and stored in
        core.rejected_articles and the run's rejections.jsonl; the good ones are processed."""
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from etl.pipeline import run_day

        partition = date.fromisoformat(day) if day else (datetime.utcnow().date() - timedelta(days=1))
        console = Console(stderr=True)
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} articles"),
                      TimeElapsedColumn(), console=console, transient=True) as bar:
            tasks: dict[str, int] = {}

            def progress(stage: str, n: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage)
                bar.update(tasks[stage], completed=n)

            report = run_day(partition, input, run_id=run_id, progress=progress)
        print_rejections(report, console)
        print_report(report, console)
        if strict and report.rejected:
            raise typer.Exit(3)

    @app.command()
    def schema(
        output: str = typer.Option(None, help="Where to write the JSON Schema (default: the checkout's "
                                   "schemas/event.schema.json)."),
    ) -> None:
        """Write the JSON Schema of the event contract (schemas/event.schema.json)."""
        from pathlib import Path

        from etl.settings import project_root
        from schemas.jsonschema import render

        output = output or str((project_root() or Path.cwd()) / "schemas" / "event.schema.json")
        Path(output).write_text(render(), encoding="utf-8")
        typer.echo(f"wrote {output}")


def print_rejections(report, console) -> None:  # type: ignore[no-untyped-def]
    """One line per refused input (the first STDERR_LINES), from the run's rejections.jsonl."""
    from etl.ingest.reader import STDERR_LINES, RejectLog
    from etl.pipeline import RunContext
    from schemas.models import Rejection

    path = RunContext.create(date.fromisoformat(report.partition_date), report.run_id).path("rejections.jsonl")
    if not report.rejected or not path.exists():
        return
    log = RejectLog(None, echo=lambda line: console.print(line, markup=False, highlight=False, soft_wrap=True))
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= STDERR_LINES + 1:
                break
            log.add(Rejection.model_validate_json(line))
    console.print(f"rejections: {path}", markup=False, highlight=False, soft_wrap=True)


def print_report(report, console) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    t = Table(title=f"newsevents run {report.partition_date} ({report.run_id})")
    t.add_column("step")
    t.add_column("count", justify="right")
    t.add_row("articles read", str(report.read))
    for reason, n in sorted(report.rejected_by_reason.items()):
        t.add_row(f"  rejected: {reason}", str(n))
    t.add_row("articles rejected", str(report.rejected))
    t.add_row("duplicate articles", str(report.duplicates))
    t.add_row("articles coded", str(report.coded))
    t.add_row("events extracted", str(report.events_extracted))
    t.add_row("events after merging", str(report.events_merged))
    for k, v in report.loaded.items():
        t.add_row(f"events loaded: {k}", str(v))
    console.print(t)
    console.print(f"snapshot: {report.snapshot}")
    for name, verdict in (report.checks.get("checks") or {}).items():
        console.print(f"check {name}: {verdict}")
    for warning in report.checks.get("warnings") or []:
        console.print(f"[yellow]warning[/yellow] {warning}")
