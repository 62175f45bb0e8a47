"""`newsevents bench-dedup` (duplicate benchmark figures) and `newsevents dedup-articles` (verdicts for a JSONL)."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("bench-dedup")
    def bench_dedup(
        stories: int = typer.Option(1500, help="Generated stories for the article benchmark."),
        event_stories: int = typer.Option(2000, help="Generated events for the merge benchmark."),
        scale: bool = typer.Option(False, help="Also time dedup at 10k and 100k articles (takes minutes)."),
        output: Path = typer.Option(None, help="Write the figures as JSON here."),
    ) -> None:
        """Near-duplicate precision/recall with a threshold sweep, event merge precision/recall, and scaling."""
        import json

        from bench.dedup_bench import article_scores, choose_threshold, dedup_scaling, event_scores

        arts = article_scores(stories)
        chosen = choose_threshold(arts["sweep"])
        out = {"articles": arts, "chosen": chosen, "events": event_scores(event_stories)}
        if scale:
            out["scaling"] = dedup_scaling(10_000, 100_000, chosen["threshold"])
        text = json.dumps(out, indent=2)
        if output:
            output.write_text(text + "\n")
        typer.echo(text)

    @app.command("dedup-articles")
    def dedup_articles_cmd(
        input: Path = typer.Option(..., "--input", "-i", help="Articles JSONL (eval format or Article JSON)."),
        threshold: float = typer.Option(None, help="Near-duplicate threshold (default: settings)."),
    ) -> None:
        """Print one line per duplicate article: id, kind, original, similarity (order-independent verdicts)."""
        from etl.dedup.articles import dedup_articles
        from etl.ingest.reader import RejectLog, read_article_file
        from etl.settings import get_settings

        settings = get_settings()
        t = threshold if threshold is not None else settings.near_duplicate_threshold
        with RejectLog(None) as log:  # bad lines: one line each on stderr
            verdicts = dedup_articles(read_article_file(input, log, max_article_chars=settings.max_article_chars),
                                      threshold=t)
        for aid, v in sorted(verdicts.items()):
            if v.kind != "new":
                typer.echo(f"{aid}\t{v.kind}\t{v.duplicate_of}\t{v.similarity}")
