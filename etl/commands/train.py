"""`newsevents train`: reproduce the shipped event classifier from the ACLED training notes."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def train(
        train_file: Path = typer.Option(None, "--train-file", help="ACLED notes (JSONL, gzip or plain); default: "
                                        "NEWSEVENTS_TRAIN_FILE."),
        out: Path = typer.Option(None, help="Model folder to write; default: the package's shipped model."),
        validation: str = typer.Option("acled2022", help="Dev set of the eval kit to calibrate and measure on "
                                       "('' for none)."),
        workers: int = typer.Option(2, min=1, help="Parsing processes."),
        written: bool = typer.Option(True, help="Add the project's written news sentences (the shipped model does)."),
        news: str = typer.Option("", help="Dev set of unlabelled full news articles to estimate the sentence prior on "
                                 "(e.g. gwn; off by default, see README)."),
    ) -> None:
        """Train the event classifier (fixed seed, CPU), calibrate it on the validation set, write it with its
        model card. The shipped model was made by this command with its defaults."""
        import json

        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        from etl.extract.classify.model import SHIPPED
        from etl.extract.classify.train import WRITTEN, run_training
        from etl.settings import get_settings

        settings = get_settings()
        train_file = train_file or settings.train_file
        if not train_file.exists():
            typer.echo(f"No training file at {train_file} (set NEWSEVENTS_TRAIN_FILE or --train-file).", err=True)
            raise typer.Exit(2)
        val = None
        if validation:
            base = settings.eval_dir / "dev" / validation
            val = (base.with_name(f"{validation}.articles.jsonl"), base.with_name(f"{validation}.gold.jsonl"))
            if not all(p.exists() for p in val):
                typer.echo(f"No validation set {validation} under {settings.eval_dir / 'dev'}; training without one.",
                           err=True)
                val = None
        news_file = settings.eval_dir / "dev" / f"{news}.articles.jsonl" if news else None
        if news_file is not None and not news_file.exists():
            typer.echo(f"No news articles at {news_file}; no sentence prior.", err=True)
            news_file = None
        cache = settings.cache_dir or settings.home / "cache"
        columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                   TimeElapsedColumn(), TimeRemainingColumn())
        with Progress(*columns) as bar:
            tasks: dict[str, int] = {}

            def progress(step: str, done: int, total: int) -> None:
                if step not in tasks:
                    tasks[step] = bar.add_task(step, total=total)
                bar.update(tasks[step], completed=done)

            card = run_training(train_file, out or SHIPPED, validation=val, cache=cache, workers=workers,
                                written=WRITTEN if written else None, news=news_file, progress=progress)
        figures = card["figures"].get("validation_acled", {})
        typer.echo(json.dumps({"version": card["version"], "seconds": card["training_seconds"],
                               "validation_sub_event_type_weighted_f1":
                                   figures.get("sub_event_type", {}).get("weighted_f1"),
                               "model": str(out or SHIPPED)}, indent=2))

    @app.command("train-reportable")
    def train_reportable(
        articles: Path = typer.Option(None, help="Full articles the verdicts judge (JSONL); default: the VOA corpus "
                                      "beside the eval kit (../shared/corpus/voa/articles.jsonl)."),
        verdicts: Path = typer.Option(None, help="Judged events (JSONL); default: the project's "
                                      "etl/extract/data/judged_events.jsonl."),
        written: list[Path] = typer.Option(None, help="Articles written for the judged rounds (trained and scored "
                                           "with the real ones, figures apart); default: "
                                           "etl/extract/data/written_articles.jsonl when it exists."),
        ordinary: list[Path] = typer.Option(None, help="Articles of ordinary news with no event an analyst "
                                            "records (every candidate of theirs is wrong); default: "
                                            "etl/extract/data/ordinary_news.jsonl when it exists."),
        missed: Path = typer.Option(None, help="Events the judges listed as missed (JSONL: article_id, quote, "
                                    "kind); their articles' candidates are all labelled; default: "
                                    "etl/extract/data/missed_events.jsonl when it exists."),
        out: Path = typer.Option(None, help="Model file to write; default: the package's shipped one."),
    ) -> None:
        """Train the reportable stage (which candidates of a full article's sentences are news, and how sure) from
        judged events, with article-wise cross-validation; writes the model and its card."""
        import json

        from etl.extract.reportable import DATA, MODEL_PATH
        from etl.extract.reportable_train import run

        articles, verdicts, written = _judged_inputs(articles, verdicts, written)
        if not ordinary:
            ordinary = [p for p in (DATA / "ordinary_news.jsonl",) if p.exists()]
        if missed is None and (DATA / "missed_events.jsonl").exists():
            missed = DATA / "missed_events.jsonl"
        card = run(articles, verdicts, out or MODEL_PATH, extra_articles=written, negative_articles=ordinary,
                   missed_path=missed, progress=lambda m: typer.echo(m, err=True))
        typer.echo(json.dumps({"version": card["version"], **card["cross_validated"]}, default=str, indent=1))  # type: ignore[dict-item]

    @app.command("train-retellings")
    def train_retellings(
        articles: Path = typer.Option(None, help="Full articles the verdicts judge (JSONL); default: the VOA corpus "
                                      "beside the eval kit (../shared/corpus/voa/articles.jsonl)."),
        verdicts: Path = typer.Option(None, help="Judged events (JSONL); default: the project's "
                                      "etl/extract/data/judged_events.jsonl."),
        written: list[Path] = typer.Option(None, help="Articles written for the judged rounds; default: "
                                           "etl/extract/data/written_articles.jsonl when it exists."),
        out: Path = typer.Option(None, help="Model file to write; default: the package's shipped one."),
        workers: int = typer.Option(2, min=1, help="Coding processes."),
    ) -> None:
        """Train the retellings stage (which events of a full article tell again one told before) from judged
        events, with article-wise cross-validation; writes the model and its card."""
        import json

        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from etl.extract.retellings import MODEL_PATH
        from etl.extract.retellings_train import run

        articles, verdicts, written = _judged_inputs(articles, verdicts, written)
        with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()) as bar:
            task = bar.add_task("coding", total=None)

            def say(message: str) -> None:
                bar.console.print(message)
                if message.startswith("coding "):
                    bar.update(task, total=int(message.split()[1]))

            card = run(articles, verdicts, out or MODEL_PATH, extra_articles=written, workers=workers,
                       progress=say, advance=lambda n: bar.advance(task, n))
        typer.echo(json.dumps({"version": card["version"], **card["cross_validated"]}, default=str, indent=1))  # type: ignore[dict-item]


def _judged_inputs(articles: Path | None, verdicts: Path | None,
                   written: list[Path] | None) -> tuple[Path, Path, list[Path]]:
    """The judged articles, verdicts and written articles a stage is fitted on: the VOA corpus beside the eval kit,
    the project's judged events and written articles unless given; exit 2 when a file is missing."""
    from etl.extract.reportable import DATA
    from etl.settings import get_settings

    articles = articles or get_settings().eval_dir.parent / "corpus" / "voa" / "articles.jsonl"
    verdicts = verdicts or DATA / "judged_events.jsonl"
    for path in (articles, verdicts):
        if not path.exists():
            typer.echo(f"No file at {path}.", err=True)
            raise typer.Exit(2)
    return articles, verdicts, written or [p for p in (DATA / "written_articles.jsonl",) if p.exists()]

