"""The API against a real PostgreSQL loaded through the event store."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from etl.api.app import create_app
from etl.load.store import PostgresEventStore
from etl.publish import LocalSnapshotStore
from tests.etl.api.conftest import DAY, EVENTS


def ids(resp) -> list[str]:  # type: ignore[no-untyped-def]
    assert resp.status_code == 200, resp.text
    return [e["event_id"] for e in resp.json()["events"]]


def test_events_newest_first_with_sources(client: TestClient) -> None:
    got = client.get("/events").json()
    assert [e["event_id"] for e in got["events"]] == ["e06", "e05", "e03", "e04", "e01", "e02"]
    assert got["count"] == 6 and got["next_cursor"] is None
    first = got["events"][0]
    assert first["sources"][0]["url"] == "https://news.example/e06"
    assert first["location"]["country"] == "SDN" and first["fatalities"] == 40


def test_filters(client: TestClient) -> None:
    assert ids(client.get("/events", params={"country": "ukr"})) == ["e03", "e04"]
    assert ids(client.get("/events", params={"country": "KEN,FRA"})) == ["e05", "e02"]
    assert ids(client.get("/events", params={"event_type": "Protests"})) == ["e05", "e02"]
    assert ids(client.get("/events", params={"sub_event_type": "Air/drone strike"})) == ["e04"]
    assert ids(client.get("/events", params={"date_from": "2026-11-21", "date_to": "2026-11-22"})) == \
        ["e05", "e03", "e04"]
    assert ids(client.get("/events", params={"actor": "rapid support"})) == ["e06", "e01"]
    assert ids(client.get("/events", params={"actor": "RUS"})) == ["e03", "e04"]
    assert ids(client.get("/events", params={"actor": "100%_"})) == []  # wildcards are literal
    assert ids(client.get("/events", params={"bbox": "20,10,40,20"})) == ["e06", "e01"]
    assert ids(client.get("/events", params={"min_confidence": 0.75})) == ["e06", "e05"]


def test_bad_parameters(client: TestClient) -> None:
    for params in ({"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"limit": 1001}, {"limit": 0},
                   {"date_from": "yesterday"}, {"min_confidence": 2}):
        assert client.get("/events", params=params).status_code == 422, params  # malformed
    for params in ({"bbox": "10,0,5,1"}, {"bbox": "0,0,200,1"}, {"cursor": "not-a-cursor"}):
        resp = client.get("/events", params=params)  # well-formed but meaningless
        assert resp.status_code == 400 and resp.json()["detail"], params


def test_inverted_date_range_is_400_like_an_inverted_bbox(client: TestClient) -> None:
    inverted = {"date_from": "2026-11-23", "date_to": "2026-11-20"}
    for path in ("/events", "/events.geojson", "/daily_counts", "/dyads"):
        resp = client.get(path, params=inverted)
        assert resp.status_code == 400 and "date_from" in resp.json()["detail"], path
    assert ids(client.get("/events", params={"date_from": "2026-11-23", "date_to": "2026-11-23"})) == ["e06"]


def test_country_by_name_or_code_and_unknown_is_422(client: TestClient) -> None:
    assert ids(client.get("/events", params={"country": "sudan"})) == ["e06", "e01"]
    assert ids(client.get("/events", params={"country": "Ukraine, KE"})) == ["e03", "e04", "e02"]
    assert ids(client.get("/events", params={"country": "France"})) == ["e05"]
    assert [r["country"] for r in client.get("/daily_counts", params={"country": "Kenya"}).json()] == ["KEN"]
    for bad in ("somalia-land", "XYZ", "SDN,narnia"):
        resp = client.get("/events", params={"country": bad})
        assert resp.status_code == 422, bad
        assert resp.json()["detail"][0]["loc"] == ["query", "country"], bad
    assert client.get("/dyads", params={"country": "narnia"}).status_code == 422


def test_count_is_the_page_and_total_the_filter(client: TestClient) -> None:
    page = client.get("/events", params={"limit": 2}).json()
    assert page["count"] == 2 and page["total"] == len(EVENTS)
    follow = client.get("/events", params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert follow["total"] == len(EVENTS)  # the filter's total on every page, not what is left
    assert client.get("/events", params={"event_type": "Battles"}).json()["total"] == 3
    described = client.get("/openapi.json").json()["components"]["schemas"]["EventList"]["properties"]
    assert "page" in described["count"]["description"] and "total" in described


def test_cursor_and_offset_pages_cover_everything_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        resp = client.get("/events", params={"limit": 4, **({"cursor": cursor} if cursor else {})}).json()
        seen += [e["event_id"] for e in resp["events"]]
        cursor = resp["next_cursor"]
        if not cursor:
            break
    assert seen == ["e06", "e05", "e03", "e04", "e01", "e02"]
    assert ids(client.get("/events", params={"limit": 2, "offset": 2})) == ["e03", "e04"]


def test_csv_by_format_or_accept(client: TestClient) -> None:
    for resp in (client.get("/events", params={"format": "csv", "country": "SDN"}),
                 client.get("/events", params={"country": "SDN"}, headers={"Accept": "text/csv"})):
        assert resp.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(resp.text)))
        assert [r["event_id"] for r in rows] == ["e06", "e01"]
        assert rows[0]["fatalities"] == "40" and rows[0]["hedged"] == "false"
        assert rows[0]["source_urls"] == "https://news.example/e06"


def test_geojson(client: TestClient) -> None:
    for resp in (client.get("/events.geojson", params={"event_type": "Battles"}),
                 client.get("/events", params={"format": "geojson", "event_type": "Battles"})):
        assert resp.headers["content-type"].startswith("application/geo+json")
        doc = resp.json()
        assert doc["type"] == "FeatureCollection"
        assert sorted(f["id"] for f in doc["features"]) == ["e01", "e03", "e06"]
        e06 = next(f for f in doc["features"] if f["id"] == "e06")
        assert e06["geometry"]["coordinates"] == [32.56, 15.5]
        assert e06["properties"]["source_urls"] == ["https://news.example/e06"]


def test_event_detail_and_404(client: TestClient) -> None:
    got = client.get("/events/e04").json()
    assert got["event_type"] == "Explosions/Remote violence"
    assert [s["article_id"] for s in got["sources"]] == ["a-e04"]
    assert client.get("/events/nope").status_code == 404


def test_withdrawn_events_disappear(client: TestClient, loaded: Engine) -> None:
    PostgresEventStore(loaded).withdraw(["e06"], "run-2", DAY)
    assert "e06" not in ids(client.get("/events"))
    assert client.get("/events/e06").status_code == 404


def test_daily_counts_and_dyads(client: TestClient) -> None:
    rows = client.get("/daily_counts", params={"country": "SDN"}).json()
    assert [(r["event_date"], r["event_type"], r["events"], r["fatalities"]) for r in rows] == \
        [("2026-11-20", "Battles", 1, 12), ("2026-11-23", "Battles", 1, 40)]
    assert len(client.get("/daily_counts", params={"event_type": "Protests"}).json()) == 2
    top = client.get("/dyads", params={"limit": 1}).json()
    assert top == [{"actor1_name": "Military Forces of Sudan", "actor1_country": "SDN",
                    "actor2_name": "Rapid Support Forces", "actor2_country": "SDN", "events": 2,
                    "fatalities": 52, "mean_goldstein": -10.0, "first_event": "2026-11-20",
                    "last_event": "2026-11-23"}]
    assert [d["actor2_name"] for d in client.get("/dyads", params={"country": "UKR"}).json()] == \
        ["Civilians", "Military Forces of Ukraine"]


def test_health_runs_as_read_only_analyst(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "database": True, "role": "analyst"}


def test_freshness_reports_snapshot_and_run(client: TestClient) -> None:
    f = client.get("/freshness").json()
    assert f["snapshot"]["partition_date"] == "2026-11-23"  # the 11-24 folder has no manifest yet
    assert f["snapshot"]["row_count"] == 6 and f["snapshot"]["age_hours"] > 24
    assert f["last_run"]["run_id"] == "run-1" and f["last_run"]["status"] == "success"
    assert f["last_successful_run"]["run_id"] == "run-1"
    assert f["last_run_age_hours"] is not None and f["last_event_update"] is not None


def test_freshness_without_snapshots_is_stale(loaded: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(loaded, LocalSnapshotStore(tmp_path / "none"))) as c:
        f = c.get("/freshness").json()
    assert f["snapshot"] is None and f["stale"] is True


def test_empty_database(engine: Engine, snapshots: LocalSnapshotStore) -> None:
    with TestClient(create_app(engine, snapshots)) as c:
        assert c.get("/events").json()["events"] == []
        assert c.get("/daily_counts").json() == []
        assert c.get("/freshness").json()["last_run"] is None


def test_dashboard_and_vendored_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "static/dashboard.js" in page.text
    assert "http" not in page.text.split("<body>")[0]  # nothing from a CDN in the head
    for path in ("/static/vendor/leaflet.js", "/static/vendor/leaflet.css", "/static/vendor/countries-110m.json",
                 "/static/vendor/topojson-client.min.js", "/static/dashboard.js"):
        assert client.get(path).status_code == 200, path
    assert len(EVENTS) == 6


def test_pure_analyst_login_sees_views_but_not_runs(loaded: Engine, db_url: str,
                                                    snapshots: LocalSnapshotStore) -> None:
    """A login that is only a member of `analyst` serves the feed; /freshness just lacks the run."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    login = f"dash_{make_url(db_url).database}"
    with loaded.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{login}" LOGIN IN ROLE analyst'))
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{make_url(db_url).database}" TO "{login}"'))
    eng = create_engine(make_url(db_url).set(username=login, password=None))
    try:
        with TestClient(create_app(eng, snapshots)) as c:
            assert c.get("/health").json()["role"] == "analyst"
            assert len(c.get("/events").json()["events"]) == len(EVENTS)
            f = c.get("/freshness").json()
            assert f["last_run"] is None and f["snapshot"]["partition_date"] == "2026-11-23"
    finally:
        eng.dispose()
        with loaded.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{login}"'))
            conn.execute(text(f'DROP ROLE "{login}"'))


def test_unreachable_database_is_503(snapshots: LocalSnapshotStore) -> None:
    from sqlalchemy import create_engine

    dead = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2})
    with TestClient(create_app(dead, snapshots)) as c:
        for path in ("/events", "/health", "/freshness", "/daily_counts"):
            resp = c.get(path)
            assert resp.status_code == 503 and resp.json() == {"detail": "database unavailable"}, path
        assert c.get("/").status_code == 200  # the page itself still loads and says so


def _raw_cursor(payload: object) -> str:
    import base64
    import json

    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    "abc%00def",  # a NUL byte in the parameter
    "%ED%A0%80",  # a lone surrogate, UTF-8-encoded
    _raw_cursor(["2026-11-20", "ev\u0000x"]),  # a NUL byte in the id it holds
    _raw_cursor(["2026-11-20", "ev\ud800"]),  # a lone surrogate in the id
    _raw_cursor(["2026-11-20", {"id": "x"}]),  # an id that is an object
    _raw_cursor([20261120, "x"]),
])
def test_a_bad_cursor_is_400_never_500(client: TestClient, cursor: str) -> None:
    resp = client.get(f"/events?cursor={cursor}")
    assert resp.status_code == 400, resp.text


def test_a_role_that_cannot_be_assumed_stops_the_api(loaded: Engine, snapshots: LocalSnapshotStore,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from etl import settings as settings_mod
    from etl.api.app import RoleUnavailable

    monkeypatch.setenv("NEWSEVENTS_API_ROLE", "nosuchrole")
    settings_mod.get_settings.cache_clear()
    try:
        with pytest.raises(RoleUnavailable, match="nosuchrole"), TestClient(create_app(loaded, snapshots)):
            pass
    finally:
        settings_mod.get_settings.cache_clear()


def _cameo_only(engine: Engine) -> None:
    """A statement between the Sudanese sides and a meeting in Kenya: CAMEO-only events, stored as 'Strategic
    developments/Other' for compatibility."""
    from tests.etl.api.conftest import make_event

    said = make_event(("c01", 3, "Strategic developments", "Other", "190", "SDN", 15.5, 32.56, 0,
                       ("Military Forces of Sudan", "SDN"), ("Rapid Support Forces", "SDN")))
    met = make_event(("c02", 2, "Strategic developments", "Other", "190", "KEN", -1.29, 36.82, 0,
                      ("Government of Kenya", "KEN"), ("Government of Sudan", "SDN")))
    verbal = {"cameo_code": "112", "cameo_root": "11", "quad_class": 3, "goldstein": -2.0, "plover_event": "ACCUSE"}
    PostgresEventStore(engine).load_events(
        [said.model_copy(update={**verbal, "event_class": "verbal_conflict"}),
         met.model_copy(update={"cameo_code": "040", "cameo_root": "04", "quad_class": 1, "goldstein": 1.0,
                                "plover_event": "CONSULT", "event_class": "verbal_cooperation"})], "run-2", DAY)


def test_acleds_scope_by_default_every_class_on_request(client: TestClient, loaded: Engine) -> None:
    _cameo_only(loaded)
    acled = {e.event_id for e in EVENTS}
    assert set(ids(client.get("/events"))) == acled and client.get("/events").json()["total"] == len(acled)
    assert set(ids(client.get("/events", params={"scope": "all"}))) == acled | {"c01", "c02"}
    assert ids(client.get("/events", params={"event_class": "verbal_conflict"})) == ["c01"]
    assert ids(client.get("/events", params={"event_class": "verbal_cooperation,demonstration"})) == \
        ["c02", "e05", "e02"]
    assert ids(client.get("/events", params={"scope": "acled", "event_class": "verbal_conflict"})) == []
    assert client.get("/events", params={"event_class": "crime"}).status_code == 422
    assert client.get("/events", params={"scope": "cameo"}).status_code == 422
    assert client.get("/events/c01").json()["event_class"] == "verbal_conflict"  # by id: whatever its class

    every = list(csv.DictReader(io.StringIO(client.get("/events.csv", params={"scope": "all"}).text)))
    assert {r["event_id"]: r["event_class"] for r in every}["c02"] == "verbal_cooperation"
    assert "c02" not in client.get("/events.csv").text
    assert {f["id"] for f in client.get("/events.geojson").json()["features"]} == acled

    default = client.get("/daily_counts").json()
    assert "Strategic developments" not in {r["event_type"] for r in default}
    with loaded.connect() as c:  # the default is the ACLED-scoped view itself
        view = [dict(r) for r in c.execute(text(
            "SELECT event_date, country, event_type, sum(events)::integer AS events, "
            "sum(fatalities)::integer AS fatalities FROM public.daily_counts GROUP BY 1, 2, 3 "
            "ORDER BY event_date, country NULLS LAST, event_type")).mappings()]
    assert default == [{**r, "event_date": r["event_date"].isoformat()} for r in view]
    everything = client.get("/daily_counts", params={"scope": "all"}).json()
    assert sum(r["events"] for r in everything) == len(acled) + 2

    pair = {"actor": "Rapid Support"}
    assert [d["events"] for d in client.get("/dyads", params=pair).json()] == [2]
    assert [d["events"] for d in client.get("/dyads", params={**pair, "scope": "all"}).json()] == [3]
    with loaded.connect() as c:
        assert c.execute(text("SELECT sum(events) FROM public.dyads")).scalar_one() == \
            sum(d["events"] for d in client.get("/dyads").json())
