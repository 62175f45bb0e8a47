"""The dashboard page in real headless Chromium (Debian's package, driven by Playwright; no browser download),
served by uvicorn on a loopback port: the map shows one marker per event, the timeline one series per type, and a
filter change re-queries both."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import Engine

from etl.api.app import create_app
from etl.publish import LocalSnapshotStore
from tests.etl.api.conftest import EVENTS

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(__file__).resolve().parents[3] / ".newsevents" / "dashboard.png"

ENSURE = Path(__file__).resolve().parents[3] / "etl" / "api" / "ensure_chromium.sh"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed by etl/api/ensure_chromium.sh when missing (apt, as the CI user root)."""
    if not shutil.which(CHROMIUM):
        subprocess.run(["bash", str(ENSURE)], check=False, timeout=900)
    if not shutil.which(CHROMIUM):
        pytest.fail(f"no {CHROMIUM}: etl/api/ensure_chromium.sh could not install it")
    return CHROMIUM


@pytest.fixture
def server(loaded: Engine, snapshots: LocalSnapshotStore) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(uvicorn.Config(create_app(loaded, snapshots), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(timeout=10)


def test_map_and_timeline_render_loaded_events(server: str, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
        page.goto(server)
        page.wait_for_function("document.body.dataset.refreshes === '1'", timeout=60000)

        assert page.locator("path.event-marker").count() == len(EVENTS)
        assert page.locator("path.land").count() > 100  # the vendored world outline drew
        types = {e.event_type for e in EVENTS}
        assert set(page.locator("#timeline g.series").evaluate_all("gs => gs.map(g => g.dataset.type)")) == types
        counts = page.locator("#timeline rect.bar").evaluate_all("rs => rs.map(r => +r.dataset.count)")
        assert sum(counts) == len(EVENTS)
        assert "2026-11-23" in page.locator("#freshness").inner_text()
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))

        page.locator("path.event-marker").first.click(force=True)
        assert "Fatalities" in page.locator(".leaflet-popup-content").inner_text()

        page.select_option("#event_type", "Battles")
        page.wait_for_function("document.body.dataset.refreshes === '2'", timeout=60000)
        battles = sum(e.event_type == "Battles" for e in EVENTS)
        assert page.locator("path.event-marker").count() == battles
        assert page.locator("#timeline g.series").evaluate_all("gs => gs.map(g => g.dataset.type)") == ["Battles"]

        page.fill("#country", "UKR")
        page.click("#filters button[type=submit]")
        page.wait_for_function("document.body.dataset.refreshes === '3'", timeout=60000)
        assert page.locator("path.event-marker").count() == sum(
            e.event_type == "Battles" and e.location and e.location.country == "UKR" for e in EVENTS)
        browser.close()
    assert outside == []  # nothing fetched from the internet
