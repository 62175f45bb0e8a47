"""Airflow `hostname_callable` for the local Celery check: two workers on one machine need two names."""

from __future__ import annotations

import os
import socket


def hostname() -> str:
    """The worker name given by ops/celery_check.sh, else the machine's name (Airflow's default)."""
    return os.environ.get("CELERY_CHECK_WORKER") or socket.getfqdn()
