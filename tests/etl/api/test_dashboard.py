"""The dashboard page in real headless Chromium (Debian's package, driven by Playwright; no browser download),
served by uvicorn on a loopback port: the map shows one marker per event, the timeline one series per type, the
table one row per event, a filter change re-queries all three and is kept in the page's URL."""

from __future__ import annotations

import csv
import io
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import uvicorn
from sqlalchemy import Engine

from etl.api.app import create_app
from etl.load.store import PostgresEventStore
from etl.publish import LocalSnapshotStore
from schemas.models import Location
from tests.etl.api.conftest import DAY, EVENTS

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


@contextmanager
def serving(engine: Engine, snapshots: LocalSnapshotStore) -> Iterator[str]:
    """The API over `engine` on a free loopback port, in a thread; yields the dashboard's URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(uvicorn.Config(create_app(engine, snapshots), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(loaded: Engine, snapshots: LocalSnapshotStore) -> Iterator[str]:
    with serving(loaded, snapshots) as url:
        yield url


@contextmanager
def browser_page(chromium: str) -> Iterator:  # type: ignore[type-arg]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 720})
        finally:
            browser.close()


def column(page, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of the table's n-th column (1-based), top to bottom."""
    return page.locator(f"#event_table tbody tr td:nth-child({n})").all_inner_texts()


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


def test_filters_from_and_to_the_url_and_the_event_table(server: str, chromium: str) -> None:
    with browser_page(chromium) as page:
        page.goto(server + "?country=SDN&type=Battles")  # a shared link, with the issue's `type` alias
        page.wait_for_function("document.body.dataset.refreshes === '1'", timeout=60000)
        assert page.input_value("#country") == "SDN" and page.input_value("#event_type") == "Battles"
        sdn = sorted((e for e in EVENTS if e.location and e.location.country == "SDN"),
                     key=lambda e: e.event_date, reverse=True)
        assert page.locator("path.event-marker").count() == len(sdn)
        assert page.locator("#event_table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.id)") == \
            [e.event_id for e in sdn]  # newest first, as the API orders them
        assert column(page, 1) == [e.event_date.isoformat() for e in sdn]
        assert column(page, 3)[0] == "Military Forces of Sudan vs Rapid Support Forces"
        assert column(page, 4)[0] == "Place e06, SDN"
        assert parse_qs(urlsplit(page.url).query) == {"country": ["SDN"], "event_type": ["Battles"]}

        page.select_option("#event_type", "")  # a type change applies at once
        page.wait_for_function("document.body.dataset.refreshes === '2'", timeout=60000)
        page.fill("#country", "")
        page.fill("#date_from", "2026-11-21")
        page.click("#filters button[type=submit]")
        page.wait_for_function("document.body.dataset.refreshes === '3'", timeout=60000)
        assert parse_qs(urlsplit(page.url).query) == {"date_from": ["2026-11-21"]}  # the view to share
        later = [e for e in EVENTS if e.event_date >= DAY.replace(day=21)]
        assert page.locator("#event_table tbody tr").count() == len(later)

        page.click("#event_table th[data-key=fatalities] button")  # fatalities: most first
        assert [int(x) for x in column(page, 5)] == sorted((e.fatalities for e in later), reverse=True)
        assert page.get_attribute("#event_table th[data-key=fatalities]", "aria-sort") == "descending"
        page.click("#event_table th[data-key=fatalities] button")
        assert [int(x) for x in column(page, 5)] == sorted(e.fatalities for e in later)
        page.click("#event_table th[data-key=place] button")
        assert column(page, 4) == sorted(column(page, 4))

        href = page.get_attribute("#csv_download", "href")
        assert parse_qs(urlsplit(href).query) == {"date_from": ["2026-11-21"]}
        got = page.request.get(server + href)
        assert got.ok and got.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(got.text())))
        assert sorted(r["event_id"] for r in rows) == sorted(e.event_id for e in later)

        page.goto(server + "?date_from=2026-11-23&date_to=2026-11-20")  # an inverted range says why
        page.wait_for_function("document.body.dataset.refreshes === '1'", timeout=60000)
        assert "after date_to" in page.inner_text("#status")
        assert page.locator("#event_table tbody tr").count() == 0


def test_map_fits_points_at_one_place_without_zooming_into_nothing(engine: Engine, snapshots: LocalSnapshotStore,
                                                                   chromium: str) -> None:
    here = Location(name="Khartoum", country="SDN", latitude=15.5, longitude=32.56, geo_precision=1)
    store = PostgresEventStore(engine)
    store.begin_run(DAY, "run-1")
    store.load_events([e.model_copy(update={"location": here}) for e in EVENTS], "run-1", DAY)
    store.finish_run("run-1", "success", {})
    with serving(engine, snapshots) as url, browser_page(chromium) as page:
        page.goto(url)
        page.wait_for_function("document.body.dataset.refreshes === '1'", timeout=60000)
        assert page.locator("path.event-marker").count() == len(EVENTS)
        assert int(page.evaluate("document.body.dataset.zoom")) <= 5  # country scale: the outline still shows
        box = page.locator("#map").bounding_box()
        assert box is not None
        for marker in page.locator("path.event-marker").all():  # every marker inside the map's frame
            b = marker.bounding_box()
            assert b is not None
            assert box["x"] <= b["x"] + b["width"] / 2 <= box["x"] + box["width"]
            assert box["y"] <= b["y"] + b["height"] / 2 <= box["y"] + box["height"]
        assert page.locator("path.land").count() > 0


def test_acleds_scope_by_default_and_every_class_from_the_scope_filter(engine: Engine, snapshots: LocalSnapshotStore,
                                                                       chromium: str) -> None:
    """A CAMEO-only statement is on neither the map nor the table until the scope is `all` (kept in the URL)."""
    said = EVENTS[0].model_copy(update={
        "event_id": "c01", "event_type": "Strategic developments", "sub_event_type": "Other", "cameo_code": "112",
        "cameo_root": "11", "quad_class": 3, "goldstein": -2.0, "fatalities": 0, "fatalities_reported": [],
        "event_class": "verbal_conflict"})
    store = PostgresEventStore(engine)
    store.begin_run(DAY, "run-1")
    store.load_events([*EVENTS, said], "run-1", DAY)
    store.finish_run("run-1", "success", {})
    with serving(engine, snapshots) as url, browser_page(chromium) as page:
        page.goto(url)
        page.wait_for_function("document.body.dataset.refreshes === '1'", timeout=60000)
        assert page.input_value("#scope") == ""
        assert page.locator("path.event-marker").count() == len(EVENTS)
        assert "c01" not in page.locator("#event_table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.id)")

        page.select_option("#scope", "all")  # applies at once
        page.wait_for_function("document.body.dataset.refreshes === '2'", timeout=60000)
        assert parse_qs(urlsplit(page.url).query) == {"scope": ["all"]}
        assert page.locator("path.event-marker").count() == len(EVENTS) + 1
        assert "c01" in page.locator("#event_table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.id)")
        assert page.locator("#timeline rect[data-type='Strategic developments']").count() == 1

        page.goto(url + "?scope=all")  # a shared link keeps the scope
        page.wait_for_function("document.body.dataset.refreshes === '1'", timeout=60000)
        assert page.input_value("#scope") == "all" and page.locator("#event_table tbody tr").count() == len(EVENTS) + 1
