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
        import json
        from datetime import datetime

        from etl.dedup.articles import dedup_articles
        from etl.settings import get_settings
        from schemas.models import Article

        def read() -> list[Article]:
            out = []
            with input.open(encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        row = json.loads(line)
                        if isinstance(row.get("published_at"), str) and len(row["published_at"]) == 10:
                            row["published_at"] = datetime.fromisoformat(row["published_at"] + "T00:00:00+00:00")
                        out.append(Article.model_validate({k: v for k, v in row.items()
                                                           if k in Article.model_fields}))
            return out

        t = threshold if threshold is not None else get_settings().near_duplicate_threshold
        verdicts = dedup_articles(read(), threshold=t)
        for aid, v in sorted(verdicts.items()):
            if v.kind != "new":
                typer.echo(f"{aid}\t{v.kind}\t{v.duplicate_of}\t{v.similarity}")
