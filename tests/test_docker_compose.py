"""docker-compose.yml is checked by reading it (no Docker engine here): services, pinned images, health, env."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from etl.settings import Settings

REPO = Path(__file__).resolve().parents[1]
AIRFLOW_SERVICES = {"airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer",
                    "airflow-worker"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_services_present(compose: dict) -> None:
    services = set(compose["services"])
    assert AIRFLOW_SERVICES | {"postgres", "redis", "seaweedfs", "airflow-init"} <= services
    assert "minio" not in " ".join(services)


def test_images_are_pinned(compose: dict) -> None:
    for name, svc in compose["services"].items():
        image = svc["image"]
        assert ":" in image and not image.endswith(":latest"), name
        assert re.search(r":\d", image), f"{name}: tag must be a version"


def test_long_running_services_have_healthchecks_and_restart(compose: dict) -> None:
    for name, svc in compose["services"].items():
        if name == "airflow-init":
            continue
        assert svc.get("healthcheck", {}).get("test"), name
        assert svc.get("restart") == "unless-stopped", name


def test_airflow_waits_for_healthy_dependencies(compose: dict) -> None:
    for name in AIRFLOW_SERVICES:
        deps = compose["services"][name]["depends_on"]
        for dep in ("postgres", "redis", "seaweedfs"):
            assert deps[dep]["condition"] == "service_healthy", (name, dep)
        assert deps["airflow-init"]["condition"] == "service_completed_successfully"


def test_named_volumes_are_declared(compose: dict) -> None:
    declared = set(compose["volumes"])
    for name, svc in compose["services"].items():
        for vol in svc.get("volumes", []):
            source = vol.split(":", 1)[0]
            if not source.startswith((".", "/")):
                assert source in declared, (name, source)
    assert "postgres-data" in declared


def test_env_names_settings_fields_and_no_literal_secrets(compose: dict) -> None:
    fields = set(Settings.model_fields)
    seen = set()
    for svc in compose["services"].values():
        env = svc.get("environment") or {}
        for key, value in env.items():
            if key.startswith("NEWSEVENTS_"):
                seen.add(key)
                assert key.removeprefix("NEWSEVENTS_").lower() in fields, key
            if key.startswith("AWS_SECRET") or key.endswith("PASSWORD"):
                pytest.fail(f"{key} must come from the env file, not the compose file")
            assert "change-me" not in str(value)
    assert {"NEWSEVENTS_DATABASE_URL", "NEWSEVENTS_SNAPSHOT_URI", "NEWSEVENTS_INPUTS"} <= seen
    worker_env = compose["services"]["airflow-worker"]["environment"]
    assert worker_env["AWS_ENDPOINT_URL"].startswith("http://seaweedfs")
    assert (REPO / "ops" / "newsevents.env.example").exists()
