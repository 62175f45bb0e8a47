"""`newsevents evaluate`: the benchmark on the dev sets of the eval kit, one table of figures against targets."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def evaluate(
        sets: str = typer.Option("acled2022,petr2,plover,seed,gwn", help="Comma-separated dev sets."),
        limit: int = typer.Option(None, help="Only the first N articles of each set (gold cut to match)."),
        out: Path = typer.Option(Path("eval-out"), help="Where predictions and results.json go."),
        workers: int = typer.Option(1, min=1, help="Extraction worker processes."),
        strict: bool = typer.Option(False, "--strict", help="Exit with status 3 when any article line was rejected."),
    ) -> None:
        """Extract (and geocode) every dev set, score with the kit's score.py, compare with the issues' targets."""
        import json

        from rich.console import Console
        from rich.table import Table

        from etl import evaluate as ev
        from etl.settings import get_settings

        eval_dir = get_settings().eval_dir
        if not (eval_dir / "score.py").exists():
            typer.echo(f"No evaluation kit at {eval_dir} (set NEWSEVENTS_EVAL_DIR); nothing to measure.", err=True)
            raise typer.Exit(2)
        chosen = [s.strip() for s in sets.split(",") if s.strip()]
        unknown = [s for s in chosen if s not in ev.SETS]
        if unknown:
            raise typer.BadParameter(f"unknown sets {unknown}; choose from {sorted(ev.SETS)}")
        out.mkdir(parents=True, exist_ok=True)

        from etl.ingest.reader import RejectLog

        # one rejects file for the whole evaluation: each line names its set's file and line
        log = RejectLog(out / "rejects.jsonl")

        def extract(articles: Path, pred: Path) -> None:
            from etl.extract import articles_from_jsonl, extract_articles

            with pred.open("w", encoding="utf-8") as f:
                for _a, events in extract_articles(articles_from_jsonl(articles, log), workers=workers):
                    f.writelines(e.model_dump_json() + "\n" for e in events)

        geocode = None
        try:
            from etl.extract.geo import geocode_file

            def geocode(articles: Path, pred: Path) -> None:  # type: ignore[no-redef]
                geocode_file(articles, pred, rejects=log)
        except ImportError:
            pass

        console = Console()
        with console.status("evaluating…"):
            figures = ev.run(eval_dir, out, chosen, limit, extract, geocode)
        table = Table(title=f"newsevents evaluate{f' (first {limit} per set)' if limit else ''}")
        for col in ("set", "figure", "value", "target", ""):
            table.add_column(col)
        for f in figures:
            mark = {True: "[green]ok[/]", False: "[red]below[/]", None: ""}[f.met]
            table.add_row(f.set, f.name, "-" if f.value is None else f"{f.value:.4f}",
                          "" if f.target is None else f"{f.target:.2f}", mark)
        console.print(table)
        (out / "results.json").write_text(json.dumps(
            {"limit": limit, "figures": [{"set": f.set, "figure": f.name, "value": f.value, "target": f.target,
                                          "met": f.met} for f in figures]}, indent=2) + "\n", encoding="utf-8")
        console.print(f"saved {out / 'results.json'}")
        log.close()
        typer.echo(f"articles: {log.summary()}", err=bool(log.rejected))
        from etl.commands.extract import exit_if_strict

        exit_if_strict(strict, log)
